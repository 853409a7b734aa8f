package dev.spacetime.scene.runtime;

import dev.spacetime.catalog.HealthState;

/**
 * Input for the server's {@code engine} health subsystem: healthy while the loop runs at or above the floor,
 * degraded below it, unhealthy when the loop is not running. During the first second fps has no full window yet,
 * which is reported but not judged.
 */
public record EngineHealth(HealthState state, String message, double fps, double targetFps,
                           double frameTimeSeconds, boolean running, long frames) {

    public static EngineHealth of(SceneRuntime runtime, double fpsFloor) {
        return evaluate(runtime.running(), runtime.warmedUp(), runtime.fps(), runtime.targetFps(),
                runtime.frameTimeSeconds(), runtime.frames(), fpsFloor);
    }

    /** The decision itself, as a pure function of the runtime's readings. */
    public static EngineHealth evaluate(boolean running, boolean warmedUp, double fps, double targetFps,
                                        double frameTimeSeconds, long frames, double fpsFloor) {
        HealthState state;
        String message;
        if (!running) {
            state = HealthState.UNHEALTHY;
            message = "scene runtime is not running";
        } else if (!warmedUp) {
            state = HealthState.HEALTHY;
            message = "scene runtime warming up";
        } else if (fps < fpsFloor) {
            state = HealthState.DEGRADED;
            message = String.format(java.util.Locale.ROOT, "fps %.1f below floor %.1f", fps, fpsFloor);
        } else {
            state = HealthState.HEALTHY;
            message = String.format(java.util.Locale.ROOT, "fps %.1f (target %.0f)", fps, targetFps);
        }
        return new EngineHealth(state, message, fps, targetFps, frameTimeSeconds, running, frames);
    }
}
