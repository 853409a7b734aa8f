package dev.spacetime.alerts.scenario;

import static dev.spacetime.alerts.promql.Expr.PER_MINUTE;
import static dev.spacetime.alerts.scenario.Scenario.series;

import dev.spacetime.alerts.scenario.Scenario.Observation;
import dev.spacetime.catalog.AuthResult;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.SceneErrorType;
import java.time.Duration;
import java.util.List;

/** Test traffic as the API reports it (requests, latency, token checks, scene loads), shared by the tests. */
public final class Traffic {

    /** The route template the test traffic hits. */
    public static final String ENDPOINT = "/scene";

    private static final String METHOD = "GET";

    /** Requests at {@code perSecond}, a share {@code errorShare} of them answered 500. */
    public static Scenario requests(Scenario s, double perSecond, double errorShare) {
        return s.counter(requestSeries("200"), perSecond * (1 - errorShare))
                .counter(requestSeries("500"), perSecond * errorShare);
    }

    /** As {@link #requests}, but the failing requests stop at {@code errorsUntil}; the good ones go on. */
    public static Scenario requestsRecovering(Scenario s, double perSecond, double errorShare, Duration errorsUntil) {
        return s.counter(requestSeries("200"), perSecond * (1 - errorShare))
                .counter(requestSeries("500"), perSecond * errorShare, errorsUntil);
    }

    /** Requests at {@code perSecond}, all 200, timed as {@code observations} say (rates must sum to it). */
    public static Scenario timed(Scenario s, List<Observation> observations) {
        double perSecond = observations.stream().mapToDouble(Observation::perSecond).sum();
        return s.counter(requestSeries("200"), perSecond)
                .histogram(Metrics.HTTP_REQUEST_DURATION, observations,
                        Labels.METHOD, METHOD, Labels.ENDPOINT, ENDPOINT);
    }

    /** {@code perMinute} token checks in total, spread evenly over {@code results}; every result series exists. */
    public static Scenario auth(Scenario s, List<AuthResult> results, double perMinute) {
        for (AuthResult r : AuthResult.values()) {
            double share = results.contains(r) ? perMinute / PER_MINUTE / results.size() : 0;
            s.counter(series(Metrics.AUTH_ATTEMPTS.name(), Labels.RESULT, r.label()), share);
        }
        return s;
    }

    /** Scene load attempts at {@code perSecond}, a share failing, spread over two error types. */
    public static Scenario scenes(Scenario s, double perSecond, double errorShare) {
        s.counter(series(Metrics.SCENE_LOADS.name()), perSecond * (1 - errorShare));
        List<SceneErrorType> failing = List.of(SceneErrorType.NOT_FOUND, SceneErrorType.PARSE_ERROR);
        for (SceneErrorType e : SceneErrorType.values()) {
            double rate = failing.contains(e) ? perSecond * errorShare / failing.size() : 0;
            s.counter(series(Metrics.SCENE_LOAD_ERRORS.name(), Labels.ERROR_TYPE, e.label()), rate);
        }
        return s;
    }

    private static String requestSeries(String status) {
        return series(Metrics.HTTP_REQUESTS.name(), Labels.METHOD, METHOD, Labels.ENDPOINT, ENDPOINT,
                Labels.STATUS, status);
    }

    private Traffic() {
    }
}
