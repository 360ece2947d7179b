package labs.race;

import java.util.HashMap;
import java.util.Map;

/** A number for each field (declaring class and name): the key of the field's cell in an object's shadow. */
final class FieldIds {
  /** The key of a collection's contents (fields start at 1). */
  static final int CONTENTS = 0;

  private static final Map<String, Integer> IDS = new HashMap<>();

  private FieldIds() {}

  static synchronized int of(String declaringClass, String name) {
    return IDS.computeIfAbsent(declaringClass + "." + name, k -> IDS.size() + 1);
  }
}
