package dev.spacetime.server.scene;

import dev.spacetime.scene.runtime.EngineHealth;
import dev.spacetime.server.health.HealthCheck;
import dev.spacetime.server.health.HealthResult;
import java.util.Map;

/** {@code engine}: the scene runtime runs, and its measured fps is at or above the configured floor. */
public final class EngineCheck implements HealthCheck {
    private final SceneHost engine;

    public EngineCheck(SceneHost engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public HealthResult check() {
        double floor = engine.config().fpsFloor();
        EngineHealth h = EngineHealth.of(engine.runtime(), floor);
        return HealthResult.of(h.state(), h.message(), Map.of(
                "fps", Math.round(h.fps() * 10) / 10.0,
                "target_fps", h.targetFps(),
                "fps_floor", floor,
                "frame_time_ms", h.frameTimeSeconds() * 1000,
                "running", h.running(),
                "frames", h.frames(),
                "scene_nodes", engine.runtime().sceneNodes()));
    }
}
