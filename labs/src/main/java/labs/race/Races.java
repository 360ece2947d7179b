package labs.race;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The races of one run: the first one found on each location, in the order found. */
final class Races {
  /** Locations kept per run; a run with more races than this has a bigger problem than their list. */
  static final int MAX = 100;

  private final Map<String, RaceReport> byLocation = new LinkedHashMap<>();

  void found(Access earlier, Access later) {
    Site a = Sites.get(earlier.site);
    Site b = Sites.get(later.site);
    String location = b.hint == null && a.hint != null ? a.location() : b.location();
    if (byLocation.size() < MAX && !byLocation.containsKey(location)) {
      byLocation.put(location, new RaceReport(location, earlier, later));
    }
  }

  int count() {
    return byLocation.size();
  }

  List<RaceReport> reports() {
    return List.copyOf(new ArrayList<>(byLocation.values()));
  }
}
