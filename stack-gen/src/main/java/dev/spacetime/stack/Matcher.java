package dev.spacetime.stack;

import dev.spacetime.catalog.PromQL;

/** An Alertmanager equality matcher; {@link #toString()} is its {@code label="value"} form. */
public record Matcher(String label, String value) {

    public static Matcher component(String component) {
        return new Matcher(AlertLabels.COMPONENT, component);
    }

    @Override
    public String toString() {
        return PromQL.eq(label, value);
    }
}
