package mapreduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;

/**
 * The file {@value #NAME} in the working directory: the coordinator writes its port there, so
 * that workers started in the same directory without {@code --port} find it.
 */
final class PortFile {
  static final String NAME = "mr-coordinator.port";

  private PortFile() {}

  static Path path() {
    return Path.of(NAME);
  }

  /** Writes the port atomically (temp file + rename): a reader never sees half a number. */
  static void write(int port) {
    try {
      Path temp = Files.createTempFile(Path.of("").toAbsolutePath(), "mr-coordinator-", ".tmp");
      Files.writeString(temp, port + "\n");
      Files.move(temp, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path().toAbsolutePath(), e);
    }
  }

  /** The port in the file, or empty if there is no file (yet) or it holds no port. */
  static OptionalInt read() {
    try {
      return OptionalInt.of(Integer.parseInt(Files.readString(path()).strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** Removes the file if it still names {@code port} (a newer coordinator may have replaced it). */
  static void deleteIfOwn(int port) {
    if (read().equals(OptionalInt.of(port))) {
      try {
        Files.deleteIfExists(path());
      } catch (IOException e) {
        // Best effort: a stale file only delays workers, which then report that nobody answers.
      }
    }
  }
}
