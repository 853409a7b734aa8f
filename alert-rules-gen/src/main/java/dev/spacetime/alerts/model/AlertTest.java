package dev.spacetime.alerts.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One promtool unit test of one alert: input series, one evaluation time and what must (not) fire then.
 *
 * @param kind     which situation this case proves
 * @param name     what the series describe, shown by promtool on failure
 * @param interval spacing of the input samples (the scrape interval)
 * @param input    the input series
 * @param evalTime when the alert is checked
 * @param expected the alerts (firing for {@link Kind#FIRES}, pending for {@link Kind#BEFORE_FOR}), empty otherwise
 */
public record AlertTest(Kind kind, String name, Duration interval, List<InputSeries> input, Duration evalTime,
                        List<Expected> expected) {

    /** The situations every alert is tested in. */
    public enum Kind {
        /** The condition has held longer than {@code for}: the alert fires with exact labels and annotations. */
        FIRES,
        /** The condition holds but {@code for} has not elapsed: the alert is pending, not firing. */
        BEFORE_FOR,
        /** The metric stays on the good side of the threshold. */
        BELOW_THRESHOLD,
        /** No traffic at all: ratios are 0/0. */
        NO_TRAFFIC,
        /** Traffic below the volume guard, every request failing. */
        LOW_TRAFFIC,
        /** The condition held but has ended: the short window lets the alert reset. */
        RECOVERED;

        /** True when the case expects alerts (firing or pending) in {@code expected}. */
        public boolean expectsAlerts() {
            return this == FIRES || this == BEFORE_FOR;
        }
    }

    /**
     * One promtool input series.
     *
     * @param series selector with labels, e.g. {@code up{job="spacetime_api"}}
     * @param values promtool's expanding notation, e.g. {@code 0+15x40}
     */
    public record InputSeries(String series, String values) {
    }

    /**
     * An alert the case expects.
     *
     * @param labels the labels the expression yields (the rule's own labels are added by the generator)
     * @param value  the alert's value at evaluation time, for expanding the description
     */
    public record Expected(Map<String, String> labels, double value) {
        public Expected {
            labels = Map.copyOf(labels);
        }
    }

    public AlertTest {
        input = List.copyOf(input);
        expected = List.copyOf(expected);
        if (kind.expectsAlerts() == expected.isEmpty()) {
            throw new IllegalArgumentException(kind + " case '" + name + "' has wrong expectations: " + expected);
        }
    }
}
