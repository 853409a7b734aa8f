package dev.spacetime.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.alerts.AlertCatalog.RuleSet;
import dev.spacetime.alerts.generate.Generator;
import dev.spacetime.alerts.generate.Promtool;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.RecordingRule;
import dev.spacetime.alerts.model.RuleGroup;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.StackJobs;
import dev.spacetime.settings.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated files, checked and unit-tested by the real promtool (Debian package prometheus). */
class PromtoolRulesTest {

    private static final String BASE = Settings.DEFAULT_RUNBOOK_BASE_URL;

    @TempDir
    Path dir;

    @Test
    void generatedRulesPassPromtoolCheckAndTests() {
        Generator.write(dir, AlertCatalog.rules(Settings.defaults()), BASE);
        Path prometheus = dir.resolve(RuleFileLayout.PROMETHEUS_DIR);

        assertOk(Promtool.checkRules(Promtool.ruleFiles(prometheus)));
        List<Path> tests = Promtool.testFiles(prometheus);
        // One file per alert plus the recording rules' file and the SLO budgets' (evaluated once a day).
        assertThat(tests).hasSize(AlertCatalog.alerts(Settings.defaults()).size() + 2)
                .contains(prometheus.resolve(RuleFileLayout.TESTS_DIR)
                        .resolve(RuleFileLayout.recordingTestsFile(Duration.ofDays(1))));
        assertOk(Promtool.testRules(tests));
    }

    @Test
    void aSyntaxErrorInARuleFailsTheCheck() {
        RuleGroup broken = new RuleGroup("broken", List.of(
                new RecordingRule("job:broken:rate5m", "sum by (job) (rate(up[5m])")));
        Generator.write(dir, new RuleSet(List.of(broken), AlertCatalog.rules(Settings.defaults()).alerting(),
                List.of()), BASE);

        Promtool.Result r = Promtool.checkRules(Promtool.ruleFiles(dir.resolve(RuleFileLayout.PROMETHEUS_DIR)));

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(r.output()).contains("job:broken:rate5m");
    }

    @Test
    void rulesThatDisagreeWithTheirTestsFailPromtoolTest() throws IOException {
        // Tests written for the 5 % error threshold, rules generated with 50 %: the firing case must fail.
        Thresholds d = Thresholds.defaults();
        Settings lax = Settings.defaults().withThresholds(
                new Thresholds(0.5, 0.1, 2.0, 0.5, 50, 10, 50, 1e9, 8e8, 0.10, 0.05, 0.5, d.notificationFailureRatio(), d.notificationQueueRatio(), d.scrapeDurationRatio(),
                d.filesystemAvailableRatio(), d.filesystemFillHours(), d.filesystemFillGuardRatio(), d.memoryAvailableRatio(),
                d.cpuBusyRatio()));
        Generator.write(dir, AlertCatalog.rules(Settings.defaults()), BASE);
        Path laxDir = dir.resolve("lax");
        Generator.write(laxDir, AlertCatalog.rules(lax), BASE);
        Path prometheus = dir.resolve(RuleFileLayout.PROMETHEUS_DIR);
        Files.copy(laxDir.resolve(RuleFileLayout.PROMETHEUS_DIR).resolve("prometheus_alerts.yml"),
                prometheus.resolve("prometheus_alerts.yml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Promtool.Result r = Promtool.testRules(List.of(prometheus.resolve("tests/HighHTTPErrorRate.yml")));

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(r.output()).contains("alertname: HighHTTPErrorRate").contains("got:[]");
    }

    @Test
    void shortenedForDurationsStillPassTheirTests() {
        Settings quick = Settings.defaults().withForDurations(ForDurations.all(Duration.ofSeconds(30)));
        RuleSet rules = AlertCatalog.rules(quick);
        assertThat(rules.alerts()).filteredOn(a -> !a.forDuration().isZero()) // all but the Watchdog
                .hasSize(rules.alerts().size() - 1)
                .allSatisfy(a -> assertThat(a.forDuration()).isEqualTo(Duration.ofSeconds(30)));

        Generator.write(dir, rules, BASE);
        Path prometheus = dir.resolve(RuleFileLayout.PROMETHEUS_DIR);

        assertOk(Promtool.checkRules(Promtool.ruleFiles(prometheus)));
        assertOk(Promtool.testRules(Promtool.testFiles(prometheus)));
    }

    /**
     * Other job names and a cluster label: every rule selects them (the API's job, or the stack's own jobs in the
     * same cluster), and the test data carries them.
     */
    @Test
    void anotherScopeReachesEveryRuleAndItsTests() throws IOException {
        Settings scoped = Settings.defaults().withScope(Scope.of("vr_engine").withCluster("cluster", "eu-1"))
                .withStackJobs(StackJobs.named("prom", "am", "hosts"));
        RuleSet rules = AlertCatalog.rules(scoped);
        Generator.write(dir, rules, BASE);
        Path prometheus = dir.resolve(RuleFileLayout.PROMETHEUS_DIR);

        assertThat(rules.alerts()).allSatisfy(a -> assertThat(a.scopes()).allSatisfy(scope -> {
            assertThat(scope.labels()).containsEntry("cluster", "eu-1");
            assertThat(scope.job()).isIn("vr_engine", "prom", "am", "hosts");
            assertThat(a.expr()).as(a.name()).contains("\"eu-1\"").contains(scope.job());
        }));
        assertThat(rules.alerts()).flatExtracting(AlertRule::scopes).extracting(Scope::job)
                .contains("vr_engine", "prom", "am", "hosts");
        String selector = "cluster=\"eu-1\", job=\"vr_engine\"";
        assertThat(rules.alerts()).filteredOn(a -> a.scopes().equals(List.of(scoped.scope())))
                .isNotEmpty().extracting(AlertRule::expr).allMatch(e -> e.contains(selector));
        assertThat(Files.readString(prometheus.resolve(RuleFileLayout.RECORDING_FILE)))
                .doesNotContain("spacetime_api\"").contains("sum by (cluster, job, instance, endpoint)");
        assertOk(Promtool.checkRules(Promtool.ruleFiles(prometheus)));
        assertOk(Promtool.testRules(Promtool.testFiles(prometheus)));
    }

    @Test
    void twoGenerationsAreByteIdentical() throws IOException {
        Generator.write(dir.resolve("a"), AlertCatalog.rules(Settings.defaults()), BASE);
        Generator.write(dir.resolve("b"), AlertCatalog.rules(Settings.defaults()), BASE);

        List<Path> files = files(dir.resolve("a"));
        assertThat(files).isNotEmpty().isEqualTo(files(dir.resolve("b")));
        for (Path f : files) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(f)))
                    .as(f.toString()).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    private static void assertOk(Promtool.Result r) {
        assertThat(r.ok()).as("promtool exit %d:%n%s", r.exitCode(), r.output()).isTrue();
    }
}
