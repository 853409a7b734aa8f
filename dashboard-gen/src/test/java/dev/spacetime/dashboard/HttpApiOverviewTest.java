package dev.spacetime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.spacetime.alerts.AlertCatalog;
import dev.spacetime.alerts.Recordings;
import dev.spacetime.alerts.model.Rule;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.dashboard.lint.DashboardLinter;
import dev.spacetime.dashboard.model.Dashboard;
import dev.spacetime.dashboard.model.PanelOptions;
import dev.spacetime.dashboard.model.Target;
import dev.spacetime.dashboard.model.ThresholdSteps.Step;
import dev.spacetime.dashboard.model.Variable;
import dev.spacetime.dashboard.model.Visualization;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Slo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HttpApiOverviewTest {

    private final Dashboard dashboard = HttpApiOverview.dashboard();

    private Visualization panel(String title) {
        return dashboard.visualizations().filter(v -> v.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void identityRefreshAndTimeRange() {
        assertThat(dashboard.title()).isEqualTo("HTTP API Overview");
        assertThat(dashboard.uid()).isEqualTo("spacetime-http-api");
        assertThat(dashboard.refresh()).isEqualTo("10s");
        assertThat(dashboard.time()).isEqualTo(new Dashboard.TimeRange("now-1h", "now"));
        assertThat(dashboard.schemaVersion()).isEqualTo(GrafanaVersion.SCHEMA_VERSION);
    }

    @Test
    void everyPanelOfTheSpecWithItsVisualisationAndUnit() {
        Map<String, List<Object>> expected = new HashMap<>(Map.ofEntries(
                Map.entry("Request rate", List.of("timeseries", "reqps")),
                Map.entry("Error rate", List.of("stat", "percentunit")),
                Map.entry("Error rate by instance", List.of("timeseries", "percentunit")),
                Map.entry("p95 latency by instance", List.of("timeseries", "s")),
                Map.entry("Active connections", List.of("stat", "short")),
                Map.entry("Latency percentiles", List.of("timeseries", "s")),
                Map.entry("Latency summary", List.of("stat", "s")),
                Map.entry("Scene operations", List.of("timeseries", "ops")),
                Map.entry("Scene load success rate", List.of("gauge", "percentunit")),
                Map.entry("Auth attempts", List.of("timeseries", "reqps")),
                Map.entry("Rate-limit hits by endpoint", List.of("timeseries", "reqps")),
                Map.entry("Memory", List.of("timeseries", "bytes")),
                Map.entry("Top endpoints by requests", List.of("bargauge", "reqps")),
                Map.entry("Top endpoints by p95 latency", List.of("bargauge", "s")),
                Map.entry("Request / response size p95", List.of("timeseries", "bytes")),
                Map.entry("Scene load errors by type", List.of("piechart", "cps")),
                Map.entry("Firing alerts", List.of("table", "none")),
                Map.entry("Engine FPS", List.of("timeseries", "suffix: fps")),
                Map.entry("Health", List.of("stat", "none")),
                // Host
                Map.entry("CPU busy", List.of("timeseries", "percentunit")),
                Map.entry("Memory available", List.of("timeseries", "percentunit")),
                Map.entry("Disk space available", List.of("timeseries", "percentunit")),
                Map.entry("Disk I/O", List.of("timeseries", "Bps")),
                Map.entry("Disk I/O time", List.of("timeseries", "percentunit")),
                Map.entry("Network", List.of("timeseries", "Bps")),
                // Monitoring pipeline
                Map.entry("Scrape duration by target", List.of("timeseries", "s")),
                Map.entry("Rule evaluation failures", List.of("timeseries", "ops")),
                Map.entry("Notifications by receiver", List.of("timeseries", "ops")),
                Map.entry("Alerts sent to Alertmanager", List.of("timeseries", "ops")),
                Map.entry("Alert queue", List.of("stat", "percentunit")),
                Map.entry("Watchdog heartbeat age", List.of("stat", "s"))));
        for (Slo slo : Settings.defaults().slos()) { // the Service level objectives row
            expected.put("Error budget left: " + slo.name(), List.of("stat", "percentunit"));
            expected.put("SLI vs objective: " + slo.name(), List.of("timeseries", "percentunit"));
            expected.put("Burn rate: " + slo.name(), List.of("timeseries", "suffix:×"));
        }
        Map<String, List<Object>> actual = dashboard.visualizations().collect(Collectors.toMap(Visualization::title,
                v -> List.of(v.type(), v.fieldConfig().defaults().unit())));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void thresholdsAsTheOriginal() {
        assertThat(panel("Error rate").fieldConfig().defaults().thresholds().steps())
                .containsExactly(new Step("green", null), new Step("yellow", 0.01), new Step("red", 0.05));
        for (String latency : List.of("Latency percentiles", "Latency summary", "Top endpoints by p95 latency")) {
            assertThat(panel(latency).fieldConfig().defaults().thresholds().steps())
                    .containsExactly(new Step("green", null), new Step("yellow", 0.1), new Step("red", 0.5));
        }
        var success = panel("Scene load success rate").fieldConfig().defaults();
        assertThat(success.thresholds().steps()).containsExactly(new Step("red", null), new Step("green", 0.95));
        assertThat(List.of(success.min(), success.max())).containsExactly(0.0, 1.0);
    }

    @Test
    void latencyPercentilesAreTheFourQuantiles() {
        assertThat(panel("Latency percentiles").targets()).extracting(Target::legendFormat)
                .containsExactly("p50", "p90", "p95", "p99");
        assertThat(panel("Latency percentiles").targets().subList(0, 3)).extracting(Target::expr)
                .allMatch(e -> e.contains("sum by (le) (instance_endpoint_le:http_request_duration_seconds_bucket:"
                        + "rate5m{job=~\"$job\", instance=~\"$instance\", endpoint=~\"$endpoint\"})"));
        assertThat(panel("p95 latency by instance").targets()).singleElement()
                .satisfies(t -> assertThat(t.expr()).contains("sum by (instance, le)"))
                .satisfies(t -> assertThat(t.legendFormat()).isEqualTo("{{instance}}"));
        assertThat(panel("Request rate").targets()).extracting(Target::legendFormat)
                .containsExactly("total", "2xx", "4xx", "5xx");
    }

    @Test
    void firingAlertsTableQueriesFiringAlertsOnlyAsATable() {
        var alerts = panel("Firing alerts");
        assertThat(alerts.options()).isInstanceOf(PanelOptions.Table.class);
        assertThat(alerts.targets()).extracting(Target::expr, Target::format, Target::instant)
                .containsExactly(tuple("ALERTS{job=~\"$job\", alertstate=\"firing\"}", Target.Format.TABLE, true));
    }

    @Test
    void variablesDatasourceJobInstanceAndMultiValueEndpoint() {
        assertThat(dashboard.templating().list()).extracting(Variable::name)
                .containsExactly("datasource", "job", "instance", "endpoint", "host");
        var ds = (Variable.Datasource) dashboard.templating().list().get(0);
        assertThat(ds.query()).isEqualTo("prometheus");
        assertThat(ds.current().value()).isEqualTo(Provisioning.DATASOURCE_UID);
        var job = (Variable.Query) dashboard.templating().list().get(1);
        assertThat(job.query()).isEqualTo("label_values(up{job=\"spacetime_api\"}, job)");
        assertThat(job.allValue()).as("All is the configured job, not every job").isEqualTo("spacetime_api");
        var instance = (Variable.Query) dashboard.templating().list().get(2);
        assertThat(instance.query()).isEqualTo("label_values(up{job=~\"$job\"}, instance)");
        assertThat(List.of(job.multi(), job.includeAll(), instance.multi(), instance.includeAll()))
                .containsOnly(true);
        var endpoint = (Variable.Query) dashboard.templating().list().get(3);
        assertThat(endpoint.query())
                .isEqualTo("label_values(http_requests_total{job=~\"$job\", instance=~\"$instance\"}, endpoint)");
        assertThat(endpoint.multi()).isTrue();
        assertThat(endpoint.includeAll()).isTrue();
        assertThat(endpoint.allValue()).isEqualTo(".*");
        var host = (Variable.Query) dashboard.templating().list().get(4);
        assertThat(host.query()).as("node exporter's instances, not the API's").isEqualTo(
                "label_values(up{job=\"node\"}, instance)");
        assertThat(List.of(host.multi(), host.includeAll())).containsOnly(true);
        assertThat(host.allValue()).isEqualTo(".*");
    }

    @Test
    void deploymentAnnotationMarksRestartsOfTheApi() {
        assertThat(dashboard.annotations().list()).singleElement().satisfies(a -> {
            assertThat(a.expr()).isEqualTo(
                    "changes(process_start_time_seconds{job=~\"$job\", instance=~\"$instance\"}[1m]) > 0");
            assertThat(a.enable()).isTrue();
            assertThat(a.name()).isEqualTo("Deployments");
        });
    }

    /** With a cluster label in the scope, a cluster variable comes first and every selector picks it too. */
    @Test
    void aClusterLabelAddsItsVariableAndMatcher() {
        Dashboard clustered = HttpApiOverview.dashboard(
                Settings.defaults().withScope(Scope.defaults().withCluster("region", "eu-1")));
        assertThat(clustered.templating().list()).extracting(Variable::name)
                .containsExactly("datasource", "region", "job", "instance", "endpoint", "host");
        // The stack's own jobs (Host, Monitoring pipeline rows) by name, in the selected cluster as well.
        assertThat(clustered.visualizations().flatMap(v -> v.targets().stream())
                .flatMap(t -> SeriesNames.selectorsIn(t.expr()).stream()))
                .isNotEmpty()
                .allMatch(e -> e.contains("{region=~\"$region\", job=~\"$job\"")
                        || e.contains("{region=~\"$region\", job=\""));
        assertThat(clustered.templating().list()).filteredOn(v -> v.name().equals("host")).singleElement()
                .satisfies(v -> assertThat(((Variable.Query) v).query())
                        .isEqualTo("label_values(up{region=~\"$region\", job=\"node\"}, instance)"));
        assertThat(DashboardLinter.standard().check(clustered)).isEmpty();
    }

    /** Every identifier used as a series in a query is a series of the catalog or a recording rule. */
    @Test
    void everySeriesComesFromTheCatalog() {
        Stream<String> exprs = Stream.concat(dashboard.visualizations().flatMap(v -> v.targets().stream())
                .map(Target::expr), dashboard.annotations().list().stream().map(a -> a.expr()));
        List<String> series = exprs.flatMap(e -> SeriesNames.in(e).stream()).distinct().toList();
        Set<String> recorded = AlertCatalog.rules(Settings.defaults()).recording().stream()
                .flatMap(g -> g.rules().stream()).map(Rule::name).collect(Collectors.toSet());
        assertThat(series).isNotEmpty().allMatch(s -> Metrics.isKnownSeries(s) || recorded.contains(s),
                "a series of the catalog or recorded");
        assertThat(series).contains(Recordings.INSTANCE_ENDPOINT_LE_LATENCY_BUCKET_RATE);
        assertThat(series).contains(Metrics.HTTP_REQUESTS.name(), Metrics.SCENE_LOADS.name(),
                Metrics.HTTP_REQUEST_SIZE.bucket(), Metrics.ALERTS.name());
    }
}
