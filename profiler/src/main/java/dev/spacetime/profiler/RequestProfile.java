package dev.spacetime.profiler;

import java.util.List;
import java.util.Objects;

/**
 * A finished request profile (immutable). {@code startEpochMillis} is the wall clock for display;
 * every duration comes from the monotonic clock ({@code startNanos} is that clock's reading at start and only
 * meaningful relative to other profiles of the same JVM). The constructor checks that phases nest properly,
 * so every export of any profile is well formed. {@code traceId} is the W3C trace id (32 lowercase hex digits) the
 * request came with in a {@code traceparent} header, or null.
 */
public record RequestProfile(
        long sequence,
        String method,
        String endpoint,
        int status,
        long requestBytes,
        long responseBytes,
        long startEpochMillis,
        long startNanos,
        long durationNanos,
        boolean slow,
        List<Phase> phases,
        String traceId) {

    /** Prefix of every request id: ids are {@code req_<sequence>}. */
    public static final String ID_PREFIX = "req_";

    public RequestProfile {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(endpoint, "endpoint");
        if (durationNanos < 0 || requestBytes < 0 || responseBytes < 0) {
            throw new IllegalArgumentException("negative duration or size");
        }
        phases = List.copyOf(phases);
        checkNesting(phases, durationNanos);
    }

    private static void checkNesting(List<Phase> phases, long total) {
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            long parentStart = 0;
            long parentEnd = total;
            if (p.parent() != Phase.ROOT) {
                if (p.parent() >= i) {
                    throw new IllegalArgumentException("phase " + p.name() + " listed before its parent");
                }
                Phase parent = phases.get(p.parent());
                if (p.depth() != parent.depth() + 1) {
                    throw new IllegalArgumentException("phase " + p.name() + ": depth is not parent depth + 1");
                }
                parentStart = parent.startOffsetNanos();
                parentEnd = parent.endOffsetNanos();
            }
            if (p.startOffsetNanos() < parentStart || p.endOffsetNanos() > parentEnd) {
                throw new IllegalArgumentException("phase " + p.name() + " is not inside its parent");
            }
            if (i > 0 && p.startOffsetNanos() < phases.get(i - 1).startOffsetNanos()) {
                throw new IllegalArgumentException("phases are not in start order at " + p.name());
            }
            int prev = i - 1;
            while (prev >= 0 && prev != p.parent() && phases.get(prev).parent() != p.parent()) {
                prev = phases.get(prev).parent(); // climb to the previous sibling, if any
            }
            if (prev >= 0 && prev != p.parent() && phases.get(prev).endOffsetNanos() > p.startOffsetNanos()) {
                throw new IllegalArgumentException("phase " + p.name() + " overlaps its previous sibling");
            }
        }
    }

    /** The public id, {@code req_<sequence>}. */
    public String id() {
        return ID_PREFIX + sequence;
    }

    public double durationMillis() {
        return durationNanos / 1e6;
    }

    /** Time of phase {@code index} not spent in its direct children. */
    public long selfNanos(int index) {
        long self = phases.get(index).durationNanos();
        for (int j = index + 1; j < phases.size(); j++) {
            if (phases.get(j).parent() == index) {
                self -= phases.get(j).durationNanos();
            }
        }
        return self;
    }

    /** Time of the request not spent in any top-level phase. */
    public long rootSelfNanos() {
        long self = durationNanos;
        for (Phase p : phases) {
            if (p.parent() == Phase.ROOT) {
                self -= p.durationNanos();
            }
        }
        return self;
    }
}
