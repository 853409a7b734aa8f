package dev.spacetime.scene;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.scene.parse.ParseLimits;
import dev.spacetime.scene.parse.SceneFile;
import dev.spacetime.scene.parse.TscnParser;
import dev.spacetime.scene.tree.InstantiationLimits;
import dev.spacetime.scene.tree.SceneInstantiator;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scene work on an interrupted thread stops between sections and between nodes instead of running to the end. */
class CancellationTest {
    private static final String SCENE = """
            [gd_scene format=3]

            [node name="Root" type="Node3D"]

            [node name="A" type="Node3D" parent="."]
            """;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void parsingStopsWhenInterrupted() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> new TscnParser(ParseLimits.DEFAULTS).parse(SCENE))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void instantiationStopsWhenInterrupted() throws Exception {
        SceneFile file = new TscnParser(ParseLimits.DEFAULTS).parse(SCENE);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> new SceneInstantiator(path -> file, InstantiationLimits.DEFAULTS)
                .instantiate("res://a.tscn", file)).isInstanceOf(CancellationException.class);
    }
}
