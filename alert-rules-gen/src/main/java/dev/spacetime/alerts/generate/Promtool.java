package dev.spacetime.alerts.generate;

import dev.spacetime.alerts.RuleFileLayout;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the real promtool (Debian package {@code prometheus}) on generated files. Also the verify-phase entry
 * point: {@code Promtool <monitoring-dir>} checks and tests the rules there and fails the build on any problem.
 */
public final class Promtool {

    /** What promtool printed and how it exited. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Promtool() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Promtool <monitoring-dir>");
        }
        Path prometheus = Path.of(args[0]).resolve(RuleFileLayout.PROMETHEUS_DIR);
        for (Result r : List.of(checkRules(ruleFiles(prometheus)), testRules(testFiles(prometheus)))) {
            System.out.print(r.output());
            if (!r.ok()) {
                throw new IllegalStateException("promtool failed (exit " + r.exitCode() + ") on " + prometheus);
            }
        }
    }

    /** The two rule files under a {@code prometheus/} folder. */
    public static List<Path> ruleFiles(Path prometheus) {
        return List.of(prometheus.resolve(RuleFileLayout.RECORDING_FILE),
                prometheus.resolve(RuleFileLayout.ALERTS_FILE));
    }

    /** Every test file under a {@code prometheus/} folder, sorted. */
    public static List<Path> testFiles(Path prometheus) {
        try (Stream<Path> files = Files.list(prometheus.resolve(RuleFileLayout.TESTS_DIR))) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code promtool check rules FILES}. */
    public static Result checkRules(List<Path> files) {
        return run("check", "rules", files);
    }

    /** {@code promtool test rules FILES}. */
    public static Result testRules(List<Path> files) {
        return run("test", "rules", files);
    }

    /** The promtool executable on PATH; fails naming the Debian package when there is none. */
    public static Path executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("promtool not found on PATH: install the Debian package 'prometheus' "
                + "(apt-get install prometheus, or scripts/install-tools.sh), which ships promtool");
    }

    private static Result run(String command, String subcommand, List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of(executable().toString(), command, subcommand));
        files.forEach(f -> cmd.add(f.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd, e);
        }
    }
}
