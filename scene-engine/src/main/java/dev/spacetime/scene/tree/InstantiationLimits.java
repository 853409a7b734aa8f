package dev.spacetime.scene.tree;

import dev.spacetime.scene.parse.ParseLimits;

/**
 * Bounds on instancing so that cycles or exponential fan-out (a scene instancing another many times, recursively)
 * fail cleanly.
 *
 * @param maxInstanceDepth deepest chain of scenes instancing scenes
 * @param maxNodes         most nodes in one instantiated tree, instanced copies included
 * @param maxTreeDepth     deepest node in the tree (keeps every recursive walk far from the stack limit)
 */
public record InstantiationLimits(int maxInstanceDepth, int maxNodes, int maxTreeDepth) {
    public static final InstantiationLimits DEFAULTS =
            new InstantiationLimits(16, ParseLimits.DEFAULT_MAX_NODES, 128);

    public InstantiationLimits {
        if (maxInstanceDepth <= 0 || maxNodes <= 0 || maxTreeDepth <= 0) {
            throw new IllegalArgumentException("instantiation limits must be positive");
        }
    }
}
