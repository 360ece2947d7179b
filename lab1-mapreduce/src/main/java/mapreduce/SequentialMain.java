package mapreduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The sequential reference run (given): writes the job's correct output to {@code mr-out-0}.
 *
 * <pre>
 * java -cp CLASSPATH mapreduce.SequentialMain wc zipf-*.txt
 * </pre>
 */
@Command(
    name = "sequential",
    mixinStandardHelpOptions = true,
    version = Cli.VERSION,
    description = "Runs a MapReduce app in this one process and writes mr-out-0.")
public final class SequentialMain implements Callable<Integer> {
  static final String OUTPUT = "mr-out-0";

  @Mixin private AppOptions app;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Input files.")
  private List<String> inputFiles;

  public static void main(String[] args) {
    System.exit(Cli.run(new SequentialMain(), args));
  }

  @Override
  public Integer call() throws IOException {
    MapReduceApp mapReduceApp = app.load();
    Cli.requireReadable(inputFiles);
    List<String> lines = SequentialRunner.run(mapReduceApp, Path.of(""), inputFiles);
    Files.write(Path.of(OUTPUT), lines);
    return 0;
  }
}
