package dev.spacetime.alerts;

import static dev.spacetime.alerts.Scenario.series;

import dev.spacetime.alerts.Scenario.Observation;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import java.time.Duration;
import java.util.List;

/** HTTP test traffic as the API reports it, shared by the request, latency and SLO alert tests. */
final class Traffic {

    /** The route template the test traffic hits. */
    static final String ENDPOINT = "/scene";

    private static final String METHOD = "GET";

    /** Requests at {@code perSecond}, a share {@code errorShare} of them answered 500. */
    static Scenario requests(Scenario s, double perSecond, double errorShare) {
        return s.counter(requestSeries("200"), perSecond * (1 - errorShare))
                .counter(requestSeries("500"), perSecond * errorShare);
    }

    /** As {@link #requests}, but the failing requests stop at {@code errorsUntil}; the good ones go on. */
    static Scenario requestsRecovering(Scenario s, double perSecond, double errorShare, Duration errorsUntil) {
        return s.counter(requestSeries("200"), perSecond * (1 - errorShare))
                .counter(requestSeries("500"), perSecond * errorShare, errorsUntil);
    }

    /** Requests at {@code perSecond}, all 200, timed as {@code observations} say (rates must sum to it). */
    static Scenario timed(Scenario s, List<Observation> observations) {
        double perSecond = observations.stream().mapToDouble(Observation::perSecond).sum();
        return s.counter(requestSeries("200"), perSecond)
                .histogram(Metrics.HTTP_REQUEST_DURATION, observations,
                        Labels.METHOD, METHOD, Labels.ENDPOINT, ENDPOINT);
    }

    private static String requestSeries(String status) {
        return series(Metrics.HTTP_REQUESTS.name(), Labels.METHOD, METHOD, Labels.ENDPOINT, ENDPOINT,
                Labels.STATUS, status);
    }

    private Traffic() {
    }
}
