package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.scene.project.DemoProject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} while the packaged server writes state, twenty times over one state directory: every start is
 * clean (no damaged database, {@code /health} 200), and everything the server acknowledged before a kill is there
 * after it: issued reader tokens valid, revoked ones refused, posted alerts listed.
 */
class StateCrashIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final int ROUNDS = 20;
    /** Reader tokens kept valid per round; after that the writer issues and revokes in pairs (bounded actives). */
    private static final int VALID_PER_ROUND = 10;
    /** Distinct alerts per round, updated over and over (the receiver keeps 1000). */
    private static final int ALERTS_PER_ROUND = 30;
    private static final int SAMPLE = 10;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(15);

    /** What the server acknowledged (2xx) before it was killed. */
    private final List<String> valid = Collections.synchronizedList(new ArrayList<>());
    private final List<String> revoked = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> alerts = Collections.synchronizedSet(new HashSet<>());

    private record Server(Process process, int port) {
    }

    private Server launch(int round) throws Exception {
        Path jar = Path.of(System.getProperty("api.jar", "target/api-server.jar"));
        assertThat(jar).exists();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // starts faster
                "-jar", jar.toString(), "--port", "0", "--project-root", dir.resolve("project").toString(),
                "--token-file", dir.resolve("token").toString(),
                "--alert-webhook-token-file", dir.resolve("webhook_token").toString(),
                "--state-dir", dir.resolve("state").toString(), "--config", dir.resolve("config.yml").toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve("stderr-" + round + ".txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPACETIME_"));
        Process p = pb.start();
        var line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(line).as("round " + round + ": " + stderr(round)).isNotNull().matches(LISTENING);
        Matcher m = LISTENING.matcher(line);
        assertThat(m.matches()).isTrue();
        return new Server(p, Integer.parseInt(m.group(1)));
    }

    private String stderr(int round) throws IOException {
        return Files.readString(dir.resolve("stderr-" + round + ".txt"));
    }

    private HttpResponse<String> send(Server s, String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String file) throws IOException {
        return Files.readString(dir.resolve(file)).trim();
    }

    @Test
    void twentyKillsDuringWritesEachFollowedByACleanStart() throws Exception {
        DemoProject.materialise(dir.resolve("project"));
        Files.writeString(dir.resolve("config.yml"), "rateLimit: {perMinute: {default: 1000000}}\n"
                + "shutdownDrainSeconds: 0\n");
        long started = System.nanoTime();
        for (int round = 0; round <= ROUNDS; round++) {
            Server s = launch(round);
            try {
                checkClean(s, round);
                if (round == ROUNDS) {
                    break;
                }
                String admin = token("token");
                String webhook = token("webhook_token");
                int r = round;
                var tokens = CompletableFuture.runAsync(() -> writeTokens(s, admin));
                var posts = CompletableFuture.runAsync(() -> postAlerts(s, webhook, r));
                Thread.sleep(100 + random.nextInt(300));
                s.process().destroyForcibly(); // SIGKILL
                assertThat(s.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
                CompletableFuture.allOf(tokens, posts).get(30, TimeUnit.SECONDS);
            } finally {
                s.process().destroyForcibly();
            }
        }
        assertThat(valid).as("tokens acknowledged").hasSizeGreaterThan(ROUNDS);
        assertThat(revoked).as("revocations acknowledged").hasSizeGreaterThan(ROUNDS);
        assertThat(alerts).as("alerts acknowledged").hasSizeGreaterThan(ROUNDS);
        try (var files = Files.list(dir.resolve("state"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains("corrupt"));
        }
        try (var files = Files.list(dir.resolve("state").resolve("lib"))) {
            assertThat(files.toList()).as("SQLite's native library, copied once, not once per start").hasSize(1);
        }
        System.out.printf("StateCrashIT: %d kills, %d tokens, %d revocations, %d alerts acknowledged, %.1f s%n",
                ROUNDS, valid.size(), revoked.size(), alerts.size(), (System.nanoTime() - started) / 1e9);
    }

    /** After a kill: healthy, nothing moved aside, and what was acknowledged is there (all alerts, tokens sampled). */
    private void checkClean(Server s, int round) throws Exception {
        assertThat(send(s, "GET", "/health", null, null).statusCode()).as(stderr(round)).isEqualTo(200);
        assertThat(stderr(round)).as("round " + round).doesNotContain("damaged").doesNotContain("SEVERE");
        String admin = token("token");
        for (String t : sample(valid)) {
            assertThat(send(s, "GET", "/alerts?alertname=none", null, t).statusCode()).as("valid token").isEqualTo(200);
        }
        for (String t : sample(revoked)) {
            assertThat(send(s, "GET", "/alerts?alertname=none", null, t).statusCode()).as("revoked").isEqualTo(401);
        }
        JsonArray listed = new JsonObject(send(s, "GET", "/alerts", null, admin).body()).getJsonArray("alerts");
        Set<String> kept = new HashSet<>();
        listed.forEach(a -> kept.add(((JsonObject) a).getString("fingerprint")));
        synchronized (alerts) {
            assertThat(kept).containsAll(alerts);
        }
    }

    /** The last acknowledged tokens and a random sample of the others. */
    private List<String> sample(List<String> tokens) {
        List<String> copy;
        synchronized (tokens) {
            copy = new ArrayList<>(tokens);
        }
        List<String> out = new ArrayList<>(copy.subList(Math.max(0, copy.size() - SAMPLE), copy.size()));
        for (int i = 0; i < SAMPLE && copy.size() > SAMPLE; i++) {
            out.add(copy.get(random.nextInt(copy.size() - SAMPLE)));
        }
        return out;
    }

    /** Issues reader tokens, then issue-and-revoke pairs, until the server dies. */
    private void writeTokens(Server s, String admin) {
        try {
            for (int i = 0; ; i++) {
                String body = "{\"role\":\"reader\",\"ttl_seconds\":3600}";
                var issued = send(s, "POST", "/auth/token", body, admin);
                assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
                JsonObject t = new JsonObject(issued.body());
                if (i < VALID_PER_ROUND) {
                    valid.add(t.getString("token"));
                    continue;
                }
                var gone = send(s, "POST", "/auth/revoke", new JsonObject().put("jti", t.getString("token_id"))
                        .encode(), admin);
                assertThat(gone.statusCode()).as(gone.body()).isEqualTo(200);
                revoked.add(t.getString("token"));
            }
        } catch (IOException e) {
            // killed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Posts single-alert notifications, firing and resolved in turn over a bounded set, until the server dies. */
    private void postAlerts(Server s, String webhook, int round) {
        try {
            for (int i = 0; ; i++) {
                String fingerprint = "r" + round + "-" + (i % ALERTS_PER_ROUND);
                String status = (i / ALERTS_PER_ROUND) % 2 == 0 ? "firing" : "resolved";
                String body = AlertWebhookTest.payload(status, AlertWebhookTest.alert(fingerprint, "Crash", status))
                        .encode();
                var posted = send(s, "POST", "/alerts/webhook", body, webhook);
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
                alerts.add(fingerprint);
            }
        } catch (IOException e) {
            // killed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
