package dev.spacetime.alerts.model;

import java.util.List;

/**
 * A Prometheus rule group: its rules run in order, each seeing the results of the ones before it.
 *
 * @param name  unique group name
 * @param rules the rules, in evaluation order
 */
public record RuleGroup(String name, List<? extends Rule> rules) {
    public RuleGroup {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("empty rule group " + name);
        }
    }
}
