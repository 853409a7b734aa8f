package dev.spacetime.profiler;

import java.util.Objects;

/**
 * One timed phase of a finished request. Phases of a profile are listed in pre-order (a parent before its
 * children, siblings by start time); {@code parent} is the index of the enclosing phase in that list, or
 * {@link #ROOT} for a top-level phase. Offsets are nanoseconds from the request start (monotonic clock).
 */
public record Phase(String name, int parent, int depth, long startOffsetNanos, long durationNanos) {
    /** Parent index of a top-level phase. */
    public static final int ROOT = -1;

    public Phase {
        Objects.requireNonNull(name, "name");
        if (startOffsetNanos < 0 || durationNanos < 0) {
            throw new IllegalArgumentException("phase " + name + ": negative offset or duration");
        }
        if (depth < 0 || (parent == ROOT) != (depth == 0)) {
            throw new IllegalArgumentException("phase " + name + ": depth " + depth + " and parent " + parent
                    + " disagree");
        }
    }

    public long endOffsetNanos() {
        return startOffsetNanos + durationNanos;
    }
}
