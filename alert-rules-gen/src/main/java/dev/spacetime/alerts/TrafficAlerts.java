package dev.spacetime.alerts;

import static dev.spacetime.alerts.model.Template.label;
import static dev.spacetime.alerts.promql.Expr.PER_MINUTE;
import static dev.spacetime.alerts.promql.Expr.and;
import static dev.spacetime.alerts.promql.Expr.ge;
import static dev.spacetime.alerts.promql.Expr.gt;
import static dev.spacetime.alerts.promql.Expr.num;
import static dev.spacetime.alerts.scenario.Scenario.RATIO_ACTIVE;
import static dev.spacetime.alerts.scenario.Scenario.expect;
import static dev.spacetime.alerts.scenario.Scenario.firing;
import static dev.spacetime.alerts.scenario.Scenario.pending;
import static dev.spacetime.alerts.scenario.Scenario.rateActive;
import static dev.spacetime.alerts.scenario.Traffic.auth;
import static dev.spacetime.alerts.scenario.Traffic.scenes;
import static dev.spacetime.catalog.PromQL.ne;
import static dev.spacetime.catalog.PromQL.rate;
import static dev.spacetime.catalog.PromQL.sumBy;
import static dev.spacetime.settings.PromDuration.duration;

import dev.spacetime.alerts.model.AlertGroup;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.AlertTest.Kind;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.alerts.model.Humanize;
import dev.spacetime.alerts.model.Runbook.Query;
import dev.spacetime.alerts.model.Runbook;
import dev.spacetime.alerts.scenario.Scenario;
import dev.spacetime.alerts.scenario.TestTargets;
import dev.spacetime.catalog.AuthResult;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import dev.spacetime.settings.Thresholds;
import java.time.Duration;
import java.util.List;

/** Alerts on what clients do to the API: failed authentication, rate limiting, failing scene loads. */
final class TrafficAlerts {

    private final Settings settings;
    private final Scope scope;
    private final TestTargets test;

    private TrafficAlerts(Settings settings) {
        this.settings = settings;
        this.scope = settings.scope();
        this.test = TestTargets.of(settings);
    }

    static List<AlertRule> alerts(Settings settings) {
        return new TrafficAlerts(settings).all();
    }

    private List<AlertRule> all() {
        Thresholds t = settings.thresholds();
        ForDurations f = settings.forDurations();
        return List.of(
                authFailures("CriticalAuthFailureRate", Severity.CRITICAL, t.criticalAuthFailuresPerMin(),
                        f.criticalAuthFailures()),
                authFailures("HighAuthFailureRate", Severity.WARNING, t.warningAuthFailuresPerMin(),
                        f.highAuthFailures()),
                rateLimitHits(t.rateLimitHitsPerMin(), f.rateLimitHits()),
                sceneLoadErrors(t, f.sceneLoadErrors()));
    }

