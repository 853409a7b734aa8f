package dev.spacetime.stack;

import static dev.spacetime.stack.LiveHttp.fetch;
import static dev.spacetime.stack.LiveHttp.first;
import static dev.spacetime.stack.LiveHttp.freePort;
import static dev.spacetime.stack.LiveHttp.get;
import static dev.spacetime.stack.LiveHttp.maps;
import static dev.spacetime.stack.LiveHttp.query;
import static dev.spacetime.stack.LiveHttp.require;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import dev.spacetime.catalog.Jobs;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.dashboard.HttpApiOverview;
import dev.spacetime.dashboard.model.Dashboard;
import dev.spacetime.dashboard.model.Macros;
import dev.spacetime.dashboard.model.Target;
import dev.spacetime.dashboard.model.Variable;
import dev.spacetime.dashboard.model.Visualization;
import dev.spacetime.server.ApiServer;
import dev.spacetime.server.config.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet mode for real on loopback: three API servers (in-process, each its own Vert.x, registry and state), the
 * generated HA pair (two Debian Prometheus replicas with the replica label, two Alertmanagers in a gossip cluster,
 * each Prometheus alerting both), Debian's VictoriaMetrics receiving both replicas' remote_write, and a webhook
 * receiver that counts every delivery. 1 s scrape and evaluation, every {@code for} shortened to {@link #FOR}.
 *
 * <ol>
 *   <li>Every dashboard panel query answers the same series from VictoriaMetrics as from Prometheus, values within
 *       {@link #TOLERANCE}; panels whose series carry {@code instance} show all three instances.</li>
 *   <li>Stopping one API fires HTTPAPIDown for exactly that instance and its return resolves it: one firing and
 *       one resolved delivery, though two replicas and two Alertmanagers saw it.</li>
 *   <li>A silence added with amtool on one Alertmanager reaches the other and holds on both: the next instance's
 *       outage is never delivered.</li>
 *   <li>The Alertmanager that would send (position 0 in the cluster) is killed while holding a new alert: the other
 *       one delivers it, once, and its resolution.</li>
 * </ol>
 * Every wait is bounded; every process and server is stopped whatever happens.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FleetIT {

    private static final PromDuration INTERVAL = PromDuration.ofSeconds(1);
    private static final Duration FOR = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Long enough for Prometheus to send the alert to both Alertmanagers before either notifies. */
    private static final PromDuration GROUP_WAIT = PromDuration.ofSeconds(3);
    private static final PromDuration GROUP_INTERVAL = PromDuration.ofSeconds(2);
    /** Nothing may repeat within the test: a second identical delivery is a duplicate. */
    private static final PromDuration REPEAT = PromDuration.ofHours(1);
    /** What the second Alertmanager waits for the first's notification log before sending itself. */
    private static final PromDuration PEER_TIMEOUT = PromDuration.ofSeconds(2);
    /** After a delivery, how long the test keeps listening for a duplicate. */
    private static final Duration DUPLICATE_WINDOW = Duration.ofSeconds(6);
    /** Stands in for Grafana's {@code $__rate_interval}: thirty 1 s scrapes, so one odd request moves a ratio little. */
    private static final String RATE_WINDOW = "30s";
    /**
     * Relative difference allowed between Prometheus and VictoriaMetrics: the store holds both replicas' samples
     * (deduplicated to one a second, from either), whose scrapes are up to a second apart, and computes rate() without
     * Prometheus' extrapolation to the window's edges.
     */
    private static final double TOLERANCE = 0.25;
    private static final Dashboard DASHBOARD = HttpApiOverview.dashboard();

    @TempDir
    Path tmp;
    private final List<LiveProcess> processes = new ArrayList<>();
    private final List<ApiServer> apis = new ArrayList<>();
    private final List<Integer> apiPorts = new ArrayList<>();
    private final List<Map<String, Object>> deliveries = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private ScheduledExecutorService traffic;

    @AfterEach
    void stopEverything() throws Exception {
        if (traffic != null) {
            traffic.shutdownNow();
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        for (ApiServer api : apis) {
            if (api != null) {
                api.close();
            }
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aFleetBehindAHighlyAvailablePairAlertsOnceAndKeepsOneHistory() throws Exception {
        Path prometheusBin = require(NativeRunnerSettings.STANDARD.prometheusBinary(), "prometheus");
        Path alertmanagerBin = require(NativeRunnerSettings.STANDARD.alertmanagerBinary(), "prometheus-alertmanager");
        Path victoriaBin = require(FleetSettings.STANDARD.longTermStore().binary(), "victoria-metrics");
        startReceiver();
        for (int i = 0; i < 3; i++) {
            apis.add(startApi(i, 0));
            apiPorts.add(apis.get(i).port());
        }
        List<String> instances = apiPorts.stream().map(StackSettings::loopback).toList();

        // The generated HA pair, at free ports, fast.
        FleetSettings.HighAvailability ha = FleetSettings.STANDARD.highAvailability();
        List<FleetSettings.Replica> replicas = List.of(
                new FleetSettings.Replica(ha.replicas().get(0).name(), freePort(), freePort(), freePort()),
                new FleetSettings.Replica(ha.replicas().get(1).name(), freePort(), freePort(), freePort()));
        int victoriaPort = freePort();
        List<String> alertmanagers = replicas.stream().map(r -> StackSettings.loopback(r.alertmanagerPort())).toList();
        Path config = tmp.resolve("config");
        Path token = Files.writeString(tmp.resolve("webhook_token"), "not-checked-by-the-counting-receiver");
        StackSettings fleet = StackSettings.nativeFleet(instances, new Ports(apiPorts.get(0),
                replicas.get(0).prometheusPort(), replicas.get(0).alertmanagerPort(), freePort()), alertmanagers,
                token.toString());
        StackSettings fast = new StackSettings(fleet.prometheus().withIntervals(INTERVAL, INTERVAL),
                new AlertmanagerSettings(fleet.alertmanager().groupBy(), GROUP_WAIT, GROUP_INTERVAL, REPEAT,
                        fleet.alertmanager().resolveTimeout(), fleet.alertmanager().routes(),
                        fleet.alertmanager().inhibitRules(), Webhook.at(StackSettings.loopback(
                                receiver.getAddress().getPort()), token.toString()), fleet.alertmanager().escalation())
                        .withTimings(GROUP_WAIT, GROUP_INTERVAL, REPEAT));
        StackGenerator.generate(fast, config);
        Rules.write(config, Settings.defaults().withForDurations(ForDurations.all(FOR)));
        RemoteWrite store = RemoteWrite.victoriaMetrics("http://" + StackSettings.loopback(victoriaPort));
        List<String> prometheuses = replicas.stream().map(r -> StackSettings.loopback(r.prometheusPort())).toList();
        for (FleetSettings.Replica r : replicas) {
            StackGenerator.generateReplica(StackSettings.replica(fast, ha, r, alertmanagers, store, prometheuses),
                    config);
        }

        String victoria = "http://" + StackSettings.loopback(victoriaPort);
        List<String> ltsFlags = new ArrayList<>(List.of(victoriaBin.toString(),
                "-httpListenAddr=" + StackSettings.loopback(victoriaPort),
                "-storageDataPath=" + tmp.resolve("victoria-metrics"), "-retentionPeriod=1d",
                "-dedup.minScrapeInterval=" + INTERVAL,
                // Test-only: answer with the newest samples (default: not the last 30 s) and cache nothing.
                "-search.latencyOffset=0s", "-search.disableCache", "-loggerLevel=ERROR"));
        LiveProcess vm = start("victoria-metrics", ltsFlags);
        List<LiveProcess> ams = new ArrayList<>();
        for (FleetSettings.Replica r : replicas) {
            FleetSettings.Replica peer = replicas.get(r == replicas.get(0) ? 1 : 0);
            ams.add(start("alertmanager-" + r.name(), List.of(alertmanagerBin.toString(),
                    "--config.file=" + config.resolve(StackGenerator.ALERTMANAGER_YML),
                    "--storage.path=" + tmp.resolve("alertmanager-" + r.name()),
                    "--web.listen-address=" + StackSettings.loopback(r.alertmanagerPort()),
                    "--cluster.listen-address=" + StackSettings.loopback(r.clusterPort()),
                    "--cluster.peer=" + StackSettings.loopback(peer.clusterPort()),
                    "--cluster.peer-timeout=" + PEER_TIMEOUT)));
        }
        List<LiveProcess> proms = new ArrayList<>();
        for (FleetSettings.Replica r : replicas) {
            proms.add(start("prometheus-" + r.name(), List.of(prometheusBin.toString(),
                    "--config.file=" + config.resolve(StackGenerator.replicaConfig(r.name())),
                    "--storage.tsdb.path=" + tmp.resolve("prometheus-" + r.name()),
                    "--web.listen-address=" + StackSettings.loopback(r.prometheusPort()))));
        }
        List<String> amUrls = replicas.stream().map(r -> "http://" + StackSettings.loopback(r.alertmanagerPort())).toList();
        List<String> promUrls = replicas.stream().map(r -> "http://" + StackSettings.loopback(r.prometheusPort())).toList();
        await(vm, "VictoriaMetrics ready", () -> get(victoria + "/health", null).statusCode() == 200);
        for (int i = 0; i < 2; i++) {
            String am = amUrls.get(i);
            String prom = promUrls.get(i);
            await(ams.get(i), "Alertmanager clustered with its peer", () -> clusterPeers(am).size() == 2);
            await(proms.get(i), "three API instances up", () -> apiUp(prom).equals(new TreeSet<>(instances)));
        }
        traffic = Executors.newSingleThreadScheduledExecutor();
        traffic.scheduleAtFixedRate(this::someTraffic, 0, 100, TimeUnit.MILLISECONDS);

        // 1. One history: every panel query, the same from the store as from a replica.
        Thread.sleep(32_000);
        assertThat(query(victoria, "count(up{replica!=\"\"})", null)).as("no replica label in the store").isEmpty();
        everyPanelAgrees(promUrls.get(0), victoria, instances);

        // 2. An instance goes down and comes back: one firing and one resolved delivery, for that instance only.
        apis.get(0).close();
        Map<String, Object> down = awaitDelivery(proms.get(0), instances.get(0), "firing");
        assertThat(alertInstances(down)).containsExactly(instances.get(0));
        apis.set(0, startApi(0, apiPorts.get(0)));
        awaitDelivery(proms.get(0), instances.get(0), "resolved");
        Thread.sleep(DUPLICATE_WINDOW.toMillis());
        assertThat(deliveryStatuses(instances.get(0))).as(deliveriesText()).containsExactly("firing", "resolved");

        // 3. A silence added on one Alertmanager holds on both.
        Tool.Result silenced = Tool.AMTOOL.run(tmp, "--alertmanager.url=" + amUrls.get(0), "silence", "add",
                Labels.ALERTNAME + "=HTTPAPIDown", Labels.INSTANCE + "=" + instances.get(1), "--duration=1h",
                "--comment=fleet test maintenance", "--author=FleetIT");
        assertThat(silenced.ok()).as(silenced.toString()).isTrue();
        String silenceId = silenced.output().trim();
        await(ams.get(1), "the silence gossiped to the other Alertmanager", () -> maps(fetch(amUrls.get(1)
                + "/api/v2/silences")).stream().anyMatch(s -> silenceId.equals(s.get("id"))));
        apis.get(1).close();
        for (int i = 0; i < 2; i++) {
            String am = amUrls.get(i);
            await(ams.get(i), "HTTPAPIDown silenced", () -> alertmanagerAlert(am, instances.get(1))
                    .filter(a -> Yaml.list(Yaml.map(a, "status"), "silencedBy").contains(silenceId)));
        }
        Thread.sleep(GROUP_WAIT.value().plus(PEER_TIMEOUT.value()).plus(DUPLICATE_WINDOW).toMillis());
        assertThat(deliveryStatuses(instances.get(1))).as(deliveriesText()).isEmpty();
        apis.set(1, startApi(1, apiPorts.get(1)));

        // 4. The Alertmanager that would send dies holding a new alert: the other one delivers it, once.
        apis.get(2).close();
        int sender = senderIndex(amUrls);
        await(ams.get(sender), "the new alert in the sending Alertmanager",
                () -> alertmanagerAlert(amUrls.get(sender), instances.get(2)));
        ams.get(sender).kill();
        int survivor = 1 - sender;
        awaitDelivery(ams.get(survivor), instances.get(2), "firing");
        apis.set(2, startApi(2, apiPorts.get(2)));
        awaitDelivery(ams.get(survivor), instances.get(2), "resolved");
        Thread.sleep(DUPLICATE_WINDOW.toMillis());
        assertThat(deliveryStatuses(instances.get(2))).as(deliveriesText()).containsExactly("firing", "resolved");
        assertThat(proms.get(0).isAlive() && proms.get(1).isAlive() && ams.get(survivor).isAlive()).isTrue();
    }

    // --- the dashboard against both stores -----------------------------------------------------------------------

    /**
     * Each panel query at one instant, from Prometheus and from the store: the same label sets (the metric name
     * aside, which PromQL and MetricsQL keep in different places) with values within {@link #TOLERANCE}.
     */
    private void everyPanelAgrees(String prometheus, String victoria, List<String> instances) throws Exception {
        double at = System.currentTimeMillis() / 1000.0 - 2;
        int perInstancePanels = 0;
        List<String> report = new ArrayList<>();
        for (Visualization panel : DASHBOARD.visualizations().toList()) {
            for (Target target : panel.targets()) {
                String expr = concrete(target.expr());
                // topk picks arbitrarily among ties: idle endpoints all at 0 are not data, leave them out.
                boolean ranked = expr.startsWith("topk(");
                Map<String, Double> fromPrometheus = series(query(prometheus, expr, at), ranked);
                Map<String, Double> fromStore = series(query(victoria, expr, at), ranked);
                report.add(String.format("%-32s %s %d series: %s", panel.title(), target.refId(), fromPrometheus.size(),
                        expr));
                assertThat(fromStore.keySet()).as("%s: %s", panel.title(), expr).isEqualTo(fromPrometheus.keySet());
                // Values are compared for the API's steady traffic. The stack's own series count rare events (a few
                // notifications in a window), where MetricsQL's rate (which also reads the sample before the window)
                // and PromQL's extrapolation differ by design, and a scrape's duration is measured anew each second,
                // so the stores may answer with neighbouring samples: for those only the label sets must agree.
                boolean steady = expr.contains(Jobs.API) && !expr.contains(Metrics.SCRAPE_DURATION.name());
                fromPrometheus.forEach((labels, value) -> assertThat(!steady || close(value, fromStore.get(labels)))
                        .as("%s: %s %s: Prometheus %s, VictoriaMetrics %s", panel.title(), expr, labels, value,
                                fromStore.get(labels)).isTrue());
                Set<String> shown = fromPrometheus.keySet().stream().map(FleetIT::instanceOf)
                        .filter(Optional::isPresent).map(Optional::get).collect(Collectors.toCollection(TreeSet::new));
                if (!shown.isEmpty() && expr.contains(Jobs.API)) {
                    perInstancePanels++;
                    assertThat(shown).as("%s: %s", panel.title(), expr).isEqualTo(new TreeSet<>(instances));
                }
            }
        }
        System.out.println("FleetIT panel queries (Prometheus = VictoriaMetrics):\n" + String.join("\n", report));
        assertThat(perInstancePanels).as("panels with one series per instance").isPositive();
    }

    private static boolean close(double a, Double b) {
        if (b == null) {
            return false;
        }
        return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b)) + 1e-9;
    }

    /** Label set (sorted, without {@code __name__}) to value; without the zeros if {@code nonZero}. */
    private static Map<String, Double> series(List<Object> result, boolean nonZero) {
        Map<String, Double> out = new TreeMap<>();
        for (Map<String, Object> s : maps(result)) {
            Map<String, Object> labels = new TreeMap<>(Yaml.map(s, "metric"));
            labels.remove("__name__");
            double value = Double.parseDouble(String.valueOf(Yaml.list(s, "value").get(1)));
            if (!nonZero || value != 0) {
                out.put(labels.toString(), value);
            }
        }
        return out;
    }

    private static Optional<String> instanceOf(String labels) {
        int at = labels.indexOf(Labels.INSTANCE + "=");
        if (at < 0) {
            return Optional.empty();
        }
        String rest = labels.substring(at + Labels.INSTANCE.length() + 1);
        return Optional.of(rest.split("[,}]")[0]);
    }

    /** Grafana's substitution, as DashboardQueriesIT does: the rate window and each variable's "All" value. */
    private static String concrete(String expr) {
        String e = expr.replace(Macros.RATE_INTERVAL, RATE_WINDOW);
        for (Variable v : DASHBOARD.templating().list()) {
            if (v instanceof Variable.Query q) {
                e = e.replace("${" + q.name() + "}", q.allValue()).replace("$" + q.name(), q.allValue());
            }
        }
        assertThat(e).as("every variable substituted").doesNotContain("$");
        return e;
    }

    // --- the webhook receiver ------------------------------------------------------------------------------------

    /** Records every webhook payload; answers 200 so Alertmanager never retries a delivery it made. */
    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(StackSettings.LOOPBACK, 0), 16);
        receiver.createContext(Webhook.PATH, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(LiveHttp.parse(body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    /** The statuses of the deliveries naming HTTPAPIDown for {@code instance}, in arrival order. */
    private List<String> deliveryStatuses(String instance) {
        return deliveries.stream().filter(d -> alertInstances(d).contains(instance) && isApiDown(d))
                .map(d -> (String) d.get("status")).toList();
    }

    private Map<String, Object> awaitDelivery(LiveProcess watched, String instance, String status) throws Exception {
        return await(watched, "HTTPAPIDown " + status + " for " + instance + " delivered", () -> deliveries.stream()
                .filter(d -> isApiDown(d) && status.equals(d.get("status")) && alertInstances(d).contains(instance))
                .findFirst());
    }

    private static boolean isApiDown(Map<String, Object> delivery) {
        return "HTTPAPIDown".equals(Yaml.map(delivery, "commonLabels").get(Labels.ALERTNAME));
    }

    private static List<Object> alertInstances(Map<String, Object> delivery) {
        return maps(Yaml.list(delivery, "alerts")).stream().map(a -> Yaml.map(a, "labels").get(Labels.INSTANCE))
                .toList();
    }

    private String deliveriesText() {
        return deliveries.stream().map(d -> d.get("groupKey") + " " + d.get("status") + " " + alertInstances(d))
                .collect(Collectors.joining("\n", "deliveries:\n", ""));
    }

    // --- Alertmanager and Prometheus -----------------------------------------------------------------------------

    private static List<Map<String, Object>> clusterPeers(String alertmanager) throws Exception {
        return maps(Yaml.list(Yaml.map(fetch(alertmanager + "/api/v2/status"), "cluster"), "peers"));
    }

    /**
     * The Alertmanager that notifies first: position 0, its name first among the cluster's peers (the order
     * Alertmanager itself uses); the other waits a peer timeout per position.
     */
    private static int senderIndex(List<String> alertmanagers) throws Exception {
        List<String> names = new ArrayList<>();
        for (String am : alertmanagers) {
            names.add((String) Yaml.map(fetch(am + "/api/v2/status"), "cluster").get("name"));
        }
        return names.indexOf(names.stream().sorted().findFirst().orElseThrow());
    }

    private static Optional<Map<String, Object>> alertmanagerAlert(String alertmanager, String instance)
            throws Exception {
        return first(fetch(alertmanager + "/api/v2/alerts?filter=" + java.net.URLEncoder.encode(
                Labels.ALERTNAME + "=\"HTTPAPIDown\"", StandardCharsets.UTF_8)),
                a -> instance.equals(Yaml.map(a, "labels").get(Labels.INSTANCE)));
    }

    private static Set<String> apiUp(String prometheus) throws Exception {
        return maps(query(prometheus, "up{job=\"" + Jobs.API + "\"} == 1", null)).stream()
                .map(s -> (String) Yaml.map(s, "metric").get(Labels.INSTANCE))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // --- processes and servers -----------------------------------------------------------------------------------

    /** API server {@code i} on {@code port} (0: a free one), its files in its own directory. */
    private ApiServer startApi(int i, int port) throws Exception {
        Path dir = tmp.resolve("api-" + i);
        ServerConfig defaults = ServerConfig.defaults();
        ServerConfig.Health health = defaults.health();
        return ApiServer.start(defaults.withPort(port).withTokenFile(dir.resolve("token"))
                .withAlertWebhookTokenFile(dir.resolve("alert_webhook_token")).withStateDir(dir.resolve("state"))
                // Three servers share this JVM's memory: only the fault this test makes may alert.
                .withHealth(new ServerConfig.Health(1 << 20, 1 << 20, health.connectionsDegraded(),
                        health.connectionsUnhealthy(), health.checkTimeout(), health.refreshInterval())));
    }

    /** A few public requests to each running instance, so rate and latency panels have data. */
    private void someTraffic() {
        for (int port : apiPorts) {
            try {
                get("http://" + StackSettings.loopback(port) + "/health/quick", null);
            } catch (Exception e) {
                // An instance this test has stopped.
            }
        }
    }

    private LiveProcess start(String name, List<String> command) throws IOException {
        LiveProcess p = LiveProcess.start(name, tmp, command);
        processes.add(p);
        return p;
    }

    private static <T> T await(LiveProcess watched, String what, LiveHttp.Probe<?> probe) throws Exception {
        return LiveHttp.await(WAIT, what, watched::isAlive, watched::log, probe);
    }
}
