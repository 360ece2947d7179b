package labs.checker.internal;

import java.util.List;

/**
 * The partial linearizations a search found, in local operation indices.
 *
 * @param orders distinct partial linearizations, each in linearization order
 * @param blockedBy per partial linearization, the operation that blocked it (or -1)
 * @param longest index of the longest one
 * @param longestFor per operation, the longest one containing it (or -1)
 */
public record Partials(List<int[]> orders, int[] blockedBy, int longest, int[] longestFor) {}
