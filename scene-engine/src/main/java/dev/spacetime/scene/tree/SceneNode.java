package dev.spacetime.scene.tree;

import dev.spacetime.scene.parse.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of an instantiated scene: immutable, so the runtime thread and request handlers share it freely.
 * {@code path} is absolute, Godot style, as if the scene were the current scene under the viewport:
 * {@code /root/Main/XROrigin3D/LeftHand}. Global transforms follow the chain of same-dimension parents; a 3D node
 * under a non-3D parent (or with {@code top_level = true}) starts a new chain, as in Godot.
 */
public record SceneNode(String name, Optional<String> type, String path, Dimension dimension,
                        Optional<String> instanceOf, List<String> groups, Map<String, Value> properties,
                        Optional<Transform3> globalTransform3D, Optional<Transform2> globalTransform2D,
                        List<SceneNode> children) {

    public SceneNode {
        groups = List.copyOf(groups);
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        children = List.copyOf(children);
    }

    /** The global position of a 3D node. */
    public Optional<Vec3> globalPosition3D() {
        return globalTransform3D.map(Transform3::origin);
    }

    /** The global position of a 2D node. */
    public Optional<Vec2> globalPosition2D() {
        return globalTransform2D.map(Transform2::origin);
    }

    /**
     * A JSON-ready view for {@code GET /scene/dump}: name, type, path, children; spatial nodes add
     * {@code global_position} ([x, y, z] for 3D, [x, y] for 2D). Tree depth is bounded at instantiation.
     */
    public Map<String, Object> dump() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", type.orElse(null));
        m.put("path", path);
        instanceOf.ifPresent(i -> m.put("instance", i));
        globalPosition3D().ifPresent(p -> m.put("global_position", List.of(p.x(), p.y(), p.z())));
        globalPosition2D().ifPresent(p -> m.put("global_position", List.of(p.x(), p.y())));
        List<Object> kids = new ArrayList<>(children.size());
        for (SceneNode c : children) {
            kids.add(c.dump());
        }
        m.put("children", kids);
        return m;
    }
}
