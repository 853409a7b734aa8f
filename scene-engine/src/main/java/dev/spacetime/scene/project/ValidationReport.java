package dev.spacetime.scene.project;

import java.util.List;
import java.util.Optional;

/** The answer of {@code PUT /scene}: whether the scene would load, and why not. */
public record ValidationReport(String path, boolean valid, List<String> errors, List<String> warnings,
                               Optional<SceneInfo> sceneInfo) {
    public ValidationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }
}
