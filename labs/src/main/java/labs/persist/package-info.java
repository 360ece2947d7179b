/**
 * Stable storage that survives a crash: {@link labs.persist.Persister}.
 *
 * <pre>{@code
 * persister.save(Codec.encode(state), snapshot);
 * }</pre>
 */
package labs.persist;
