package dev.spacetime.alerts.generate;

import dev.spacetime.alerts.RuleFileLayout;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.AlertTest;
import dev.spacetime.alerts.model.RecordingRule;
import dev.spacetime.alerts.model.RecordingTest;
import dev.spacetime.alerts.model.Rule;
import dev.spacetime.alerts.model.RuleGroup;
import dev.spacetime.alerts.scenario.Scenario;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.PromQL;
import dev.spacetime.settings.PromDuration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders rule groups to Prometheus rule files and alert test cases to promtool test files. */
public final class RuleFiles {

    private static final String ALERTNAME = Metrics.ALERTS.labels().get(0);
    private static final String ALERTSTATE = Metrics.ALERTS.labels().get(1);

    private RuleFiles() {
    }

    /** A rule file holding {@code groups}; alerts link their runbook under {@code runbookBaseUrl}. */
    public static String rules(List<RuleGroup> groups, String runbookBaseUrl) {
        return Yaml.dump(Map.of("groups", groups.stream().map(g -> group(g, runbookBaseUrl)).toList()));
    }

    /** The promtool test file of {@code alert}; rule files are referenced relative to the tests folder. */
    public static String tests(AlertRule alert, String runbookBaseUrl) {
        return testFile(alert.tests().stream().map(t -> test(alert, t, runbookBaseUrl)).toList());
    }

    /** The promtool test file of the recording rules. */
    public static String recordingTests(List<RecordingTest> tests) {
        return testFile(tests.stream().map(RuleFiles::test).toList());
    }

    private static String testFile(List<Map<String, Object>> tests) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("rule_files", List.of("../" + RuleFileLayout.RECORDING_FILE, "../" + RuleFileLayout.ALERTS_FILE));
        doc.put("evaluation_interval", PromDuration.duration(Scenario.EVALUATION));
        doc.put("tests", tests);
        return Yaml.dump(doc);
    }

    private static Map<String, Object> test(RecordingTest t) {
        Map<String, Object> out = testGroup(t.name(), t.interval(), t.input());
        // One expression per record, expecting all its samples: promtool wants every series the record has.
        Map<String, List<RecordingTest.Sample>> byRecord = t.samples().stream()
                .collect(Collectors.groupingBy(RecordingTest.Sample::record, LinkedHashMap::new, Collectors.toList()));
        out.put("promql_expr_test", byRecord.entrySet().stream().map(record -> {
            Map<String, Object> exprTest = new LinkedHashMap<>();
            exprTest.put("expr", record.getKey());
            exprTest.put("eval_time", PromDuration.duration(t.evalTime()));
            exprTest.put("exp_samples", record.getValue().stream().map(sample -> {
                Map<String, Object> expected = new LinkedHashMap<>();
                expected.put("labels", series(sample.record(), sample.labels()));
                expected.put("value", sample.value());
                return expected;
            }).toList());
            return exprTest;
        }).toList());
        return out;
    }

    private static Map<String, Object> testGroup(String name, Duration interval, List<AlertTest.InputSeries> input) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("interval", PromDuration.duration(interval));
        out.put("input_series", input.stream().map(s -> {
            Map<String, Object> series = new LinkedHashMap<>();
            series.put("series", s.series());
            series.put("values", s.values());
            return series;
        }).toList());
        return out;
    }

    /** {@code name{a="b", ...}} with labels sorted. */
    private static String series(String name, Map<String, String> labels) {
        return PromQL.select(name, new TreeMap<>(labels).entrySet().stream()
                .map(l -> PromQL.eq(l.getKey(), l.getValue())).toArray(String[]::new));
    }

    private static Map<String, Object> group(RuleGroup group, String runbookBaseUrl) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", group.name());
        out.put("rules", group.rules().stream().map(r -> rule(r, runbookBaseUrl)).toList());
        return out;
    }

    private static Map<String, Object> rule(Rule rule, String runbookBaseUrl) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (rule instanceof RecordingRule r) {
            out.put("record", r.name());
            out.put("expr", r.expr());
        } else if (rule instanceof AlertRule a) {
            out.put("alert", a.name());
            out.put("expr", a.expr());
            if (!a.forDuration().isZero()) {
                out.put("for", PromDuration.duration(a.forDuration()));
            }
            out.put("labels", a.labels());
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", a.summary());
            annotations.put("description", a.description().goTemplate());
            annotations.put("runbook_url", a.runbookUrl(runbookBaseUrl));
            out.put("annotations", annotations);
        }
        return out;
    }

    private static Map<String, Object> test(AlertRule alert, AlertTest t, String runbookBaseUrl) {
        Map<String, Object> out = testGroup(t.kind().name().toLowerCase(Locale.ROOT) + ": " + t.name(),
                t.interval(), t.input());
        Map<String, Object> alertTest = new LinkedHashMap<>();
        alertTest.put("eval_time", PromDuration.duration(t.evalTime()));
        alertTest.put("alertname", alert.name());
        boolean firing = t.kind() == AlertTest.Kind.FIRES;
        alertTest.put("exp_alerts", firing ? t.expected().stream().map(e -> {
            Map<String, Object> expected = new LinkedHashMap<>();
            Map<String, String> labels = labels(alert, e);
            expected.put("exp_labels", labels);
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", alert.summary());
            annotations.put("description", alert.description().expand(labels, e.value()));
            annotations.put("runbook_url", alert.runbookUrl(runbookBaseUrl));
            expected.put("exp_annotations", annotations);
            return expected;
        }).toList() : List.of());
        out.put("alert_rule_test", List.of(alertTest));
        if (t.kind() == AlertTest.Kind.BEFORE_FOR) {
            // Not firing is not enough: the condition must hold, so the alert must be pending.
            Map<String, Object> exprTest = new LinkedHashMap<>();
            exprTest.put("expr", PromQL.select(Metrics.ALERTS.name(), PromQL.eq(ALERTNAME, alert.name()),
                    PromQL.eq(ALERTSTATE, "pending")));
            exprTest.put("eval_time", PromDuration.duration(t.evalTime()));
            exprTest.put("exp_samples", t.expected().stream().map(e -> {
                Map<String, String> labels = new TreeMap<>(labels(alert, e));
                labels.put(ALERTNAME, alert.name());
                labels.put(ALERTSTATE, "pending");
                Map<String, Object> sample = new LinkedHashMap<>();
                sample.put("labels", series(Metrics.ALERTS.name(), labels));
                sample.put("value", 1);
                return sample;
            }).toList());
            out.put("promql_expr_test", List.of(exprTest));
        }
        return out;
    }

    /** The alert's full label set: what its expression yields plus the rule's labels, sorted. */
    private static Map<String, String> labels(AlertRule alert, AlertTest.Expected e) {
        Map<String, String> labels = new TreeMap<>(e.labels());
        labels.putAll(alert.labels());
        return labels;
    }
}
