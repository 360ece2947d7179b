package labs.net;

import labs.runtime.World;

class RealNetworkTest extends NetworkContract {
  @Override
  World.Mode mode() {
    return World.Mode.REAL;
  }
}
