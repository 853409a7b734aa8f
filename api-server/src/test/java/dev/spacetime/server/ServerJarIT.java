package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's command-line contract, run as an operator would run it. */
class ServerJarIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private Process launch(Map<String, String> env, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("api.jar", "target/api-server.jar"));
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPACETIME_"));
        // The test's own state, never the user's home.
        pb.environment().put("SPACETIME_STATE_DIR", dir.resolve("state").toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    private String stderr() throws Exception {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    @Test
    void portZeroPrintsTheRealPortServesAndExitsZeroOnSigterm() throws Exception {
        Path tokenFile = dir.resolve("token");
        Process p = launch(Map.of("SPACETIME_PORT", "0"), "--token-file", tokenFile.toString(),
                "--project-root", dir.toString());
        try {
            var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).matches(LISTENING);
            Matcher m = LISTENING.matcher(line);
            assertThat(m.matches()).isTrue();
            int port = Integer.parseInt(m.group(1));
            assertThat(port).isPositive();

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            var live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            String token = Files.readString(tokenFile).trim();
            var status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/status"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            // The runbooks are read from inside the jar (RunbooksTest covers them from the class-path directory).
            var runbook = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/runbooks/HTTPAPIDown")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(runbook.statusCode()).isEqualTo(200);
            assertThat(runbook.body()).contains("<h1>HTTPAPIDown</h1>");

            p.toHandle().destroy(); // SIGTERM, leaving our end of stdout open
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(out.readLine()).as("exactly one line on stdout").isNull();
            String logs = stderr();
            assertThat(logs).contains(tokenFile.toString()).doesNotContain(token);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aBusyPortExitsNonZeroWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Path tokenFile = dir.resolve("token");
            Process p = launch(Map.of(), "--port", Integer.toString(taken.getLocalPort()), "--token-file",
                    tokenFile.toString());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isNotZero();
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
            assertThat(stderr().strip()).doesNotContain("\n").startsWith("error: ")
                    .contains(Integer.toString(taken.getLocalPort()));
            assertThat(tokenFile).as("a failed start leaves no token behind").doesNotExist();
        }
    }

    @Test
    void badConfigurationExitsNonZeroWithOneLine() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yml"), "port: 0\nnot_a_setting: 1\n");
        Process p = launch(Map.of("SPACETIME_CONFIG", config.toString()));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("error: unknown configuration key 'not_a_setting'");
    }
}
