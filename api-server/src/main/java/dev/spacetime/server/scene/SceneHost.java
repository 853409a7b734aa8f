package dev.spacetime.server.scene;

import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.SceneErrorType;
import dev.spacetime.scene.SceneException;
import dev.spacetime.scene.parse.ParseLimits;
import dev.spacetime.scene.path.PathPolicy;
import dev.spacetime.scene.project.LoadedScene;
import dev.spacetime.scene.project.SceneConfig;
import dev.spacetime.scene.project.SceneService;
import dev.spacetime.scene.project.SceneStages;
import dev.spacetime.scene.runtime.SceneRuntime;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.metrics.ServerMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.logging.Logger;

/**
 * The server's scene side: the {@link SceneService} over the project root, the {@link SceneRuntime} ticking its
 * current scene, and their metrics. Every load and reload goes through here so {@code scene_loads_total},
 * {@code scene_load_errors_total{error_type}} and {@code scene_load_duration_seconds} count each one exactly once.
 */
public final class SceneHost implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SceneHost.class.getName());

    private final SceneService service;
    private final SceneRuntime runtime;
    private final ServerConfig.Scenes config;
    private final Path projectRoot;
    private final ServerMetrics metrics;
    private final CounterDataPoint loads;
    private final DistributionDataPoint loadDuration;
    private final SceneErrors errors;

    private SceneHost(SceneService service, SceneRuntime runtime, ServerConfig.Scenes config, Path projectRoot,
                        ServerMetrics metrics) {
        this.service = service;
        this.runtime = runtime;
        this.config = config;
        this.projectRoot = projectRoot;
        this.metrics = metrics;
        this.loads = metrics.counter(Metrics.SCENE_LOADS);
        this.loadDuration = metrics.histogram(Metrics.SCENE_LOAD_DURATION);
        this.errors = new SceneErrors(projectRoot, realRoot(projectRoot));
    }

    /**
     * Opens the project (which must be an existing directory) and wires the runtime's readings into the metrics;
     * nothing runs until {@link #start()}.
     */
    public static SceneHost create(ServerConfig.Scenes config, Path projectRoot, ServerMetrics metrics)
            throws IOException {
        SceneService service = new SceneService(SceneConfig.builder(projectRoot)
                .pathPolicy(config.pathPolicy())
                .parseLimits(ParseLimits.DEFAULTS.withMaxBytes(config.maxSceneBytes()))
                .mainScene(config.mainScene())
                .build());
        SceneRuntime runtime = new SceneRuntime(service::currentTree, config.targetFps());
        DistributionDataPoint frameTime = metrics.histogram(Metrics.ENGINE_FRAME_TIME);
        runtime.onFrame(frameTime::observe);
        metrics.gaugeSource(Metrics.ENGINE_FPS, runtime::fps);
        metrics.gaugeSource(Metrics.ENGINE_TARGET_FPS, runtime::targetFps);
        return new SceneHost(service, runtime, config, projectRoot, metrics);
    }

    /**
     * Loads the main scene when the project has one (a failure shows in health), starts the loop, and returns
     * what happened in one line for the caller to log once the server is up (a failed start prints one line only).
     */
    public String start() {
        Path main = projectRoot.resolve(config.mainScene().substring(PathPolicy.SCHEME.length()));
        String outcome;
        if (Files.exists(main, LinkOption.NOFOLLOW_LINKS)) {
            try {
                LoadedScene scene = load(config.mainScene(), SceneStages.NONE);
                outcome = "main scene " + scene.path() + " loaded (" + scene.nodeCount() + " nodes)";
            } catch (SceneException e) {
                outcome = "main scene " + config.mainScene() + " did not load: " + errors.clean(e.getMessage());
            }
        } else {
            outcome = "no main scene " + config.mainScene() + ": the runtime starts empty";
        }
        runtime.start();
        return outcome;
    }

    /** Loads a scene and makes it current, counting the outcome. Blocking. */
    public LoadedScene load(String path, SceneStages stages) throws SceneException {
        return counted(() -> service.load(path, stages));
    }

    /** Reloads the current scene, counting the outcome. Blocking. */
    public LoadedScene reload(SceneStages stages) throws SceneException {
        return counted(() -> service.reload(stages));
    }

    private interface Load {
        LoadedScene run() throws SceneException;
    }

    private LoadedScene counted(Load load) throws SceneException {
        try {
            LoadedScene scene = load.run();
            loads.inc();
            loadDuration.observe(scene.loadDurationMs() / 1000);
            return scene;
        } catch (SceneException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Cancelled while reading (an interrupted file channel fails with an I/O error): not a load error.
                throw new CancellationException("scene load cancelled");
            }
            SceneErrorType type = e.error().type();
            metrics.sceneLoadError(type);
            if (type == SceneErrorType.INTERNAL) {
                LOG.warning("scene load failed: " + e.getMessage());
            }
            throw e;
        }
    }

    public SceneService service() {
        return service;
    }

    public SceneRuntime runtime() {
        return runtime;
    }

    private static Path realRoot(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root;
        }
    }

    /** Maps failures to replies without server paths. */
    SceneErrors errors() {
        return errors;
    }

    public ServerConfig.Scenes config() {
        return config;
    }

    /** Stops the runtime loop (bounded wait). */
    @Override
    public void close() {
        runtime.stop();
    }
}
