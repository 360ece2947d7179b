package mapreduce;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The coordinator process (given; do not modify). Creates the student's {@link Coordinator} for
 * the input files, serves it over Java RMI on 127.0.0.1, writes the port to
 * {@value PortFile#NAME}, asks {@link Coordinator#done()} once a second, and exits one second
 * after it returns true.
 *
 * <pre>
 * java -cp CLASSPATH mapreduce.CoordinatorMain [--port N] [--n-reduce 10] zipf-*.txt
 * </pre>
 */
@Command(
    name = "coordinator",
    mixinStandardHelpOptions = true,
    version = Cli.VERSION,
    description = "Runs the MapReduce coordinator for the given input files (one map task each).")
public final class CoordinatorMain implements Callable<Integer> {
  private static final Duration POLL = Duration.ofSeconds(1);

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Input files, one map task each.")
  private List<String> inputFiles;

  @Option(
      names = "--n-reduce",
      paramLabel = "N",
      defaultValue = "10",
      description = "Number of reduce tasks (default: ${DEFAULT-VALUE}).")
  private int nReduce;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "Port of 127.0.0.1 to listen on (default: a free one, written to "
          + PortFile.NAME + ").")
  private int port;

  public static void main(String[] args) {
    System.exit(Cli.run(new CoordinatorMain(), args));
  }

  @Override
  public Integer call() throws InterruptedException {
    if (nReduce < 1) {
      throw Cli.usage("--n-reduce must be at least 1, got " + nReduce);
    }
    if (port < 0 || port > 65_535) {
      throw Cli.usage("--port must be between 0 and 65535, got " + port);
    }
    Cli.requireReadable(inputFiles);
    Coordinator coordinator = new Coordinator(List.copyOf(inputFiles), nReduce);
    int boundPort = Rmi.exportCoordinator(coordinator, port);
    PortFile.write(boundPort);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> PortFile.deleteIfOwn(boundPort)));
    System.out.printf(
        "coordinator: listening on %s:%d (map tasks: %d, reduce tasks: %d)%n",
        Rmi.LOOPBACK, boundPort, inputFiles.size(), nReduce);
    while (!coordinator.done()) {
      Thread.sleep(POLL);
    }
    System.out.println("coordinator: job done");
    Thread.sleep(POLL); // lets workers hear the news before the coordinator disappears
    return 0;
  }
}
