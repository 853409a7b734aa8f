package dev.spacetime.scene.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.catalog.SceneErrorType;
import dev.spacetime.scene.SceneException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maxSceneBytes} is a ceiling, not a truncation: a file at the limit is read whole, one byte more is refused. */
class ProjectRootSizeLimitTest {
    private static final int LIMIT = 4096;

    @TempDir
    Path project;

    private byte[] plant(String name, int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Files.write(project.resolve(name), content);
        return content;
    }

    @Test
    void aFileOfExactlyTheLimitIsReadWhole() throws IOException, SceneException {
        byte[] content = plant("at.tscn", LIMIT);
        assertThat(new ProjectRoot(project).read("res://at.tscn", LIMIT)).isEqualTo(content);
    }

    @Test
    void aFileOneByteOverTheLimitIsRefused() throws IOException {
        plant("over.tscn", LIMIT + 1);
        ProjectRoot root = new ProjectRoot(project);
        assertThatThrownBy(() -> root.read("res://over.tscn", LIMIT))
                .isInstanceOfSatisfying(SceneException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(SceneErrorType.TOO_LARGE);
                    assertThat(e.getMessage()).contains("4097 bytes").doesNotContain(project.toString());
                });
    }

    @Test
    void anEmptyFileIsReadAsNoBytes() throws IOException, SceneException {
        plant("empty.tscn", 0);
        assertThat(new ProjectRoot(project).read("res://empty.tscn", LIMIT)).isEmpty();
    }
}
