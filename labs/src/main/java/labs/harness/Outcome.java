package labs.harness;

import labs.runtime.World;

/**
 * How one run of a test went.
 *
 * @param world the run's world (null if it never started)
 * @param error what failed, or null if the run passed
 */
record Outcome(World world, Throwable error, long realNanos, long virtualNanos) {}
