package dev.spacetime.profiler;

import java.util.List;

/**
 * The kept profiles: the last N in one ring and the last M slow ones in another, so a burst of fast requests
 * cannot evict the slow ones. One lock guards both; the critical sections are a few array writes (add) or one
 * array copy (snapshot), far shorter than any request.
 */
final class ProfileStore {
    private final Object lock = new Object();
    private final Ring recent;
    private final Ring slow;
    private long recorded;
    private long recordedSlow;

    ProfileStore(int capacity, int slowCapacity) {
        recent = new Ring(capacity);
        slow = new Ring(slowCapacity);
    }

    void add(KeptProfile p) {
        synchronized (lock) {
            recent.add(p);
            recorded++;
            if (p.slow()) {
                slow.add(p);
                recordedSlow++;
            }
        }
    }

    Snapshot snapshot() {
        synchronized (lock) {
            return new Snapshot(recent.newestFirst(), slow.newestFirst(),
                    new ProfilerTotals(recorded, recordedSlow, recent.size(), slow.size(), recent.capacity(),
                            slow.capacity()));
        }
    }

    void resize(int capacity, int slowCapacity) {
        synchronized (lock) {
            recent.resize(capacity);
            slow.resize(slowCapacity);
        }
    }

    void clear() {
        synchronized (lock) {
            recent.clear();
            slow.clear();
            recorded = 0;
            recordedSlow = 0;
        }
    }

    /** A consistent copy of both lists, newest first, and the counters at the same instant. */
    record Snapshot(List<KeptProfile> recent, List<KeptProfile> slow, ProfilerTotals totals) {
    }
}
