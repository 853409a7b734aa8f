package dev.spacetime.dashboard;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of Debian's monitoring binaries (Prometheus, Alertmanager, node exporter) as a process on a loopback port,
 * its output in a log file; started once its readiness URL answers 200.
 */
final class LiveBinary implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    final Path log;
    final int port;
    /** {@code http://127.0.0.1:PORT} */
    final String base;

    private LiveBinary(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * Starts {@code binary} with {@code args} on {@code port} and waits (30 s at most) until {@code readyPath}
     * answers 200. Fails, naming the Debian package, when the binary is missing; with its log when it exits.
     */
    static LiveBinary start(Path binary, String debianPackage, int port, String readyPath, Path log,
                            List<String> args) throws IOException, InterruptedException {
        if (!Files.isExecutable(binary)) {
            fail(binary + " not found: install the Debian package '" + debianPackage + "' (apt-get install "
                    + debianPackage + ")");
        }
        var command = new ArrayList<String>();
        command.add(binary.toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var live = new LiveBinary(p, log, port);
        live.awaitReady(binary.getFileName().toString(), readyPath);
        return live;
    }

    private void awaitReady(String name, String readyPath) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail(name + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                var r = HTTP.send(HttpRequest.newBuilder(URI.create(base + readyPath))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail(name + " not ready within 30 s:\n" + Files.readString(log));
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
