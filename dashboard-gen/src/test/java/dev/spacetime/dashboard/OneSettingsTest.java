package dev.spacetime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.alerts.AlertCatalog;
import dev.spacetime.alerts.Consoles;
import dev.spacetime.alerts.RuleFileLayout;
import dev.spacetime.alerts.generate.Generator;
import dev.spacetime.alerts.generate.Promtool;
import dev.spacetime.alerts.generate.RuleFiles;
import dev.spacetime.alerts.generate.RunbookPages;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.dashboard.model.Dashboard;
import dev.spacetime.dashboard.model.ThresholdSteps.Step;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Thresholds;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One settings object feeds every generator: a threshold edited once moves the alert's expression, its promtool
 * cases, its runbook and the dashboard's colour step, and the moved cases still pass against the moved rule.
 */
class OneSettingsTest {

    private static final String BASE = Settings.DEFAULT_RUNBOOK_BASE_URL;

    /** The defaults with the 5xx share 5 % → 8 %, p95 latency 500 ms → 750 ms, memory warning 800 → 600 MB. */
    private static final Settings EDITED = Settings.defaults().withThresholds(edit(Thresholds.defaults()));

    private static Thresholds edit(Thresholds d) {
        return new Thresholds(0.08, d.minRequestRate(), d.criticalLatencyP99Seconds(), 0.75,
                d.criticalAuthFailuresPerMin(), d.warningAuthFailuresPerMin(), d.rateLimitHitsPerMin(),
                d.criticalMemoryBytes(), 6e8, d.sceneLoadErrorRatio(), d.minSceneLoadRate(), d.instancesDownRatio(), d.notificationFailureRatio(), d.notificationQueueRatio(), d.scrapeDurationRatio(),
                d.filesystemAvailableRatio(), d.filesystemFillHours(), d.filesystemFillGuardRatio(), d.memoryAvailableRatio(),
                d.cpuBusyRatio());
    }

    @TempDir
    Path dir;

    @Test
    void anEditedThresholdMovesTheAlertItsTestsItsRunbookAndTheDashboard() {
        AlertRule before = alert(Settings.defaults(), "HighHTTPErrorRate");
        AlertRule after = alert(EDITED, "HighHTTPErrorRate");

        assertThat(before.expr()).contains("> 0.05");
        assertThat(after.expr()).contains("> 0.08").doesNotContain("0.05");

        // The promtool cases: twice the threshold fails, half of it does not; expected annotations say so.
        String tests = RuleFiles.tests(after, BASE);
        assertThat(tests).contains("1 req/s, 16 % answered 500", "1 req/s, 4 % answered 500", "16% of requests",
                "threshold 8 %");
        assertThat(RuleFiles.tests(before, BASE)).contains("1 req/s, 10 % answered 500");

        assertThat(RunbookPages.page(after, Consoles.STANDARD)).contains("More than 8 % of API requests fail",
                "> 0.08");

        assertThat(steps(HttpApiOverview.dashboard(Settings.defaults()), "Error rate"))
                .contains(new Step("red", 0.05));
        assertThat(steps(HttpApiOverview.dashboard(EDITED), "Error rate")).contains(new Step("red", 0.08));
        assertThat(steps(HttpApiOverview.dashboard(EDITED), "Error rate by instance")).contains(new Step("red", 0.08));
        assertThat(steps(HttpApiOverview.dashboard(EDITED), "Latency percentiles")).contains(new Step("red", 0.75));
        assertThat(alert(EDITED, "SlowRequestLatency").expr()).contains("> 0.75");
        assertThat(steps(HttpApiOverview.dashboard(EDITED), "Memory")).contains(new Step("yellow", 6e8));
        assertThat(alert(EDITED, "HighMemoryUsage").expr()).contains("> 600000000");
    }

    @Test
    void theMovedCasesPassPromtoolAgainstTheMovedRules() {
        Generator.write(dir, AlertCatalog.rules(EDITED), BASE);
        Path tests = dir.resolve(RuleFileLayout.PROMETHEUS_DIR).resolve(RuleFileLayout.TESTS_DIR);
        Promtool.Result r = Promtool.testRules(List.of(tests.resolve("HighHTTPErrorRate.yml"),
                tests.resolve("SlowRequestLatency.yml"), tests.resolve("HighMemoryUsage.yml")));
        assertThat(r.ok()).as(r.output()).isTrue();
    }

    private static AlertRule alert(Settings settings, String name) {
        return AlertCatalog.alerts(settings).stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<Step> steps(Dashboard d, String title) {
        return d.visualizations().filter(v -> v.title().equals(title)).findFirst().orElseThrow()
                .fieldConfig().defaults().thresholds().steps();
    }
}
