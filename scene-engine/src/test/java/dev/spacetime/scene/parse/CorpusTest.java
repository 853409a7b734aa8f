package dev.spacetime.scene.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.scene.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every real scene of the Godot demo corpus parses, and agrees with a naive count of its [node] headers. */
class CorpusTest {
    private static final Pattern NODE_HEADER = Pattern.compile("(?m)^\\[node (.*)$");
    private static final Pattern TYPE_ATTR = Pattern.compile("\\btype=\"([^\"]*)\"");

    private final TscnParser parser = new TscnParser();

    static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.list(TestPaths.sceneCorpus())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tscn")).sorted().toList();
        }
    }

    @Test
    void corpusIsTheRealOne() throws IOException {
        assertThat(corpusFiles()).hasSizeGreaterThan(150);
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusSceneParses() throws IOException {
        return corpusFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            Matcher m = NODE_HEADER.matcher(text);
            int expectedNodes = 0;
            Optional<String> expectedRootType = Optional.empty();
            while (m.find()) {
                if (expectedNodes++ == 0) {
                    Matcher type = TYPE_ATTR.matcher(m.group(1));
                    expectedRootType = type.find() ? Optional.of(type.group(1)) : Optional.empty();
                }
            }

            SceneFile scene = parser.parse(bytes);

            assertThat(scene.nodes()).as("node count").hasSize(expectedNodes);
            assertThat(scene.root().flatMap(SceneFile.Node::type)).as("root type").isEqualTo(expectedRootType);
            assertThat(scene.header().format()).isBetween(2, 4);
        }));
    }
}
