package dev.spacetime.alerts.model;

import java.util.List;

/**
 * What an on-call engineer reads when the alert fires; rendered to {@code monitoring/runbooks/<AlertName>.md}.
 *
 * @param meaning    what the alert says about the system, in a sentence or two
 * @param queries    the first PromQL queries to run, each with what it shows
 * @param causes     likely causes, most likely first
 * @param mitigation what to do about them
 */
public record Runbook(String meaning, List<Query> queries, List<String> causes, List<String> mitigation) {

    /** A query to paste into Prometheus, and why. */
    public record Query(String purpose, String promql) {
    }

    public Runbook {
        queries = List.copyOf(queries);
        causes = List.copyOf(causes);
        mitigation = List.copyOf(mitigation);
    }
}
