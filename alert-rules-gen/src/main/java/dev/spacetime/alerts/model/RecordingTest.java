package dev.spacetime.alerts.model;

import dev.spacetime.alerts.model.AlertTest.InputSeries;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A promtool {@code promql_expr_test} of recording rules: input series and the recorded values they must give.
 *
 * @param name     what the series describe
 * @param interval spacing of the input samples
 * @param input    the input series
 * @param evalTime when the recorded series are read
 * @param samples  the expected recorded values
 * @param evaluation the rule evaluation interval: coarse for a case spanning a whole SLO window, so promtool
 *                   stays fast
 */
public record RecordingTest(String name, Duration interval, List<InputSeries> input, Duration evalTime,
                            List<Sample> samples, Duration evaluation) {

    /**
     * One recorded value.
     *
     * @param record the recording rule's name
     * @param labels its labels
     * @param value  its value
     * @param roundTo 0 to compare exactly; else the value is read rounded to a multiple of it: a value summed
     *                over a whole SLO window carries float noise (2e-16 where 0 is meant)
     */
    public record Sample(String record, Map<String, String> labels, double value, double roundTo) {
        public Sample {
            labels = Map.copyOf(labels);
        }

        public Sample(String record, Map<String, String> labels, double value) {
            this(record, labels, value, 0);
        }
    }

    public RecordingTest {
        input = List.copyOf(input);
        samples = List.copyOf(samples);
    }
}
