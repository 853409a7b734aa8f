package dev.spacetime.server.health;

import dev.spacetime.catalog.HealthState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** A full health check: overall state is the worst subsystem's, advisory subsystems counting at most as degraded. */
public record HealthReport(HealthState overall, Instant timestamp, long checkDurationMs,
                           List<SubsystemReport> subsystems) {

    public HealthReport {
        subsystems = List.copyOf(subsystems);
    }

    static HealthReport of(Instant timestamp, long checkDurationMs, List<SubsystemReport> subsystems) {
        HealthState overall = subsystems.stream().map(SubsystemReport::weight)
                .reduce(HealthState.HEALTHY, HealthState::worst);
        return new HealthReport(overall, timestamp, checkDurationMs, subsystems);
    }

    public boolean healthy() {
        return overall != HealthState.UNHEALTHY;
    }

    /** The /health body. */
    public JsonObject toJson() {
        JsonObject subs = new JsonObject();
        JsonArray issues = new JsonArray();
        for (SubsystemReport s : subsystems) {
            HealthResult r = s.result();
            subs.put(s.name(), new JsonObject()
                    .put("status", r.state().label())
                    .put("message", r.message())
                    .put("check_duration_ms", s.checkDurationMs())
                    .put("details", new JsonObject(new java.util.TreeMap<>(r.details()))));
            if (r.state() != HealthState.HEALTHY) {
                issues.add(s.name() + ": " + r.message());
            }
        }
        return new JsonObject()
                .put("status", overall.label())
                .put("healthy", healthy())
                .put("timestamp", timestamp.toString())
                .put("check_duration_ms", checkDurationMs)
                .put("subsystems", subs)
                .put("issues", issues);
    }
}
