package dev.spacetime.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process of the end-to-end stack, its output in a log file. {@link #close()} stops it with SIGTERM, then kills it
 * (and anything it started) if it has not exited within the grace period.
 */
final class LiveProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> firstLine;

    private LiveProcess(String name, Process process, Path log, CompletableFuture<String> firstLine) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.firstLine = firstLine;
    }

    /** Starts {@code command} with stdout and stderr to {@code <logDir>/<name>.log}. */
    static LiveProcess start(String name, Path logDir, List<String> command) throws IOException {
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        return new LiveProcess(name, process, log, null);
    }

    /** Starts {@code command} keeping stdout readable (for its first line) and stderr to the log file. */
    static LiveProcess startReadingStdout(String name, Path logDir, List<String> command) throws IOException {
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        process.getOutputStream().close();
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                line.complete(out.readLine());
                // Keep draining so the process never blocks on a full pipe.
                while (out.readLine() != null) {
                    continue;
                }
            } catch (IOException e) {
                line.complete(null);
            }
        }, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return new LiveProcess(name, process, log, line);
    }

    /** The first stdout line, waiting at most {@code timeout}; fails with the log if the process dies first. */
    String firstLine(Duration timeout) throws Exception {
        try {
            String line = firstLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError(name + " printed nothing before exiting:\n" + log());
            }
            return line;
        } catch (TimeoutException | ExecutionException e) {
            throw new AssertionError(name + " printed no line within " + timeout + ":\n" + log(), e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of its log, for failure messages. */
    String log() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return name + " log (" + log + "):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30),
                    lines.size()));
        } catch (IOException e) {
            return name + " log unreadable: " + e;
        }
    }

    /** SIGTERM and wait; the exit code, or -1 if it had to be killed. */
    int stop() throws InterruptedException {
        process.destroy();
        if (process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        return -1;
    }

    /** SIGKILL, as a crash: no shutdown, no goodbye to a cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
