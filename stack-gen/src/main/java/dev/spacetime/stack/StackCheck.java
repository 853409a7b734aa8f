package dev.spacetime.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks generated configs with the real tools: {@code amtool check-config}, the routing expectations through
 * {@code amtool config routes test}, {@code promtool check config} and an offline {@code docker-compose config} of
 * both compose variants with no environment set.
 * {@link #main} checks a whole {@code monitoring/} directory and fails the build on any failure.
 */
public final class StackCheck {

    private StackCheck() {
    }

    /** {@code <monitoring dir> [--promtool-syntax-only=true|false]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: StackCheck <monitoring dir> [--promtool-syntax-only=BOOL]");
        }
        boolean syntaxOnly = args.length == 2 && args[1].equals("--promtool-syntax-only=true");
        List<Tool.Result> results = checkMonitoring(Path.of(args[0]), NativeRunnerSettings.STANDARD, syntaxOnly);
        List<Tool.Result> failures = results.stream().filter(r -> !r.ok()).toList();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("monitoring/ checks failed:\n" + failures);
        }
        System.out.println("stack-check: " + results.size() + " amtool/promtool/docker-compose checks passed"
                + (syntaxOnly ? " (promtool --syntax-only: rule files not checked)" : ""));
    }

    /** Every check of this module's part of {@code monitoring/}, failed or not. */
    public static List<Tool.Result> checkMonitoring(Path monitoring, NativeRunnerSettings runner, boolean promtoolSyntaxOnly)
            throws IOException {
        Path rulesDir = monitoring.resolve(runner.rulesDir());
        Path alertmanagerDir = monitoring.resolve(StackGenerator.ALERTMANAGER_DIR);
        Path prometheusDir = monitoring.resolve(StackGenerator.PROMETHEUS_DIR);
        Path nativeDir = monitoring.resolve(runner.configDir());
        List<Tool.Result> results = new ArrayList<>();
        for (Path config : List.of(alertmanagerDir.resolve(StackGenerator.ALERTMANAGER_YML),
                alertmanagerDir.resolve(StackGenerator.ALERTMANAGER_HOST_API_YML),
                nativeDir.resolve(StackGenerator.ALERTMANAGER_YML))) {
            results.add(amtoolCheckConfig(config));
            results.addAll(routes(config, RoutingExpectation.standard()));
        }
        for (Path config : List.of(prometheusDir.resolve(StackGenerator.PROMETHEUS_YML),
                prometheusDir.resolve(StackGenerator.PROMETHEUS_HOST_API_YML),
                nativeDir.resolve(StackGenerator.PROMETHEUS_YML))) {
            results.add(promtoolSyntaxOnly
                    ? Tool.PROMTOOL.run(config.getParent(), "check", "config", "--syntax-only", config.toString())
                    : promtoolCheckConfig(config, rulesDir, runner.ruleFiles()));
        }
        results.add(composeConfig(monitoring, List.of(StackGenerator.COMPOSE_YML)));
        results.add(composeConfig(monitoring, List.of(StackGenerator.COMPOSE_YML, StackGenerator.COMPOSE_HOST_API_YML)));
        return results;
    }

    public static Tool.Result amtoolCheckConfig(Path alertmanagerYml) {
        return Tool.AMTOOL.run(alertmanagerYml.getParent(), "check-config", alertmanagerYml.toString());
    }

    /** One {@code amtool config routes test --verify.receivers} run per expectation. */
    public static List<Tool.Result> routes(Path alertmanagerYml, List<RoutingExpectation> expectations) {
        return expectations.stream().map(e -> {
            List<String> args = new ArrayList<>(List.of("config", "routes", "test",
                    "--config.file=" + alertmanagerYml, "--verify.receivers=" + e.expected().receiverName()));
            args.addAll(e.amtoolArguments());
            return Tool.AMTOOL.run(alertmanagerYml.getParent(), Map.of(), args);
        }).toList();
    }

    /**
     * {@code promtool check config}, which also loads the rule files: the config is checked from a scratch
     * directory holding it and the rule files from {@code rulesDir}, as the compose mount and the native runner
     * lay them out.
     */
    public static Tool.Result promtoolCheckConfig(Path prometheusYml, Path rulesDir, List<String> ruleFiles)
            throws IOException {
        Path scratch = Files.createTempDirectory("stack-check");
        try {
            Path config = Files.copy(prometheusYml, scratch.resolve(StackGenerator.PROMETHEUS_YML));
            for (String file : ruleFiles) {
                if (Files.exists(rulesDir.resolve(file))) {
                    Files.copy(rulesDir.resolve(file), scratch.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return Tool.PROMTOOL.run(scratch, "check", "config", config.toString());
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * Offline {@code docker-compose config -q} of {@code files} (later ones override earlier ones) in
     * {@code monitoring}, with no environment but PATH: the stack needs no variable set.
     */
    public static Tool.Result composeConfig(Path monitoring, List<String> files) {
        List<String> args = new ArrayList<>();
        for (String file : files) {
            args.addAll(List.of("-f", monitoring.resolve(file).toString()));
        }
        args.addAll(List.of("config", "-q"));
        return Tool.DOCKER_COMPOSE.runInEmptyEnvironment(monitoring, args);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
