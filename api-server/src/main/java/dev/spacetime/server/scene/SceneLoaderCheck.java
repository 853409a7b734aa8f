package dev.spacetime.server.scene;

import dev.spacetime.scene.project.SceneLoaderHealth;
import dev.spacetime.server.health.HealthCheck;
import dev.spacetime.server.health.HealthResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code scene_loader}: the main scene is loadable (unhealthy if not) and the last load that reached a file
 * succeeded (degraded if not). Reads and parses the main scene, so it runs under the health check timeout.
 */
public final class SceneLoaderCheck implements HealthCheck {
    private final SceneHost engine;
    private final SceneErrors errors;

    public SceneLoaderCheck(SceneHost engine) {
        this.engine = engine;
        this.errors = engine.errors();
    }

    @Override
    public String name() {
        return "scene_loader";
    }

    @Override
    public HealthResult check() {
        SceneLoaderHealth h = engine.service().health();
        Map<String, Object> details = new LinkedHashMap<>();
        h.details().forEach((k, v) -> details.put(k, v instanceof String s ? errors.clean(s) : v));
        return HealthResult.of(h.state(), errors.clean(h.message()), details);
    }
}
