package dev.spacetime.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.AlertTest.Kind;
import dev.spacetime.alerts.model.AlertTest;
import dev.spacetime.alerts.model.Rule;
import dev.spacetime.alerts.model.RuleGroup;
import dev.spacetime.alerts.model.Runbook;
import dev.spacetime.alerts.promql.Expr;
import dev.spacetime.alerts.scenario.Scenario;
import dev.spacetime.catalog.Heartbeats;
import dev.spacetime.catalog.Jobs;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.alerts.model.AlertGroup;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import dev.spacetime.settings.StackJobs;
import dev.spacetime.settings.Thresholds;
import java.time.Duration;
import java.util.function.Function;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Static properties of the rule definitions: every series exists, every alert is tested both ways. */
class RuleDefinitionsTest {

    private static final AlertCatalog.RuleSet RULES = AlertCatalog.rules(Settings.defaults());

    /** The rule definitions' sources (tests run in the module's directory). */
    private static final Path DEFINITIONS = Path.of("src/main/java/dev/spacetime/alerts");
    /** The SLOs, each naming its two alerts. */
    private static final Path SLO_DEFINITIONS =
            Path.of("../monitoring-settings/src/main/java/dev/spacetime/settings/Slo.java");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

    /** Metric and recording names an expression reads: identifiers that are not functions, keywords or labels. */
    static Set<String> seriesIn(String expr) {
        String bare = RANGE.matcher(GROUPING.matcher(MATCHERS.matcher(STRING.matcher(expr).replaceAll(""))
                .replaceAll("")).replaceAll("")).replaceAll("");
        Set<String> names = new HashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            boolean function = m.group(2) != null;
            String word = m.group(1);
            if (!function && !KEYWORDS.contains(word) && !word.matches("\\d.*|e\\d*|Inf|NaN")) {
                names.add(word);
            }
        }
        return names;
    }

    @Test
    void parserFindsSeriesButNotFunctionsLabelsOrKeywords() {
        assertThat(seriesIn("sum by (job, le) (rate(http_requests_total{status=~\"5..\"}[5m])) / on (job) "
                + "job:x:rate5m > 0.5 and absent(up{job=\"a\"}) or histogram_quantile(0.9, b_bucket) * 1e9"))
                .containsExactlyInAnyOrder("http_requests_total", "job:x:rate5m", "up", "b_bucket");
    }

    @Test
    void everySeriesAnExpressionReadsIsInTheCatalogOrRecorded() {
        Set<String> recorded = new HashSet<>();
        RULES.recording().forEach(g -> g.rules().forEach(r -> recorded.add(r.name())));
        List<String> expressions = Stream.concat(
                Stream.concat(RULES.recording().stream(), RULES.alerting().stream())
                        .flatMap(g -> g.rules().stream()).map(Rule::expr)
                        // a constant: slo:objective:ratio, the Watchdog
                        .filter(e -> !(e.contains("vector(") && seriesIn(e).isEmpty())),
                RULES.alerts().stream().flatMap(a -> a.runbook().queries().stream()).map(Runbook.Query::promql))
                .toList();

        for (String expr : expressions) {
            assertThat(seriesIn(expr)).as(expr).isNotEmpty()
                    .allSatisfy(s -> assertThat(Metrics.isKnownSeries(s) || recorded.contains(s))
                            .as("%s in %s", s, expr).isTrue());
        }
    }

    @Test
    void recordingRulesAreDefinedBeforeUseWithinTheirGroup() {
        for (RuleGroup g : RULES.recording()) {
            Set<String> defined = new HashSet<>();
            Set<String> inGroup = new HashSet<>();
            g.rules().forEach(r -> inGroup.add(r.name()));
            for (Rule r : g.rules()) {
                seriesIn(r.expr()).stream().filter(inGroup::contains)
                        .forEach(s -> assertThat(defined).as("%s uses %s", r.name(), s).contains(s));
                defined.add(r.name());
            }
        }
    }

    @Test
    void allTwelveSeedAlertsAndTheSloAlertsExistOnce() {
        List<String> names = RULES.alerts().stream().map(AlertRule::name).toList();
        assertThat(names).doesNotHaveDuplicates().contains("HighHTTPErrorRate", "CriticalSlowRequests",
                "CriticalAuthFailureRate", "CriticalMemoryUsage", "HTTPAPIDown", "HealthCheckFailing",
                "SlowRequestLatency", "HighRateLimitHits", "HighAuthFailureRate", "HighMemoryUsage",
                "HighSceneLoadErrorRate", "ServiceDegraded", "AvailabilitySLOFastBurn", "AvailabilitySLOSlowBurn",
                "LatencySLOFastBurn", "LatencySLOSlowBurn", "SceneLoadSLOFastBurn", "SceneLoadSLOSlowBurn");
    }

    /** The Watchdog alone never waits and never stays silent: it fires from the first evaluation on. */
    @Test
    void everyAlertHasAFiringAPendingAndASilentCase() {
        Set<Kind> silent = EnumSet.complementOf(EnumSet.of(Kind.FIRES, Kind.BEFORE_FOR));
        for (AlertRule a : RULES.alerts()) {
            List<Kind> kinds = a.tests().stream().map(AlertTest::kind).toList();
            if (a.name().equals(Heartbeats.WATCHDOG_ALERT)) {
                assertThat(kinds).as(a.name()).containsOnly(Kind.FIRES);
                assertThat(a.forDuration()).isZero();
            } else {
                assertThat(kinds).as(a.name()).contains(Kind.FIRES, Kind.BEFORE_FOR).containsAnyElementsOf(silent);
            }
        }
    }

    @Test
    void guardedRatioAlertsAreTestedWithoutAndWithTinyTraffic() {
        for (String name : List.of("HighHTTPErrorRate", "HighSceneLoadErrorRate", "CriticalSlowRequests",
                "SlowRequestLatency")) {
            AlertRule a = RULES.alerts().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
            assertThat(a.tests()).extracting(AlertTest::kind).as(name).contains(Kind.NO_TRAFFIC, Kind.LOW_TRAFFIC);
        }
    }

    @Test
    void everyAlertCarriesSeverityComponentAndRunbookAnnotations() {
        for (AlertRule a : RULES.alerts()) {
            assertThat(a.labels()).containsKeys(AlertRule.SEVERITY, AlertRule.COMPONENT);
            assertThat(a.runbookUrl("https://x/")).isEqualTo("https://x/" + a.name());
            assertThat(a.description().goTemplate()).as(a.name()).isNotBlank();
        }
    }

    @Test
    void durationsComeFromTheSettings() {
        Settings s = Settings.defaults();
        assertThat(byName("HTTPAPIDown").forDuration()).isEqualTo(s.forDurations().apiDown());
        assertThat(byName("HighMemoryUsage").forDuration()).isEqualTo(s.forDurations().highMemory());
        assertThat(byName("HighMemoryUsage").expr()).contains(Expr.num(s.thresholds().warningMemoryBytes()));
    }

    @Test
    void everyAlertNameIsALiteralInTheDefinitions() throws IOException {
        // One search for "Name" (quotes included) finds where an alert is defined.
        String sources;
        try (Stream<Path> files = Files.list(DEFINITIONS)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(RuleDefinitionsTest::read)
                    .collect(Collectors.joining()) + read(SLO_DEFINITIONS);
        }
        assertThat(RULES.alerts()).allSatisfy(a -> assertThat(sources).as(a.name()).contains('"' + a.name() + '"'));
    }

    /** Each case's alerts carry the labels of one of the scopes the alert selects (the API's for most). */
    @Test
    void everyFiringAndPendingCaseShowsTheLabelsTheCatalogPromises() {
        for (AlertRule a : RULES.alerts()) {
            for (AlertTest t : a.tests()) {
                t.expected().forEach(e -> assertThat(a.scopes()).as("%s: %s %s", a.name(), t.name(), e.labels())
                        .anySatisfy(scope -> assertThat(e.labels()).containsAllEntriesOf(scope.labels())));
            }
        }
        assertThat(byName("HighMemoryUsage").scopes()).containsExactly(Settings.defaults().scope());
    }

    @Test
    void labelsOnEveryAlertAreTheRuleLabelsJobAndAlertname() {
        assertThat(AlertCatalog.labelsOnEveryAlert(RULES.alerts())).containsExactlyInAnyOrder(
                Labels.ALERTNAME, Labels.JOB, AlertRule.SEVERITY, AlertRule.COMPONENT);
        AlertRule burn = byName("AvailabilitySLOFastBurn");
        assertThat(AlertCatalog.labelsOnEveryAlert(List.of(burn))).contains(SloRecordings.SLO_LABEL);
        assertThat(AlertCatalog.firingLabels(burn)).containsEntry(Labels.ALERTNAME, "AvailabilitySLOFastBurn")
                .containsEntry(Labels.JOB, Jobs.API).containsEntry(AlertRule.SEVERITY, "critical");
        assertThat(AlertCatalog.firingLabels(byName("NodeExporterDown"))).containsEntry(Labels.JOB, Jobs.NODE)
                .containsEntry(AlertRule.COMPONENT, "host");
        Settings clustered = Settings.defaults().withScope(Scope.defaults().withCluster("cluster", "eu-1"));
        assertThat(AlertCatalog.labelsOnEveryAlert(AlertCatalog.alerts(clustered))).contains("cluster");
        assertThatThrownBy(() -> AlertCatalog.labelsOnEveryAlert(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Alerts about one instance name it, and those whose outcome depends on how many instances there are have
     * three-instance cases: one bad two good, and the reverse.
     */
    @Test
    void instanceAlertsNameTheirInstanceAndAreTestedOnAFleet() {
        for (String name : List.of("HTTPAPIDown", "HealthCheckFailing", "ServiceDegraded", "CriticalMemoryUsage",
                "HighMemoryUsage", "WorkloadSaturated", "HTTPAPIInstancesDown", "HighHTTPErrorRate")) {
            List<String> fleetCases = byName(name).tests().stream().map(AlertTest::name)
                    .filter(n -> n.matches("(one|two|1|2) of three instances.*")).toList();
            assertThat(fleetCases).as(name).hasSize(2);
        }
        AlertTest twoDown = byName("HTTPAPIDown").tests().stream()
                .filter(t -> t.name().startsWith("two of three")).findFirst().orElseThrow();
        assertThat(twoDown.expected()).extracting(e -> e.labels().get(Labels.INSTANCE))
                .containsExactlyInAnyOrder(Scenario.instance(1), Scenario.instance(2));
        assertThat(byName("HTTPAPIDown").description().goTemplate()).contains("$labels.instance");
        assertThat(byName("HTTPAPIInstancesDown").expr())
                .isEqualTo("1 - avg by (job) (up{job=\"spacetime_api\"}) > 0.5");
    }

    /** The stack's own alerts, by name: what the API, stack-gen and dashboard-gen refer to (the contract's table). */
    private static final List<String> PIPELINE = List.of("Watchdog", "AlertmanagerDown",
            "AlertmanagerNotificationsFailing", "AlertmanagerConfigReloadFailed", "AlertmanagerClusterMembersMissing",
            "PrometheusNotConnectedToAlertmanagers", "PrometheusAlertsDropped", "PrometheusNotificationQueueFilling",
            "PrometheusRuleEvaluationFailures", "PrometheusMissedRuleEvaluations", "PrometheusConfigReloadFailed",
            "PrometheusScrapeSlow");
    private static final List<String> HOST = List.of("HostFilesystemAlmostFull", "HostFilesystemFillingUp",
            "HostMemoryAlmostExhausted", "HostCpuSaturated", "NodeExporterDown");

    @Test
    void theWatchdogIsTheHeartbeatTheApiListensForAndAlwaysFires() {
        AlertRule watchdog = byName(Heartbeats.WATCHDOG_ALERT);
        assertThat(watchdog.severity()).isEqualTo(Severity.NONE);
        assertThat(watchdog.forDuration()).isZero();
        assertThat(watchdog.expr()).contains("vector(1)");
        assertThat(seriesIn(watchdog.expr())).isEmpty();
        assertThat(AlertCatalog.firingLabels(watchdog)).containsEntry(Labels.JOB, Jobs.PROMETHEUS)
                .containsEntry(AlertRule.SEVERITY, "none").containsEntry(AlertRule.COMPONENT, "monitoring");
        assertThat(watchdog.description().goTemplate()).contains("firing on purpose")
                .contains("/health alerting subsystem turns degraded");
    }

    @Test
    void pipelineAndHostAlertsSelectTheStacksOwnJobs() {
        StackJobs jobs = Settings.defaults().stackJobs();
        for (String name : PIPELINE) {
            AlertRule a = byName(name);
            assertThat(a.component()).as(name).isEqualTo(Component.MONITORING);
            assertThat(a.group()).as(name).isEqualTo(AlertGroup.MONITORING);
        }
        for (String name : HOST) {
            AlertRule a = byName(name);
            assertThat(a.component()).as(name).isEqualTo(Component.HOST);
            assertThat(a.scopes()).extracting(Scope::job).as(name).containsExactly(jobs.node());
        }
        assertThat(byName("AlertmanagerDown").scopes()).extracting(Scope::job).containsExactly(jobs.alertmanager());
        assertThat(byName("PrometheusAlertsDropped").scopes()).extracting(Scope::job).containsExactly(jobs.prometheus());
        // Every target of the stack, no other job: a shared Prometheus' other jobs may scrape at other intervals.
        assertThat(byName("PrometheusScrapeSlow").expr())
                .contains("job=~\"spacetime_api|prometheus|alertmanager|node\"");
        assertThat(byName("AlertmanagerNotificationsFailing").tests()).filteredOn(t -> t.kind() == Kind.FIRES)
                .flatExtracting(AlertTest::expected).allSatisfy(e -> assertThat(e.labels())
                        .containsKeys(Labels.INSTANCE, Labels.INTEGRATION));
    }

    /** Per-instance alerts name the one failing instance of two: an HA pair, or two hosts. */
    @Test
    void perInstanceStackAlertsFireForTheFailingInstanceOfTwo() {
        List<String> perInstance = Stream.concat(PIPELINE.stream(), HOST.stream())
                .filter(n -> !List.of("Watchdog", "AlertmanagerClusterMembersMissing").contains(n)).toList();
        for (String name : perInstance) {
            assertThat(byName(name).tests()).as(name).anySatisfy(RuleDefinitionsTest::firesForOneOfTwoInstances);
        }
    }

    private static void firesForOneOfTwoInstances(AlertTest t) {
        assertThat(t.kind()).isEqualTo(Kind.FIRES);
        assertThat(t.input().stream().map(i -> i.series().replaceAll(".*instance=\"([^\"]*)\".*", "$1"))
                .distinct()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(t.expected()).hasSize(1);
    }

    @Test
    void clusterMembersMissingIsQuietForOneAlertmanagerAndFiresWhenAPairSplits() {
        List<AlertTest> tests = byName("AlertmanagerClusterMembersMissing").tests();
        assertThat(tests).anySatisfy(t -> {
            assertThat(t.name()).startsWith("a single Alertmanager");
            assertThat(t.kind()).isEqualTo(Kind.BELOW_THRESHOLD);
        });
        assertThat(tests).anySatisfy(t -> {
            assertThat(t.name()).contains("each sees 1 member");
            assertThat(t.expected()).hasSize(2);
        });
    }

    @Test
    void filesystemAlertsIgnorePseudoAndReadOnlyFilesystems() {
        for (String name : List.of("HostFilesystemAlmostFull", "HostFilesystemFillingUp")) {
            AlertRule a = byName(name);
            assertThat(a.expr()).as(name).contains("fstype!~\"tmpfs|").contains("overlay")
                    .contains("node_filesystem_readonly");
            assertThat(a.tests()).as(name).anySatisfy(t -> {
                assertThat(t.name()).contains("tmpfs");
                assertThat(t.kind()).isEqualTo(Kind.BELOW_THRESHOLD);
            });
        }
        assertThat(byName("HostFilesystemAlmostFull").tests()).anySatisfy(t -> {
            assertThat(t.name()).contains("read-only");
            assertThat(t.kind()).isEqualTo(Kind.BELOW_THRESHOLD);
        });
    }

    @Test
    void stackAlertsTakeThresholdsAndDurationsFromTheSettings() {
        Thresholds d = Thresholds.defaults();
        Settings edited = Settings.defaults()
                .withThresholds(new Thresholds(d.httpErrorRatio(), d.minRequestRate(), d.criticalLatencyP99Seconds(),
                        d.warningLatencyP95Seconds(), d.criticalAuthFailuresPerMin(), d.warningAuthFailuresPerMin(),
                        d.rateLimitHitsPerMin(), d.criticalMemoryBytes(), d.warningMemoryBytes(),
                        d.sceneLoadErrorRatio(), d.minSceneLoadRate(), d.instancesDownRatio(), 0.03, 0.7, 0.4, 0.15,
                        12, 0.3, 0.2, 0.85))
                .withForDurations(ForDurations.all(Duration.ofMinutes(7)));
        List<AlertRule> alerts = AlertCatalog.alerts(edited);
        Function<String, AlertRule> named =
                n -> alerts.stream().filter(a -> a.name().equals(n)).findFirst().orElseThrow();
        assertThat(named.apply("AlertmanagerNotificationsFailing").expr()).endsWith("> 0.03");
        assertThat(named.apply("PrometheusNotificationQueueFilling").expr()).endsWith("> 0.7");
        assertThat(named.apply("PrometheusScrapeSlow").expr()).endsWith("> 6"); // 0.4 of 15s
        assertThat(named.apply("HostFilesystemAlmostFull").expr()).contains("< 0.15");
        assertThat(named.apply("HostFilesystemFillingUp").expr()).contains("< 0.3").contains(", 43200) < 0");
        assertThat(named.apply("HostMemoryAlmostExhausted").expr()).endsWith("< 0.2");
        assertThat(named.apply("HostCpuSaturated").expr()).endsWith("> 0.85");
        Stream.concat(PIPELINE.stream().filter(n -> !n.equals("Watchdog")), HOST.stream())
                .forEach(n -> assertThat(named.apply(n).forDuration()).as(n).isEqualTo(Duration.ofMinutes(7)));
        ForDurations f = Settings.defaults().forDurations();
        assertThat(byName("AlertmanagerDown").forDuration()).isEqualTo(f.alertmanagerDown());
        assertThat(byName("HostFilesystemFillingUp").forDuration()).isEqualTo(f.filesystemFillingUp());
        assertThat(byName("PrometheusConfigReloadFailed").forDuration()).isEqualTo(f.configReloadFailed());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AlertRule byName(String name) {
        return RULES.alerts().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }
}
