package dev.spacetime.stack;

import dev.spacetime.catalog.Jobs;
import dev.spacetime.catalog.PromQL;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stand-ins for the rule files alert-rules-gen writes (not on this branch yet): valid, minimal, under the names
 * prometheus.yml lists, so promtool and Prometheus load real rule files.
 */
final class RuleFixtures {

    static final String ALERT_GROUP = "fixture_alerts";

    private RuleFixtures() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(PrometheusSettings.RULE_FILES.get(0)), """
                groups:
                  - name: %s
                    rules:
                      - alert: FixtureApiDown
                        expr: %s == 0
                        for: 2m
                        labels:
                          severity: critical
                          component: availability
                        annotations:
                          summary: fixture
                """.formatted(ALERT_GROUP, PromQL.select("up", PromQL.eq("job", Jobs.API))));
        Files.writeString(dir.resolve(PrometheusSettings.RULE_FILES.get(1)), """
                groups:
                  - name: fixture_recording
                    rules:
                      - record: job:up:sum
                        expr: sum by (job) (up)
                """);
        return dir;
    }
}
