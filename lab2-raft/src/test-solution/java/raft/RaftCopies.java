package raft;

import java.io.IOException;
import java.util.List;
import labs.harness.ReferenceCopies;
import labs.harness.ReferenceCopies.Edit;

/**
 * Copies of the reference Raft changed by text edits ({@link ReferenceCopies}): how the tests of
 * the tests put a bug or a mistake into Raft without any hook in the reference. Used by {@link
 * DeliberateBugsTest}, {@link MistakesTest} and {@link RaceDetectorTest}.
 */
final class RaftCopies {
  private RaftCopies() {}

  /** An edit of the reference's {@code Raft.java}. */
  static Edit raft(String original, String changed) {
    return new Edit("raft/Raft.java", original, changed);
  }

  /**
   * Compiles the reference with {@code edits}; returns a loader that sees the changed classes
   * first, then the tests, then the given code. {@code name} names the change in error messages.
   */
  static ClassLoader compileWith(String name, List<Edit> edits) throws IOException {
    return ReferenceCopies.compile(name, edits, List.of("raft"), List.of(ElectionTest.class, RaftApi.class));
  }
}
