package dev.spacetime.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.client.dashboard.Screen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar at its contract path, run as users run it: {@code java -jar monitoring-client.jar ...}. */
class ClientJarIT {
    private static final Path JAR = Path.of(System.getProperty("client.jar", "target/monitoring-client.jar"));

    private record Result(int exit, String out, String err) {
    }

    private static Result java(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("client-out", ".txt");
        Path err = Files.createTempFile("client-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("client finished").isTrue();
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void theJarIsWhereScriptsLookAndRuns() throws Exception {
        assertThat(JAR).exists().hasFileName("monitoring-client.jar");
        Result version = java("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("monitoring-client ");
        Result usage = java("health", "--bogus");
        assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).startsWith("error: Unknown option: '--bogus'");
        Result down = java("--url", "http://127.0.0.1:" + LiveServer.closedPort(), "metrics");
        assertThat(down.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(down.err()).startsWith("error: cannot connect to ").hasLineCount(1);
    }

    @Test
    void healthAndMetricsAgainstTheRealServer() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            Result health = java("--url", s.url(), "health");
            assertThat(health.exit()).isZero();
            assertThat(health.out()).contains(": HEALTHY");
            Result metrics = java("--url", s.url(), "metrics", "http_requests_total");
            assertThat(metrics.exit()).isZero();
            assertThat(metrics.out()).contains("http_requests_total  counter");
        }
    }

    /** On a terminal (a pseudo-terminal from util-linux script), Ctrl-C leaves the cursor visible again. */
    @Test
    void ctrlCRestoresTheCursor() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assertThat(script).as("script(1) from the Debian package bsdutils is needed for a pseudo-terminal")
                .isExecutable();
        try (LiveServer s = LiveServer.start()) {
            Path typescript = Files.createTempFile("dashboard", ".tty");
            String command = javaBin() + " -jar " + JAR + " --url " + s.url() + " dashboard 0.2";
            ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qfec", command, "/dev/null")
                    .redirectOutput(typescript.toFile()).redirectErrorStream(true);
            pb.environment().put("TERM", "xterm");
            pb.environment().remove("NO_COLOR");
            Process p = pb.start();
            try {
                String screen = "";
                for (int i = 0; i < 300 && !screen.contains(Screen.CLEAR_BELOW); i++) {
                    Thread.sleep(100);
                    screen = Files.readString(typescript, StandardCharsets.UTF_8);
                }
                assertThat(screen).as("a first frame on the terminal").contains(Screen.HIDE_CURSOR)
                        .contains(Screen.CLEAR_BELOW).doesNotContain(Screen.SHOW_CURSOR);
                ProcessHandle client = p.descendants().filter(h -> h.info().command().orElse("").endsWith("java"))
                        .findFirst().orElseThrow();
                new ProcessBuilder("kill", "-INT", String.valueOf(client.pid())).start().waitFor();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String all = Files.readString(typescript, StandardCharsets.UTF_8);
                assertThat(all).endsWith(Screen.SHOW_CURSOR).doesNotContain("\u001b[2J");
            } finally {
                p.destroyForcibly();
                Files.deleteIfExists(typescript);
            }
        }
    }
}
