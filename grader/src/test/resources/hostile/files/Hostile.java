package raft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hostile: writes outside its folder (beside the course tree the grader built). */
final class Hostile {
  static void run() {
    try {
      Files.writeString(Path.of("../../escaped.txt"), "written by a submission\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
