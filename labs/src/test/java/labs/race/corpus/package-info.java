/**
 * Small programs on the runtime, each racy or race-free by construction, with the verdict the
 * race detector must give ({@code labs.race.RaceCorpusTest}). Each is a {@code Callable} run as
 * the tester of a simulated (or real) world, loaded instrumented like a lab's student code.
 * Static fields stand for memory two nodes share, which lab code never has.
 */
package labs.race.corpus;
