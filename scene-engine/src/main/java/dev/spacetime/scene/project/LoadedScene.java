package dev.spacetime.scene.project;

import dev.spacetime.scene.tree.SceneTree;
import java.time.Instant;
import java.util.Map;

/** A scene read, parsed and instantiated; immutable. */
public record LoadedScene(String path, SceneTree tree, double loadDurationMs, Instant loadedAt, long sizeBytes,
                          int format) {

    public int nodeCount() {
        return tree.nodeCount();
    }

    public String rootName() {
        return tree.root().name();
    }

    /** The root's type; for a root that instances another scene, the instanced root's type. */
    public String rootType() {
        return tree.root().type().orElse("");
    }

    public SceneInfo info() {
        return new SceneInfo(nodeCount(), rootType(), rootName());
    }

    /** The node tree for {@code GET /scene/dump}. */
    public Map<String, Object> dump() {
        return tree.root().dump();
    }
}
