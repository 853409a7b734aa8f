package dev.spacetime.scene.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.scene.SceneException;
import dev.spacetime.scene.parse.ParseLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large flat scenes through the whole validate path. The bound is deliberately coarse (5 s for what takes well
 * under 1 s; the real figures are SceneScaleBenchmark's in docs/benchmarks.md): it catches a return to quadratic
 * sibling lookup (about 10 s at 50,000 nodes), not a few percent.
 */
class SceneScaleTest {
    @TempDir
    Path project;

    /** A root and {@code nodes - 1} children, each with a position: the shape of the reported 50k-node scene. */
    private static String flat(int nodes) {
        StringBuilder sb = new StringBuilder(nodes * 70).append("[gd_scene format=3]\n\n")
                .append("[node name=\"Root\" type=\"Node3D\"]\n\n");
        for (int i = 1; i < nodes; i++) {
            sb.append("[node name=\"N").append(i).append("\" type=\"Node3D\" parent=\".\"]\n")
                    .append("position = Vector3(").append(i).append(", 0, 0)\n\n");
        }
        return sb.toString();
    }

    private SceneService serviceWith(String scene) throws IOException {
        Files.writeString(project.resolve("big.tscn"), scene);
        return new SceneService(SceneConfig.builder(project).mainScene("res://big.tscn").build());
    }

    @Test
    void fiftyThousandFlatNodesValidateWellWithinACoarseBound() throws IOException, SceneException {
        SceneService service = serviceWith(flat(ParseLimits.DEFAULT_MAX_NODES));
        service.validate("res://big.tscn"); // warm-up: class loading and JIT are not what this bounds
        long started = System.nanoTime();
        ValidationReport report = service.validate("res://big.tscn");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(report.valid()).as(String.join("; ", report.errors())).isTrue();
        assertThat(report.sceneInfo().orElseThrow().nodeCount()).isEqualTo(50_000);
        assertThat(millis).as("validating 50,000 flat nodes took %d ms", millis).isLessThan(5_000);
    }

    @Test
    void aFileOverTheNodeCapIsRefusedAtTheFirstNodeOver() throws IOException, SceneException {
        SceneService service = serviceWith(flat(200_000));
        ValidationReport report = service.validate("res://big.tscn");

        assertThat(report.valid()).isFalse();
        // N<i> starts on line 3i + 2: refused at node 50,001 (N50000) by the parser, before any tree is built.
        assertThat(report.errors()).singleElement().asString()
                .contains("more than 50000 nodes").contains("line " + (3 * 50_000 + 2) + ",");
    }
}
