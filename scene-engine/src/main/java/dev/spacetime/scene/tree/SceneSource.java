package dev.spacetime.scene.tree;

import dev.spacetime.scene.SceneException;
import dev.spacetime.scene.parse.SceneFile;

/** Where instanced scenes come from: reads and parses a {@code res://} scene, or explains why it cannot. */
@FunctionalInterface
public interface SceneSource {
    SceneFile load(String resPath) throws SceneException;
}
