package dev.spacetime.alerts.model;

import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An alerting rule with everything that is generated from it: the rule, its promtool tests and its runbook.
 *
 * @param name        alert name, UpperCamelCase
 * @param group       rule group
 * @param severity    {@code severity} label
 * @param component   {@code component} label
 * @param scopes      whose series the expression reads: every result carries the labels of one of them (the API's
 *                    scope for most alerts, one of the stack's own jobs for the pipeline and host alerts)
 * @param forDuration how long the condition must hold
 * @param expr        PromQL composed from the metric catalog and the recording rules
 * @param extraLabels labels besides severity and component (e.g. {@code slo})
 * @param summary     static one-line summary
 * @param description templated description with the humanized value
 * @param runbook     the runbook page
 * @param tests       promtool cases: at least one firing and one silent
 */
public record AlertRule(String name, AlertGroup group, Severity severity, Component component, List<Scope> scopes,
                        Duration forDuration, String expr, Map<String, String> extraLabels, String summary, Template description,
                        Runbook runbook, List<AlertTest> tests) implements Rule {

    public static final String SEVERITY = "severity";
    public static final String COMPONENT = "component";

    public AlertRule {
        if (!name.matches("[A-Z][A-Za-z0-9]+")) {
            throw new IllegalArgumentException("alert name must be UpperCamelCase: " + name);
        }
        Objects.requireNonNull(group);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(component);
        scopes = List.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException(name + ": selects no scope");
        }
        if (scopes.stream().map(Scope::labelNames).distinct().count() > 1) {
            // Otherwise some results would lack a label the others carry (inhibit rules rely on them).
            throw new IllegalArgumentException(name + ": scopes with different labels " + scopes);
        }
        Objects.requireNonNull(expr);
        Objects.requireNonNull(summary);
        Objects.requireNonNull(description);
        Objects.requireNonNull(runbook);
        extraLabels = Map.copyOf(new TreeMap<>(extraLabels));
        tests = List.copyOf(tests);
        for (AlertTest t : tests) {
            // A firing case must look after "for"; a pending case is proven by promtool (ALERTS{alertstate}).
            if (t.kind() == AlertTest.Kind.FIRES && t.evalTime().compareTo(forDuration) <= 0) {
                throw new IllegalArgumentException(name + ": firing case '" + t.name() + "' evaluates at "
                        + t.evalTime() + ", before for " + forDuration);
            }
        }
    }

    /** The rule's labels in file order: severity, component, then the extra labels by name. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SEVERITY, severity.label());
        labels.put(COMPONENT, component.label());
        labels.putAll(new TreeMap<>(extraLabels));
        return labels;
    }

    /** Where this alert's runbook page is published: the base URL plus the alert's name. */
    public String runbookUrl(String baseUrl) {
        return baseUrl + name;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Assembles an {@link AlertRule}; {@link #build()} validates. */
    public static final class Builder {
        private final String name;
        private AlertGroup group;
        private Severity severity;
        private Component component;
        private List<Scope> scopes = List.of();
        private Duration forDuration;
        private String expr;
        private final Map<String, String> extraLabels = new TreeMap<>();
        private String summary;
        private Template description;
        private Runbook runbook;
        private final List<AlertTest> tests = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder group(AlertGroup group) {
            this.group = group;
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Builder component(Component component) {
            this.component = component;
            return this;
        }

        /** The scope (or scopes) whose series the expression selects and whose labels it keeps. */
        public Builder scope(Scope... selected) {
            this.scopes = List.of(selected);
            return this;
        }

        public Builder forDuration(Duration forDuration) {
            this.forDuration = forDuration;
            return this;
        }

        public Builder expr(String expr) {
            this.expr = expr;
            return this;
        }

        public Builder label(String label, String value) {
            extraLabels.put(label, value);
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder description(Object... pieces) {
            this.description = Template.of(pieces);
            return this;
        }

        public Builder runbook(Runbook runbook) {
            this.runbook = runbook;
            return this;
        }

        public Builder tests(List<AlertTest> cases) {
            tests.addAll(cases);
            return this;
        }

        public AlertRule build() {
            return new AlertRule(name, group, severity, component, scopes, forDuration, expr, extraLabels, summary,
                    description, runbook, tests);
        }
    }
}