    private AlertRule authFailures(String name, Severity severity, double perMinute, Duration forDuration) {
        List<AuthResult> failures = AuthResult.failures();
        double attack = 2 * perMinute;
        Duration activeAt = rateActive(attack, perMinute, Recordings.RATE_WINDOW);
        Duration at = firing(activeAt, forDuration, Recordings.RATE_WINDOW);
        return AlertRule.builder(name)
                .group(AlertGroup.SECURITY).severity(severity).component(Component.AUTH)
                .scope(scope)
                .forDuration(forDuration)
                .expr(gt(perMinute(Recordings.JOB_AUTH_FAILURES_RATE), perMinute))
                .summary("More than " + num(perMinute) + " failed authentication attempts per minute.")
                .description(label(Labels.JOB), " rejected ", Humanize.NUMBER,
                        " bearer tokens per minute over the last " + duration(Recordings.RATE_WINDOW)
                                + " (threshold " + num(perMinute) + "/min).")
                .runbook(new Runbook(
                        "Many requests carry a missing, invalid or expired token, or one without the needed role. "
                                + (severity == Severity.CRITICAL ? "At this rate it is likely an attack or a "
                                + "misconfigured client hammering the API." : "A client may use a rotated "
                                + "or revoked token."),
                        List.of(new Query("failed checks per minute by result",
                                        perMinute(Recordings.JOB_RESULT_AUTH_ATTEMPTS_RATE,
                                                ne(Labels.RESULT, AuthResult.SUCCESS.label()))),
                                new Query("rate-limit rejections per endpoint",
                                        scope.select(Recordings.JOB_ENDPOINT_RATE_LIMIT_HITS_RATE))),
                        List.of("A token was rotated or revoked and a client still uses the old one (expired_token, "
                                        + "invalid_token).",
                                "A client without a token (missing_token) or with a read token calling admin "
                                        + "routes (forbidden).",
                                "Credential stuffing or token guessing from one or a few addresses."),
                        List.of("Find the client in the API access log (never log tokens) and fix its token.",
                                "For an attack: block the source addresses upstream; tighten the rate limits.")))
                .tests(Scenario.cases(forDuration,
                        () -> auth(test.scenario("failures started less than " + duration(forDuration)
                                + " ago", at), failures, attack).beforeFor(pending(activeAt),
                                expect(test.job(), attack)),
                        auth(test.scenario(num(attack) + " failures/min spread over every failure result", at),
                                failures, attack).fires(at, expect(test.job(), attack)),
                        auth(test.scenario(num(perMinute / 2) + " failures/min", at), failures, perMinute / 2)
                                .silent(Kind.BELOW_THRESHOLD, at),
                        auth(test.scenario("only successes, " + num(attack) + "/min", at),
                                List.of(AuthResult.SUCCESS), attack).silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    private AlertRule rateLimitHits(double perMinute, Duration forDuration) {
        double flood = 2 * perMinute;
        Duration activeAt = rateActive(flood, perMinute, Recordings.RATE_WINDOW);
        Duration at = firing(activeAt, forDuration, Recordings.RATE_WINDOW);
        return AlertRule.builder("HighRateLimitHits")
                .group(AlertGroup.SECURITY).severity(Severity.WARNING).component(Component.RATE_LIMIT)
                .scope(scope)
                .forDuration(forDuration)
                .expr(gt(perMinute(Recordings.JOB_RATE_LIMIT_HITS_RATE), perMinute))
                .summary("More than " + num(perMinute) + " requests per minute rejected by the rate limiter.")
                .description(label(Labels.JOB), " answered ", Humanize.NUMBER,
                        " requests per minute with 429 over the last " + duration(Recordings.RATE_WINDOW)
                                + " (threshold " + num(perMinute) + "/min).")
                .runbook(new Runbook(
                        "Clients exceed their per-route token buckets and get 429 Too Many Requests.",
                        List.of(new Query("429s per minute by endpoint",
                                        perMinute(Recordings.JOB_ENDPOINT_RATE_LIMIT_HITS_RATE)),
                                new Query("request rate by endpoint", scope.select(Recordings.JOB_ENDPOINT_REQUESTS_RATE))),
                        List.of("A client retries in a tight loop, ignoring Retry-After.",
                                "Legitimate load grew beyond the configured limits.",
                                "Many clients behind one proxy that is not a trusted X-Forwarded-For source."),
                        List.of("Identify the client; make it honour Retry-After.",
                                "Raise the route group's limit if the load is legitimate; configure trusted "
                                        + "proxies.")))
                .tests(Scenario.cases(forDuration,
                        () -> rateLimited(test.scenario("429s started less than " + duration(forDuration) + " ago", at),
                                flood).beforeFor(pending(activeAt), expect(test.job(), flood)),
                        rateLimited(test.scenario(num(flood) + " 429s/min over two endpoints", at), flood)
                                .fires(at, expect(test.job(), flood)),
                        rateLimited(test.scenario(num(perMinute / 2) + " 429s/min", at), perMinute / 2)
                                .silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    private Scenario rateLimited(Scenario s, double perMinute) {
        for (String endpoint : List.of("/scene", "/scene/reload")) {
            s.counter(Metrics.RATE_LIMIT_HITS.name(), perMinute / PER_MINUTE / 2, Labels.ENDPOINT, endpoint);
        }
        return s;
    }

    private AlertRule sceneLoadErrors(Thresholds t, Duration forDuration) {
        double threshold = t.sceneLoadErrorRatio();
        double guard = t.minSceneLoadRate();
        Duration at = firing(RATIO_ACTIVE, forDuration, Recordings.RATE_WINDOW);
        return AlertRule.builder("HighSceneLoadErrorRate")
                .group(AlertGroup.SCENES).severity(Severity.WARNING).component(Component.SCENES)
                .scope(scope)
                .forDuration(forDuration)
                .expr(and(gt(scope.select(Recordings.JOB_SCENE_LOAD_ERROR_RATIO), threshold),
                        ge(scope.select(Recordings.JOB_SCENE_LOAD_ATTEMPTS_RATE), guard)))
                .summary("More than " + num(threshold * 100) + " % of scene loads fail.")
                .description(Humanize.PERCENTAGE, " of scene loads on ", label(Labels.JOB),
                        " failed over the last " + duration(Recordings.RATE_WINDOW) + " (threshold "
                                + num(threshold * 100) + " %, at least " + num(guard) + " loads/s).")
                .runbook(new Runbook(
                        "Scene loads fail: errors / (loads + errors) is high. Below " + num(guard)
                                + " attempts/s the alert stays silent, so one bad request cannot trigger it.",
                        List.of(new Query("failures per second by error type", sumBy(
                                        rate(scope.select(Metrics.SCENE_LOAD_ERRORS.name()),
                                                duration(Recordings.RATE_WINDOW)), scope.by(Labels.ERROR_TYPE))),
                                new Query("attempts per second", scope.select(Recordings.JOB_SCENE_LOAD_ATTEMPTS_RATE))),
                        List.of("not_found / invalid_path / forbidden: clients ask for scenes that do not exist "
                                        + "or are not allowed (a client bug or a probe).",
                                "parse_error / too_large: broken or oversized scene files were deployed.",
                                "internal: I/O errors under the scene directory."),
                        List.of("Read the error_type breakdown first; client errors need the client fixed, "
                                        + "parse errors the scene file.",
                                "Validate the scene directory; restore the last good scenes.")))
                .tests(Scenario.cases(forDuration,
                        () -> scenes(test.scenario("failures started less than " + duration(forDuration) + " ago", at),
                                1, 2 * threshold).beforeFor(pending(RATIO_ACTIVE), expect(test.job(), 2 * threshold)),
                        scenes(test.scenario("1 load/s, " + num(200 * threshold) + " % failing", at), 1, 2 * threshold)
                                .fires(at, expect(test.job(), 2 * threshold)),
                        scenes(test.scenario("1 load/s, " + num(50 * threshold) + " % failing", at), 1, threshold / 2)
                                .silent(Kind.BELOW_THRESHOLD, at),
                        scenes(test.scenario("no scene loads", at), 0, 0).silent(Kind.NO_TRAFFIC, at),
                        scenes(test.scenario("a trickle below the volume guard, every load failing", at), guard / 2, 1)
                                .silent(Kind.LOW_TRAFFIC, at)))
                .build();
    }

    /** A recorded per-second rate, per minute as the seed's thresholds are. */
    private String perMinute(String recordedRate, String... matchers) {
        return scope.select(recordedRate, matchers) + " * " + num(PER_MINUTE);
    }

}
