package dev.spacetime.stack;

/** Values of the {@code severity} alert label. */
public enum Severity {
    CRITICAL,
    WARNING,
    INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Matcher matcher() {
        return new Matcher(AlertLabels.SEVERITY, label());
    }
}
