package dev.spacetime.dashboard;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The built api-server jar run as a process, as an operator runs it:
 * {@code java -jar api-server.jar --host 127.0.0.1 --port P --token-file F}; ready once it prints
 * {@code listening on http://HOST:PORT}.
 */
final class ApiServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+):(\\d+)");

    private final Process process;
    final String base;
    final int port;

    private ApiServerProcess(Process process, String base, int port) {
        this.process = process;
        this.base = base;
        this.port = port;
    }

    /** The jar the reactor built, {@code ${spacetime.root}/api-server/target/api-server.jar}. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("spacetime.root", ".."), "api-server", "target", "api-server.jar");
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: build it first (mvn -pl dashboard-gen -am verify builds api-server before this)");
        }
        return jar;
    }

    /** Starts the server on {@code port} (0 = any free one) with extra arguments; stderr goes to {@code log}. */
    static ApiServerProcess start(int port, Path log, String... extra)
            throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                // Beside the log, in the test's directory, never the user's home.
                "--state-dir", log.resolveSibling("api-state").toString()));
        command.addAll(List.of(extra));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        var firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = firstLine.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            p.destroyForcibly();
            return fail("api-server did not report listening within 60 s:\n" + Files.readString(log));
        }
        var m = line == null ? null : LISTENING.matcher(line);
        if (m == null || !m.find()) {
            p.destroyForcibly();
            return fail("api-server printed '" + line + "' instead of 'listening on ...':\n" + Files.readString(log));
        }
        return new ApiServerProcess(p, m.group(1) + ":" + m.group(2), Integer.parseInt(m.group(2)));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
