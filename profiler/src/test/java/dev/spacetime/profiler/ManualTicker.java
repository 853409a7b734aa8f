package dev.spacetime.profiler;

/** A clock that moves only when told, so tests know every duration exactly. */
public final class ManualTicker implements Ticker {
    private long nanos = 1_000_000_000L;
    private long epochMillis = 1_795_000_000_000L;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochMillis() {
        return epochMillis;
    }

    public void advanceMicros(long micros) {
        nanos += micros * 1000;
        epochMillis = 1_795_000_000_000L + (nanos - 1_000_000_000L) / 1_000_000;
    }

    public void advanceMillis(long millis) {
        advanceMicros(millis * 1000);
    }
}
