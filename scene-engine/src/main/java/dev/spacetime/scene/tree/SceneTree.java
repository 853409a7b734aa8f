package dev.spacetime.scene.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An instantiated scene: the root, every node in pre-order, and non-fatal findings. */
public final class SceneTree {
    private final String scenePath;
    private final SceneNode root;
    private final List<SceneNode> nodes;
    private final Map<String, SceneNode> byPath;
    private final List<String> warnings;

    SceneTree(String scenePath, SceneNode root, List<String> warnings) {
        this.scenePath = scenePath;
        this.root = root;
        List<SceneNode> all = new ArrayList<>();
        Map<String, SceneNode> index = new HashMap<>();
        Deque<SceneNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            SceneNode n = stack.pop();
            all.add(n);
            index.put(n.path(), n);
            for (int i = n.children().size() - 1; i >= 0; i--) {
                stack.push(n.children().get(i));
            }
        }
        this.nodes = Collections.unmodifiableList(all);
        this.byPath = Collections.unmodifiableMap(index);
        this.warnings = List.copyOf(warnings);
    }

    /** The {@code res://} path this tree was instantiated from. */
    public String scenePath() {
        return scenePath;
    }

    public SceneNode root() {
        return root;
    }

    /** Every node, root first, depth-first in child order. */
    public List<SceneNode> nodes() {
        return nodes;
    }

    public int nodeCount() {
        return nodes.size();
    }

    /** A node by absolute path ({@code /root/Main/Child}). */
    public Optional<SceneNode> find(String absolutePath) {
        return Optional.ofNullable(byPath.get(absolutePath));
    }

    /** Findings that do not prevent loading, e.g. a connection naming a node that does not exist. */
    public List<String> warnings() {
        return warnings;
    }
}
