package dev.spacetime.stack;

import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.catalog.PromQL;
import dev.spacetime.settings.Severity;

/** An Alertmanager equality matcher; {@link #toString()} is its {@code label="value"} form. */
public record Matcher(String label, String value) {

    public static Matcher of(Component component) {
        return new Matcher(AlertRule.COMPONENT, component.label());
    }

    public static Matcher of(Severity severity) {
        return new Matcher(AlertRule.SEVERITY, severity.label());
    }

    @Override
    public String toString() {
        return PromQL.eq(label, value);
    }
}
