package dev.spacetime.scene.project;

import dev.spacetime.scene.parse.ParseLimits;
import dev.spacetime.scene.path.PathPolicy;
import dev.spacetime.scene.tree.InstantiationLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/** Configuration of a {@link SceneService}; build with {@link #builder(Path)}. */
public record SceneConfig(Path projectRoot, PathPolicy pathPolicy, ParseLimits parseLimits,
                          InstantiationLimits instantiationLimits, String mainScene, int historySize,
                          int maxListedFiles, Clock clock) {
    public static final String DEFAULT_MAIN_SCENE = "res://main.tscn";
    public static final int DEFAULT_HISTORY_SIZE = 10;
    public static final int DEFAULT_MAX_LISTED_FILES = 10_000;

    public SceneConfig {
        Objects.requireNonNull(projectRoot);
        Objects.requireNonNull(pathPolicy);
        Objects.requireNonNull(parseLimits);
        Objects.requireNonNull(instantiationLimits);
        Objects.requireNonNull(mainScene);
        Objects.requireNonNull(clock);
        if (historySize <= 0 || maxListedFiles <= 0) {
            throw new IllegalArgumentException("historySize and maxListedFiles must be positive");
        }
    }

    public static Builder builder(Path projectRoot) {
        return new Builder(projectRoot);
    }

    public static final class Builder {
        private final Path projectRoot;
        private PathPolicy pathPolicy = PathPolicy.defaults();
        private ParseLimits parseLimits = ParseLimits.DEFAULTS;
        private InstantiationLimits instantiationLimits = InstantiationLimits.DEFAULTS;
        private String mainScene = DEFAULT_MAIN_SCENE;
        private int historySize = DEFAULT_HISTORY_SIZE;
        private int maxListedFiles = DEFAULT_MAX_LISTED_FILES;
        private Clock clock = Clock.systemUTC();

        private Builder(Path projectRoot) {
            this.projectRoot = projectRoot;
        }

        public Builder pathPolicy(PathPolicy policy) {
            this.pathPolicy = policy;
            return this;
        }

        public Builder parseLimits(ParseLimits limits) {
            this.parseLimits = limits;
            return this;
        }

        public Builder instantiationLimits(InstantiationLimits limits) {
            this.instantiationLimits = limits;
            return this;
        }

        public Builder mainScene(String path) {
            this.mainScene = path;
            return this;
        }

        public Builder historySize(int size) {
            this.historySize = size;
            return this;
        }

        public Builder maxListedFiles(int max) {
            this.maxListedFiles = max;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public SceneConfig build() {
            return new SceneConfig(projectRoot, pathPolicy, parseLimits, instantiationLimits, mainScene,
                    historySize, maxListedFiles, clock);
        }
    }
}
