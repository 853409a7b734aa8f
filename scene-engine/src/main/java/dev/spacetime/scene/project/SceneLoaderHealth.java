package dev.spacetime.scene.project;

import dev.spacetime.catalog.HealthState;
import java.util.Map;

/** Input for the server's {@code scene_loader} health subsystem. */
public record SceneLoaderHealth(HealthState state, String message, Map<String, Object> details) {
    public SceneLoaderHealth {
        details = Map.copyOf(details);
    }
}
