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
import java.util.Set;

/** The published speedscope schema from ../shared/reference, and a JSON parser, for the export tests. */
final class ExportFixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SPEEDSCOPE = load();

    private ExportFixtures() {
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<ValidationMessage> speedscopeErrors(String json) {
        return SPEEDSCOPE.validate(parse(json));
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
