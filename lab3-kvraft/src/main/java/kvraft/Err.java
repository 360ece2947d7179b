package kvraft;

/** The outcome codes of the key/value service's RPCs and of the clerk's calls. */
public enum Err {
  /** Done: a get found the key; a put installed the value. */
  OK,
  /** A get of a key that does not exist; or a put with a version above 0 of a key that does not exist. */
  NO_KEY,
  /** A put whose version is not the key's current version: nothing changed. */
  VERSION,
  /**
   * Returned by the clerk only, never by a server: a put the clerk had to resend got
   * {@link #VERSION}, so an earlier copy of it may have been applied, or not.
   */
  MAYBE,
  /**
   * Returned by a server only, never by the clerk: this server is not the leader, or it could not
   * get the request committed. Try another server.
   */
  WRONG_LEADER
}
