package labs.checker.viewer;

import java.util.Objects;

/**
 * Something that happened during the history, drawn as a band (or, if {@code start == end}, a
 * line) across the viewer's timelines: a network partition, a crash, a restart. Times are on the
 * history's clock.
 *
 * @param start when it began
 * @param end when it ended ({@code >= start})
 * @param label short text shown on the band
 * @param details longer text shown on hover
 * @param kind a category that picks the colour: {@code "partition"}, {@code "crash"}, {@code
 *     "restart"}, or anything else (a neutral colour)
 */
public record Annotation(long start, long end, String label, String details, String kind) {

  public Annotation {
    Objects.requireNonNull(label, "label");
    details = details == null ? "" : details;
    kind = kind == null ? "" : kind;
    if (end < start) {
      throw new IllegalArgumentException(
          "annotation \"" + label + "\" ends at " + end + ", before it starts at " + start);
    }
  }

  /** An instant event (drawn as a line). */
  public static Annotation at(long time, String label, String details, String kind) {
    return new Annotation(time, time, label, details, kind);
  }
}
