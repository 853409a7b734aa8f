package dev.spacetime.alerts;

import static dev.spacetime.alerts.model.Template.label;
import static dev.spacetime.alerts.promql.Expr.gt;
import static dev.spacetime.alerts.scenario.Scenario.GAUGE_ACTIVE;
import static dev.spacetime.alerts.scenario.Scenario.expect;
import static dev.spacetime.alerts.scenario.Scenario.firing;
import static dev.spacetime.alerts.scenario.Scenario.pending;
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
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import dev.spacetime.settings.Thresholds;
import java.time.Duration;
import java.util.List;

/** Alerts on the server process' resources. */
final class ResourceAlerts {

    private final Settings settings;
    private final Scope scope;
    private final TestTargets test;

    private ResourceAlerts(Settings settings) {
        this.settings = settings;
        this.scope = settings.scope();
        this.test = TestTargets.of(settings);
    }

    static List<AlertRule> alerts(Settings settings) {
        return new ResourceAlerts(settings).all();
    }

    private List<AlertRule> all() {
        Thresholds t = settings.thresholds();
        ForDurations f = settings.forDurations();
        return List.of(
                memory("CriticalMemoryUsage", Severity.CRITICAL, t.criticalMemoryBytes(), f.criticalMemory()),
                memory("HighMemoryUsage", Severity.WARNING, t.warningMemoryBytes(), f.highMemory()));
    }

    private AlertRule memory(String name, Severity severity, double bytes, Duration forDuration) {
        String rss = Metrics.PROCESS_RESIDENT_MEMORY.name();
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        double above = bytes * 1.2;
        double below = bytes * 0.9;
        String limit = Humanize.NUMBER.apply(bytes) + "B";
        return AlertRule.builder(name)
                .group(AlertGroup.RESOURCES).severity(severity).component(Component.MEMORY)
                .scope(scope)
                .forDuration(forDuration)
                .expr(gt(scope.select(rss), bytes))
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
                        List.of(new Query("resident memory", scope.select(rss)),
                                new Query("JVM memory by area", scope.select(Metrics.JVM_MEMORY_USED.name())),
                                new Query("growth over the last hour",
                                        "deriv(" + scope.select(rss) + "[" + duration(Duration.ofHours(1)) + "])")),
                        List.of("Large scenes loaded and kept in memory.",
                                "A leak: memory grows steadily across hours without traffic growth.",
                                "The JVM heap limit (-Xmx) is set above the host's budget."),
                        List.of("Check /health's memory subsystem and the loaded scene.",
                                "Take a heap dump (`jcmd <pid> GC.heap_dump`) before restarting if it leaks.",
                                "Restart the API to recover; set -Xmx below the threshold.")))
                .tests(Scenario.cases(forDuration,
                        () -> test.scenario("memory above the threshold for less than " + duration(forDuration), at)
                                .gauge(rss, above).beforeFor(pending(GAUGE_ACTIVE), expect(test.target(), above)),
                        test.scenario("memory at 120 % of the threshold", at).gauge(rss, above)
                                .fires(at, expect(test.target(), above)),
                        test.scenario("memory at 90 % of the threshold", at).gauge(rss, below)
                                .silent(Kind.BELOW_THRESHOLD, at),
                        test.scenario("one of three instances at 120 %, two at 90 %", at)
                                .fleet(1, s -> s.gauge(rss, above), s -> s.gauge(rss, below))
                                .fires(at, test.firstInstances(1, above)),
                        test.scenario("two of three instances at 120 %, one at 90 %", at)
                                .fleet(2, s -> s.gauge(rss, above), s -> s.gauge(rss, below))
                                .fires(at, test.firstInstances(2, above))))
                .build();
    }

}
