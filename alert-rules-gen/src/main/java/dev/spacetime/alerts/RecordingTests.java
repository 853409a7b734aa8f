package dev.spacetime.alerts;

import static dev.spacetime.alerts.scenario.Scenario.JOB;
import static dev.spacetime.alerts.scenario.Scenario.labels;
import static dev.spacetime.alerts.scenario.Scenario.series;

import dev.spacetime.alerts.Recordings.LatencyQuantile;
import dev.spacetime.alerts.model.RecordingTest;
import dev.spacetime.alerts.model.RecordingTest.Sample;
import dev.spacetime.alerts.scenario.Scenario;
import dev.spacetime.alerts.scenario.Scenario.Observation;
import dev.spacetime.alerts.scenario.Traffic;
import dev.spacetime.catalog.AuthResult;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import java.time.Duration;
import java.util.List;

/**
 * Checks of recorded values on their own (ratios that are 0 rather than absent, quantiles, the SLO slow ratio,
 * scene and auth rates) on steady traffic, read once the rate window is fully covered.
 */
public final class RecordingTests {

    private static final Duration AT = Recordings.RATE_WINDOW.multipliedBy(2);

    public static List<RecordingTest> all(Slo slo) {
        var endpoint = labels(JOB, Labels.ENDPOINT, Traffic.ENDPOINT);
        List<Double> bounds = Metrics.HTTP_REQUEST_DURATION.buckets();
        List<Observation> steady = List.of(new Observation(0.3, 1));
        return List.of(
                Scenario.of("1 req/s, never a 5xx: error ratios are 0, not absent", AT)
                        .counter(series(Metrics.HTTP_REQUESTS.name(), Labels.METHOD, "GET", Labels.ENDPOINT,
                                Traffic.ENDPOINT, Labels.STATUS, "200"), 1)
                        .records(AT,
                                new Sample(Recordings.JOB_REQUESTS_RATE, JOB, 1),
                                new Sample(Recordings.JOB_ERROR_RATIO, JOB, 0),
                                new Sample(Recordings.JOB_ENDPOINT_ERROR_RATIO, endpoint, 0)),
                Traffic.timed(Scenario.of("1 req/s taking 300 ms each", AT), steady)
                        .records(AT,
                                new Sample(LatencyQuantile.P50.jobEndpointRecord(), endpoint,
                                        Scenario.quantile(0.5, bounds, steady)),
                                new Sample(LatencyQuantile.P99.jobRecord(), JOB,
                                        Scenario.quantile(0.99, bounds, steady)),
                                new Sample(Recordings.slowRatio(slo.windows().get(0)), JOB, 0)),
                Traffic.scenes(Scenario.of("1 scene load/s, a quarter failing", AT), 1, 0.25)
                        .records(AT,
                                new Sample(Recordings.JOB_SCENE_LOAD_ATTEMPTS_RATE, JOB, 1),
                                new Sample(Recordings.JOB_SCENE_LOAD_ERROR_RATIO, JOB, 0.25)),
                Traffic.auth(Scenario.of("60 failed token checks/min over every failure result", AT),
                                AuthResult.failures(), 60)
                        .records(AT, new Sample(Recordings.JOB_AUTH_FAILURES_RATE, JOB, 1)));
    }

    private RecordingTests() {
    }
}
