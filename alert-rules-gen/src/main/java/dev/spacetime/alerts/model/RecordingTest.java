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
 */
public record RecordingTest(String name, Duration interval, List<InputSeries> input, Duration evalTime,
                            List<Sample> samples) {

    /**
     * One recorded value.
     *
     * @param record the recording rule's name
     * @param labels its labels
     * @param value  its value
     */
    public record Sample(String record, Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }

    public RecordingTest {
        input = List.copyOf(input);
        samples = List.copyOf(samples);
    }
}
