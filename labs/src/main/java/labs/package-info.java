/**
 * The framework every lab builds on: the runtime (simulated or real threads and time), the
 * simulated network, the persister, the linearizability checker and the test harness.
 */
package labs;
