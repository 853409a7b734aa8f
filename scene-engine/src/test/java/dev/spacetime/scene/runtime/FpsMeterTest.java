package dev.spacetime.scene.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FpsMeterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void steadyNinetyHertzReadsNinety() {
        FpsMeter m = new FpsMeter(SECOND, 256);
        long period = SECOND / 90;
        long t = 5 * SECOND;
        for (int i = 0; i < 300; i++) {
            m.record(t);
            t += period;
        }
        assertThat(m.fps(t - period)).isCloseTo(90, within(0.5));
        assertThat(m.windowFilled(t)).isTrue();
    }

    @Test
    void slowFramesLowerTheRateAndAStallDecaysToZero() {
        FpsMeter m = new FpsMeter(SECOND, 256);
        long t = 0;
        for (int i = 0; i < 30; i++) {
            t += SECOND / 30;
            m.record(t);
        }
        assertThat(m.fps(t)).isCloseTo(30, within(0.5));
        assertThat(m.fps(t + SECOND / 2)).as("half the window left").isCloseTo(30, within(0.5));
        assertThat(m.fps(t + 2 * SECOND)).as("no frames for 2 s").isZero();
    }

    @Test
    void fewerThanTwoFramesIsZeroAndNotWarm() {
        FpsMeter m = new FpsMeter(SECOND, 4);
        assertThat(m.fps(0)).isZero();
        assertThat(m.windowFilled(0)).isFalse();
        m.record(100);
        assertThat(m.fps(100)).isZero();
        assertThat(m.windowFilled(100 + SECOND / 2)).isFalse();
    }

    @Test
    void capacityBoundsMemoryAndKeepsTheNewest() {
        FpsMeter m = new FpsMeter(SECOND, 10);
        for (int i = 0; i < 1000; i++) {
            m.record(i * (SECOND / 1000));
        }
        // Only the last 10 frames are kept: 9 intervals of 1 ms.
        assertThat(m.fps(999 * (SECOND / 1000))).isCloseTo(1000, within(1.0));
    }
}
