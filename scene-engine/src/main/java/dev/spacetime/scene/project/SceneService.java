package dev.spacetime.scene.project;

import dev.spacetime.catalog.HealthState;
import dev.spacetime.catalog.SceneErrorType;
import dev.spacetime.scene.SceneError;
import dev.spacetime.scene.SceneException;
import dev.spacetime.scene.parse.SceneFile;
import dev.spacetime.scene.parse.TscnParseException;
import dev.spacetime.scene.parse.TscnParser;
import dev.spacetime.scene.path.PathDecision;
import dev.spacetime.scene.path.ProjectRoot;
import dev.spacetime.scene.tree.SceneInstantiator;
import dev.spacetime.scene.tree.SceneTree;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The scene operations behind the Scene API: load (read, parse, instantiate, make current), validate, reload,
 * current scene, history, listing, and health inputs. Every path goes through the {@code PathPolicy} and then
 * real-path resolution under the project root.
 *
 * <p>Threading: all methods are thread-safe. Loads and validations do blocking file I/O and CPU work, so call them
 * off the event loop; {@link #current()}, {@link #history()} and {@link #lastLoad()} are cheap reads.
 * Concurrent loads each complete; the one that finishes last becomes current.
 */
public final class SceneService {
    private final SceneConfig config;
    private final ProjectRoot root;
    private final TscnParser parser;
    private final SceneLister lister;
    private final AtomicReference<LoadedScene> current = new AtomicReference<>();
    private final Deque<LoadRecord> history = new ArrayDeque<>();
    private LoadRecord lastFileLoad;
    private volatile Consumer<LoadRecord> recordListener = r -> { };

    public SceneService(SceneConfig config) throws IOException {
        this.config = config;
        this.root = new ProjectRoot(config.projectRoot());
        // A file with more [node] sections than the tree may hold is refused while parsing, not after.
        this.parser = new TscnParser(config.parseLimits().withMaxNodes(config.instantiationLimits().maxNodes()));
        this.lister = new SceneLister(root, config.maxListedFiles());
    }

    public SceneConfig config() {
        return config;
    }

    /** Loads a scene and makes it current; every attempt, failed or not, enters the history. */
    public LoadedScene load(String requestedPath) throws SceneException {
        return load(requestedPath, SceneStages.NONE);
    }

    /** As {@link #load(String)}, reporting each stage to {@code stages}. */
    public LoadedScene load(String requestedPath, SceneStages stages) throws SceneException {
        long started = System.nanoTime();
        String recordedPath = truncate(requestedPath);
        try {
            String canonical = allowed(requestedPath, stages);
            recordedPath = canonical;
            LoadedScene scene = loadCanonical(canonical, started, stages);
            current.set(scene);
            record(new LoadRecord(canonical, scene.loadedAt(), scene.loadDurationMs(), Optional.empty(),
                    "loaded " + scene.nodeCount() + " nodes", scene.nodeCount()), true);
            return scene;
        } catch (SceneException e) {
            SceneErrorType type = e.error().type();
            boolean reachedFile = type != SceneErrorType.INVALID_PATH && type != SceneErrorType.FORBIDDEN
                    && type != SceneErrorType.NOT_FOUND;
            record(new LoadRecord(recordedPath, config.clock().instant(), millisSince(started), Optional.of(type),
                    e.error().message(), 0), reachedFile);
            throw e;
        }
    }

    /** Loads the current scene's file again (it may have changed on disk). NOT_FOUND when nothing is loaded. */
    public LoadedScene reload() throws SceneException {
        return reload(SceneStages.NONE);
    }

    /** As {@link #reload()}, reporting each stage to {@code stages}. */
    public LoadedScene reload(SceneStages stages) throws SceneException {
        LoadedScene scene = current.get();
        if (scene == null) {
            throw SceneError.of(SceneErrorType.NOT_FOUND, "", "no scene is loaded").toException();
        }
        return load(scene.path(), stages);
    }

    /**
     * Checks whether a scene would load, without making it current or entering the history. Path and file errors
     * (invalid, forbidden, not found, too large) are thrown as for a load; a scene that is present but broken
     * gives {@code valid = false} with the errors.
     */
    public ValidationReport validate(String requestedPath) throws SceneException {
        return validate(requestedPath, SceneStages.NONE);
    }

    /** As {@link #validate(String)}, reporting each stage to {@code stages}. */
    public ValidationReport validate(String requestedPath, SceneStages stages) throws SceneException {
        String canonical = allowed(requestedPath, stages);
        byte[] bytes = read(canonical, stages);
        List<String> warnings = new ArrayList<>();
        try {
            SceneFile file = parse(canonical, bytes, stages);
            SceneTree tree = instantiate(canonical, file, stages);
            warnings.addAll(tree.warnings());
            try (var io = stages.begin(SceneStages.Stage.FILE_IO)) {
                for (SceneFile.ExtResource ext : file.extResources()) {
                    if (!resourceExists(ext.path())) {
                        warnings.add("line " + ext.line() + ": ext_resource " + ext.path() + " does not exist");
                    }
                }
            }
            LoadedScene probe = new LoadedScene(canonical, tree, 0, config.clock().instant(), bytes.length,
                    file.header().format());
            return new ValidationReport(canonical, true, List.of(), warnings, Optional.of(probe.info()));
        } catch (SceneException e) {
            // The file itself was readable: anything wrong inside it or its dependencies makes it invalid.
            return new ValidationReport(canonical, false, List.of(e.error().describe()), warnings, Optional.empty());
        }
    }

    public Optional<LoadedScene> current() {
        return Optional.ofNullable(current.get());
    }

    /** The current scene's tree, for the runtime. */
    public Optional<SceneTree> currentTree() {
        return current().map(LoadedScene::tree);
    }

    /** The last loads, newest first (at most {@code historySize}). */
    public synchronized List<LoadRecord> history() {
        return List.copyOf(history);
    }

    public synchronized Optional<LoadRecord> lastLoad() {
        return Optional.ofNullable(history.peekFirst());
    }

    /** {@code GET /scenes}: {@code dir} defaults to {@code res://}. */
    public SceneListing list(String dir, boolean includeAddons) throws SceneException {
        return list(dir, includeAddons, SceneStages.NONE);
    }

    /** As {@link #list(String, boolean)}, reporting each stage to {@code stages}. */
    public SceneListing list(String dir, boolean includeAddons, SceneStages stages) throws SceneException {
        String canonical;
        try (var v = stages.begin(SceneStages.Stage.VALIDATION)) {
            canonical = canonicalOrThrow(config.pathPolicy().decideDirectory(dir == null || dir.isEmpty()
                    ? "res://" : dir), dir);
        }
        try (var io = stages.begin(SceneStages.Stage.FILE_IO)) {
            return lister.list(canonical, includeAddons);
        }
    }

    /**
     * {@code scene_loader} health: unhealthy when the main scene cannot be loaded; degraded when the last load that
     * reached a file failed (a client naming a bad path does not degrade the service); healthy otherwise. Reads
     * and parses the main scene, so call it off the event loop (under the health check's timeout).
     */
    public SceneLoaderHealth health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("main_scene", config.mainScene());
        String mainProblem;
        try {
            ValidationReport main = validate(config.mainScene());
            mainProblem = main.valid() ? null : String.join("; ", main.errors());
        } catch (SceneException e) {
            mainProblem = e.error().describe();
        }
        details.put("main_scene_loadable", mainProblem == null);
        current().ifPresent(s -> details.put("current_scene", s.path()));
        LoadRecord last;
        synchronized (this) {
            last = lastFileLoad;
        }
        if (last != null) {
            details.put("last_load_path", last.path());
            details.put("last_load_outcome", last.outcome());
            details.put("last_load_duration_ms", last.loadDurationMs());
        }
        if (mainProblem != null) {
            return new SceneLoaderHealth(HealthState.UNHEALTHY, "main scene " + config.mainScene()
                    + " is not loadable: " + mainProblem, details);
        }
        if (last != null && !last.success()) {
            return new SceneLoaderHealth(HealthState.DEGRADED, "last load of " + last.path() + " failed: "
                    + last.outcome(), details);
        }
        return new SceneLoaderHealth(HealthState.HEALTHY, "main scene loadable", details);
    }

    // --- pipeline --------------------------------------------------------------------------------------------------

    private String allowed(String requestedPath, SceneStages stages) throws SceneException {
        try (var v = stages.begin(SceneStages.Stage.VALIDATION)) {
            return canonicalOrThrow(config.pathPolicy().decide(requestedPath), requestedPath);
        }
    }

    private String canonicalOrThrow(PathDecision d, String requested) throws SceneException {
        if (d instanceof PathDecision.Allowed a) {
            return a.canonical();
        }
        String reason = d instanceof PathDecision.Invalid i ? i.reason() : ((PathDecision.Forbidden) d).reason();
        throw SceneError.of(d.errorType(), truncate(requested), reason).toException();
    }

    private LoadedScene loadCanonical(String canonical, long started, SceneStages stages) throws SceneException {
        byte[] bytes = read(canonical, stages);
        SceneFile file = parse(canonical, bytes, stages);
        SceneTree tree = instantiate(canonical, file, stages);
        return new LoadedScene(canonical, tree, millisSince(started), config.clock().instant(), bytes.length,
                file.header().format());
    }

    private byte[] read(String canonical, SceneStages stages) throws SceneException {
        try (var io = stages.begin(SceneStages.Stage.FILE_IO)) {
            return root.read(canonical, config.parseLimits().maxBytes());
        }
    }

    private SceneFile parse(String canonical, byte[] bytes, SceneStages stages) throws SceneException {
        try (var p = stages.begin(SceneStages.Stage.PARSE)) {
            return parser.parse(bytes);
        } catch (TscnParseException e) {
            if (e.tooLarge()) {
                throw SceneError.of(SceneErrorType.TOO_LARGE, canonical, e.reason()).toException();
            }
            throw new SceneException(new SceneError(SceneErrorType.PARSE_ERROR, e.reason(), canonical, e.line(),
                    e.column()));
        }
    }

    private SceneTree instantiate(String canonical, SceneFile file, SceneStages stages) throws SceneException {
        try (var i = stages.begin(SceneStages.Stage.INSTANTIATION)) {
            return new SceneInstantiator(path -> loadDependency(path, stages), config.instantiationLimits())
                    .instantiate(canonical, file);
        }
    }

    /** An instanced scene: syntax-checked (not white/blacklisted: it is part of an allowed scene) and resolved. */
    private SceneFile loadDependency(String path, SceneStages stages) throws SceneException {
        PathDecision d = config.pathPolicy().checkScenePath(path);
        String canonical = canonicalOrThrow(d, path);
        return parse(canonical, read(canonical, stages), stages);
    }

    private boolean resourceExists(String path) {
        if (!(config.pathPolicy().checkSyntax(path) instanceof PathDecision.Allowed a)) {
            return false;
        }
        try {
            root.resolve(a.canonical());
            return true;
        } catch (SceneException e) {
            return false;
        }
    }

    /**
     * Calls {@code listener} with every record entering the history, on the loading thread and in history order
     * (it runs under the history's lock: it must be quick).
     */
    public void onRecord(Consumer<LoadRecord> listener) {
        recordListener = Objects.requireNonNull(listener);
    }

    /**
     * Puts loads from before a restart behind the history (newest first, as {@link #history()} gives them). They
     * are history only: no scene becomes current and health does not judge them.
     */
    public synchronized void restoreHistory(List<LoadRecord> newestFirst) {
        for (LoadRecord r : newestFirst) {
            if (history.size() >= config.historySize()) {
                break;
            }
            history.addLast(r);
        }
    }

    private synchronized void record(LoadRecord r, boolean reachedFile) {
        recordListener.accept(r);
        history.addFirst(r);
        while (history.size() > config.historySize()) {
            history.removeLast();
        }
        if (reachedFile) {
            lastFileLoad = r;
        }
    }

    private String truncate(String requested) {
        if (requested == null) {
            return "";
        }
        int max = config.pathPolicy().maxLength();
        return requested.length() > max ? requested.substring(0, max) + "..." : requested;
    }

    private static double millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }
}
