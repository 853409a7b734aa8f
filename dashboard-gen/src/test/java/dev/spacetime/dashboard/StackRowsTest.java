package dev.spacetime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.dashboard.lint.DashboardLinter;
import dev.spacetime.dashboard.layout.GridLayout.Cell;
import dev.spacetime.dashboard.model.Dashboard;
import dev.spacetime.dashboard.model.Target;
import dev.spacetime.dashboard.model.ThresholdSteps.Step;
import dev.spacetime.dashboard.model.Visualization;
import dev.spacetime.settings.Heartbeat;
import dev.spacetime.settings.Intervals;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.StackJobs;
import dev.spacetime.settings.Thresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "Host" and "Monitoring pipeline" rows: what they select and where their colours come from. */
class StackRowsTest {

    /** The defaults with every threshold the two rows colour by moved, and the stack's jobs renamed. */
    private static final Settings EDITED = Settings.defaults()
            .withThresholds(edit(Thresholds.defaults()))
            .withIntervals(Intervals.both(PromDuration.ofSeconds(30)))
            .withHeartbeat(new Heartbeat(PromDuration.ofSeconds(30), PromDuration.ofMinutes(3)))
            .withStackJobs(StackJobs.named("prometheus-k8s", "alertmanager-main", "node-exporter"));

    private static Thresholds edit(Thresholds d) {
        return new Thresholds(d.httpErrorRatio(), d.minRequestRate(), d.criticalLatencyP99Seconds(),
                d.warningLatencyP95Seconds(), d.criticalAuthFailuresPerMin(), d.warningAuthFailuresPerMin(),
                d.rateLimitHitsPerMin(), d.criticalMemoryBytes(), d.warningMemoryBytes(), d.sceneLoadErrorRatio(),
                d.minSceneLoadRate(), d.instancesDownRatio(), d.notificationFailureRatio(), 0.7, 0.25, 0.15,
                d.filesystemFillHours(), 0.5, 0.2, 0.8);
    }

    private static Visualization panel(Dashboard d, String title) {
        return d.visualizations().filter(v -> v.title().equals(title)).findFirst().orElseThrow();
    }

    private static List<Step> steps(Dashboard d, String title) {
        return panel(d, title).fieldConfig().defaults().thresholds().steps();
    }

    private static List<String> exprs(List<Cell> cells) {
        return cells.stream().flatMap(c -> c.panel().targets().stream()).map(Target::expr).toList();
    }

    @Test
    void coloursFollowTheHostAndPipelineAlertsThresholdsAndTheHeartbeat() {
        Dashboard defaults = HttpApiOverview.dashboard();
        assertThat(steps(defaults, "CPU busy")).containsExactly(new Step("green", null), new Step("red", 0.9));
        assertThat(steps(defaults, "Memory available")).containsExactly(new Step("red", null),
                new Step("green", 0.1));
        assertThat(steps(defaults, "Disk space available")).containsExactly(new Step("red", null),
                new Step("yellow", 0.1), new Step("green", 0.4));
        assertThat(steps(defaults, "Scrape duration by target")).containsExactly(new Step("green", null),
                new Step("red", 7.5));
        assertThat(steps(defaults, "Alert queue")).containsExactly(new Step("green", null), new Step("red", 0.8));
        assertThat(steps(defaults, PipelinePanels.HEARTBEAT_TITLE)).containsExactly(new Step("green", null),
                new Step("yellow", 120.0), new Step("red", 300.0));

        Dashboard edited = HttpApiOverview.dashboard(EDITED);
        assertThat(steps(edited, "CPU busy")).contains(new Step("red", 0.8));
        assertThat(steps(edited, "Memory available")).contains(new Step("green", 0.2));
        assertThat(steps(edited, "Disk space available")).contains(new Step("yellow", 0.15), new Step("green", 0.5));
        assertThat(steps(edited, "Scrape duration by target")).as("a quarter of 30 s").contains(new Step("red", 7.5));
        assertThat(steps(edited, "Alert queue")).contains(new Step("red", 0.7));
        assertThat(steps(edited, PipelinePanels.HEARTBEAT_TITLE)).contains(new Step("yellow", 60.0),
                new Step("red", 180.0));
        assertThat(panel(edited, "Scrape duration by target").description()).contains("25 %", "30s");
    }

    @Test
    void hostRowSelectsNodeExporterByNameAndTheHostVariable() {
        List<String> exprs = exprs(new HostPanels(EDITED).section().cells());
        assertThat(exprs).isNotEmpty().allSatisfy(e -> assertThat(SeriesNames.selectorsIn(e))
                .allMatch(s -> s.contains("{job=\"node-exporter\", instance=~\"$host\"")));
        assertThat(panel(HttpApiOverview.dashboard(), "Disk space available").targets()).singleElement()
                .satisfies(t -> assertThat(t.expr()).contains(Settings.defaults().stackJobs().realFilesystems())
                        .contains("fstype!~\"tmpfs|", "|overlay|", "|squashfs|"));
        assertThat(panel(HttpApiOverview.dashboard(), "Network").targets())
                .allSatisfy(t -> assertThat(t.expr()).contains("device!=\"lo\""));
    }

    @Test
    void pipelineRowCoversEveryStackJobAndTheApisHeartbeat() {
        List<String> exprs = exprs(new PipelinePanels(EDITED).section().cells());
        assertThat(panel(HttpApiOverview.dashboard(EDITED), "Scrape duration by target").targets())
                .extracting(Target::expr).containsExactly(
                        "scrape_duration_seconds{job=~\"$job\", instance=~\"$instance\"}",
                        "scrape_duration_seconds{job=\"prometheus-k8s\"}",
                        "scrape_duration_seconds{job=\"alertmanager-main\"}",
                        "scrape_duration_seconds{job=\"node-exporter\"}");
        assertThat(exprs).filteredOn(e -> e.contains("prometheus_")).isNotEmpty()
                .allMatch(e -> e.contains("{job=\"prometheus-k8s\"}"));
        assertThat(exprs).filteredOn(e -> e.contains("alertmanager_notifications")).hasSize(2)
                .allMatch(e -> e.contains("{job=\"alertmanager-main\"}")
                        && e.contains("sum by (integration, receiver_name)"));
        assertThat(panel(HttpApiOverview.dashboard(), "Notifications by receiver").description())
                .contains("0.25", "0.27", "receiver");
    }

    @Test
    void heartbeatAgeLeavesOutNeverAndSaysSo() {
        Visualization heartbeat = panel(HttpApiOverview.dashboard(), PipelinePanels.HEARTBEAT_TITLE);
        assertThat(heartbeat.targets()).singleElement().satisfies(t -> assertThat(t.expr()).isEqualTo(
                "time() - (alert_webhook_last_heartbeat_timestamp_seconds{job=~\"$job\", instance=~\"$instance\"}"
                        + " > 0)"));
        assertThat(heartbeat.fieldConfig().defaults().noValue()).isEqualTo("no heartbeat yet");
    }

    @Test
    void theLintRulesPassWithRenamedStackJobs() {
        assertThat(DashboardLinter.standard().check(HttpApiOverview.dashboard(EDITED))).isEmpty();
    }
}
