package labs.checker.file;

/**
 * What is wrong with one line of a history file, in words that say how to fix it.
 *
 * @param line the line number, from 1
 */
public record Problem(int line, String message) {
  @Override
  public String toString() {
    return "line " + line + ": " + message;
  }
}
