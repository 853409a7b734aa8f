package dev.spacetime.settings;

import java.util.List;
import java.util.Objects;

/**
 * Everything the generated monitoring depends on besides the metric catalog, declared once (kubernetes-mixin's
 * {@code _config}): alert-rules-gen, dashboard-gen and stack-gen all read it, so a threshold edited here moves the
 * alert, its promtool tests, its runbook and the dashboard's colours together.
 *
 * @param scope          which series are the API's: job selector, optional cluster label
 * @param intervals      scrape and rule evaluation intervals
 * @param thresholds     what each alert compares against
 * @param forDurations   how long each condition must hold
 * @param slos           the service level objectives, each generating its recordings, alerts, tests and panels
 * @param runbookBaseUrl absolute http(s) URL ending in {@code /} where the runbooks are published; every
 *                       {@code runbook_url} is this plus the alert's name
 * @param stackJobs      the scrape jobs of Prometheus, Alertmanager and node exporter: what the pipeline and host
 *                       alerts select (with the scope's cluster label, {@link #stackScope})
 * @param heartbeat      the Watchdog's delivery interval and how stale the API lets it get
 */
public record Settings(Scope scope, Intervals intervals, Thresholds thresholds, ForDurations forDurations,
                       List<Slo> slos,
                       String runbookBaseUrl,
                       StackJobs stackJobs,
                       Heartbeat heartbeat) {

    /**
     * Default runbook location: the API itself, which serves {@code monitoring/runbooks/<AlertName>.md} as HTML at
     * {@code /runbooks/<AlertName>}, at the address a browser on the host reaches it in both ways of running the
     * stack (the native default, and the port compose publishes on loopback). Publish them elsewhere (a wiki, an
     * ingress) with the generator's {@code --runbook-base-url}.
     */
    public static final String DEFAULT_RUNBOOK_BASE_URL = "http://127.0.0.1:8080/runbooks/";

    public Settings {
        Objects.requireNonNull(scope);
        Objects.requireNonNull(intervals);
        Objects.requireNonNull(thresholds);
        Objects.requireNonNull(forDurations);
        Objects.requireNonNull(stackJobs);
        Objects.requireNonNull(heartbeat);
        slos = List.copyOf(slos);
        if (slos.stream().map(Slo::name).distinct().count() != slos.size()) {
            throw new IllegalArgumentException("SLO names must be unique");
        }
        // Alertmanager, Grafana and the webhook's /alerts show the link out of context: relative paths lead nowhere.
        if (!runbookBaseUrl.matches("https?://[^/\\s]+/(\\S*/)?")) {
            throw new IllegalArgumentException("runbook base URL must be an absolute http(s) URL ending in '/': "
                    + runbookBaseUrl);
        }
    }

    public static Settings defaults() {
        return new Settings(Scope.defaults(), Intervals.defaults(), Thresholds.defaults(), ForDurations.defaults(),
                Slo.defaults(), DEFAULT_RUNBOOK_BASE_URL, StackJobs.defaults(), Heartbeat.defaults());
    }

    public Settings withScope(Scope s) {
        return new Settings(s, intervals, thresholds, forDurations, slos, runbookBaseUrl, stackJobs, heartbeat);
    }

    public Settings withIntervals(Intervals i) {
        return new Settings(scope, i, thresholds, forDurations, slos, runbookBaseUrl, stackJobs, heartbeat);
    }

    public Settings withThresholds(Thresholds t) {
        return new Settings(scope, intervals, t, forDurations, slos, runbookBaseUrl, stackJobs, heartbeat);
    }

    /** Same rules, other {@code for} durations: e.g. {@code withForDurations(ForDurations.all(ofSeconds(30)))}. */
    public Settings withForDurations(ForDurations durations) {
        return new Settings(scope, intervals, thresholds, durations, slos, runbookBaseUrl, stackJobs, heartbeat);
    }

    /** Other objectives, e.g. {@code withSlos(List.of(Slo.defaults().get(0)))}. */
    public Settings withSlos(List<Slo> objectives) {
        return new Settings(scope, intervals, thresholds, forDurations, objectives, runbookBaseUrl, stackJobs, heartbeat);
    }

    public Settings withRunbookBaseUrl(String baseUrl) {
        return new Settings(scope, intervals, thresholds, forDurations, slos, baseUrl, stackJobs, heartbeat);
    }

    public Settings withStackJobs(StackJobs jobs) {
        return new Settings(scope, intervals, thresholds, forDurations, slos, runbookBaseUrl, jobs, heartbeat);
    }

    /** Another Watchdog pace, e.g. seconds for an end-to-end test. */
    public Settings withHeartbeat(Heartbeat h) {
        return new Settings(scope, intervals, thresholds, forDurations, slos, runbookBaseUrl, stackJobs, h);
    }

    /** The series of one of the stack's own jobs ({@link #stackJobs}), in the API scope's cluster. */
    public Scope stackScope(String job) {
        return scope.withJob(job);
    }
}
