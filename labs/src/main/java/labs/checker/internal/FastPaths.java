package labs.checker.internal;

import labs.checker.Model;
import labs.checker.models.VersionedKvModel;

/**
 * Picks the exact fast path for a partition, if its model has one: {@link VersionedKvPath} for
 * {@link VersionedKvModel}; {@link UniqueRegisterPath} for the register and key/value models
 * (it then checks that written values are unique). Other models, and partitions a path does not
 * cover, go to the search.
 */
public final class FastPaths {
  private FastPaths() {}

  /** The fast path's decision for one partition; {@link Decision.NotApplicable} if none fits. */
  public static Decision decide(Model<Object, Object, Object> model, Local local) {
    if ((Model<?, ?, ?>) model == VersionedKvModel.INSTANCE) {
      return VersionedKvPath.decide(model, local);
    }
    RegisterView view = RegisterView.of(model, local);
    if (view != null) {
      return UniqueRegisterPath.decide(model, local, view);
    }
    return new Decision.NotApplicable("the model " + model.getClass().getSimpleName()
        + " has no fast path", 0);
  }
}
