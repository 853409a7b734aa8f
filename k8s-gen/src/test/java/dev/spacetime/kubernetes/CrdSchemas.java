package dev.spacetime.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code openAPIV3Schema} of each prometheus-operator CRD in {@code ../shared/reference/}, by
 * {@code apiVersion} and {@code kind}. The API server prunes unknown fields instead of refusing them, which would
 * hide a misspelt field; here every object schema that lists its properties and does not preserve unknown fields
 * gets {@code additionalProperties: false}, so a wrong field is an error naming its path.
 */
final class CrdSchemas {

    static final Path DIR = Generated.ROOT.resolve("../shared/reference/prometheus-operator-crds").normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = load();

    private CrdSchemas() {
    }

    static boolean covers(Map<String, Object> resource) {
        return SCHEMAS.containsKey(key(resource));
    }

    /** Every violation as {@code $.path.to.field: message}; empty when valid. */
    static List<String> validate(Map<String, Object> resource) {
        JsonSchema schema = SCHEMAS.get(key(resource));
        if (schema == null) {
            throw new IllegalArgumentException("no CRD for " + key(resource) + " in " + DIR);
        }
        return schema.validate(JSON.valueToTree(resource)).stream().map(ValidationMessage::getMessage).sorted()
                .toList();
    }

    private static String key(Map<String, Object> resource) {
        return resource.get("apiVersion") + "/" + resource.get("kind");
    }

    private static Map<String, JsonSchema> load() {
        if (!Files.isDirectory(DIR)) {
            throw new IllegalStateException("CRDs not found at " + DIR + " (shared/ must sit beside the repository)");
        }
        Map<String, JsonSchema> schemas = new HashMap<>();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> crd = Generated.load(file);
                String group = (String) Generated.map(crd, "spec").get("group");
                String kind = (String) Generated.map(crd, "spec", "names").get("kind");
                for (Object version : Generated.list(Generated.map(crd, "spec"), "versions")) {
                    JsonNode schema = JSON.valueToTree(Generated.map(version, "schema", "openAPIV3Schema"));
                    closeObjects(schema);
                    schemas.put(group + "/" + Generated.map(version).get("name") + "/" + kind,
                            factory.getSchema(schema));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("properties") && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        node.forEach(CrdSchemas::closeObjects);
    }
}
