package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.state.StateStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory on real servers, restarted over the same directory: tokens, revocations, the webhook
 * credential, alerts, scene history and profiler settings come back; a damaged database is moved aside.
 */
class StateTest {

    @TempDir
    Path home;

    private Path stateDir() {
        return home.resolve("state");
    }

    /** A server over this test's state directory and credential files, with the secret kept there (none set). */
    private TestServer start() throws Exception {
        return start(c -> c);
    }

    private TestServer start(UnaryOperator<ServerConfig> tweak) throws Exception {
        return TestServer.start(c -> tweak.apply(c.withStateDir(stateDir()).withTokenFile(home.resolve("token"))
                .withAlertWebhookTokenFile(home.resolve("alert_webhook_token"))
                .withAuth(new ServerConfig.Auth(Optional.empty(), c.auth().tokenTtl(), c.auth().rotationGrace()))));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static JsonObject json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return new JsonObject(response.body());
    }

    private static JsonObject post(TestServer s, String path, JsonObject body, String token) throws Exception {
        return json(s.send("POST", path, body.encode(), "Authorization", bearer(token),
                "Content-Type", "application/json"), path.equals("/auth/token") ? 201 : 200);
    }

    private static int status(TestServer s, String path, String token) throws Exception {
        return s.get(path, "Authorization", bearer(token)).statusCode();
    }

    private String read(String file) throws Exception {
        return Files.readString(home.resolve(file)).trim();
    }

    @Test
    void tokensStayValidAndRevokedOnesRevokedAcrossARestart() throws Exception {
        String admin;
        String reader;
        String revoked;
        String webhook;
        try (TestServer first = start()) {
            admin = first.adminToken();
            reader = post(first, "/auth/token", new JsonObject().put("role", "reader"), admin).getString("token");
            JsonObject gone = post(first, "/auth/token", new JsonObject().put("role", "reader"), admin);
            revoked = gone.getString("token");
            post(first, "/auth/revoke", new JsonObject().put("jti", gone.getString("token_id")), admin);
            assertThat(status(first, "/alerts", revoked)).isEqualTo(401);
            webhook = read("alert_webhook_token");
        }
        try (TestServer second = start()) {
            assertThat(read("token")).as("the admin token file is written with the same token").isEqualTo(admin);
            assertThat(read("alert_webhook_token")).as("a copy of the webhook token file keeps working")
                    .isEqualTo(webhook);
            assertThat(status(second, "/auth/status", admin)).isEqualTo(200);
            assertThat(status(second, "/alerts", reader)).isEqualTo(200);
            assertThat(status(second, "/alerts", revoked)).isEqualTo(401);
            assertThat(post(second, "/alerts/webhook", AlertWebhookTest.payload("firing",
                    AlertWebhookTest.alert("f1", "A", "firing")), webhook).getInteger("accepted")).isEqualTo(1);
        }
        // A configured secret wins over the kept one: nothing signed with the kept one verifies, fresh tokens do.
        try (TestServer configured = start(c -> c.withAuth(new ServerConfig.Auth(Optional.of(TestServer.SECRET),
                c.auth().tokenTtl(), c.auth().rotationGrace())))) {
            assertThat(status(configured, "/auth/status", admin)).isEqualTo(401);
            assertThat(status(configured, "/alerts", reader)).isEqualTo(401);
            assertThat(read("token")).isNotEqualTo(admin);
            assertThat(status(configured, "/auth/status", configured.adminToken())).isEqualTo(200);
            assertThat(read("alert_webhook_token")).isNotEqualTo(webhook);
        }
    }

