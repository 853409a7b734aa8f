package dev.spacetime.benchmarks;

import dev.spacetime.scene.SceneException;
import dev.spacetime.scene.project.SceneConfig;
import dev.spacetime.scene.project.SceneService;
import dev.spacetime.scene.project.ValidationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@code PUT /scene} costs as a scene grows: {@link SceneService#validate} (path policy, read, parse,
 * instantiation) of generated scenes at 1k, 10k and 50k nodes. {@code flat}: every node a child of the root (the
 * sibling-lookup case); {@code deep}: chains 32 levels deep under the root (long parent paths). Linear growth means
 * ms/op scales with the node count. {@link #refuseOverCap} is a 200,000-node flat file, four times the default
 * 50,000-node cap: the time until it is refused.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SceneScaleBenchmark {
    static final int CHAIN = 32;

    /** A project directory holding one generated scene. */
    abstract static class Project {
        Path dir;
        SceneService service;

        void create(String scene) throws IOException {
            dir = Files.createTempDirectory("scene-scale");
            Files.writeString(dir.resolve("scene.tscn"), scene, StandardCharsets.UTF_8);
            service = new SceneService(SceneConfig.builder(dir).mainScene("res://scene.tscn").build());
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Sized extends Project {
        @Param({"1000", "10000", "50000"})
        public int nodes;

        @Param({"flat", "deep"})
        public String shape;

        @Setup(Level.Trial)
        public void setUp() throws IOException, SceneException {
            create(shape.equals("flat") ? flat(nodes) : deep(nodes));
            ValidationReport report = service.validate("res://scene.tscn");
            if (!report.valid() || report.sceneInfo().orElseThrow().nodeCount() != nodes) {
                throw new IllegalStateException("generated scene does not validate to " + nodes + " nodes: "
                        + report.errors());
            }
        }
    }

    @State(Scope.Benchmark)
    public static class OverCap extends Project {
        @Setup(Level.Trial)
        public void setUp() throws IOException, SceneException {
            create(flat(200_000));
            if (service.validate("res://scene.tscn").valid()) {
                throw new IllegalStateException("a 200,000-node scene must be refused");
            }
        }
    }

    /** A root with {@code nodes - 1} children. */
    static String flat(int nodes) {
        StringBuilder sb = header(nodes);
        for (int i = 1; i < nodes; i++) {
            sb.append("[node name=\"N").append(i).append("\" type=\"Node3D\" parent=\".\"]\n")
                    .append("position = Vector3(").append(i).append(", 0, 0)\n\n");
        }
        return sb.toString();
    }

    /** A root with chains of {@value #CHAIN} nodes, each node the only child of the one before. */
    static String deep(int nodes) {
        StringBuilder sb = header(nodes);
        StringBuilder parent = new StringBuilder();
        for (int i = 1; i < nodes; i++) {
            int level = (i - 1) % CHAIN;
            String name = level == 0 ? "C" + i : "L" + level;
            if (level == 0) {
                parent.setLength(0);
                parent.append('.');
            }
            sb.append("[node name=\"").append(name).append("\" type=\"Node3D\" parent=\"").append(parent)
                    .append("\"]\nposition = Vector3(0, 1, 0)\n\n");
            if (level == 0) {
                parent.setLength(0);
            } else {
                parent.append('/');
            }
            parent.append(name);
        }
        return sb.toString();
    }

    private static StringBuilder header(int nodes) {
        return new StringBuilder(nodes * 80).append("[gd_scene format=3]\n\n")
                .append("[node name=\"Root\" type=\"Node3D\"]\n\n");
    }

    @Benchmark
    public ValidationReport validate(Sized s) throws SceneException {
        return s.service.validate("res://scene.tscn");
    }

    @Benchmark
    public ValidationReport refuseOverCap(OverCap s) throws SceneException {
        return s.service.validate("res://scene.tscn");
    }
}
