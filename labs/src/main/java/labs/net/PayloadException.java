package labs.net;

/**
 * A value cannot travel through the network or the persister: the message names the class and
 * the field (as a path such as {@code AppendEntriesArgs.entries[2].command}) and says why.
 */
public final class PayloadException extends RuntimeException {
  public PayloadException(String message) {
    super(message);
  }

  public PayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
