package dev.spacetime.scene.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spacetime.catalog.HealthState;
import dev.spacetime.scene.project.DemoProject;
import dev.spacetime.scene.project.SceneConfig;
import dev.spacetime.scene.project.SceneService;
import dev.spacetime.scene.tree.SceneTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneRuntimeTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;
    private SceneService service;

    @BeforeEach
    void setUp() throws Exception {
        service = new SceneService(SceneConfig.builder(DemoProject.materialise(dir)).build());
    }

    @Test
    void ticksProcessEveryNodeAndSpinNodesWithASpeed() throws Exception {
        service.load("res://main.tscn");
        AtomicLong clock = new AtomicLong(10 * SECOND);
        SceneRuntime rt = new SceneRuntime(service::currentTree, 90, clock::get);
        List<Double> frameTimes = new ArrayList<>();
        rt.onFrame(frameTimes::add);
        long period = SECOND / 90;
        for (int i = 0; i < 90; i++) {
            rt.tick(clock.addAndGet(period));
        }
        assertThat(rt.frames()).isEqualTo(90);
        assertThat(frameTimes).hasSize(90);
        assertThat(rt.sceneNodes()).isEqualTo(27);
        assertThat(rt.nodeFrames("/root/Main/XROrigin3D/LeftHand")).isEqualTo(90);
        // The beacon spins at pi/2 rad/s: 90 frames of 1/90 s = 1 s -> pi/2.
        assertThat(rt.spinAngle("/root/Main/Beacon").orElseThrow()).isCloseTo(Math.PI / 2, within(1e-3));
        assertThat(rt.spinAngle("/root/Main/Floor")).isEmpty();
        assertThat(rt.fps()).isCloseTo(90, within(0.5));
        assertThat(rt.warmedUp()).isFalse();
        // The first frame is a full window old once a second has passed since it.
        clock.addAndGet(2 * period);
        assertThat(rt.warmedUp()).isTrue();

        // A new current scene resets per-node state.
        service.load("res://ui/menu.tscn");
        rt.tick(clock.addAndGet(period));
        assertThat(rt.sceneNodes()).isEqualTo(7);
        assertThat(rt.nodeFrames("/root/Menu/Pointer/Cursor")).isEqualTo(1);
        assertThat(rt.nodeFrames("/root/Main/XROrigin3D/LeftHand")).isZero();
    }

    @Test
    void ticksWithoutASceneAndClampsLongPauses() {
        AtomicReference<Optional<SceneTree>> scene = new AtomicReference<>(Optional.empty());
        AtomicLong clock = new AtomicLong(SECOND);
        SceneRuntime rt = new SceneRuntime(scene::get, 90, clock::get);
        rt.tick(clock.get());
        assertThat(rt.sceneNodes()).isZero();
        assertThat(rt.frames()).isEqualTo(1);
    }

    @Test
    void runsOnItsOwnThreadAndStopsCleanly() throws Exception {
        service.load("res://main.tscn");
        SceneRuntime rt = new SceneRuntime(service::currentTree, 200);
        assertThat(rt.running()).isFalse();
        rt.start();
        try {
            long deadline = System.nanoTime() + 30 * SECOND;
            while (rt.frames() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(rt.frames()).as("frames advance").isGreaterThanOrEqualTo(20);
            assertThat(rt.running()).isTrue();
            assertThat(rt.nodeFrames("/root/Main")).isPositive();
            assertThat(rt.frameTimeSeconds()).isGreaterThanOrEqualTo(0);
        } finally {
            rt.stop();
        }
        assertThat(rt.running()).isFalse();
        long after = rt.frames();
        Thread.sleep(50);
        assertThat(rt.frames()).as("no frames after stop").isEqualTo(after);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("scene-runtime") && t.isAlive());
        assertThat(EngineHealth.of(rt, 60).state()).isEqualTo(HealthState.UNHEALTHY);
    }

    @Test
    void engineHealthComparesFpsWithTheFloor() {
        assertThat(EngineHealth.evaluate(false, true, 90, 90, 0.001, 10, 60).state()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(EngineHealth.evaluate(true, false, 0, 90, 0, 1, 60).state()).isEqualTo(HealthState.HEALTHY);
        EngineHealth slow = EngineHealth.evaluate(true, true, 42.5, 90, 0.02, 1000, 60);
        assertThat(slow.state()).isEqualTo(HealthState.DEGRADED);
        assertThat(slow.message()).isEqualTo("fps 42.5 below floor 60.0");
        assertThat(EngineHealth.evaluate(true, true, 89.9, 90, 0.001, 1000, 60).state()).isEqualTo(HealthState.HEALTHY);
        assertThat(EngineHealth.evaluate(true, true, 60, 90, 0.001, 1000, 60).state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void targetRateIsValidated() {
        assertThatThrownBy(() -> new SceneRuntime(Optional::empty, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SceneRuntime(Optional::empty, 5000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SceneRuntime(Optional::empty, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
