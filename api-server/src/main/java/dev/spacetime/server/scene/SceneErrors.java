package dev.spacetime.server.scene;

import dev.spacetime.catalog.SceneErrorType;
import dev.spacetime.scene.SceneError;
import dev.spacetime.server.http.ApiException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Scene failures as HTTP replies. The scene engine already speaks in {@code res://} paths; this also rewrites any
 * spelling of the project directory that might still appear (a message built from an exception, say) so no reply
 * or health message reveals where the project lives on the server.
 */
final class SceneErrors {
    private final List<String> rootSpellings;

    /** @param roots the configured and the real path of the project root */
    SceneErrors(Path... roots) {
        this.rootSpellings = java.util.Arrays.stream(roots).map(Path::toString)
                .filter(r -> r.length() > 1).distinct()
                // Longest first, so a real path is not half-replaced by a shorter configured one.
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    static int status(SceneErrorType type) {
        return switch (type) {
            case INVALID_PATH -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case PARSE_ERROR -> 422;
            case INTERNAL -> 500;
        };
    }

    ApiException toApi(SceneError error) {
        String code = error.type() == SceneErrorType.INTERNAL ? "internal_error" : error.type().label();
        return new ApiException(status(error.type()), code, clean(error.describe()), Map.of());
    }

    /** The text with every spelling of the project directory replaced by {@code res:/}. */
    String clean(String text) {
        String out = text;
        for (String root : rootSpellings) {
            out = out.replace(root, "res:/");
        }
        return out;
    }
}
