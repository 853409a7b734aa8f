package dev.spacetime.benchmarks;

import dev.spacetime.scene.SceneException;
import dev.spacetime.scene.parse.SceneFile;
import dev.spacetime.scene.parse.TscnParseException;
import dev.spacetime.scene.parse.TscnParser;
import dev.spacetime.scene.project.LoadedScene;
import dev.spacetime.scene.project.SceneConfig;
import dev.spacetime.scene.project.SceneService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scene engine speed on the Godot demo corpus (located by {@link SceneCorpus}).
 * {@link #parseCorpus} parses every corpus file from memory; its {@code bytes} secondary result is parse throughput
 * in bytes/s (the primary, ops/s, is whole-corpus passes). {@link #loadLargest} is what {@code POST /scene} costs for
 * the largest corpus scene: path policy, file read, parse and instantiation through {@link SceneService}.
 */
@State(Scope.Benchmark)
public class SceneParseBenchmark {
    private final TscnParser parser = new TscnParser();
    private final List<byte[]> corpus = new ArrayList<>();
    private long corpusBytes;
    private SceneService service;
    private String largest;

    /** Bytes parsed, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Parsed {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void setUp() throws IOException, SceneException {
        Path dir = SceneCorpus.directory();
        List<Path> scenes = SceneCorpus.scenes(dir);
        for (Path scene : scenes) {
            byte[] bytes = Files.readAllBytes(scene);
            try {
                parser.parse(bytes);
            } catch (TscnParseException e) {
                throw new IllegalStateException("corpus scene does not parse: " + scene + ": " + e.getMessage(), e);
            }
            corpus.add(bytes);
            corpusBytes += bytes.length;
        }
        Path big = SceneCorpus.largest(scenes);
        largest = "res://" + big.getFileName();
        service = new SceneService(SceneConfig.builder(dir).build());
        LoadedScene loaded = service.load(largest);
        System.out.printf("%ncorpus %s: %d scenes, %d bytes; largest %s, %d bytes, %d nodes%n", dir, corpus.size(),
                corpusBytes, largest, SceneCorpus.size(big), loaded.nodeCount());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void parseCorpus(Parsed parsed, Blackhole bh) throws TscnParseException {
        for (byte[] scene : corpus) {
            SceneFile file = parser.parse(scene);
            bh.consume(file);
        }
        parsed.bytes += corpusBytes;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public LoadedScene loadLargest() throws SceneException {
        return service.load(largest);
    }
}
