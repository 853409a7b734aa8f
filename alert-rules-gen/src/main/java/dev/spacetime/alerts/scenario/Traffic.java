package dev.spacetime.alerts.scenario;

import static dev.spacetime.alerts.promql.Expr.PER_MINUTE;

import dev.spacetime.alerts.scenario.Scenario.Observation;
import dev.spacetime.catalog.AuthResult;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.SceneErrorType;
import java.time.Duration;
import java.util.List;

/**
 * Test traffic as the API reports it (requests, latency, token checks, scene loads), shared by the tests. Each
 * helper writes the series of the scenario's current instance ({@link Scenario#on}).
 */
public final class Traffic {

    /** The route template the test traffic hits. */
    public static final String ENDPOINT = "/scene";

    private static final String METHOD = "GET";

    /** Requests at {@code perSecond}, a share {@code errorShare} of them answered 500. */
    public static Scenario requests(Scenario s, double perSecond, double errorShare) {
        return s.counter(Metrics.HTTP_REQUESTS.name(), perSecond * (1 - errorShare), requestLabels("200"))
                .counter(Metrics.HTTP_REQUESTS.name(), perSecond * errorShare, requestLabels("500"));
    }

    /** As {@link #requests}, but the failing requests stop at {@code errorsUntil}; the good ones go on. */
    public static Scenario requestsRecovering(Scenario s, double perSecond, double errorShare, Duration errorsUntil) {
        return s.counter(Metrics.HTTP_REQUESTS.name(), perSecond * (1 - errorShare), requestLabels("200"))
                .counterUntil(Metrics.HTTP_REQUESTS.name(), perSecond * errorShare, errorsUntil, requestLabels("500"));
    }

    /** Requests at {@code perSecond}, all 200, timed as {@code observations} say (rates must sum to it). */
    public static Scenario timed(Scenario s, List<Observation> observations) {
        double perSecond = observations.stream().mapToDouble(Observation::perSecond).sum();
        return s.counter(Metrics.HTTP_REQUESTS.name(), perSecond, requestLabels("200"))
                .histogram(Metrics.HTTP_REQUEST_DURATION, observations,
                        Labels.METHOD, METHOD, Labels.ENDPOINT, ENDPOINT);
    }

    /** {@code perMinute} token checks in total, spread evenly over {@code results}; every result series exists. */
    public static Scenario auth(Scenario s, List<AuthResult> results, double perMinute) {
        for (AuthResult r : AuthResult.values()) {
            double share = results.contains(r) ? perMinute / PER_MINUTE / results.size() : 0;
            s.counter(Metrics.AUTH_ATTEMPTS.name(), share, Labels.RESULT, r.label());
        }
        return s;
    }

    /** Scene load attempts at {@code perSecond}, a share failing, spread over two error types. */
    public static Scenario scenes(Scenario s, double perSecond, double errorShare) {
        s.counter(Metrics.SCENE_LOADS.name(), perSecond * (1 - errorShare));
        List<SceneErrorType> failing = List.of(SceneErrorType.NOT_FOUND, SceneErrorType.PARSE_ERROR);
        for (SceneErrorType e : SceneErrorType.values()) {
            double rate = failing.contains(e) ? perSecond * errorShare / failing.size() : 0;
            s.counter(Metrics.SCENE_LOAD_ERRORS.name(), rate, Labels.ERROR_TYPE, e.label());
        }
        return s;
    }

    private static String[] requestLabels(String status) {
        return new String[] {Labels.METHOD, METHOD, Labels.ENDPOINT, ENDPOINT, Labels.STATUS, status};
    }

    private Traffic() {
    }
}
