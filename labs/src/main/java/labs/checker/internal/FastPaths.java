package labs.checker.internal;

import labs.checker.Model;
import labs.checker.models.KvModel;
import labs.checker.models.VersionedKvModel;

/**
 * Picks the exact fast path for a partition, if its model has one: {@link VersionedKvPath} for
 * {@link VersionedKvModel}; {@link UniqueRegisterPath} for the register and key/value models
 * (it then checks that written values are unique), for a key with appends through {@link
 * AppendChains} (which checks that appended strings are unique). Other models, and partitions a
 * path does not cover, go to the search.
 */
public final class FastPaths {
  private FastPaths() {}

  /** The fast path's decision for one partition; {@link Decision.NotApplicable} if none fits. */
  public static Decision decide(Model<Object, Object, Object> model, Local local) {
    if ((Model<?, ?, ?>) model == VersionedKvModel.INSTANCE) {
      return VersionedKvPath.decide(model, local);
    }
    if ((Model<?, ?, ?>) model == KvModel.INSTANCE && AppendChains.hasAppend(local)) {
      return decideAppends(model, local);
    }
    RegisterView view = RegisterView.of(model, local);
    if (view != null) {
      return UniqueRegisterPath.decide(model, local, view);
    }
    return new Decision.NotApplicable("the model " + model.getClass().getSimpleName()
        + " has no fast path", 0);
  }

  private static Decision decideAppends(Model<Object, Object, Object> model, Local local) {
    AppendChains chains = new AppendChains(model, local);
    UniqueRegisterPath.Words words = UniqueRegisterPath.Words.APPENDS;
    if (chains.notApplicable != null) {
      return new Decision.NotApplicable(chains.notApplicable, chains.steps);
    }
    if (chains.story != null) {
      return Witness.refutation(model, local, words.method(), chains.story, chains.blamed,
          byCall(local), chains.steps);
    }
    Decision d = UniqueRegisterPath.decide(model, local, chains.view, words);
    return switch (d) {
      case Decision.Decided k -> new Decision.Decided(k.ok(), k.method(), k.story(), k.order(),
          k.blockedBy(), k.steps() + chains.steps);
      case Decision.NotApplicable k -> new Decision.NotApplicable(k.reason(),
          k.steps() + chains.steps);
    };
  }

  /** The completed operations by call: an order whose valid prefix is a refutation's evidence. */
  private static int[] byCall(Local local) {
    return java.util.stream.IntStream.range(0, local.size()).boxed()
        .filter(local::complete)
        .sorted(java.util.Comparator.<Integer>comparingLong(i -> local.call()[i])
            .thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
  }
}
