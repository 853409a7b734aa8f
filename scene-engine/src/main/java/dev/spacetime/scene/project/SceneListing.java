package dev.spacetime.scene.project;

import java.util.List;

/** {@code GET /scenes}: the {@code res://} scene paths under {@code dir}, sorted; truncated at the configured cap. */
public record SceneListing(String dir, boolean includeAddons, List<String> scenes, boolean truncated) {
    public SceneListing {
        scenes = List.copyOf(scenes);
    }
}
