package labs.checker;

import java.util.List;
import java.util.Random;
import labs.checker.models.KvModel;
import labs.checker.models.RegisterModel;
import labs.checker.models.VersionedKvModel;

/**
 * Seeded histories of each shipped model for tests outside this package (a few clients, some
 * operations that never returned, repeated values now and then).
 */
public final class TestHistories {
  private TestHistories() {}

  public static List<Operation<RegisterModel.Input, RegisterModel.Output>> register(Random r) {
    return Plans.clients(r, 1 + r.nextInt(5), 1 + r.nextInt(30), 0.05,
        new Specs.Register(0.4, 0.3, r.nextBoolean(), r.nextBoolean()));
  }

  public static List<Operation<KvModel.Input, String>> kv(Random r) {
    return Plans.clients(r, 1 + r.nextInt(5), 1 + r.nextInt(30), 0.05,
        new Specs.Kv(1 + r.nextInt(3), 0.5, r.nextBoolean()));
  }

  public static List<Operation<VersionedKvModel.Input, VersionedKvModel.Reply>> versioned(
      Random r) {
    return Plans.clients(r, 1 + r.nextInt(5), 1 + r.nextInt(30), 0.05,
        new Specs.Versioned(1 + r.nextInt(3), 0.2, r.nextBoolean()));
  }
}
