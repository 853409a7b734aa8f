package dev.spacetime.profiler.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published speedscope schema from ../shared/reference, and a JSON parser: for the export tests here and, through
 * this module's test jar, the api-server's flame graph tests.
 */
public final class ExportFixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SPEEDSCOPE = load();

    private ExportFixtures() {
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<ValidationMessage> speedscopeErrors(String json) {
        return SPEEDSCOPE.validate(parse(json));
    }

    /** Chrome trace: X events sorted by ts; per thread each one lies inside the enclosing open one or starts after it ends. */
    public static void assertWellNested(JsonNode trace) {
        Map<Integer, Deque<double[]>> open = new HashMap<>(); // {start, end}
        double last = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (JsonNode e : events(trace, "X")) {
            assertThat(e.get("pid").asInt()).isEqualTo(ChromeTraceExport.PID);
            assertThat(e.has("args") ? e.get("args").size() : 0).isLessThanOrEqualTo(1);
            double ts = e.get("ts").asDouble();
            double end = ts + e.get("dur").asDouble();
            assertThat(e.get("dur").asDouble()).isNotNegative();
            assertThat(ts).as("monotonic ts").isGreaterThanOrEqualTo(last);
            last = ts;
            Deque<double[]> stack = open.computeIfAbsent(e.get("tid").asInt(), k -> new ArrayDeque<>());
            while (!stack.isEmpty() && end > stack.peek()[1]) {
                // Not inside the open event, so it must start after that one ended (no partial overlap).
                assertThat(ts).as("%s overlaps an enclosing event", e.get("name")).isGreaterThanOrEqualTo(stack.pop()[1]);
            }
            stack.push(new double[] {ts, end});
            count++;
        }
        assertThat(count).isPositive();
    }

    public static List<JsonNode> events(JsonNode trace, String ph) {
        List<JsonNode> out = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals(ph)) {
                out.add(e);
            }
        });
        return out;
    }

    private static JsonSchema load() {
        Path root = Path.of(System.getProperty("spacetime.root", ".."));
        Path schema = root.resolve("../shared/reference/speedscope-file-format-schema.json").normalize();
        if (!Files.isRegularFile(schema)) {
            throw new IllegalStateException("speedscope schema not found at " + schema
                    + " (the shared/ directory must sit beside the repository)");
        }
        try (InputStream in = Files.newInputStream(schema)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
