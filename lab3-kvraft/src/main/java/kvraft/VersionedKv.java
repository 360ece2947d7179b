package kvraft;

import kvraft.KvRpc.GetReply;

/**
 * What a client sees of a versioned key/value store: your {@link Clerk} here, Lab 4's sharded
 * clerk later. Both calls return only once the service has answered; neither ever returns
 * {@link Err#WRONG_LEADER}.
 */
public interface VersionedKv {
  /**
   * The value and version of {@code key}: {@link Err#OK} with both, or {@link Err#NO_KEY} if the
   * key does not exist. Keeps trying until some server answers.
   */
  GetReply get(String key);

  /**
   * Installs {@code value} at {@code key} if the key's version is {@code version}: {@link Err#OK};
   * or {@link Err#VERSION} (versions differ), {@link Err#NO_KEY} (no such key and {@code version}
   * above 0), or {@link Err#MAYBE} (a resent put got {@link Err#VERSION}: an earlier copy of it
   * may have been applied). Keeps trying until some server answers.
   */
  Err put(String key, String value, long version);
}
