package dev.spacetime.alerts;

import static dev.spacetime.alerts.scenario.Scenario.labels;
import static dev.spacetime.settings.PromDuration.duration;

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
import dev.spacetime.settings.Slo;
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
    /** Samples once an hour, rules evaluated once a day: a whole compliance window in promtool within seconds. */
    private static final Duration BUDGET_SAMPLES = Duration.ofHours(1);
    private static final Duration BUDGET_EVALUATION = Duration.ofDays(1);
    /** The budget is checked to 0.1 % of it. */
    private static final double BUDGET_PRECISION = 0.001;

    public static List<RecordingTest> all(Settings settings) {
        TestTargets test = TestTargets.of(settings);
        Map<String, String> job = test.job();
        var endpoint = labels(job, Labels.ENDPOINT, Traffic.ENDPOINT);
        List<Double> bounds = Metrics.HTTP_REQUEST_DURATION.buckets();
        List<Observation> steady = List.of(new Observation(0.3, 1));
        Slo latency = settings.slos().stream().filter(slo -> slo.sli() instanceof Slo.Latency).findFirst()
                .orElseThrow();
        Slo availability = settings.slos().stream().filter(SloAlerts::isHttpErrors).findFirst().orElseThrow();
        List<RecordingTest> all = new ArrayList<>(List.of(
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
                                new Sample(SloRecordings.sliError(latency.shortestWindow()),
                                        labels(job, SloRecordings.SLO_LABEL, latency.name()), 0),
                                new Sample(SloRecordings.sliError(latency.shortestWindow()),
                                        labels(job, SloRecordings.SLO_LABEL, availability.name()), 0)),
                Traffic.scenes(test.scenario("1 scene load/s, a quarter failing", AT), 1, 0.25)
                        .records(AT,
                                new Sample(Recordings.JOB_SCENE_LOAD_ATTEMPTS_RATE, job, 1),
                                new Sample(Recordings.JOB_SCENE_LOAD_ERROR_RATIO, job, 0.25)),
                Traffic.auth(test.scenario("60 failed token checks/min over every failure result", AT),
                                AuthResult.failures(), 60)
                        .records(AT, new Sample(Recordings.JOB_AUTH_FAILURES_RATE, job, 1))));
        settings.slos().forEach(slo -> all.addAll(budget(test, slo)));
        return all;
    }

    /**
     * A whole compliance window of steady traffic: bad events at exactly the allowed share spend the budget to 0 by
     * the window's end; at half of it, half the budget is left.
     */
    private static List<RecordingTest> budget(TestTargets test, Slo slo) {
        Map<String, String> labels = labels(test.job(), SloRecordings.SLO_LABEL, slo.name());
        Duration end = slo.window();
        return List.of(
                SloAlerts.traffic(test.scenario(slo.name() + ": bad events at the allowed share for "
                                + duration(end), end, BUDGET_SAMPLES), slo, 1, slo.errorBudget())
                        .records(BUDGET_EVALUATION, end, new Sample(SloRecordings.ERROR_BUDGET_REMAINING, labels, 0, BUDGET_PRECISION)),
                SloAlerts.traffic(test.scenario(slo.name() + ": bad events at half the allowed share for "
                                + duration(end), end, BUDGET_SAMPLES), slo, 1, slo.errorBudget() / 2)
                        .records(BUDGET_EVALUATION, end, new Sample(SloRecordings.ERROR_BUDGET_REMAINING, labels, 0.5, BUDGET_PRECISION)));
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
