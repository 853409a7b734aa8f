package dev.spacetime.alerts.generate;

import dev.spacetime.alerts.AlertCatalog.RuleSet;
import dev.spacetime.alerts.AlertCatalog;
import dev.spacetime.alerts.Consoles;
import dev.spacetime.alerts.RuleFileLayout;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.settings.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the rule files, their promtool tests and the runbooks into a {@code monitoring/} folder.
 *
 * <p>Usage: {@code Generator <monitoring-dir> [--runbook-base-url URL]} (or {@code SPACETIME_RUNBOOK_BASE_URL}). The folders it owns
 * ({@code prometheus/tests/}, {@code runbooks/}) are emptied of their generated kind of file first, so a renamed
 * alert leaves no stale test or page behind.
 */
public final class Generator {

    private Generator() {
    }

    public static void main(String[] args) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--runbook-base-url"))) {
            throw new IllegalArgumentException(
                    "usage: Generator <monitoring-dir> [--runbook-base-url URL]");
        }
        Settings settings = Settings.defaults();
        // Option, then environment (SPACETIME_RUNBOOK_BASE_URL=... mvn package), then the default.
        String baseUrl = args.length == 3 ? args[2] : System.getenv("SPACETIME_RUNBOOK_BASE_URL");
        if (baseUrl != null && !baseUrl.isBlank()) {
            settings = settings.withRunbookBaseUrl(baseUrl);
        }
        List<Path> written = write(Path.of(args[0]), AlertCatalog.rules(settings), settings.runbookBaseUrl());
        System.out.println("alert-rules-gen: wrote " + written.size() + " files under " + args[0]);
    }

    /** Writes everything for {@code rules} and returns the files written. */
    public static List<Path> write(Path monitoring, RuleSet rules, String runbookBaseUrl) {
        Path prometheus = monitoring.resolve(RuleFileLayout.PROMETHEUS_DIR);
        Path tests = prometheus.resolve(RuleFileLayout.TESTS_DIR);
        Path runbooks = monitoring.resolve(RuleFileLayout.RUNBOOKS_DIR);
        clean(tests, ".yml");
        clean(runbooks, ".md");
        List<Path> written = new ArrayList<>(writeRuleFiles(prometheus, rules, runbookBaseUrl));
        if (!rules.recordingTests().isEmpty()) {
            written.add(write(tests.resolve(RuleFileLayout.RECORDING_TESTS_FILE),
                    RuleFiles.recordingTests(rules.recordingTests())));
        }
        for (AlertRule alert : rules.alerts()) {
            written.add(write(tests.resolve(alert.name() + ".yml"), RuleFiles.tests(alert, runbookBaseUrl)));
            written.add(write(runbooks.resolve(RunbookPages.fileName(alert)), RunbookPages.page(alert, Consoles.STANDARD)));
        }
        written.add(write(runbooks.resolve(RunbookPages.INDEX), RunbookPages.index(rules.alerts())));
        return written;
    }

    /**
     * Writes only the two rule files into {@code dir}: what a Prometheus config beside them loads (the test stack
     * writes its shortened-{@code for} variant so).
     */
    public static List<Path> writeRuleFiles(Path dir, RuleSet rules, String runbookBaseUrl) {
        return List.of(
                write(dir.resolve(RuleFileLayout.RECORDING_FILE), RuleFiles.rules(rules.recording(), runbookBaseUrl)),
                write(dir.resolve(RuleFileLayout.ALERTS_FILE), RuleFiles.rules(rules.alerting(), runbookBaseUrl)));
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void clean(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
