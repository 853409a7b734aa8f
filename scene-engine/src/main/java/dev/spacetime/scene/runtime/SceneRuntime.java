package dev.spacetime.scene.runtime;

import dev.spacetime.scene.parse.Value;
import dev.spacetime.scene.tree.SceneNode;
import dev.spacetime.scene.tree.SceneTree;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Ticks the current scene at a target rate on its own thread, as the engine's main loop would. Each frame walks
 * every node of the current tree: a per-node frame counter advances, and nodes with a
 * {@code metadata/spin_speed} (radians per second) rotate by speed x delta. The measured rate (over a 1 s
 * window) and the processing time of each frame are what the server exports and health checks.
 *
 * <p>Threading: {@link #start()}/{@link #stop()} from any thread; getters are safe from any thread.
 */
public final class SceneRuntime implements AutoCloseable {
    public static final double DEFAULT_TARGET_FPS = 90;
    public static final double MAX_TARGET_FPS = 1000;
    public static final String SPIN_SPEED = "metadata/spin_speed";
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final double MAX_DELTA_SECONDS = 0.25;

    private final Supplier<Optional<SceneTree>> scene;
    private final double targetFps;
    private final LongSupplier clock;
    private final FpsMeter meter;
    private final Object frameLock = new Object();
    private volatile DoubleConsumer frameListener = seconds -> { };
    private volatile Thread thread;
    private volatile boolean running;
    private volatile long frames;
    private volatile double lastFrameSeconds;
    private volatile int sceneNodes;
    private State state = State.EMPTY;
    private long lastTick;

    /** @param scene supplies the current scene each frame (e.g. the scene service's current tree) */
    public SceneRuntime(Supplier<Optional<SceneTree>> scene, double targetFps) {
        this(scene, targetFps, System::nanoTime);
    }

    SceneRuntime(Supplier<Optional<SceneTree>> scene, double targetFps, LongSupplier clock) {
        if (!(targetFps > 0 && targetFps <= MAX_TARGET_FPS)) {
            throw new IllegalArgumentException("target fps must be in (0, " + MAX_TARGET_FPS + "]: " + targetFps);
        }
        this.scene = scene;
        this.targetFps = targetFps;
        this.clock = clock;
        this.meter = new FpsMeter(WINDOW_NANOS, (int) Math.ceil(targetFps * 2) + 2);
    }

    /** Called on the runtime thread after each frame with its processing time in seconds (for a histogram). */
    public void onFrame(DoubleConsumer listener) {
        this.frameListener = listener;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, "scene-runtime");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the loop and waits (bounded) for the thread to end. */
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void loop() {
        long period = Math.round(1e9 / targetFps);
        long next = clock.getAsLong();
        while (running) {
            long now = clock.getAsLong();
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            tick(now);
            next += period;
            if (next < now) {
                // Fell behind (GC, overload): resume the cadence instead of bursting to catch up.
                next = now + period;
            }
        }
    }

    /** One frame at {@code nowNanos}: what the loop calls; tests call it directly with a synthetic clock. */
    void tick(long nowNanos) {
        long started = clock.getAsLong();
        synchronized (frameLock) {
            SceneTree tree = scene.get().orElse(null);
            if (tree != state.tree) {
                state = new State(tree);
                sceneNodes = state.nodes.size();
            }
            double dt = lastTick == 0 ? 1 / targetFps
                    : Math.min(MAX_DELTA_SECONDS, Math.max(0, (nowNanos - lastTick) / 1e9));
            lastTick = nowNanos;
            for (int i = 0; i < state.counters.length; i++) {
                state.counters[i]++;
                if (state.spin[i] != 0) {
                    state.angles[i] = (state.angles[i] + state.spin[i] * dt) % (2 * Math.PI);
                }
            }
        }
        meter.record(nowNanos);
        frames++;
        double seconds = Math.max(0, clock.getAsLong() - started) / 1e9;
        lastFrameSeconds = seconds;
        frameListener.accept(seconds);
    }

    public double targetFps() {
        return targetFps;
    }

    /** Measured frames per second over the last second; 0 when stopped or stalled. */
    public double fps() {
        return meter.fps(clock.getAsLong());
    }

    /** Whether fps covers a full window yet (false during the first second after start). */
    public boolean warmedUp() {
        return meter.windowFilled(clock.getAsLong());
    }

    /** Processing time of the last frame, in seconds. */
    public double frameTimeSeconds() {
        return lastFrameSeconds;
    }

    public long frames() {
        return frames;
    }

    public boolean running() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    /** Nodes of the scene processed by the last frame. */
    public int sceneNodes() {
        return sceneNodes;
    }

    /** Frames a node has been processed since its scene became current. */
    public long nodeFrames(String absolutePath) {
        synchronized (frameLock) {
            int i = state.indexOf(absolutePath);
            return i < 0 ? 0 : state.counters[i];
        }
    }

    /** The accumulated spin angle (radians, in [0, 2 pi)) of a node with a spin speed. */
    public OptionalDouble spinAngle(String absolutePath) {
        synchronized (frameLock) {
            int i = state.indexOf(absolutePath);
            return i < 0 || state.spin[i] == 0 ? OptionalDouble.empty() : OptionalDouble.of(state.angles[i]);
        }
    }

    /** Per-node state of the current scene, rebuilt when the current scene changes. */
    private static final class State {
        static final State EMPTY = new State(null);
        final SceneTree tree;
        final List<SceneNode> nodes;
        final long[] counters;
        final double[] spin;
        final double[] angles;

        State(SceneTree tree) {
            this.tree = tree;
            this.nodes = tree == null ? List.of() : tree.nodes();
            this.counters = new long[nodes.size()];
            this.spin = new double[nodes.size()];
            this.angles = new double[nodes.size()];
            for (int i = 0; i < nodes.size(); i++) {
                Value v = nodes.get(i).properties().get(SPIN_SPEED);
                spin[i] = v instanceof Value.Real r && Double.isFinite(r.value()) ? r.value()
                        : v instanceof Value.Int n ? n.value() : 0;
            }
        }

        int indexOf(String path) {
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).path().equals(path)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