    @Test
    void alertsSceneHistoryAndProfilerSettingsSurviveARestart() throws Exception {
        JsonArray alerts;
        JsonArray history;
        try (TestServer first = start()) {
            String admin = first.adminToken();
            post(first, "/alerts/webhook", AlertWebhookTest.payload("firing",
                    AlertWebhookTest.alert("f1", "A", "firing"), AlertWebhookTest.alert("f2", "B", "firing")),
                    read("alert_webhook_token"));
            post(first, "/alerts/webhook", AlertWebhookTest.payload("resolved",
                    AlertWebhookTest.alert("f1", "A", "resolved")), read("alert_webhook_token"));
            post(first, "/scene", new JsonObject().put("scene_path", "res://levels/lobby.tscn"), admin);
            assertThat(first.send("POST", "/scene", "{\"scene_path\":\"res://nope.tscn\"}", "Authorization",
                    bearer(admin), "Content-Type", "application/json").statusCode()).isEqualTo(404);
            post(first, "/debug/profile", new JsonObject().put("sample_rate", 0.25).put("slow_threshold_ms", 40),
                    admin);
            alerts = json(first.get("/alerts", "Authorization", bearer(admin)), 200).getJsonArray("alerts");
            history = json(first.get("/scene/history", "Authorization", bearer(admin)), 200).getJsonArray("history");
        }
        assertThat(alerts).hasSize(2);
        assertThat(history).hasSize(3);
        try (TestServer second = start(c -> c.withProfiler(new ServerConfig.Profiling(true, 1.0, 100, 500)))) {
            String admin = second.adminToken();
            assertThat(json(second.get("/alerts", "Authorization", bearer(admin)), 200).getJsonArray("alerts"))
                    .as("same alerts, same order (f1 most recently updated)").isEqualTo(alerts);
            JsonArray now = json(second.get("/scene/history", "Authorization", bearer(admin)), 200)
                    .getJsonArray("history");
            assertThat(now.getJsonObject(0).getString("path")).as("this start's main scene load")
                    .isEqualTo("res://main.tscn");
            assertThat(new JsonArray(now.getList().subList(1, now.size()))).isEqualTo(history);
            JsonObject settings = json(second.get("/debug/profile/summary", "Authorization", bearer(admin)), 200)
                    .getJsonObject("settings");
            assertThat(settings.getDouble("sample_rate")).isEqualTo(0.25);
            assertThat(settings.getDouble("slow_threshold_ms")).isEqualTo(40.0);
            assertThat(settings.getInteger("capacity")).as("never changed at run time: the configured one")
                    .isEqualTo(500);
        }
    }

    @Test
    void theStateDirectoryIsOwnerOnlyAndTheDatabase0600() throws Exception {
        try (TestServer s = start()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir())))
                    .isEqualTo("rwx------");
            try (var files = Files.walk(stateDir())) {
                List<Path> all = files.toList();
                assertThat(all).contains(stateDir().resolve(StateStore.FILE_NAME));
                for (Path f : all) {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                    if (f.getFileName().toString().startsWith(StateStore.FILE_NAME)) {
                        assertThat(mode).as(f.toString()).isEqualTo("rw-------");
                    } else {
                        assertThat(mode).as(f.toString() + ": owner only").endsWith("------");
                    }
                }
            }
        }
    }

    @Test
    void aDatabaseGarbledWholeIsMovedAsideAndTheServerStartsFresh() throws Exception {
        damagedDatabaseIsMovedAside(db -> new Random(1).nextBytes(db));
    }

    @Test
    void aDatabaseWithOneGarbledPageIsMovedAsideAndTheServerStartsFresh() throws Exception {
        // Page 2 is the first table's root (the page size is SQLite's default, 4096); the header stays valid.
        damagedDatabaseIsMovedAside(db -> {
            byte[] noise = new byte[4096];
            new Random(2).nextBytes(noise);
            System.arraycopy(noise, 0, db, 4096, 4096);
        });
    }

    private void damagedDatabaseIsMovedAside(java.util.function.Consumer<byte[]> damage) throws Exception {
        String admin;
        try (TestServer first = start()) {
            admin = first.adminToken();
        }
        Path db = stateDir().resolve(StateStore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(db);
        damage.accept(bytes);
        Files.write(db, bytes);

        LogCapture warnings = LogCapture.atLeast(Level.WARNING);
        try (TestServer second = start()) {
            assertThat(second.get("/health").statusCode()).isEqualTo(200);
            assertThat(status(second, "/auth/status", admin)).as("fresh state: a new secret").isEqualTo(401);
            assertThat(status(second, "/auth/status", second.adminToken())).isEqualTo(200);
        } finally {
            warnings.close();
        }
        List<Path> aside;
        try (var files = Files.list(stateDir())) {
            aside = files.filter(f -> f.getFileName().toString().matches("state\\.db\\.corrupt-\\d{8}T[0-9.]+Z"))
                    .toList();
        }
        assertThat(aside).hasSize(1);
        assertThat(Files.readAllBytes(aside.get(0))).as("kept as it was, for a look").isEqualTo(bytes);
        assertThat(warnings.records).hasSize(1);
        assertThat(warnings.records.peek().getMessage()).contains(db.toString(), "damaged", "moved aside to " + aside.get(0),
                "fresh state");
    }

    @Test
    void aDatabaseFromANewerServerIsRefusedNotDiscarded() throws Exception {
        try (TestServer first = start()) {
            assertThat(first.get("/health/live").statusCode()).isEqualTo(200);
        }
        Path db = stateDir().resolve(StateStore.FILE_NAME);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(this::start).isInstanceOf(StartupException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining(stateDir().toString());
        assertThat(db).exists();
    }
}
