package dev.spacetime.dashboard;

import dev.spacetime.dashboard.json.DashboardJson;
import dev.spacetime.dashboard.lint.DashboardLinter;
import java.io.IOException;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code grafana/dashboards/http_api_overview.json}, {@code grafana/dashboards/dashboard-provider.yml} and
 * {@code grafana/datasources/prometheus.yml} under the monitoring folder given as the only argument. Refuses to
 * write a dashboard that fails the lint rules.
 */
public final class DashboardGenerator {

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DashboardGenerator <monitoring-dir>");
            System.exit(2);
        }
        for (Path written : generate(Path.of(args[0]))) {
            System.out.println("wrote " + written);
        }
    }

    /** Generates every file; returns their paths. */
    public static List<Path> generate(Path monitoring) throws IOException {
        var dashboard = HttpApiOverview.dashboard();
        var violations = DashboardLinter.standard().check(dashboard);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("dashboard fails lint:\n" + String.join("\n",
                    violations.stream().map(Object::toString).toList()));
        }
        Path grafana = monitoring.resolve("grafana");
        return List.of(
                write(grafana.resolve("dashboards").resolve(HttpApiOverview.FILE_NAME), DashboardJson.write(dashboard)),
                write(grafana.resolve("dashboards").resolve(Provisioning.PROVIDER_FILE),
                        Provisioning.dashboardProvider()),
                write(grafana.resolve("datasources").resolve(Provisioning.DATASOURCE_FILE),
                        Provisioning.datasources()));
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private DashboardGenerator() {
    }
}
