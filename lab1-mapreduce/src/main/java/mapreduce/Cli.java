package mapreduce;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What the three command-line programs share: picocli set up so that bad input ends in one line
 * on stderr ({@code <program>: <cause and fix>}) and a non-zero exit status, never in a bare stack
 * trace.
 *
 * <p>Exit statuses: 0 success, {@value #USAGE} bad command line or input (unknown app, missing
 * file, bad option), {@value #FAILURE} failure while running (port in use, coordinator
 * unreachable, unexpected error). The crash app's deliberate crashes exit with
 * {@link mapreduce.apps.Crash#CRASH_EXIT_STATUS}.
 */
final class Cli {
  static final String VERSION = "lab1-mapreduce (distributed systems labs)";
  static final int USAGE = 2;
  static final int FAILURE = 1;

  private Cli() {}

  /** A failure the program reports as one line and an exit status, without a stack trace. */
  static final class Failure extends RuntimeException {
    private final int status;

    private Failure(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  static Failure usage(String message) {
    return new Failure(USAGE, message);
  }

  static Failure failure(String message) {
    return new Failure(FAILURE, message);
  }

  /** Parses {@code args} into {@code command}, runs it and returns the exit status. */
  static int run(Callable<Integer> command, String[] args) {
    CommandLine commandLine = new CommandLine(command);
    String program = commandLine.getCommandName();
    commandLine.setParameterExceptionHandler(
        (error, ignored) -> {
          PrintWriter err = error.getCommandLine().getErr();
          err.println(program + ": " + error.getMessage() + " (see --help)");
          return USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (error, cl, parsed) -> {
          PrintWriter err = cl.getErr();
          if (error instanceof Failure failure) {
            err.println(program + ": " + failure.getMessage());
            return failure.status;
          }
          err.println(program + ": unexpected error: " + error + " (stack trace follows)");
          error.printStackTrace(err);
          return FAILURE;
        });
    return commandLine.execute(args);
  }

  /** Checks that every input file can be read, naming the first one that cannot. */
  static void requireReadable(List<String> inputFiles) {
    for (String name : inputFiles) {
      Path file = Path.of(name);
      if (!Files.exists(file)) {
        throw usage("cannot read input file '" + name + "': no such file (in "
            + Path.of("").toAbsolutePath() + ")");
      }
      if (Files.isDirectory(file)) {
        throw usage("cannot read input file '" + name + "': it is a directory");
      }
      if (!Files.isReadable(file)) {
        throw usage("cannot read input file '" + name + "': permission denied");
      }
    }
  }
}
