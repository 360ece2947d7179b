package grader;

import grader.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The grader's command line: {@code grader run | grade | merge | gradescope | release | similarity}. */
@Command(name = "grader", mixinStandardHelpOptions = true, version = "grader 1.0",
    description = "Runs many seeds of the labs' tests, grades submissions, and exports the student release.",
    subcommands = {RunCommand.class, grader.cli.GradeCommand.class, grader.cli.MergeCommand.class,
        grader.cli.GradescopeCommand.class, grader.cli.ReleaseCommand.class, grader.cli.SimilarityCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit status (0: success, 1: failures found, 2: bad input). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
        cmd.getErr().println("grader: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cl.execute(args);
  }
}
