package mapreduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The given pieces the tests and workers rely on: the partition hash, the apps' map and reduce
 * functions, app loading (by name and from a jar) and the sequential runner. (Given code: these
 * pass on the skeleton too and carry no points.)
 */
@Tag("1")
class AppsTest {
  @TempDir Path dir;

  @Test
  @DisplayName("ihash is 32-bit FNV-1a, masked to non-negative")
  void ihashIsFnv1a() {
    // Published FNV-1a 32-bit test vectors: "" -> 0x811c9dc5, "a" -> 0xe40c292c, "foobar" -> 0xbf9cf968.
    assertThat(Partition.ihash("")).isEqualTo(0x811c9dc5 & 0x7fffffff);
    assertThat(Partition.ihash("a")).isEqualTo(0xe40c292c & 0x7fffffff);
    assertThat(Partition.ihash("foobar")).isEqualTo(0xbf9cf968 & 0x7fffffff);
    assertThat(Partition.of("foobar", 10)).isEqualTo((0xbf9cf968 & 0x7fffffff) % 10);
    assertThatThrownBy(() -> Partition.of("a", 0)).hasMessageContaining("nReduce must be at least 1");
  }

  @Test
  @DisplayName("wc splits on non-letters, keeps case and accented letters")
  void wordCountSplitsOnNonLetters() {
    MapReduceApp wc = AppLoader.byName("wc");
    List<KeyValue> pairs = wc.map("a.txt", "Hello, world! hello...42x café\n");
    assertThat(pairs).extracting(KeyValue::key).containsExactly("Hello", "world", "hello", "x", "café");
    assertThat(pairs).extracting(KeyValue::value).containsOnly("1");
    assertThat(wc.reduce("hello", List.of("1", "1", "1"))).isEqualTo("3");
  }

  @Test
  @DisplayName("indexer emits each word once per document and lists documents sorted")
  void indexerListsDocuments() {
    MapReduceApp indexer = AppLoader.byName("indexer");
    assertThat(indexer.map("d.txt", "to be or not to be"))
        .containsExactly(new KeyValue("to", "d.txt"), new KeyValue("be", "d.txt"),
            new KeyValue("or", "d.txt"), new KeyValue("not", "d.txt"));
    assertThat(indexer.reduce("to", List.of("z.txt", "a.txt"))).isEqualTo("2 a.txt,z.txt");
  }

  @Test
  @DisplayName("nocrash emits file name, lengths and a constant; reduce sorts the values")
  void noCrashApp() {
    MapReduceApp app = AppLoader.byName("nocrash");
    assertThat(app.map("in.txt", "abc"))
        .containsExactly(new KeyValue("a", "in.txt"), new KeyValue("b", "6"),
            new KeyValue("c", "3"), new KeyValue("d", "xyzzy"));
    assertThat(app.reduce("b", List.of("7", "10", "6"))).isEqualTo("10 6 7");
  }

  @Test
  @DisplayName("every app of the test script loads by name; an unknown name lists them")
  void appsByName() {
    assertThat(AppLoader.names()).containsExactly(
        "crash", "early_exit", "indexer", "jobcount", "mtiming", "nocrash", "rtiming", "wc");
    assertThatThrownBy(() -> AppLoader.byName("grep"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown app 'grep'")
        .hasMessageContaining("crash, early_exit, indexer")
        .hasMessageContaining("--jar");
  }

  @Test
  @DisplayName("an app class loads from a jar that is not on the class path")
  void appFromJar() throws IOException {
    Path jar = compileIntoJar("demo.Shout", """
        package demo;
        import java.util.List;
        import mapreduce.KeyValue;
        import mapreduce.MapReduceApp;
        public class Shout implements MapReduceApp {
          public List<KeyValue> map(String file, String contents) {
            return List.of(new KeyValue(contents.toUpperCase(), file));
          }
          public String reduce(String key, List<String> values) { return "!" + values.size(); }
        }
        """);
    MapReduceApp app = AppLoader.fromJar(jar, "demo.Shout");
    assertThat(app.map("f", "hey")).containsExactly(new KeyValue("HEY", "f"));
    assertThat(app.reduce("HEY", List.of("f", "g"))).isEqualTo("!2");
    assertThatThrownBy(() -> AppLoader.byName("demo.Shout"))
        .hasMessageContaining("unknown app");
    assertThatThrownBy(() -> AppLoader.fromJar(jar, "demo.Missing"))
        .hasMessageContaining("class 'demo.Missing' is not in");
    assertThatThrownBy(() -> AppLoader.fromJar(jar, "java.lang.String"))
        .hasMessageContaining("does not implement mapreduce.MapReduceApp");
    assertThatThrownBy(() -> AppLoader.fromJar(dir.resolve("none.jar"), "demo.Shout"))
        .hasMessageContaining("cannot read app jar");
  }

  @Test
  @DisplayName("the sequential runner maps, sorts, groups and reduces")
  void sequentialRunner() throws IOException {
    Files.writeString(dir.resolve("one.txt"), "b a b");
    Files.writeString(dir.resolve("two.txt"), "c b");
    assertThat(SequentialRunner.run(AppLoader.byName("wc"), dir, List.of("one.txt", "two.txt")))
        .containsExactly("a 1", "b 3", "c 1");
    assertThat(SequentialRunner.run(AppLoader.byName("indexer"), dir, List.of("one.txt", "two.txt")))
        .containsExactly("a 1 one.txt", "b 2 one.txt,two.txt", "c 1 two.txt");
  }

  @Test
  @DisplayName("the generated corpus is deterministic, close to the asked size, and Zipf-like")
  void zipfCorpus() throws IOException {
    Path first = Files.createDirectory(dir.resolve("first"));
    Path second = Files.createDirectory(dir.resolve("second"));
    List<String> names = ZipfCorpus.write(first, 4, 400_000, 7);
    assertThat(ZipfCorpus.write(second, 4, 400_000, 7)).isEqualTo(names);
    long total = 0;
    for (String name : names) {
      assertThat(Files.mismatch(first.resolve(name), second.resolve(name))).as(name).isEqualTo(-1);
      total += Files.size(first.resolve(name));
    }
    assertThat(total).isBetween(200_000L, 600_000L);
    List<String> counts = SequentialRunner.run(AppLoader.byName("wc"), first, names);
    int words = counts.stream().mapToInt(AppsTest::count).sum();
    int top = counts.stream().mapToInt(AppsTest::count).max().orElseThrow();
    // Zipf over 20,000 words: the most frequent one is about 1 / H(20000), roughly 9.5 %.
    assertThat(top / (double) words).isBetween(0.05, 0.15);
  }

  private static int count(String wcLine) {
    return Integer.parseInt(wcLine.substring(wcLine.lastIndexOf(' ') + 1));
  }

  private Path compileIntoJar(String className, String source) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path file = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), file.toString());
    assertThat(status).as("compiling the test app").isZero();
    String entry = className.replace('.', '/') + ".class";
    Path jar = dir.resolve("app.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out)) {
      jarOut.putNextEntry(new JarEntry(entry));
      jarOut.write(Files.readAllBytes(classes.resolve(entry)));
      jarOut.closeEntry();
    }
    return jar;
  }
}
