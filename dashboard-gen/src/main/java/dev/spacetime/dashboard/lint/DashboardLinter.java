package dev.spacetime.dashboard.lint;

import dev.spacetime.dashboard.model.Dashboard;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Runs a set of {@link LintRule}s over a dashboard. */
public record DashboardLinter(Set<LintRule> rules) {

    public DashboardLinter {
        rules = Set.copyOf(rules);
    }

    /** Every rule. */
    public static DashboardLinter standard() {
        return new DashboardLinter(EnumSet.allOf(LintRule.class));
    }

    /** Every violation, in rule order; empty when the dashboard is clean. */
    public List<Violation> check(Dashboard dashboard) {
        return EnumSet.copyOf(rules).stream().flatMap(r -> r.check(dashboard).stream()).toList();
    }
}
