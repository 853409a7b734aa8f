package dev.spacetime.dashboard.lint;

/** One broken lint rule: which rule, where ({@code subject}: a panel or the annotation) and why. */
public record Violation(LintRule rule, String subject, String message) {

    @Override
    public String toString() {
        return "[" + rule.id() + "] " + subject + ": " + message;
    }
}
