import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the check knows from the repository's Java sources: the tests' display names and method
 * names (from {@code @DisplayName("...")} and the method that follows it in
 * {@code src/test*}/java), and the text of every source file (to tell a quoted failure message,
 * which the program prints, from a quoted English phrase, which a translation may translate).
 */
record Sources(List<DisplayName> displayNames, Set<String> testMethods, String allSourceText) {
  /** A test's display name, and its short form without the part tag ("2A: "), if it has one. */
  record DisplayName(String full, String shortForm) {}

  private static final Pattern DISPLAY_NAME =
      Pattern.compile("@DisplayName\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)[^;{]*?\\bvoid\\s+(\\w+)\\s*\\(", Pattern.DOTALL);
  private static final Pattern PART_TAG = Pattern.compile("^\\d+[A-Z]?: ");

  static final Sources NONE = new Sources(List.of(), Set.of(), "");

  /** Reads every {@code *.java} under {@code root}'s modules ({@code MODULE/src/**}). */
  static Sources scan(Path root) {
    List<DisplayName> names = new ArrayList<>();
    Set<String> methods = new TreeSet<>();
    StringBuilder all = new StringBuilder();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path src : modules.map(m -> m.resolve("src")).filter(Files::isDirectory).sorted().toList()) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(src)) {
          files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
          String text = Files.readString(file);
          all.append(text).append('\n');
          if (!src.relativize(file).toString().replace('\\', '/').matches("test[^/]*/java/.*")) {
            continue;
          }
          Matcher m = DISPLAY_NAME.matcher(text);
          while (m.find()) {
            String full = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
            Matcher tag = PART_TAG.matcher(full);
            names.add(new DisplayName(full, tag.find() ? full.substring(tag.end()) : null));
            methods.add(m.group(2));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Java sources under " + root + ": " + e.getMessage(), e);
    }
    return new Sources(List.copyOf(names), Set.copyOf(methods), all.toString());
  }

  /** Whether {@code quote} is printed by the code: it occurs verbatim in a source file. */
  boolean isProgramText(String quote) {
    return quote.length() >= 6 && allSourceText.contains(quote);
  }
}
