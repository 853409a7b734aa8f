package dev.spacetime.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The Debian command-line tools that check the generated files; a missing one names its package. */
public enum Tool {
    PROMTOOL("promtool", "prometheus"),
    AMTOOL("amtool", "prometheus-alertmanager"),
    DOCKER_COMPOSE("docker-compose", "docker-compose");

    private static final long TIMEOUT_SECONDS = 60;

    private final String binary;
    private final String debianPackage;

    Tool(String binary, String debianPackage) {
        this.binary = binary;
        this.debianPackage = debianPackage;
    }

    /** Exit code and combined stdout/stderr of one run. */
    public record Result(List<String> command, int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode + "\n" + output;
        }
    }

    public Path locate() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(binary + " not found on PATH: install the Debian package '" + debianPackage
                + "' (scripts/install-tools.sh)");
    }

    public Result run(Path workDir, Map<String, String> env, List<String> args) {
        return run(workDir, false, env, args);
    }

    /** Runs with no environment but {@code PATH}: what a user with nothing set would see. */
    public Result runInEmptyEnvironment(Path workDir, List<String> args) {
        return run(workDir, true, Map.of("PATH", System.getenv().getOrDefault("PATH", "")), args);
    }

    private Result run(Path workDir, boolean clearEnvironment, Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(locate().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        if (clearEnvironment) {
            builder.environment().clear();
        }
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // The tools print little; reading to EOF before waiting cannot fill a pipe buffer and block.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(command, process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    public Result run(Path workDir, String... args) {
        return run(workDir, Map.of(), List.of(args));
    }
}
