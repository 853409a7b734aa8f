package dev.spacetime.server.scene;

import dev.spacetime.scene.SceneException;
import dev.spacetime.scene.project.LoadRecord;
import dev.spacetime.scene.project.LoadedScene;
import dev.spacetime.scene.project.SceneListing;
import dev.spacetime.scene.project.SceneStages;
import dev.spacetime.scene.project.ValidationReport;
import dev.spacetime.server.auth.Role;
import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.http.Phases;
import dev.spacetime.server.http.RequestContext;
import dev.spacetime.server.http.Responses;
import dev.spacetime.server.ratelimit.RouteGroup;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.routes.Routes;
import dev.spacetime.server.workload.Workload;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The Scene API. Reads need a reader token, changes an admin token; every route is rate-limited in its group.
 * Reading, parsing, instantiating, validating and listing run on the bounded {@link Workload} pool (503 with
 * {@code Retry-After} when it is full; cancelled when the client goes or the deadline passes), each stage timed as a
 * request phase ({@code validation}, {@code file_io}, {@code parse}, {@code instantiation}, {@code serialization}).
 * <ul>
 *   <li>{@code POST /scene {"scene_path"}}: load and make current; {@code GET /scene}: the current scene</li>
 *   <li>{@code PUT /scene {"scene_path"}}: validate without loading</li>
 *   <li>{@code POST /scene/reload}: load the current scene's file again</li>
 *   <li>{@code GET /scene/history}: the last loads, newest first; {@code GET /scene/dump}: the node tree</li>
 *   <li>{@code GET /scenes?dir=res://&include_addons=false}: scene files under a directory</li>
 * </ul>
 */
public final class SceneFeature implements RouteFeature {

    /** Work on the worker thread: the scene call, then the body (encoded there too: a dump can be large). */
    @FunctionalInterface
    private interface SceneWork {
        JsonObject run(SceneStages stages) throws SceneException;
    }

    private final SceneHost engine;
    private final SceneErrors errors;
    private final Workload workload;

    /** The scene API over {@code scenes}, its file and parse work on {@code workload}. */
    public SceneFeature(SceneHost scenes, Workload workload) {
        this.engine = scenes;
        this.errors = scenes.errors();
        this.workload = workload;
    }

    @Override
    public void mount(Routes routes) {
        routes.post("/scene").role(Role.ADMIN).limit(RouteGroup.SCENE).jsonBody().handler(rc -> {
            String path = scenePath(rc);
            blocking(rc, workload, errors, stages -> scene(engine.load(path, stages)));
        });

        // Reading the current scene is a read like any other (a poller must not eat the loads' bucket).
        routes.get("/scene").role(Role.READER).limit(RouteGroup.DEFAULT).handler(rc ->
                Responses.json(rc, 200, scene(current(engine))));

        routes.put("/scene").role(Role.ADMIN).limit(RouteGroup.SCENE).jsonBody().handler(rc -> {
            String path = scenePath(rc);
            blocking(rc, workload, errors, stages -> validation(engine.service().validate(path, stages), errors));
        });

        routes.post("/scene/reload").role(Role.ADMIN).limit(RouteGroup.SCENE_RELOAD).jsonBody().handler(rc ->
                blocking(rc, workload, errors, stages -> scene(engine.reload(stages))));

        routes.get("/scene/history").role(Role.READER).limit(RouteGroup.SCENE_HISTORY).handler(rc -> {
            JsonArray loads = new JsonArray();
            engine.service().history().forEach(r -> loads.add(record(r, errors)));
            Responses.json(rc, 200, new JsonObject().put("history", loads).put("count", loads.size()));
        });

        routes.get("/scenes").role(Role.READER).limit(RouteGroup.SCENES).handler(rc -> {
            String dir = rc.request().getParam("dir");
            boolean includeAddons = flag(rc, "include_addons");
            blocking(rc, workload, errors, stages -> listing(engine.service().list(dir, includeAddons, stages)));
        });

        routes.get("/scene/dump").role(Role.READER).limit(RouteGroup.DEFAULT).handler(rc -> {
            LoadedScene scene = current(engine);
            blocking(rc, workload, errors, stages -> new JsonObject()
                    .put("path", scene.path())
                    .put("node_count", scene.nodeCount())
                    .put("root", new JsonObject(scene.dump())));
        });
    }

    private static void blocking(RoutingContext rc, Workload workload, SceneErrors errors, SceneWork work) {
        RequestContext request = RequestContext.of(rc);
        SceneStages stages = stage -> request.phase(phase(stage))::close;
        workload.submit(rc, () -> Responses.encode(rc, work.run(stages))).onComplete(ar -> {
            if (rc.response().closed()) {
                return; // the client has gone (the work was cancelled): nobody to answer
            }
            if (ar.succeeded()) {
                Responses.send(rc, 200, ar.result());
            } else if (ar.cause() instanceof SceneException e) {
                rc.fail(errors.toApi(e.error()));
            } else {
                rc.fail(ar.cause());
            }
        });
    }

    private static String phase(SceneStages.Stage stage) {
        return switch (stage) {
            case VALIDATION -> Phases.VALIDATION;
            case FILE_IO -> Phases.FILE_IO;
            case PARSE -> Phases.PARSE;
            case INSTANTIATION -> Phases.INSTANTIATION;
        };
    }

    private static String scenePath(RoutingContext rc) {
        Object path = RequestContext.of(rc).json().getValue("scene_path");
        if (path == null) {
            throw new ApiException(400, "scene_path is required");
        }
        if (!(path instanceof String s)) {
            throw new ApiException(400, "scene_path must be a string");
        }
        return s;
    }

    private static boolean flag(RoutingContext rc, String name) {
        List<String> values = rc.queryParam(name);
        if (values.isEmpty()) {
            return false;
        }
        return switch (values.size() == 1 ? values.get(0) : "") {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ApiException(400, name + " must be true or false");
        };
    }

    private static LoadedScene current(SceneHost engine) {
        return engine.service().current().orElseThrow(() -> new ApiException(404, "no scene is loaded"));
    }

    private static JsonObject scene(LoadedScene s) {
        return new JsonObject()
                .put("path", s.path())
                .put("root", s.rootName())
                .put("root_type", s.rootType())
                .put("node_count", s.nodeCount())
                .put("loaded_at", s.loadedAt().toString())
                .put("load_duration_ms", s.loadDurationMs())
                .put("size_bytes", s.sizeBytes())
                .put("format", s.format());
    }

    private static JsonObject validation(ValidationReport r, SceneErrors errors) {
        JsonObject info = r.sceneInfo().map(i -> new JsonObject()
                .put("node_count", i.nodeCount())
                .put("root_type", i.rootType())
                .put("root_name", i.rootName())).orElse(null);
        return new JsonObject()
                .put("path", r.path())
                .put("valid", r.valid())
                .put("errors", new JsonArray(r.errors().stream().map(errors::clean).toList()))
                .put("warnings", new JsonArray(r.warnings().stream().map(errors::clean).toList()))
                .put("scene_info", info);
    }

    private static JsonObject record(LoadRecord r, SceneErrors errors) {
        return new JsonObject()
                .put("path", r.path())
                .put("loaded_at", r.at().toString())
                .put("load_duration_ms", r.loadDurationMs())
                .put("success", r.success())
                .put("outcome", r.outcome())
                .put("message", errors.clean(r.message()))
                .put("node_count", r.nodeCount());
    }

    private static JsonObject listing(SceneListing l) {
        return new JsonObject()
                .put("dir", l.dir())
                .put("include_addons", l.includeAddons())
                .put("scenes", new JsonArray(l.scenes()))
                .put("count", l.scenes().size())
                .put("truncated", l.truncated());
    }
}
