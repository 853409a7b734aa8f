package dev.spacetime.stack;

import dev.spacetime.alerts.AlertCatalog;
import dev.spacetime.alerts.generate.Generator;
import dev.spacetime.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** alert-rules-gen's real rule files, written where a generated prometheus.yml (or the native runner) loads them. */
final class Rules {

    /** A group of the real alert file, to recognise it in Prometheus' /api/v1/rules. */
    static final String ALERT_GROUP = AlertCatalog.rules(Settings.defaults()).alerting().get(0).name();

    /** A group of the real recording rule file. */
    static final String RECORDING_GROUP = AlertCatalog.rules(Settings.defaults()).recording().get(0).name();

    private Rules() {
    }

    static Path write(Path dir, Settings settings) throws IOException {
        Files.createDirectories(dir);
        Generator.writeRuleFiles(dir, AlertCatalog.rules(settings), settings.runbookBaseUrl());
        return dir;
    }

    static Path write(Path dir) throws IOException {
        return write(dir, Settings.defaults());
    }
}
