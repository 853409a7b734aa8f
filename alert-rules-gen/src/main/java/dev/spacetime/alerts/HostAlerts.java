package dev.spacetime.alerts;

import static dev.spacetime.alerts.model.Template.label;
import static dev.spacetime.alerts.promql.Expr.and;
import static dev.spacetime.alerts.promql.Expr.gt;
import static dev.spacetime.alerts.promql.Expr.num;
import static dev.spacetime.alerts.scenario.Scenario.GAUGE_ACTIVE;
import static dev.spacetime.alerts.scenario.Scenario.RATIO_ACTIVE;
import static dev.spacetime.alerts.scenario.Scenario.expect;
import static dev.spacetime.alerts.scenario.Scenario.firing;
import static dev.spacetime.alerts.scenario.Scenario.labels;
import static dev.spacetime.alerts.scenario.Scenario.pending;
import static dev.spacetime.catalog.PromQL.eq;
import static dev.spacetime.catalog.PromQL.rate;
import static dev.spacetime.catalog.PromQL.sumBy;
import static dev.spacetime.settings.PromDuration.duration;

import dev.spacetime.alerts.model.AlertGroup;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.AlertTest.Kind;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.alerts.model.Humanize;
import dev.spacetime.alerts.model.Runbook.Query;
import dev.spacetime.alerts.model.Runbook;
import dev.spacetime.alerts.scenario.Scenario;
import dev.spacetime.alerts.scenario.TestTargets;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.settings.ForDurations;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import dev.spacetime.settings.Thresholds;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The hosts the stack runs on, from node exporter (node-mixin's essentials): disk space now and in a day, memory,
 * CPU, and node exporter itself. Each selects the stack's node job ({@link Settings#stackScope}).
 */
final class HostAlerts {

    /** Instance labels of the test data: one host, or a second beside it. */
    static final String NODE_EXPORTER = "node-exporter:9100";
    static final String HOST_2 = "host-2:9100";

    /** How far back HostFilesystemFillingUp fits its trend (node-mixin: 6h). */
    static final Duration FILL_TREND = Duration.ofHours(6);

    private static final double GB = 1e9;
    private static final double SIZE = 100 * GB;
    private static final String ROOT = "/";
    private static final String DISK = "/dev/sda1";

    private final Settings settings;
    private final Scope node;
    private final TestTargets test;

    private HostAlerts(Settings settings) {
        this.settings = settings;
        this.node = settings.stackScope(settings.stackJobs().node());
        this.test = TestTargets.of(settings).of(node, NODE_EXPORTER);
    }

    static List<AlertRule> alerts(Settings settings) {
        return new HostAlerts(settings).all();
    }

    private List<AlertRule> all() {
        Thresholds t = settings.thresholds();
        ForDurations f = settings.forDurations();
        return List.of(almostFull(t.filesystemAvailableRatio(), f.filesystemAlmostFull()),
                fillingUp(t.filesystemFillHours(), t.filesystemFillGuardRatio(), f.filesystemFillingUp()),
                memory(t.memoryAvailableRatio(), f.hostMemory()), cpu(t.cpuBusyRatio(), f.hostCpu()),
                nodeExporterDown(f.nodeExporterDown()));
    }

    private AlertRule.Builder alert(String name, Severity severity) {
        return AlertRule.builder(name).group(AlertGroup.HOST).severity(severity).component(Component.HOST).scope(node);
    }

    /** A filesystem series of a real, writable filesystem. */
    private String filesystem(String metric) {
        return node.select(metric, settings.stackJobs().realFilesystems());
    }

    private String availableShare() {
        return filesystem(Metrics.NODE_FILESYSTEM_AVAIL.name()) + " / "
                + filesystem(Metrics.NODE_FILESYSTEM_SIZE.name());
    }

    private String writable() {
        return filesystem(Metrics.NODE_FILESYSTEM_READONLY.name()) + " == 0";
    }

    private AlertRule almostFull(double ratio, Duration forDuration) {
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        double nearlyFull = 0.05;
        double roomy = 0.5;
        return alert("HostFilesystemAlmostFull", Severity.WARNING)
                .forDuration(forDuration)
                .expr(and(availableShare() + " < " + num(ratio), writable()))
                .summary("A filesystem of a host is almost full.")
                .description("Filesystem ", label(Labels.MOUNTPOINT), " (", label(Labels.DEVICE), ") on ",
                        label(Labels.INSTANCE), " has ", Humanize.PERCENTAGE, " of its space left (threshold "
                                + num(ratio * 100) + " %, for " + duration(forDuration) + "); when it is full, "
                                + "whatever writes there fails: Prometheus' TSDB, Alertmanager's silences, the API's "
                                + "state.")
                .runbook(fsRunbook("A writable filesystem has less than " + num(ratio * 100) + " % of its space "
                        + "available to ordinary users (root has a reserve beyond that). Once full, Prometheus "
                        + "stops ingesting samples, Alertmanager cannot persist silences, and the API cannot save "
                        + "its state."))
                .tests(Scenario.cases(forDuration,
                        () -> fs(test.scenario("/ at 5 % for less than " + duration(forDuration), at), "ext4",
                                nearlyFull).beforeFor(pending(GAUGE_ACTIVE), expect(root("ext4"), nearlyFull)),
                        fs(test.scenario("/ at 5 % available", at), "ext4", nearlyFull)
                                .fires(at, expect(root("ext4"), nearlyFull)),
                        fs(fs(test.scenario("two hosts, the second's / at 5 %", at), "ext4", roomy).on(HOST_2),
                                "ext4", nearlyFull).fires(at, expect(root(HOST_2, "ext4"), nearlyFull)),
                        fs(test.scenario("/ at 50 % available", at), "ext4", roomy).silent(Kind.BELOW_THRESHOLD, at),
                        mount(mount(fs(test.scenario("a tmpfs and an overlay at 1 %, / at 50 %", at), "ext4", roomy),
                                "/run", "tmpfs", "tmpfs", 0.01, 0), "/var/lib/docker/overlay2/x/merged", "overlay",
                                "overlay", 0.01, 0).silent(Kind.BELOW_THRESHOLD, at),
                        mount(test.scenario("a read-only filesystem at 0 %", at), "/snap/core/1", "/dev/loop0",
                                "ext4", 0, 1).silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    /**
     * Predicted to fill within {@code hours} by the last {@link #FILL_TREND}'s trend, and already below the guard:
     * a nearly empty disk written to fast for a while does not warn.
     */
    private AlertRule fillingUp(double hours, double guard, Duration forDuration) {
        String avail = filesystem(Metrics.NODE_FILESYSTEM_AVAIL.name());
        String trend = duration(FILL_TREND);
        long horizon = Math.round(hours * 3600);
        String predicted = "predict_linear(" + avail + "[" + trend + "], " + horizon + ")";
        // Samples every 5m keep the hour-long cases small; predict_linear needs two, so it acts from 5m on.
        Duration sample = Duration.ofMinutes(5);
        Duration at = firing(sample, forDuration, Duration.ZERO);
        double start = 0.3;
        double fast = 0.03;  // of the size per hour: 30 % left is gone in 10h
        double slow = 0.01;  // 30 % left lasts 30h
        double left = start - fast * (at.toSeconds() / sample.toSeconds() * sample.toSeconds()) / 3600.0;
        return alert("HostFilesystemFillingUp", Severity.WARNING)
                .forDuration(forDuration)
                .expr(and(and(availableShare() + " < " + num(guard), predicted + " < 0"), writable()))
                .summary("A filesystem of a host is predicted to fill up within " + num(hours) + " hours.")
                .description("Filesystem ", label(Labels.MOUNTPOINT), " (", label(Labels.DEVICE), ") on ",
                        label(Labels.INSTANCE), " has ", Humanize.PERCENTAGE, " of its space left and, at the "
                                + "rate of the last " + trend + ", will be full within " + num(hours) + " hours (for "
                                + duration(forDuration) + ").")
                .runbook(fsRunbook("A writable filesystem with less than " + num(guard * 100) + " % available has "
                        + "been filling so fast over the last " + trend + " that, continuing so, it is full within "
                        + num(hours) + " hours: time to act before HostFilesystemAlmostFull and before writes fail."))
                .tests(Scenario.cases(forDuration,
                        () -> filling(test.scenario("/ filling for less than " + duration(forDuration),
                                pending(sample), sample), "ext4", start, fast)
                                .beforeFor(pending(sample), expect(root("ext4"), start - fast * 5 / 60)),
                        filling(test.scenario("/ at 30 %, losing 3 % an hour", at, sample), "ext4", start, fast)
                                .fires(at, expect(root("ext4"), left)),
                        filling(filling(test.scenario("two hosts, the second's / filling", at, sample), "ext4", start,
                                0).on(HOST_2), "ext4", start, fast).fires(at, expect(root(HOST_2, "ext4"), left)),
                        filling(test.scenario("/ at 30 %, losing 1 % an hour", at, sample), "ext4", start, slow)
                                .silent(Kind.BELOW_THRESHOLD, at),
                        filling(test.scenario("/ at 80 %, losing 4 % an hour", at, sample), "ext4", 0.8, 0.04)
                                .silent(Kind.BELOW_THRESHOLD, at),
                        filling(test.scenario("a tmpfs at 30 %, losing 3 % an hour", at, sample), "tmpfs", start, fast)
                                .silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    private Runbook fsRunbook(String meaning) {
        String avail = filesystem(Metrics.NODE_FILESYSTEM_AVAIL.name());
        return new Runbook(meaning,
                List.of(new Query("share available per filesystem", availableShare()),
                        new Query("bytes written per second per disk", sumBy(rate(node.select(
                                Metrics.NODE_DISK_WRITTEN_BYTES.name()), duration(Recordings.RATE_WINDOW)),
                                node.by(Labels.INSTANCE, Labels.DEVICE))),
                        new Query("change of available bytes per hour", "deriv(" + avail + "[1h]) * 3600")),
                List.of("Prometheus' TSDB grew: more series or a longer retention than the disk was sized for.",
                        "Logs or the API's state database grow without rotation.",
                        "Core dumps or heap dumps left behind."),
                List.of("`du -xh --max-depth=2 <mountpoint> | sort -h | tail` on the host finds what grew.",
                        "Lower Prometheus' retention (--storage.tsdb.retention.time, 15d by default here) or its "
                                + "series count; rotate or delete logs and dumps.",
                        "Grow the volume if the growth is expected."));
    }

    /** The labels of the root filesystem on the single host. */
    private Map<String, String> root(String fstype) {
        return root(NODE_EXPORTER, fstype);
    }

    private Map<String, String> root(String instance, String fstype) {
        return labels(test.target(instance), Labels.DEVICE, DISK, Labels.FSTYPE, fstype, Labels.MOUNTPOINT, ROOT);
    }

    /** The root filesystem, writable, {@code available} of it free. */
    private static Scenario fs(Scenario s, String fstype, double available) {
        return mount(s, ROOT, DISK, fstype, available, 0);
    }

    private static Scenario mount(Scenario s, String mountpoint, String device, String fstype, double available,
                                  double readonly) {
        String[] labels = {Labels.DEVICE, device, Labels.FSTYPE, fstype, Labels.MOUNTPOINT, mountpoint};
        return s.gauge(Metrics.NODE_FILESYSTEM_AVAIL.name(), available * SIZE, labels)
                .gauge(Metrics.NODE_FILESYSTEM_SIZE.name(), SIZE, labels)
                .gauge(Metrics.NODE_FILESYSTEM_READONLY.name(), readonly, labels);
    }

    /** The root filesystem, writable, {@code start} of it free and losing {@code perHour} of its size an hour. */
    private static Scenario filling(Scenario s, String fstype, double start, double perHour) {
        String[] labels = {Labels.DEVICE, DISK, Labels.FSTYPE, fstype, Labels.MOUNTPOINT, ROOT};
        return s.ramp(Metrics.NODE_FILESYSTEM_AVAIL.name(), start * SIZE, -perHour * SIZE / 3600, labels)
                .gauge(Metrics.NODE_FILESYSTEM_SIZE.name(), SIZE, labels)
                .gauge(Metrics.NODE_FILESYSTEM_READONLY.name(), 0, labels);
    }

    private AlertRule memory(double ratio, Duration forDuration) {
        String available = node.select(Metrics.NODE_MEMORY_AVAILABLE.name());
        String share = available + " / " + node.select(Metrics.NODE_MEMORY_TOTAL.name());
        Duration at = firing(GAUGE_ACTIVE, forDuration, Duration.ZERO);
        double low = 0.05;
        double fine = 0.3;
        return alert("HostMemoryAlmostExhausted", Severity.WARNING)
                .forDuration(forDuration)
                .expr(share + " < " + num(ratio))
                .summary("A host is almost out of memory.")
                .description("Host ", label(Labels.INSTANCE), " has ", Humanize.PERCENTAGE, " of its memory "
                        + "available (threshold " + num(ratio * 100) + " %, for " + duration(forDuration) + "); next "
                        + "the kernel's OOM killer ends a process: the API, Prometheus or Alertmanager.")
                .runbook(new Runbook(
                        "MemAvailable, the kernel's estimate of memory that can be used without swapping, is below "
                                + num(ratio * 100) + " % of the host's memory. The host starts swapping or killing "
                                + "processes.",
                        List.of(new Query("share of memory available", share),
                                new Query("the API's resident memory", settings.scope().select(
                                        Metrics.PROCESS_RESIDENT_MEMORY.name()))),
                        List.of("The API's heap (-Xmx) plus Prometheus' memory exceed the host (CriticalMemoryUsage "
                                        + "tells about the API).",
                                "Prometheus holds many more series than before (a high-cardinality label).",
                                "Another process on the host."),
                        List.of("`ps aux --sort=-rss | head` on the host names the largest processes.",
                                "Lower the API's -Xmx or Prometheus' series count, or give the host more memory.",
                                "`journalctl -k | grep -i oom` shows whether the OOM killer already acted.")))
                .tests(Scenario.cases(forDuration,
                        () -> mem(test.scenario("5 % available for less than " + duration(forDuration), at), low)
                                .beforeFor(pending(GAUGE_ACTIVE), expect(test.target(), low)),
                        mem(test.scenario("5 % of the memory available", at), low)
                                .fires(at, expect(test.target(), low)),
                        mem(mem(test.scenario("two hosts, the second at 5 %", at), fine).on(HOST_2), low)
                                .fires(at, expect(test.target(HOST_2), low)),
                        mem(test.scenario("30 % of the memory available", at), fine).silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    /** 16 GB of memory, {@code share} of it available. */
    private static Scenario mem(Scenario s, double share) {
        double total = 16 * GB;
        return s.gauge(Metrics.NODE_MEMORY_AVAILABLE.name(), share * total)
                .gauge(Metrics.NODE_MEMORY_TOTAL.name(), total);
    }

    /** Share of CPU time not idle, over every CPU and mode: exact from the second sample on. */
    private AlertRule cpu(double ratio, Duration forDuration) {
        String seconds = Metrics.NODE_CPU_SECONDS.name();
        String window = duration(Recordings.RATE_WINDOW);
        String[] by = node.by(Labels.INSTANCE);
        String busy = "1 - " + sumBy(rate(node.select(seconds, eq(Labels.MODE, "idle")), window), by)
                + "\n  / " + sumBy(rate(node.select(seconds), window), by);
        Duration at = firing(RATIO_ACTIVE, forDuration, Recordings.RATE_WINDOW);
        double saturated = 0.95;
        double half = 0.5;
        return alert("HostCpuSaturated", Severity.WARNING)
                .forDuration(forDuration)
                .expr(gt(busy, ratio))
                .summary("A host's CPUs are busy nearly all the time.")
                .description("Host ", label(Labels.INSTANCE), "'s CPUs have been ", Humanize.PERCENTAGE, " busy "
                        + "over the last " + window + " (threshold " + num(ratio * 100) + " %, for "
                        + duration(forDuration) + "): the API's frame rate, its requests and Prometheus' rule "
                        + "evaluations compete for what is left.")
                .runbook(new Runbook(
                        "The host's CPUs have been almost never idle for " + duration(forDuration) + ". The scene "
                                + "runtime misses its frame rate, requests slow down, and Prometheus may miss rule "
                                + "evaluations (PrometheusMissedRuleEvaluations).",
                        List.of(new Query("share of CPU time busy", busy),
                                new Query("CPU time per mode", sumBy(rate(node.select(seconds), window),
                                        node.by(Labels.INSTANCE, Labels.MODE)))),
                        List.of("Heavy scene traffic (WorkloadSaturated tells about the API's pool).",
                                "Expensive Prometheus queries: a dashboard over a long range, slow rule groups.",
                                "Another process on the host; iowait counts as busy, so a slow disk shows here too."),
                        List.of("`top -o %CPU` on the host names the process.",
                                "For the API, /debug/profile shows which requests spend the time.",
                                "Give the host more CPUs or move Prometheus to another host.")))
                .tests(Scenario.cases(forDuration,
                        () -> cpu(test.scenario("95 % busy for less than " + duration(forDuration), at), saturated)
                                .beforeFor(pending(RATIO_ACTIVE), expect(test.target(), saturated)),
                        cpu(test.scenario("both CPUs 95 % busy", at), saturated)
                                .fires(at, expect(test.target(), saturated)),
                        cpu(cpu(test.scenario("two hosts, the second 95 % busy", at), half).on(HOST_2), saturated)
                                .fires(at, expect(test.target(HOST_2), saturated)),
                        cpu(test.scenario("both CPUs 50 % busy", at), half).silent(Kind.BELOW_THRESHOLD, at)))
                .build();
    }

    /** Two CPUs, each {@code busy} of its time in user mode and the rest idle. */
    private static Scenario cpu(Scenario s, double busy) {
        String seconds = Metrics.NODE_CPU_SECONDS.name();
        for (String cpu : List.of("0", "1")) {
            s.counter(seconds, 1 - busy, Labels.CPU, cpu, Labels.MODE, "idle")
                    .counter(seconds, busy, Labels.CPU, cpu, Labels.MODE, "user");
        }
        return s;
    }

    private AlertRule nodeExporterDown(Duration forDuration) {
        String up = node.select(Metrics.UP.name());
        return alert("NodeExporterDown", Severity.CRITICAL)
                .forDuration(forDuration)
                .expr(up + " == 0")
                .summary("Node exporter on a host cannot be scraped.")
                .description("Prometheus has had no successful scrape of node exporter on ", label(Labels.INSTANCE),
                        " for " + duration(forDuration) + ": the host itself may be down, and the host alerts "
                                + "(disk, memory, CPU) are blind for it.")
                .runbook(new Runbook(
                        "Prometheus cannot collect node exporter's metrics from a host. Either the host is gone "
                                + "(then the API and the stack on it are most likely down too) or only node exporter "
                                + "is; either way nothing watches that host's disk, memory and CPU.",
                        List.of(new Query("scrape health of every host", up),
                                new Query("scrape health of the API", settings.scope().select(Metrics.UP.name()))),
                        List.of("The host is down or unreachable from Prometheus.",
                                "node exporter stopped (`systemctl status prometheus-node-exporter` on Debian).",
                                "It listens on another address or port than prometheus.yml scrapes (9100)."),
                        List.of("Check the host is up and reachable; restart node exporter "
                                        + "(`systemctl restart prometheus-node-exporter`, or its container).",
                                "`curl http://<host>:9100/metrics` from the Prometheus host.")))
                .tests(PipelineAlerts.targetDownCases(test, "node exporter", HOST_2, forDuration))
                .build();
    }
}
