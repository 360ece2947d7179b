package grader.exec;

import java.util.List;
import java.util.Locale;

/**
 * Which tests to run: by part tag ({@code -g 2A,2B}) and by name ({@code -t ElectionTest},
 * {@code -t ElectionTest#reElection}, {@code -t reElection}); empty lists select everything.
 */
public record Selection(List<String> groups, List<String> names) {
  public static final Selection ALL = new Selection(List.of(), List.of());

  public boolean matches(TestCase t) {
    boolean group = groups.isEmpty() || t.tags().stream().anyMatch(groups::contains);
    boolean name = names.isEmpty() || names.stream().anyMatch(n -> matchesName(t, n));
    return group && name;
  }

  private static boolean matchesName(TestCase t, String n) {
    String lower = n.toLowerCase(Locale.ROOT);
    return t.id().equalsIgnoreCase(n) || t.simpleClass().equalsIgnoreCase(n) || t.listed().method().equalsIgnoreCase(n)
        || t.listed().className().equalsIgnoreCase(n) || (n.contains("*") && t.id().toLowerCase(Locale.ROOT)
            .matches(lower.replace(".", "\\.").replace("*", ".*")));
  }

  public List<TestCase> filter(List<TestCase> tests) {
    return tests.stream().filter(this::matches).toList();
  }

  public boolean isAll() {
    return groups.isEmpty() && names.isEmpty();
  }
}
