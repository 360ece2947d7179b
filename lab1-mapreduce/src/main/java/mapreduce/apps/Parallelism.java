package mapreduce.apps;

/**
 * How many worker processes are inside the same phase at once, measured through the shared
 * working directory: each caller creates {@code mr-worker-<phase>-<pid>}, counts such files whose
 * process is still alive, stays one second (so that overlapping calls see each other) and
 * removes its file.
 */
final class Parallelism {
  private Parallelism() {}

  static int measure(String phase) {
    String prefix = "mr-worker-" + phase + "-";
    String mine = prefix + AppSupport.pid();
    AppSupport.createFile(mine);
    int running = 0;
    for (String name : AppSupport.filesStartingWith(prefix)) {
      if (isLiveProcess(name.substring(prefix.length()))) {
        running++;
      }
    }
    AppSupport.sleepMillis(1000);
    AppSupport.deleteFile(mine);
    return running;
  }

  private static boolean isLiveProcess(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
