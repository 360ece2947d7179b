package mapreduce;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes Zipf-distributed input files ({@link ZipfCorpus}) for running the lab by hand.
 *
 * <pre>
 * java -cp CLASSPATH mapreduce.CorpusMain --files 8 --megabytes 2 .
 * </pre>
 */
@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    version = Cli.VERSION,
    description = "Writes zipf-0.txt, zipf-1.txt, ... of generated text into DIR.")
public final class CorpusMain implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", defaultValue = ".", description = "Directory (default: .).")
  private Path dir;

  @Option(names = "--files", defaultValue = "8", description = "Number of files (default: 8).")
  private int files;

  @Option(
      names = "--megabytes",
      defaultValue = "2",
      description = "Total size in MB (default: 2).")
  private double megabytes;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: 1).")
  private long seed;

  public static void main(String[] args) {
    System.exit(Cli.run(new CorpusMain(), args));
  }

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      throw Cli.usage("'" + dir + "' is not a directory");
    }
    long bytes = (long) (megabytes * 1_000_000);
    if (files < 1 || bytes < files) {
      throw Cli.usage("need --files of at least 1 and at least one byte per file");
    }
    for (String name : ZipfCorpus.write(dir, files, bytes, seed)) {
      System.out.println(dir.resolve(name));
    }
    return 0;
  }
}
