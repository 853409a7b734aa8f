package dev.spacetime.alerts;

/**
 * Everything the rules depend on besides the metric catalog.
 *
 * @param thresholds     what each alert compares against
 * @param forDurations   how long each condition must hold
 * @param slo            SLO targets and burn-rate windows
 * @param runbookBaseUrl absolute http(s) URL ending in {@code /} where the runbooks are published; every
 *                       {@code runbook_url} is this plus the alert's name
 */
public record Settings(Thresholds thresholds, ForDurations forDurations, Slo slo, String runbookBaseUrl) {

    /**
     * Default runbook location: the API itself, which serves {@code monitoring/runbooks/<AlertName>.md} as HTML at
     * {@code /runbooks/<AlertName>}, at the address a browser on the host reaches it in both ways of running the
     * stack (the native default, and the port compose publishes on loopback). Publish them elsewhere (a wiki, an
     * ingress) with the generator's {@code --runbook-base-url}.
     */
    public static final String DEFAULT_RUNBOOK_BASE_URL = "http://127.0.0.1:8080/runbooks/";

    public Settings {
        // Alertmanager, Grafana and the webhook's /alerts show the link out of context: relative paths lead nowhere.
        if (!runbookBaseUrl.matches("https?://[^/\\s]+/(\\S*/)?")) {
            throw new IllegalArgumentException("runbook base URL must be an absolute http(s) URL ending in '/': "
                    + runbookBaseUrl);
        }
    }

    public static Settings defaults() {
        return new Settings(Thresholds.defaults(), ForDurations.defaults(), Slo.defaults(),
                DEFAULT_RUNBOOK_BASE_URL);
    }

    /** Same rules, other {@code for} durations: e.g. {@code withForDurations(ForDurations.all(ofSeconds(30)))}. */
    public Settings withForDurations(ForDurations durations) {
        return new Settings(thresholds, durations, slo, runbookBaseUrl);
    }

    public Settings withRunbookBaseUrl(String baseUrl) {
        return new Settings(thresholds, forDurations, slo, baseUrl);
    }
}
