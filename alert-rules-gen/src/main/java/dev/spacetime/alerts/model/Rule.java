package dev.spacetime.alerts.model;

/** A Prometheus rule: recording or alerting. */
public sealed interface Rule permits RecordingRule, AlertRule {

    /** The recorded series name or the alert name. */
    String name();

    /** The PromQL expression; may span lines. */
    String expr();
}
