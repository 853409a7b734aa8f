package dev.spacetime.scene.tree;

import dev.spacetime.catalog.SceneErrorType;
import dev.spacetime.scene.Cancellation;
import dev.spacetime.scene.SceneError;
import dev.spacetime.scene.SceneException;
import dev.spacetime.scene.parse.MathType;
import dev.spacetime.scene.parse.SceneFile;
import dev.spacetime.scene.parse.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a parsed scene into a node tree: resolves parents, instances other {@code .tscn} scenes recursively
 * (through a {@link SceneSource}, with depth, cycle and size limits), applies property overrides on instanced
 * children and computes global transforms. Thread-safe: all state lives in one call.
 */
public final class SceneInstantiator {
    private final SceneSource source;
    private final InstantiationLimits limits;

    public SceneInstantiator(SceneSource source, InstantiationLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    public SceneTree instantiate(String scenePath, SceneFile file) throws SceneException {
        Run run = new Run();
        Builder root = run.build(scenePath, file, 0);
        List<String> warnings = new ArrayList<>();
        for (SceneFile.Connection c : file.connections()) {
            for (String end : List.of(c.from(), c.to())) {
                if (!run.topLevel.containsKey(key(end))) {
                    warnings.add("line " + c.line() + ": connection " + c.signal() + " -> " + c.method()
                            + " names node '" + end + "', which does not exist");
                }
            }
        }
        return new SceneTree(scenePath, root.freeze("/root", Optional.empty(), Optional.empty()), warnings);
    }

    /** Node paths inside a scene file are relative to its root: "." is the root, "A/B" a descendant. */
    private static String key(String relative) {
        // Skips every leading "./" in one pass: a hostile parent of a million "./" stays linear.
        int from = 0;
        while (relative.startsWith("./", from)) {
            from += 2;
        }
        return from == relative.length() ? "." : relative.substring(from);
    }

    private static String childKey(String parentKey, String name) {
        return parentKey.equals(".") ? name : parentKey + "/" + name;
    }

    private static int depthOf(String key) {
        if (key.equals(".")) {
            return 0;
        }
        int d = 1;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '/') {
                d++;
            }
        }
        return d;
    }

    private final class Run {
        private final Map<String, SceneFile> cache = new HashMap<>();
        // Per parsed file (identity: each is parsed once per run), so n instance nodes cost n lookups, not n scans.
        private final Map<SceneFile, Map<String, SceneFile.ExtResource>> extIndex = new IdentityHashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private Map<String, Builder> topLevel = Map.of();
        private int nodes;

        Builder build(String scenePath, SceneFile file, int instanceDepth) throws SceneException {
            if (instanceDepth > limits.maxInstanceDepth()) {
                throw error(scenePath, 0, "scenes instanced more than " + limits.maxInstanceDepth() + " levels deep");
            }
            stack.push(scenePath);
            Map<String, Builder> byKey = new HashMap<>();
            Builder root = null;
            for (SceneFile.Node n : file.nodes()) {
                Cancellation.check();
                checkName(scenePath, n);
                Builder parent = null;
                String parentKey = null;
                String k = null;
                if (n.parent().isPresent()) {
                    if (root == null) {
                        throw error(scenePath, n.line(), "the first node '" + n.name() + "' must be the root "
                                + "(no parent)");
                    }
                    parentKey = key(n.parent().get());
                    parent = byKey.get(parentKey);
                    if (parent == null) {
                        throw error(scenePath, n.line(), "parent '" + n.parent().get() + "' of node '" + n.name()
                                + "' not found");
                    }
                    // Siblings are found through the path index (names are unique under one parent), in O(1).
                    k = childKey(parentKey, n.name());
                    Builder existing = byKey.get(k);
                    if (existing != null && n.type().isEmpty() && n.instance().isEmpty()) {
                        // Editable-children override of a node that came from an instanced scene.
                        existing.properties.putAll(n.properties());
                        existing.groups.addAll(n.groups());
                        continue;
                    }
                    if (existing != null) {
                        throw error(scenePath, n.line(), "duplicate node '" + n.name() + "' under '"
                                + n.parent().get() + "'");
                    }
                } else if (root != null) {
                    throw error(scenePath, n.line(), "node '" + n.name() + "' has no parent but the scene already "
                            + "has a root");
                }
                Builder b = n.instance().isPresent() ? instance(scenePath, file, n, instanceDepth) : plain(scenePath, n);
                if (parent == null) {
                    root = b;
                    byKey.put(".", b);
                    register(byKey, ".", b);
                } else {
                    if (depthOf(parentKey) + 1 + b.height() > limits.maxTreeDepth()) {
                        throw error(scenePath, n.line(), "node tree deeper than " + limits.maxTreeDepth() + " levels");
                    }
                    parent.children.add(b);
                    byKey.put(k, b); // b.name is n.name(): an instanced root takes the instancing node's name
                    register(byKey, k, b);
                }
            }
            if (root == null) {
                throw error(scenePath, 0, "scene has no nodes");
            }
            stack.pop();
            if (instanceDepth == 0) {
                topLevel = byKey;
            }
            return root;
        }

        private Builder plain(String scenePath, SceneFile.Node n) throws SceneException {
            if (n.type().isEmpty()) {
                throw error(scenePath, n.line(), "node '" + n.name() + "' has neither a type nor an instance");
            }
            count(scenePath, n.line());
            return new Builder(n.name(), n.type(), Optional.empty(), n.groups(), n.properties());
        }

        private Builder instance(String scenePath, SceneFile file, SceneFile.Node n, int instanceDepth)
                throws SceneException {
            String id = n.instance().orElseThrow();
            SceneFile.ExtResource ext = extIndex.computeIfAbsent(file, Run::indexById).get(id);
            if (ext == null) {
                throw error(scenePath, n.line(), "node '" + n.name() + "' instances unknown ext_resource id '" + id
                        + "'");
            }
            String dep = ext.path();
            if (!dep.endsWith(".tscn")) {
                throw error(scenePath, n.line(), "node '" + n.name() + "' instances " + dep
                        + ", which is not a .tscn scene");
            }
            if (stack.contains(dep)) {
                List<String> chain = new ArrayList<>(stack);
                java.util.Collections.reverse(chain);
                chain.add(dep);
                throw error(scenePath, n.line(), "instance cycle: " + String.join(" -> ", chain));
            }
            SceneFile depFile = cache.get(dep);
            if (depFile == null) {
                try {
                    depFile = source.load(dep);
                } catch (SceneException e) {
                    SceneError cause = e.error();
                    // A missing or refused dependency makes this scene invalid; it is not a 404 of the request.
                    SceneErrorType type = switch (cause.type()) {
                        case TOO_LARGE, INTERNAL -> cause.type();
                        default -> SceneErrorType.PARSE_ERROR;
                    };
                    throw new SceneException(new SceneError(type, "node '" + n.name() + "' (line " + n.line()
                            + " of " + scenePath + ") instances " + dep + ": " + cause.message(),
                            cause.scenePath(), cause.line(), cause.column()));
                }
                cache.put(dep, depFile);
            }
            Builder b = build(dep, depFile, instanceDepth + 1);
            b.name = n.name();
            b.instanceOf = Optional.of(dep);
            if (n.type().isPresent()) {
                b.type = n.type();
            }
            b.properties.putAll(n.properties());
            b.groups.addAll(n.groups());
            return b;
        }

        /** ext_resources by id; the first of duplicated ids wins, as a front-to-back search would find it. */
        private static Map<String, SceneFile.ExtResource> indexById(SceneFile file) {
            Map<String, SceneFile.ExtResource> byId = new HashMap<>();
            for (SceneFile.ExtResource r : file.extResources()) {
                byId.putIfAbsent(r.id(), r);
            }
            return byId;
        }

        private void register(Map<String, Builder> byKey, String key, Builder b) {
            for (Builder c : b.children) {
                String k = childKey(key, c.name);
                byKey.put(k, c);
                register(byKey, k, c);
            }
        }

        private void count(String scenePath, int line) throws SceneException {
            if (++nodes > limits.maxNodes()) {
                throw error(scenePath, line, "scene has more than " + limits.maxNodes() + " nodes "
                        + "(instanced copies included)");
            }
        }

        private void checkName(String scenePath, SceneFile.Node n) throws SceneException {
            String name = n.name();
            if (name.contains("/") || name.contains(":") || name.equals(".") || name.equals("..")) {
                throw error(scenePath, n.line(), "invalid node name '" + name + "'");
            }
        }
    }

    private static SceneException error(String scenePath, int line, String message) {
        return new SceneException(new SceneError(SceneErrorType.PARSE_ERROR, message, scenePath, line,
                line > 0 ? 1 : 0));
    }

    /** Mutable node while a scene is being assembled. */
    private static final class Builder {
        String name;
        Optional<String> type;
        Optional<String> instanceOf;
        final List<String> groups;
        final Map<String, Value> properties;
        final List<Builder> children = new ArrayList<>();

        Builder(String name, Optional<String> type, Optional<String> instanceOf, List<String> groups,
                Map<String, Value> properties) {
            this.name = name;
            this.type = type;
            this.instanceOf = instanceOf;
            this.groups = new ArrayList<>(groups);
            this.properties = new LinkedHashMap<>(properties);
        }

        int height() {
            int h = 0;
            for (Builder c : children) {
                h = Math.max(h, c.height() + 1);
            }
            return h;
        }

        /** {@code parent3}/{@code parent2}: the parent's global transforms, which this node's compose with. */
        SceneNode freeze(String parentPath, Optional<Transform3> parent3, Optional<Transform2> parent2) {
            String path = parentPath + "/" + name;
            Dimension dim = Dimension.infer(type, properties);
            boolean topLevel = properties.get("top_level") instanceof Value.Bool b && b.value();
            Optional<Transform3> g3 = Optional.empty();
            Optional<Transform2> g2 = Optional.empty();
            if (dim == Dimension.THREE_D) {
                Transform3 local = local3D(properties);
                g3 = Optional.of(parent3.isPresent() && !topLevel ? parent3.get().compose(local) : local);
            } else if (dim == Dimension.TWO_D) {
                Transform2 local = local2D(properties);
                g2 = Optional.of(parent2.isPresent() && !topLevel ? parent2.get().compose(local) : local);
            }
            List<SceneNode> kids = new ArrayList<>(children.size());
            for (Builder c : children) {
                kids.add(c.freeze(path, g3, g2));
            }
            return new SceneNode(name, type, path, dim, instanceOf, groups, properties, g3, g2, kids);
        }
    }

    /** {@code transform} (default identity); a {@code position} (or Godot 3 {@code translation}) sets the origin. */
    static Transform3 local3D(Map<String, Value> props) {
        Transform3 t = props.get("transform") instanceof Value.MathValue m && m.type() == MathType.TRANSFORM3D
                ? Transform3.of(m) : Transform3.IDENTITY;
        for (String key : new String[] {"translation", "position"}) {
            if (props.get(key) instanceof Value.MathValue p && p.type() == MathType.VECTOR3) {
                t = t.withOrigin(new Vec3(p.get(0), p.get(1), p.get(2)));
            }
        }
        return t;
    }

    /** {@code transform} if present, else {@code position}, {@code rotation} (radians) and {@code scale}. */
    static Transform2 local2D(Map<String, Value> props) {
        if (props.get("transform") instanceof Value.MathValue m && m.type() == MathType.TRANSFORM2D) {
            return Transform2.of(m);
        }
        Vec2 position = props.get("position") instanceof Value.MathValue p && p.type() == MathType.VECTOR2
                ? new Vec2(p.get(0), p.get(1)) : Vec2.ZERO;
        Vec2 scale = props.get("scale") instanceof Value.MathValue s && s.type() == MathType.VECTOR2
                ? new Vec2(s.get(0), s.get(1)) : new Vec2(1, 1);
        double rotation = props.get("rotation") instanceof Value.Real r ? r.value()
                : props.get("rotation") instanceof Value.Int i ? i.value() : 0;
        return Transform2.fromPositionRotationScale(position, rotation, scale);
    }
}
