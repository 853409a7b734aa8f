package dev.spacetime.settings;

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
 * @param slo            SLO targets and burn-rate windows
 * @param runbookBaseUrl absolute http(s) URL ending in {@code /} where the runbooks are published; every
 *                       {@code runbook_url} is this plus the alert's name
 */
public record Settings(Scope scope, Intervals intervals, Thresholds thresholds, ForDurations forDurations, Slo slo,
                       String runbookBaseUrl) {

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
        Objects.requireNonNull(slo);
        // Alertmanager, Grafana and the webhook's /alerts show the link out of context: relative paths lead nowhere.
        if (!runbookBaseUrl.matches("https?://[^/\\s]+/(\\S*/)?")) {
            throw new IllegalArgumentException("runbook base URL must be an absolute http(s) URL ending in '/': "
                    + runbookBaseUrl);
        }
    }

    public static Settings defaults() {
        return new Settings(Scope.defaults(), Intervals.defaults(), Thresholds.defaults(), ForDurations.defaults(),
                Slo.defaults(), DEFAULT_RUNBOOK_BASE_URL);
    }

    public Settings withScope(Scope s) {
        return new Settings(s, intervals, thresholds, forDurations, slo, runbookBaseUrl);
    }

    public Settings withIntervals(Intervals i) {
        return new Settings(scope, i, thresholds, forDurations, slo, runbookBaseUrl);
    }

    public Settings withThresholds(Thresholds t) {
        return new Settings(scope, intervals, t, forDurations, slo, runbookBaseUrl);
    }

    /** Same rules, other {@code for} durations: e.g. {@code withForDurations(ForDurations.all(ofSeconds(30)))}. */
    public Settings withForDurations(ForDurations durations) {
        return new Settings(scope, intervals, thresholds, durations, slo, runbookBaseUrl);
    }

    public Settings withRunbookBaseUrl(String baseUrl) {
        return new Settings(scope, intervals, thresholds, forDurations, slo, baseUrl);
    }
}
