package dev.spacetime.stack;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** An alert's labels and the receiver the routing tree must pick for it, checked with {@code amtool}. */
public record RoutingExpectation(SortedMap<String, String> labels, Receiver expected) {

    public RoutingExpectation {
        labels = new TreeMap<>(labels);
    }

    public static RoutingExpectation of(Map<String, String> labels, Receiver expected) {
        return new RoutingExpectation(new TreeMap<>(labels), expected);
    }

    /** {@code label=value} arguments as {@code amtool config routes test} takes them. */
    public List<String> amtoolArguments() {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** What {@link AlertmanagerSettings#standard} must do, with label sets shaped like the generated alerts. */
    public static List<RoutingExpectation> standard() {
        return List.of(
                alert("HighHTTPErrorRate", Severity.CRITICAL, "http", Receiver.CRITICAL),
                alert("SlowRequestLatency", Severity.WARNING, "latency", Receiver.WARNING),
                alert("HighMemoryUsage", Severity.WARNING, "memory", Receiver.WARNING),
                alert("SceneInfo", Severity.INFO, "scene", Receiver.INFO),
                alert("CriticalAuthFailureRate", Severity.CRITICAL, AlertLabels.AUTH_COMPONENT, Receiver.SECURITY),
                alert("HighAuthFailureRate", Severity.WARNING, AlertLabels.AUTH_COMPONENT, Receiver.SECURITY),
                of(Map.of(AlertLabels.ALERTNAME, "Unlabelled"), Receiver.DEFAULT),
                of(Map.of(AlertLabels.ALERTNAME, "OddSeverity", AlertLabels.SEVERITY, "page",
                        AlertLabels.COMPONENT, "http"), Receiver.DEFAULT),
                of(Map.of(AlertLabels.ALERTNAME, "HTTPAPIDown", AlertLabels.SEVERITY, Severity.CRITICAL.label(),
                        AlertLabels.COMPONENT, "availability", AlertLabels.JOB, "spacetime_api",
                        AlertLabels.INSTANCE, "host.docker.internal:8080"), Receiver.CRITICAL));
    }

    private static RoutingExpectation alert(String name, Severity severity, String component, Receiver expected) {
        return of(Map.of(AlertLabels.ALERTNAME, name, AlertLabels.SEVERITY, severity.label(),
                AlertLabels.COMPONENT, component), expected);
    }
}
