package labs.checker.file;

import java.util.ArrayList;
import java.util.List;

/** A history file that cannot be read: every problem found, one per malformed line. */
public final class HistoryFormatException extends IllegalArgumentException {
  /** How many problems the message lists before it says how many more there are. */
  static final int SHOWN = 20;

  private final transient List<Problem> problems;

  public HistoryFormatException(List<Problem> problems) {
    super(String.join("\n", lines(problems)));
    this.problems = List.copyOf(problems);
  }

  /** The problems, in line order. */
  public List<Problem> problems() {
    return problems;
  }

  /** One line per problem (at most {@value #SHOWN}, then how many more). */
  public List<String> lines() {
    return lines(problems);
  }

  private static List<String> lines(List<Problem> problems) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(SHOWN, problems.size()); i++) {
      out.add(problems.get(i).toString());
    }
    if (problems.size() > SHOWN) {
      out.add("... and " + (problems.size() - SHOWN) + " more problems");
    }
    return out;
  }
}
