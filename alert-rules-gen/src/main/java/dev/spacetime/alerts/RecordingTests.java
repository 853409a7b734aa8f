package dev.spacetime.alerts;

import static dev.spacetime.alerts.scenario.Scenario.labels;

import dev.spacetime.alerts.Recordings.LatencyQuantile;
import dev.spacetime.alerts.model.RecordingTest.Sample;
import dev.spacetime.alerts.model.RecordingTest;
import dev.spacetime.alerts.scenario.Scenario.Observation;
import dev.spacetime.alerts.scenario.Scenario;
import dev.spacetime.alerts.scenario.TestTargets;
import dev.spacetime.alerts.scenario.Traffic;
import dev.spacetime.catalog.AuthResult;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.settings.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks of recorded values on their own (ratios that are 0 rather than absent, quantiles, the SLO slow ratio,
 * scene and auth rates) on steady traffic, read once the rate window is fully covered.
 */
public final class RecordingTests {

    private static final Duration AT = Recordings.RATE_WINDOW.multipliedBy(2);

    public static List<RecordingTest> all(Settings settings) {
        TestTargets test = TestTargets.of(settings);
        Map<String, String> job = test.job();
        var endpoint = labels(job, Labels.ENDPOINT, Traffic.ENDPOINT);
        List<Double> bounds = Metrics.HTTP_REQUEST_DURATION.buckets();
        List<Observation> steady = List.of(new Observation(0.3, 1));
        return List.of(
                test.scenario("1 req/s, never a 5xx: error ratios are 0, not absent", AT)
                        .counter(Metrics.HTTP_REQUESTS.name(), 1, Labels.METHOD, "GET", Labels.ENDPOINT,
                                Traffic.ENDPOINT, Labels.STATUS, "200")
                        .records(AT,
                                new Sample(Recordings.JOB_REQUESTS_RATE, job, 1),
                                new Sample(Recordings.JOB_ERROR_RATIO, job, 0),
                                new Sample(Recordings.JOB_ENDPOINT_ERROR_RATIO, endpoint, 0)),
                test.scenario("three instances at 1 req/s, one of them failing half: the instance level keeps "
                                + "them apart, the job level sums them", AT)
                        .fleet(1, s -> Traffic.requests(s, 1, 0.5), s -> Traffic.requests(s, 1, 0))
                        .records(AT, fleetSamples(test, Recordings.INSTANCE_ENDPOINT_ERRORS_RATE, 0.5, 0, 0,
                                new Sample(Recordings.JOB_REQUESTS_RATE, job, 3),
                                new Sample(Recordings.JOB_ERROR_RATIO, job, 0.5 / 3))),
                Traffic.timed(test.scenario("1 req/s taking 300 ms each", AT), steady)
                        .records(AT,
                                new Sample(LatencyQuantile.P50.jobEndpointRecord(), endpoint,
                                        Scenario.quantile(0.5, bounds, steady)),
                                new Sample(LatencyQuantile.P99.jobRecord(), job,
                                        Scenario.quantile(0.99, bounds, steady)),
                                new Sample(Recordings.slowRatio(settings.slo().windows().get(0)), job, 0)),
                Traffic.scenes(test.scenario("1 scene load/s, a quarter failing", AT), 1, 0.25)
                        .records(AT,
                                new Sample(Recordings.JOB_SCENE_LOAD_ATTEMPTS_RATE, job, 1),
                                new Sample(Recordings.JOB_SCENE_LOAD_ERROR_RATIO, job, 0.25)),
                Traffic.auth(test.scenario("60 failed token checks/min over every failure result", AT),
                                AuthResult.failures(), 60)
                        .records(AT, new Sample(Recordings.JOB_AUTH_FAILURES_RATE, job, 1)));
    }

    /**
     * One sample of {@code record} per instance of a fleet case (the endpoint of the test traffic), with
     * {@code values} in instance order, then {@code more}.
     */
    private static Sample[] fleetSamples(TestTargets test, String record, double v1, double v2, double v3,
                                         Sample... more) {
        double[] values = {v1, v2, v3};
        List<Sample> samples = new ArrayList<>();
        for (int n = 1; n <= Scenario.FLEET; n++) {
            samples.add(new Sample(record, labels(test.target(Scenario.instance(n)), Labels.ENDPOINT,
                    Traffic.ENDPOINT), values[n - 1]));
        }
        samples.addAll(List.of(more));
        return samples.toArray(Sample[]::new);
    }

    private RecordingTests() {
    }
}
