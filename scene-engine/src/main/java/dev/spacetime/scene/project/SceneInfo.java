package dev.spacetime.scene.project;

/** {@code scene_info} of a validation: {@code node_count}, {@code root_type}, {@code root_name}. */
public record SceneInfo(int nodeCount, String rootType, String rootName) {
}
