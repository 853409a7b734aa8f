package dev.spacetime.alerts;

import static dev.spacetime.alerts.model.Template.label;
import static dev.spacetime.alerts.promql.Expr.api;
import static dev.spacetime.alerts.promql.Expr.duration;
import static dev.spacetime.alerts.promql.Expr.gt;
import static dev.spacetime.alerts.scenario.Scenario.GAUGE_ACTIVE;
import static dev.spacetime.alerts.scenario.Scenario.TARGET;
import static dev.spacetime.alerts.scenario.Scenario.expect;
import static dev.spacetime.alerts.scenario.Scenario.firing;
import static dev.spacetime.alerts.scenario.Scenario.pending;
import static dev.spacetime.alerts.scenario.Scenario.series;

import dev.spacetime.alerts.model.AlertGroup;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.AlertTest.Kind;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.alerts.model.Humanize;
import dev.spacetime.alerts.model.Runbook;
import dev.spacetime.alerts.model.Runbook.Query;
import dev.spacetime.alerts.model.Severity;
import dev.spacetime.alerts.scenario.Scenario;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import java.time.Duration;
import java.util.List;

/** Alerts on the server process' resources. */
final class ResourceAlerts {

    static List<AlertRule> alerts(Settings settings) {
        Thresholds t = settings.thresholds();
        ForDurations f = settings.forDurations();
        return List.of(
                memory("CriticalMemoryUsage", Severity.CRITICAL, t.criticalMemoryBytes(), f.criticalMemory()),
                memory("HighMemoryUsage", Severity.WARNING, t.warningMemoryBytes(), f.highMemory()));
    }

    private static AlertRule memory(String name, Severity severity, double bytes, Duration forDuration) {
        String rss = Metrics.PROCESS_RESIDENT_MEMORY.name();
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        double above = bytes * 1.2;
        double below = bytes * 0.9;
        String limit = Humanize.NUMBER.apply(bytes) + "B";
        return AlertRule.builder(name)
                .group(AlertGroup.RESOURCES).severity(severity).component(Component.MEMORY)
                .forDuration(forDuration)
                .expr(gt(api(rss), bytes))
                .summary("API resident memory above " + limit + ".")
                .description("The API process on ", label(Labels.INSTANCE), " has ", Humanize.NUMBER,
                        "B resident set size (RSS, " + rss + "; threshold " + limit + ", for "
                                + duration(forDuration) + "): the whole process, i.e. the heap up to its -Xmx limit"
                                + " plus metaspace, code cache, thread stacks and buffers, not the live heap that"
                                + " /health's memory subsystem judges.")
                .runbook(new Runbook(
                        "The server process holds more physical memory than expected"
                                + (severity == Severity.CRITICAL ? "; the host or container may soon kill it."
                                : "; it may be growing towards the critical limit."),
                        List.of(new Query("resident memory", api(rss)),
                                new Query("JVM memory by area", api(Metrics.JVM_MEMORY_USED.name())),
                                new Query("growth over the last hour",
                                        "deriv(" + api(rss) + "[" + duration(Duration.ofHours(1)) + "])")),
                        List.of("Large scenes loaded and kept in memory.",
                                "A leak: memory grows steadily across hours without traffic growth.",
                                "The JVM heap limit (-Xmx) is set above the host's budget."),
                        List.of("Check /health's memory subsystem and the loaded scene.",
                                "Take a heap dump (`jcmd <pid> GC.heap_dump`) before restarting if it leaks.",
                                "Restart the API to recover; set -Xmx below the threshold.")))
                .tests(Scenario.cases(forDuration,
                        () -> Scenario.of("memory above the threshold for less than " + duration(forDuration), at)
                                .gauge(series(rss), above).beforeFor(pending(GAUGE_ACTIVE), expect(TARGET, above)),
                        Scenario.of("memory at 120 % of the threshold", at).gauge(series(rss), above)
                                .fires(at, expect(TARGET, above)),
                        Scenario.of("memory at 90 % of the threshold", at).gauge(series(rss), below)
                                .silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    private ResourceAlerts() {
    }
}
