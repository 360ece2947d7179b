package labs.checker.file;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import labs.checker.CheckOptions;
import labs.checker.CheckResult;
import labs.checker.Checker;
import labs.checker.Model;
import labs.checker.Operation;
import labs.checker.viewer.HistoryViewer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Checks a history file for linearizability ({@code check}) and writes its viewer page ({@code
 * view}). The file format is {@link HistoryFile}'s; Jepsen etcd logs and Porcupine's key/value
 * logs are read too ({@code --format}). Exit codes: 0 linearizable, 1 not linearizable, 2 bad
 * input (every malformed line is reported on a line of its own, naming its number), 3 undecided.
 *
 * <pre>
 * bench/history.sh check my-history.txt
 * bench/history.sh view my-history.txt -o page.html
 * </pre>
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Check a recorded history for linearizability, or draw it.",
    subcommands = {HistoryTool.Check.class, HistoryTool.View.class},
    footer = {"", "Exit codes: 0 linearizable, 1 not linearizable, 2 bad input, 3 undecided."})
public final class HistoryTool implements Callable<Integer> {
  static final int OK = 0;
  static final int ILLEGAL = 1;
  static final int BAD_INPUT = 2;
  static final int UNKNOWN = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** Runs the tool; returns its exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine line = new CommandLine(new HistoryTool());
    line.setOut(out);
    line.setErr(err);
    line.setExecutionExceptionHandler((e, cmd, parsed) -> {
      err.println("history: " + e.getMessage());
      return BAD_INPUT;
    });
    int code = line.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: check or view");
  }

  /** What both commands read and how they check it. */
  static final class Input {
    @Parameters(index = "0", paramLabel = "FILE", description = "The history file.")
    Path file;

    @Option(names = "--format", defaultValue = "ops", paramLabel = "FORMAT",
        description = "ops (one operation per line, the default), jepsen (an etcd log) or "
            + "porcupine-kv (Porcupine's key/value logs).")
    String format;

    @Option(names = "--model", paramLabel = "MODEL",
        description = "register, kv or versioned-kv, for an ops file without a model line.")
    String model;

    @Option(names = "--steps", defaultValue = "100000000", paramLabel = "N",
        description = "Step budget (default ${DEFAULT-VALUE}): the same verdict on every machine.")
    long steps;

    @Option(names = "--timeout", paramLabel = "TIME", converter = DurationConverter.class,
        description = "Also stop after this long (10s, 500ms, 2m): faster, but then the verdict "
            + "may depend on the machine.")
    Duration timeout;

    @Option(names = "--all-partitions",
        description = "Search every key even after one is found not linearizable (for the viewer).")
    boolean allPartitions;

    @Option(names = "--search-only", description = "Use the plain search, no fast paths.")
    boolean searchOnly;

    HistoryFile.Contents<?, ?> read() throws IOException {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new IOException("no such file: " + file);
      }
      if (model != null && !format.equals("ops")) {
        throw new IllegalArgumentException("--model is for the ops format; a " + format
            + " log implies its model");
      }
      return switch (format) {
        case "ops" -> HistoryFile.read(text, model);
        case "jepsen" -> JepsenLog.read(text);
        case "porcupine-kv" -> PorcupineKvLog.read(text);
        default -> throw new IllegalArgumentException(
            "unknown format \"" + format + "\": use ops, jepsen or porcupine-kv");
      };
    }

    CheckOptions options() {
      if (steps <= 0) {
        throw new IllegalArgumentException("--steps must be positive, got " + steps);
      }
      CheckOptions options = CheckOptions.ofSteps(steps);
      if (timeout != null) {
        options = options.withTimeout(timeout);
      }
      return options.withSearchAllPartitions(allPartitions).withFastPaths(!searchOnly);
    }
  }

  /** Reads, checks and reports; the view command also writes the page. */
  abstract static class Checking implements Callable<Integer> {
    @Mixin
    Input input;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      HistoryFile.Contents<?, ?> contents;
      CheckOptions options;
      try {
        options = input.options();
        contents = input.read();
      } catch (HistoryFormatException e) {
        for (String problem : e.lines()) {
          err.println(input.file + ": " + problem);
        }
        return BAD_INPUT;
      } catch (IOException | IllegalArgumentException e) {
        err.println("history: " + e.getMessage());
        return BAD_INPUT;
      }
      CheckResult<?, ?> result = check(contents, options);
      report(result, out);
      return switch (result.verdict()) {
        case OK -> OK;
        case ILLEGAL -> ILLEGAL;
        case UNKNOWN -> UNKNOWN;
      };
    }

    abstract void report(CheckResult<?, ?> result, PrintWriter out);
  }

  private static <I, O> CheckResult<I, O> check(
      HistoryFile.Contents<I, O> contents, CheckOptions options) {
    Model<?, I, O> model = contents.model();
    List<Operation<I, O>> ops = contents.operations();
    return Checker.check(model, ops, options);
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Print whether the history is linearizable, and if not, why.")
  static final class Check extends Checking {
    @Override
    void report(CheckResult<?, ?> result, PrintWriter out) {
      out.println(result.describe());
    }
  }

  @Command(name = "view", mixinStandardHelpOptions = true,
      description = "Check the history and write its viewer page (a self-contained HTML file).")
  static final class View extends Checking {
    @Option(names = {"-o", "--output"}, paramLabel = "PAGE",
        description = "Where to write the page (default: FILE with .html instead of its suffix).")
    Path output;

    @Override
    void report(CheckResult<?, ?> result, PrintWriter out) {
      Path page = output != null ? output : defaultPage(input.file);
      HistoryViewer.write(result, page, input.file.getFileName().toString(), List.of());
      out.println(result.describe(page));
    }

    private static Path defaultPage(Path file) {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".html");
    }
  }

  /** 10s, 500ms, 2m, 1h (or an ISO-8601 duration such as PT10S). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("pt")) {
          return Duration.parse(v);
        }
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> throw new CommandLine.TypeConversionException("");
        };
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException(
            "\"" + value + "\" is not a duration: write for example 10s, 500ms or 2m");
      }
    }
  }
}
