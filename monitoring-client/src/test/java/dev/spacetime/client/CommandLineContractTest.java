package dev.spacetime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.client.http.ApiClient;
import dev.spacetime.client.http.TokenSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Exit codes, one-line errors and token handling, against a real server (or a closed port). */
class CommandLineContractTest {
    private static final Environment PLAIN = new Environment(Map.of(), false, Path.of("/nonexistent-home"));

    @ParameterizedTest
    @ValueSource(strings = {"metrics", "health", "profile", "flamegraph", "dashboard"})
    void aServerThatIsDownExitsThreeWithOneLine(String command) throws Exception {
        String url = "http://127.0.0.1:" + LiveServer.closedPort();
        LiveServer.Run run = LiveServer.run(PLAIN, "--url", url, command, "--token", "t0ken-value", "--timeout", "5");
        assertThat(run.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).isEqualTo("error: cannot connect to " + url + ": connection refused\n");
        assertThat(run.out()).isEmpty();
    }

    /** A token the server refuses fails the commands that send it (1); the public ones do not send it. */
    @ParameterizedTest
    @CsvSource({"metrics, 0", "health, 0", "profile, 1", "flamegraph, 1", "dashboard --frames 1, 1",
            "--json dashboard --frames 2 0.1, 1"})
    void aRefusedTokenExitsOneWhereTheTokenIsUsed(String command, int exit) throws Exception {
        try (LiveServer s = LiveServer.start()) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.addAll(List.of("--token", "wrong"));
            if (command.equals("flamegraph")) {
                args.addAll(List.of("-o", s.home.toString()));
            }
            LiveServer.Run run = s.client(args.toArray(String[]::new));
            assertThat(run.exit()).as(run.err()).isEqualTo(exit);
            if (exit != 0 && !command.contains("dashboard")) {
                assertThat(run.err()).startsWith("error: HTTP 401 from GET /debug/profile").hasLineCount(1)
                        .doesNotContain("wrong");
            }
        }
    }

    @Test
    void anUnwritableFlamegraphFileIsOneLineNamingThePathOnce() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            s.get("/health");
            LiveServer.Run run = s.client("flamegraph", "--request-id", "all", "-o", "/nonexistent/dir/x.json");
            assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.err()).isEqualTo("error: cannot write /nonexistent/dir/x.json: no such file or directory\n");
        }
    }

    @Test
    void anUnknownHostIsUnreachableToo() {
        LiveServer.Run run = LiveServer.run(PLAIN, "--url", "http://no-such-host.invalid:8080", "health");
        assertThat(run.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).startsWith("error: cannot connect to http://no-such-host.invalid:8080: ").hasLineCount(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"health --bogus", "--url ftp://host health", "--url not-a-url health", "nosuchcommand",
            "metrics --rate -1", "metrics --rate abc", "dashboard 0", "dashboard 1 --frames 0",
            "flamegraph --format svg", "profile --limit x", ""})
    void usageErrorsExitTwo(String args) {
        LiveServer.Run run = LiveServer.run(PLAIN, args.isEmpty() ? new String[0] : args.split(" "));
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: ").contains("\ntry: monitoring-client").hasLineCount(2);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpEverywhereAndVersion() {
        LiveServer.Run top = LiveServer.run(PLAIN, "--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("metrics", "health", "profile", "flamegraph", "dashboard", "Exit codes: 0 ok");
        for (String command : new String[] {"metrics", "health", "profile", "flamegraph", "dashboard"}) {
            LiveServer.Run help = LiveServer.run(PLAIN, command, "--help");
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).startsWith("Usage: monitoring-client " + command).contains("--url", "--json");
        }
        assertThat(LiveServer.run(PLAIN, "profile", "--help").out()).contains("--slow-only", "--min-duration-ms",
                "--endpoint", "--method", "--limit");
        assertThat(LiveServer.run(PLAIN, "flamegraph", "--help").out()).contains("--request-id", "--format", "-o");
        LiveServer.Run version = LiveServer.run(PLAIN, "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).matches("monitoring-client \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
    }

    @Test
    void aRefusedTokenIsOneLineNamingItsOriginNeverItsValue() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            Path file = s.home.resolve(".spacetime/token");
            String secretLooking = "eyJ-not-a-valid-token";
            ClientException wrong = refusal(s, new TokenSource(Optional.of(secretLooking), Map.of(), file));
            assertThat(wrong.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(wrong.httpStatus()).isEqualTo(401);
            assertThat(wrong.getMessage()).startsWith("HTTP 401 from GET /auth/status: unauthorized: ")
                    .endsWith("(the token from --token was refused)").doesNotContain(secretLooking).doesNotContain("\n");

            ClientException fromEnv = refusal(s, new TokenSource(Optional.empty(),
                    Map.of(TokenSource.ENV, secretLooking), file));
            assertThat(fromEnv.getMessage()).endsWith("(the token from " + TokenSource.ENV + " was refused)");

            Path missing = s.home.resolve("missing-token");
            ClientException none = refusal(s, new TokenSource(Optional.empty(), Map.of(), missing));
            assertThat(none.getMessage()).endsWith("(no token: give --token, set " + TokenSource.ENV
                    + ", or start the server so it writes " + missing + ")");

            // The token file the server wrote is read when nothing else is given, and it works.
            ApiClient fromFile = client(s, new TokenSource(Optional.empty(), Map.of(), file));
            assertThat(fromFile.getJson("/auth/status", Map.of(), true).get("authenticated").asBoolean()).isTrue();
            assertThat(new TokenSource(Optional.empty(), Map.of(), file).resolve().orElseThrow().toString())
                    .isEqualTo("token from " + file).doesNotContain(s.token());
        }
    }

    @Test
    void anUnreadableTokenFileIsAClearError() throws Exception {
        Path dir = Files.createTempDirectory("token-dir");
        try {
            // A directory where the file should be: readable by no one, whoever runs the test.
            assertThatThrownBy(() -> new TokenSource(Optional.empty(), Map.of(), dir).resolve())
                    .isInstanceOf(ClientException.class).hasMessageStartingWith("cannot read the token file " + dir);
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void responsesThatAreNotWhatWasExpectedAreOneLine() throws Exception {
        try (LiveServer s = LiveServer.start()) {
            // /metrics is not JSON; a route that does not exist is a 404 with the server's JSON error.
            ApiClient api = client(s, new TokenSource(Optional.empty(), Map.of(), s.home.resolve("none")));
            assertThatThrownBy(() -> api.getJson("/metrics", Map.of(), false))
                    .hasMessageStartingWith("unexpected response to GET /metrics (HTTP 200): expected JSON, got text/plain");
            assertThatThrownBy(() -> api.getJson("/no/such/route", Map.of(), false))
                    .hasMessage("HTTP 404 from GET /no/such/route: not_found: no route matches this path");
        }
    }

    private static ApiClient client(LiveServer s, TokenSource tokens) {
        return new ApiClient(URI.create(s.url()), tokens, Duration.ofSeconds(10));
    }

    private static ClientException refusal(LiveServer s, TokenSource tokens) {
        try {
            client(s, tokens).getJson("/auth/status", Map.of(), true);
        } catch (ClientException e) {
            return e;
        }
        throw new AssertionError("the server accepted the token");
    }
}
