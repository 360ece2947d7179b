/**
 * Sequential specifications for {@link labs.checker.Checker}: a compare-and-swap register (the
 * Jepsen etcd histories), a key/value store with get / put / append (the KV labs), and a
 * key/value store with versioned conditional puts. The key/value models partition histories by
 * key.
 *
 * <pre>{@code
 * Operation.of(client, new KvModel.Append("k", "x"), null, call, ret);
 * Operation.of(client, new RegisterModel.Cas(1, 2), new RegisterModel.CasResult(true), call, ret);
 * }</pre>
 */
package labs.checker.models;
