package dev.spacetime.alerts;

/**
 * Everything the rules depend on besides the metric catalog.
 *
 * @param thresholds     what each alert compares against
 * @param forDurations   how long each condition must hold
 * @param slo            SLO targets and burn-rate windows
 * @param runbookBaseUrl prefix of every {@code runbook_url}; the page name {@code <AlertName>.md} is appended
 */
public record Settings(Thresholds thresholds, ForDurations forDurations, Slo slo, String runbookBaseUrl) {

    /**
     * Default runbook location: the generated pages' path in this repository. Point it at the repository's web
     * view (or a wiki) with the generator's {@code --runbook-base-url}.
     */
    public static final String DEFAULT_RUNBOOK_BASE_URL = "monitoring/runbooks/";

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
