package dev.spacetime.alerts.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A recording rule; names follow Prometheus' {@code level:metric:operations} convention.
 *
 * @param name the recorded series, e.g. {@code job_endpoint:http_requests:rate5m}
 * @param expr what it records
 */
public record RecordingRule(String name, String expr) implements Rule {

    private static final Pattern LEVEL_METRIC_OPERATIONS =
            Pattern.compile("[a-z_]+:[a-z_]+:[a-z0-9_]+");

    public RecordingRule {
        Objects.requireNonNull(expr);
        if (!LEVEL_METRIC_OPERATIONS.matcher(name).matches()) {
            throw new IllegalArgumentException("recording rule name is not level:metric:operations: " + name);
        }
    }
}
