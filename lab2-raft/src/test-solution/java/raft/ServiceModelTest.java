package raft;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import labs.runtime.RunLimits;
import labs.runtime.World;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Tests of the tester's model of the services: the checks that do not need a broken Raft to fail. */
@Tag("tests-of-the-tests")
class ServiceModelTest {

  private static void inWorld(Runnable body) throws Exception {
    World.run(World.Mode.SIMULATION, 1, RunLimits.DEFAULT, () -> {
      body.run();
      return null;
    });
  }

  @Test
  void whatACrashedServerAppliedJustBeforeItsCrashIsCheckedForAgreement() {
    assertThatThrownBy(() -> inWorld(() -> {
      ServiceModel model = new ServiceModel(2);
      int life0 = model.restarted(0, new byte[0]);
      int life1 = model.restarted(1, new byte[0]);
      model.apply(0, life0, new ApplyMsg.Command(1, 10), false);
      model.apply(1, life1, new ApplyMsg.Command(1, 10), false);
      // server 0 applied 20 at index 2 and crashed before the tester's applier read it
      model.crashed(0);
      model.appliedBeforeCrash(0, new ApplyMsg.Command(2, 20));
      model.apply(1, life1, new ApplyMsg.Command(2, 21), false);
      model.check();
    })).hasMessageContaining("applied different commands at index 2");
  }

  @Test
  void aMessageTheApplierReadBeforeTheCrashButHandsInAfterItIsCheckedToo() {
    assertThatThrownBy(() -> inWorld(() -> {
      ServiceModel model = new ServiceModel(2);
      int life0 = model.restarted(0, new byte[0]);
      int life1 = model.restarted(1, new byte[0]);
      model.apply(1, life1, new ApplyMsg.Command(1, 11), false);
      model.crashed(0);
      model.apply(0, life0, new ApplyMsg.Command(1, 10), false); // an old life's token
      model.check();
    })).hasMessageContaining("applied different commands at index 1");
  }
}
