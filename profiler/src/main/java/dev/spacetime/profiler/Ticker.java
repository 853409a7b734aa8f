package dev.spacetime.profiler;

/** The profiler's clocks; tests substitute a manual one to get exact, repeatable timings. */
public interface Ticker {
    /** Monotonic nanoseconds, for every duration. */
    long nanoTime();

    /** Wall clock milliseconds since the epoch, only for display. */
    long epochMillis();

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long epochMillis() {
            return System.currentTimeMillis();
        }
    };
}
