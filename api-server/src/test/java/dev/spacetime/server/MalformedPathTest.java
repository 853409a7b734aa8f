package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.scene.path.TraversalTest;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Every malformed path is the client's error, whatever Java's path API makes of it: the traversal corpus plus lone
 * UTF-16 surrogates and NULs, sent as JSON escapes, as raw (invalid UTF-8) bytes and percent-encoded in a query,
 * to PUT and POST /scene and GET /scenes?dir=. Never a 5xx, and nothing logged at SEVERE (a 500 logs its stack).
 */
class MalformedPathTest {

    /** JSON with every non-ASCII character escaped, so a lone surrogate arrives as a JSON backslash-u escape. */
    private static String asciiJson(String scenePath) {
        String json = new JsonObject().put("scene_path", scenePath).encode();
        StringBuilder sb = new StringBuilder();
        for (char c : json.toCharArray()) {
            sb.append(c < 0x80 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }

    /** UTF-8 with each lone surrogate as its 3-byte generalized form (WTF-8, what a sloppy client sends). */
    private static byte[] wtf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
                out.write(0xE0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            } else {
                out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static String percentEncoded(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%%%02X", b & 0xFF));
        }
        return sb.toString();
    }

    @Test
    void noMalformedPathIsAServerErrorOrLoggedAsOne() throws Exception {
        LogCapture severe = LogCapture.severe();
        try (severe; TestServer s = TestServer.start(SceneClient.limits(100_000))) {
            TraversalTest.plantOutside(s.dir, s.server.modules().projectRoot());
            SceneClient admin = new SceneClient(s);
            List<String> corpus = TraversalTest.hostilePaths(s.dir);
            List<String> malformed = TraversalTest.malformedEncodings();
            List<String> all = new ArrayList<>(corpus);
            all.addAll(malformed);

            for (String raw : all) {
                String shown = TraversalTest.shown(raw);
                boolean encoding = malformed.contains(raw);
                for (String method : List.of("PUT", "POST")) {
                    HttpResponse<String> r = admin.json(method, "/scene", asciiJson(raw));
                    assertThat(r.statusCode()).as(method + " " + shown + ": " + r.body())
                            .isBetween(400, 499);
                    if (encoding) {
                        assertThat(r.statusCode()).as(method + " " + shown).isEqualTo(400);
                        assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("invalid_path");
                    }
                }
                String dir = raw.endsWith(".tscn") ? raw.substring(0, raw.lastIndexOf('/') + 1) : raw;
                for (String query : List.of(URLEncoder.encode(dir, StandardCharsets.UTF_8),
                        percentEncoded(wtf8(dir)))) {
                    HttpResponse<String> r = admin.get("/scenes?dir=" + query);
                    // A corpus entry may reduce to an existing directory ("res://link.tscn" -> "res://"): 200.
                    assertThat(r.statusCode()).as("GET /scenes?dir=" + query + ": " + r.body())
                            .isIn(200, 400, 403, 404);
                }
                if (encoding) {
                    // The same path as raw WTF-8 bytes in the body: not UTF-8, so not a path at all.
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    body.writeBytes("{\"scene_path\":\"".getBytes(StandardCharsets.US_ASCII));
                    body.writeBytes(wtf8(raw.replace("\u0000", "\\u0000")));
                    body.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
                    HttpResponse<String> r = s.send(HttpRequest.newBuilder(s.uri("/scene"))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                            "Authorization", "Bearer " + s.adminToken(), "Content-Type", "application/json");
                    assertThat(r.statusCode()).as("raw bytes " + shown + ": " + r.body()).isEqualTo(400);
                }
            }
            // The one from the report, and one in a directory name, as the listing's dir.
            for (String dir : List.of("res://\ud800/", "res://levels/\udc00x/")) {
                HttpResponse<String> r = admin.get("/scenes?dir=" + percentEncoded(wtf8(dir)));
                assertThat(r.statusCode()).as(TraversalTest.shown(dir)).isEqualTo(400);
            }
        }
        assertThat(severe.records).as("logged at SEVERE").extracting(LogRecord::getMessage).isEmpty();
    }
}
