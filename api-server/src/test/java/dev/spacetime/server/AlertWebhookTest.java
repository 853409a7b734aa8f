package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.auth.Role;
import dev.spacetime.server.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The alert webhook receiver on a real server: auth, dedup, bounds, filters, metrics and malformed payloads. */
@ExtendWith(TestServerExtension.class)
class AlertWebhookTest {

    /** Started and closed by {@link TestServerExtension}. */
    private static TestServer server;

    private static String webhookToken() throws Exception {
        return Files.readString(server.server.modules().config().alertWebhookTokenPath()).trim();
    }

    private static String issue(Role role) throws Exception {
        var response = server.send("POST", "/auth/token", "{\"role\":\"" + role.label() + "\"}",
                "Authorization", "Bearer " + server.adminToken(), "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new JsonObject(response.body()).getString("token");
    }

    static JsonObject alert(String fingerprint, String alertname, String status) {
        return new JsonObject()
                .put("status", status)
                .put("labels", new JsonObject().put("alertname", alertname).put("severity", "critical")
                        .put("component", "auth").put("job", "spacetime_api"))
                .put("annotations", new JsonObject().put("summary", "s").put("description", "d"))
                .put("startsAt", "2026-01-02T03:04:05.123456789Z")
                .put("endsAt", status.equals("firing") ? "0001-01-01T00:00:00Z" : "2026-01-02T03:09:05+00:00")
                .put("generatorURL", "http://127.0.0.1:9090/graph?g0.expr=x")
                .put("fingerprint", fingerprint);
    }

    static JsonObject payload(String status, JsonObject... alerts) {
        return new JsonObject()
                .put("version", "4")
                .put("groupKey", "{}:{alertname=\"X\"}")
                .put("truncatedAlerts", 0)
                .put("status", status)
                .put("receiver", "spacetime-security")
                .put("groupLabels", new JsonObject().put("alertname", "X"))
                .put("commonLabels", new JsonObject().put("severity", "critical"))
                .put("commonAnnotations", new JsonObject())
                .put("externalURL", "http://127.0.0.1:9093")
                .put("alerts", new JsonArray(List.of((Object[]) alerts)));
    }

    private static HttpResponse<String> post(String body, String token) throws Exception {
        return server.send("POST", "/alerts/webhook", body, "Authorization", "Bearer " + token,
                "Content-Type", "application/json");
    }

    private static JsonObject list(String query, String token) throws Exception {
        var response = server.get("/alerts" + query, "Authorization", "Bearer " + token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static double received(String status) throws Exception {
        return TestServer.sample(server.metrics(), "alert_webhook_alerts_total{status=\"" + status + "\"}");
    }

    @Test
    void tokenFileIsOwnerOnlyAndItsTokenMayOnlyPostNotifications() throws Exception {
        Path file = server.server.modules().config().alertWebhookTokenPath();
        assertThat(file.getFileName()).hasToString("alert_webhook_token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String webhook = webhookToken();
        assertThat(TestServer.payload(webhook)).contains("\"role\":\"webhook\"");

        String body = payload("firing", alert("aa01", "PermissionCheck", "firing")).encode();
        assertThat(post(body, webhook).statusCode()).isEqualTo(200);
        assertThat(post(body, issue(Role.READER)).statusCode()).isEqualTo(403);
        assertThat(post(body, "garbage").statusCode()).isEqualTo(401);
        assertThat(post(body, server.adminToken()).statusCode()).isEqualTo(200);

        assertThat(server.get("/alerts", "Authorization", "Bearer " + webhook).statusCode()).isEqualTo(403);
        assertThat(server.get("/auth/status", "Authorization", "Bearer " + webhook).statusCode()).isEqualTo(403);
        assertThat(list("?alertname=PermissionCheck", issue(Role.READER)).getInteger("count")).isEqualTo(1);
    }

    @Test
    void latestNotificationPerFingerprintWinsAndEveryAlertIsCounted() throws Exception {
        String webhook = webhookToken();
        double firingBefore = received("firing");
        double resolvedBefore = received("resolved");
        assertThat(post(payload("firing", alert("bb01", "Dedup", "firing"), alert("bb02", "Dedup", "firing"))
                .encode(), webhook).statusCode()).isEqualTo(200);
        var resolved = post(payload("resolved", alert("bb01", "Dedup", "resolved")).encode(), webhook);
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(resolved.body()).getInteger("accepted")).isEqualTo(1);

        String reader = issue(Role.READER);
        JsonObject all = list("?alertname=Dedup", reader);
        assertThat(all.getInteger("count")).isEqualTo(2);
        JsonObject newest = all.getJsonArray("alerts").getJsonObject(0);
        assertThat(newest.getString("fingerprint")).isEqualTo("bb01");
        assertThat(newest.getString("status")).isEqualTo("resolved");
        assertThat(newest.getString("receiver")).isEqualTo("spacetime-security");
        assertThat(newest.getString("endsAt")).isEqualTo("2026-01-02T03:09:05Z");
        assertThat(newest.getJsonObject("labels").getString("component")).isEqualTo("auth");
        assertThat(all.getJsonArray("alerts").getJsonObject(1).getValue("endsAt")).isNull();

        assertThat(list("?alertname=Dedup&status=firing", reader).getJsonArray("alerts"))
                .extracting(a -> ((JsonObject) a).getString("fingerprint")).containsExactly("bb02");
        assertThat(received("firing") - firingBefore).isEqualTo(2);
        assertThat(received("resolved") - resolvedBefore).isEqualTo(1);

        var badFilter = server.get("/alerts?status=pending", "Authorization", "Bearer " + reader);
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badFilter.body()).getString("message")).contains("status");
    }

    @Test
    void countersArePreSeeded() throws Exception {
        String metrics = server.metrics();
        assertThat(metrics).contains("alert_webhook_alerts_total{status=\"firing\"}",
                "alert_webhook_alerts_total{status=\"resolved\"}");
    }

    @Test
    void storeKeepsAtMostItsCapacityDroppingResolvedAlertsFirst() throws Exception {
        String webhook = webhookToken();
        int capacity = new JsonObject(server.get("/alerts?alertname=none", "Authorization",
                "Bearer " + server.adminToken()).body()).getInteger("capacity");
        int half = capacity / 2 + 100;
        JsonObject[] resolved = IntStream.range(0, half).mapToObj(i -> alert("r" + i, "Flood", "resolved"))
                .toArray(JsonObject[]::new);
        JsonObject[] firing = IntStream.range(0, half).mapToObj(i -> alert("f" + i, "Flood", "firing"))
                .toArray(JsonObject[]::new);
        assertThat(post(payload("firing", firing).encode(), webhook).statusCode()).isEqualTo(200);
        assertThat(post(payload("resolved", resolved).encode(), webhook).statusCode()).isEqualTo(200);

        JsonObject all = list("", server.adminToken());
        assertThat(all.getInteger("count")).isEqualTo(capacity);
        assertThat(list("?alertname=Flood&status=firing", server.adminToken()).getInteger("count")).isEqualTo(half);
    }

    @Test
    void malformedPayloadsAre400JsonAndNeverBreakTheServer() throws Exception {
        String webhook = webhookToken();
        JsonObject valid = payload("firing", alert("cc01", "Fuzz", "firing"));
        List<Object> wrongValues = new ArrayList<>(List.of("", "x".repeat(5000), 42, -1, 1.5, true,
                new JsonArray().add(1), new JsonObject().put("a", 1)));
        wrongValues.add(null);
        List<Consumer<JsonObject>> mutations = new ArrayList<>();
        for (String field : valid.fieldNames()) {
            for (Object wrong : wrongValues) {
                mutations.add(p -> p.put(field, wrong));
            }
            mutations.add(p -> p.remove(field));
        }
        for (String field : alert("x", "x", "firing").fieldNames()) {
            for (Object wrong : wrongValues) {
                mutations.add(p -> p.getJsonArray("alerts").getJsonObject(0).put(field, wrong));
            }
            mutations.add(p -> p.getJsonArray("alerts").getJsonObject(0).remove(field));
        }
        int rejected = 0;
        for (Consumer<JsonObject> mutation : mutations) {
            JsonObject broken = valid.copy();
            mutation.accept(broken);
            var response = post(broken.encode(), webhook);
            assertThat(response.statusCode()).as(broken.encode()).isIn(200, 400);
            JsonObject body = new JsonObject(response.body());
            if (response.statusCode() == 400) {
                rejected++;
                assertThat(body.getString("error")).isEqualTo("bad_request");
                assertThat(body.getString("message")).startsWith("invalid webhook payload: ");
            }
        }
        assertThat(rejected).isGreaterThan(mutations.size() / 2);

        Map<String, String> shapes = Map.of(
                "[]", "must be a JSON object",
                "{\"version\":4}", "version",
                "{\"version\":\"3\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[]}", "version",
                "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[1]}", "alerts[0]",
                "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":{}}", "alerts",
                "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[{\"labels\":{}}]}",
                "alerts[0].");
        for (var shape : shapes.entrySet()) {
            var response = post(shape.getKey(), webhook);
            assertThat(response.statusCode()).as(shape.getKey()).isEqualTo(400);
            assertThat(new JsonObject(response.body()).getString("message")).as(shape.getKey()).contains(shape.getValue());
        }
        assertThat(post("{\"version\":", webhook).statusCode()).isEqualTo(400);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(post(valid.encode(), webhook).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenFileLocationIsAnOptionAndAnEnvironmentVariable() {
        assertThat(ConfigLoader.load(new String[] {"--alert-webhook-token-file", "/tmp/a"}, Map.of())
                .alertWebhookTokenPath()).isEqualTo(Path.of("/tmp/a"));
        assertThat(ConfigLoader.load(new String[0], Map.of("SPACETIME_ALERT_WEBHOOK_TOKEN_FILE", "/tmp/b"))
                .alertWebhookTokenPath()).isEqualTo(Path.of("/tmp/b"));
        assertThat(ConfigLoader.load(new String[] {"--token-file", "/tmp/d/token"}, Map.of())
                .alertWebhookTokenPath()).isEqualTo(Path.of("/tmp/d/alert_webhook_token"));
    }

    @Test
    void revokingTheWebhookTokenWritesANewOneSoAlertsStillArrive() throws Exception {
        // Its own server: revoking every other token would disturb the tokens of the other tests.
        try (TestServer own = TestServer.start()) {
            Path file = own.server.modules().config().alertWebhookTokenPath();
            String before = Files.readString(file).trim();
            String admin = own.adminToken();
            var revoke = own.send("POST", "/auth/revoke", "{\"scope\":\"others\"}", "Authorization",
                    "Bearer " + admin, "Content-Type", "application/json");
            assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
            String after = before;
            for (int i = 0; i < 200 && after.equals(before); i++) {
                Thread.sleep(50);
                after = Files.readString(file).trim();
            }
            String body = payload("firing", alert("fp-revoked", "X", "firing")).encode();
            var old = own.send("POST", "/alerts/webhook", body, "Authorization", "Bearer " + before,
                    "Content-Type", "application/json");
            assertThat(old.statusCode()).isEqualTo(401);
            var fresh = own.send("POST", "/alerts/webhook", body, "Authorization", "Bearer " + after,
                    "Content-Type", "application/json");
            assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
        }
    }
}
