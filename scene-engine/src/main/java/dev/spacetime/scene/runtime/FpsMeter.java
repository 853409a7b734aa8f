package dev.spacetime.scene.runtime;

/**
 * Frames per second over a sliding window, from frame start timestamps. A pure computation over the timestamps it
 * is given (no clock of its own), so it is testable without timing; synchronized because the runtime thread
 * records while request threads read.
 */
public final class FpsMeter {
    private final long windowNanos;
    private final long[] stamps;
    private int head;
    private int size;

    /** @param capacity most frames kept; must exceed the frames one window can hold at the target rate */
    public FpsMeter(long windowNanos, int capacity) {
        if (windowNanos <= 0 || capacity < 2) {
            throw new IllegalArgumentException("window and capacity must be positive");
        }
        this.windowNanos = windowNanos;
        this.stamps = new long[capacity];
    }

    public synchronized void record(long frameStartNanos) {
        stamps[head] = frameStartNanos;
        head = (head + 1) % stamps.length;
        size = Math.min(size + 1, stamps.length);
    }

    /**
     * Frames per second among frames that started within the window ending at {@code nowNanos}: intervals between
     * the first and last of them, over the time they span. 0 with fewer than two frames in the window, so a
     * stalled loop reads as 0 rather than its last rate.
     */
    public synchronized double fps(long nowNanos) {
        long newest = Long.MIN_VALUE;
        long oldest = Long.MAX_VALUE;
        int count = 0;
        for (int i = 0; i < size; i++) {
            long t = stamps[Math.floorMod(head - 1 - i, stamps.length)];
            if (nowNanos - t > windowNanos) {
                break;
            }
            newest = Math.max(newest, t);
            oldest = Math.min(oldest, t);
            count++;
        }
        if (count < 2 || newest == oldest) {
            return 0;
        }
        return (count - 1) * 1e9 / (newest - oldest);
    }

    /** Whether the oldest recorded frame is at least one window old, i.e. fps covers a full window. */
    public synchronized boolean windowFilled(long nowNanos) {
        if (size == 0) {
            return false;
        }
        long oldest = stamps[Math.floorMod(head - size, stamps.length)];
        return nowNanos - oldest >= windowNanos;
    }
}
