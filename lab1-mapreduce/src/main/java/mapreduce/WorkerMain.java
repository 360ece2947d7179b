package mapreduce;

import java.nio.file.Path;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A worker process (given; do not modify). Loads the app, finds the coordinator over Java RMI and
 * runs the student's {@link Worker} until it returns. A worker started before its coordinator
 * waits up to {@code --connect-timeout} seconds for it, then gives up with an error. Once
 * connected, losing the coordinator (a refused or dropped connection) means the job is over: the
 * worker exits with status 0.
 *
 * <pre>
 * java -cp CLASSPATH mapreduce.WorkerMain [--port N] wc
 * java -cp CLASSPATH mapreduce.WorkerMain --jar myapp.jar org.example.Grep
 * </pre>
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    version = Cli.VERSION,
    description = "Runs a MapReduce worker: asks the coordinator for tasks until the job is done.")
public final class WorkerMain implements Callable<Integer> {
  @Mixin private AppOptions app;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = Rmi.LOOPBACK,
      description = "Host of the coordinator (default: ${DEFAULT-VALUE}).")
  private String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "-1",
      description = "Port of the coordinator (default: read from " + PortFile.NAME + ").")
  private int port;

  @Option(
      names = "--connect-timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "How long to wait for the coordinator to start (default: ${DEFAULT-VALUE}).")
  private int connectTimeoutSeconds;

  public static void main(String[] args) {
    Rmi.boundClientWaits();
    System.exit(Cli.run(new WorkerMain(), args));
  }

  @Override
  public Integer call() {
    if (port > 65_535 || port < -1 || port == 0) {
      throw Cli.usage("--port must be between 1 and 65535, got " + port);
    }
    if (connectTimeoutSeconds < 0) {
      throw Cli.usage("--connect-timeout must not be negative, got " + connectTimeoutSeconds);
    }
    MapReduceApp mapReduceApp = app.load();
    String name = "worker-" + ProcessHandle.current().pid();
    CoordinatorService coordinator =
        Rmi.lookupCoordinator(
            host,
            () -> port > 0 ? port : PortFile.read().orElse(-1),
            Duration.ofSeconds(connectTimeoutSeconds),
            "no --port given and no " + PortFile.NAME + " in " + Path.of("").toAbsolutePath());
    try {
      new Worker(coordinator, mapReduceApp, name).run();
      System.out.println(name + ": finished");
    } catch (RemoteException e) {
      if (!Rmi.coordinatorIsGone(e)) {
        throw Cli.failure("a call to the coordinator failed: " + e.getMessage());
      }
      System.out.println(name + ": the coordinator is gone, so the job is over ("
          + e.getClass().getSimpleName() + ")");
    }
    return 0;
  }
}
