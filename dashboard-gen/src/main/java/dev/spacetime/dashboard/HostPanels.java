package dev.spacetime.dashboard;

import static dev.spacetime.dashboard.Panels.q;
import static dev.spacetime.dashboard.Queries.by;
import static dev.spacetime.dashboard.Queries.ratio;
import static dev.spacetime.dashboard.Queries.sumRate;
import static dev.spacetime.dashboard.layout.GridLayout.cell;

import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.PromQL;
import dev.spacetime.dashboard.layout.GridLayout.Section;
import dev.spacetime.dashboard.model.ThresholdSteps;
import dev.spacetime.dashboard.model.Variable;
import dev.spacetime.dashboard.model.Visualization;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Thresholds;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The "Host" row: CPU, memory, disk space and I/O and network of each host the stack runs on, from node exporter
 * (the settings' {@code node} stack job). Node exporter's {@code instance} is its own address ({@code host:9100}),
 * never an API instance's, so these panels follow their own {@code host} variable instead of {@code instance}; their
 * colours are the host alerts' thresholds.
 */
final class HostPanels {

    static final String TITLE = "Host";
    /** The variable listing node exporter's instances. */
    static final String HOST_VARIABLE = "host";
    private static final String NO_HOST = "no node exporter scraped";
    private static final String IDLE = PromQL.eq(Labels.MODE, "idle");
    private static final String NOT_LOOPBACK = PromQL.ne(Labels.DEVICE, "lo");

    private final Scope node;
    /** Filesystems that are disks: the host alerts' filter, from the settings. */
    private final String realFilesystems;
    private final Thresholds thresholds;

    HostPanels(Settings settings) {
        this.node = settings.stackScope(settings.stackJobs().node());
        this.realFilesystems = settings.stackJobs().realFilesystems();
        this.thresholds = settings.thresholds();
    }

    Section section() {
        return Section.of(TITLE,
                cell(8, 8, cpuBusy()), cell(8, 8, memoryAvailable()), cell(8, 8, diskSpace()),
                cell(8, 8, diskIo()), cell(8, 8, diskBusy()), cell(8, 8, network()));
    }

    /** Node exporter's instances (in the selected cluster, when the scope has a cluster label). */
    Variable variable() {
        return Queries.queryVariable(HOST_VARIABLE, "Host", "label_values(" + PromQL.select(Metrics.UP.name(),
                Queries.stackFilter(node)) + ", " + Labels.INSTANCE + ")", ".*");
    }

    /** Red from HostCpuSaturated's threshold on. */
    static ThresholdSteps cpuSteps(Thresholds t) {
        return ThresholdSteps.base("green").then(t.cpuBusyRatio(), "red");
    }

    /** Red below HostMemoryAlmostExhausted's threshold. */
    static ThresholdSteps memorySteps(Thresholds t) {
        return ThresholdSteps.base("red").then(t.memoryAvailableRatio(), "green");
    }

    /**
     * Red below HostFilesystemAlmostFull's threshold, yellow below HostFilesystemFillingUp's guard (where a fast
     * enough writer makes that alert fire), green above.
     */
    static ThresholdSteps filesystemSteps(Thresholds t) {
        var red = ThresholdSteps.base("red");
        return t.filesystemFillGuardRatio() > t.filesystemAvailableRatio()
                ? red.then(t.filesystemAvailableRatio(), "yellow").then(t.filesystemFillGuardRatio(), "green")
                : red.then(t.filesystemAvailableRatio(), "green");
    }

    Visualization cpuBusy() {
        String idle = PromQL.avgBy(Queries.rateOf(Metrics.NODE_CPU_SECONDS.name(), m(IDLE)), Labels.INSTANCE);
        return Panels.timeseries("CPU busy", "Share of each host's CPU time not idle, averaged over its CPUs; "
                        + "HostCpuSaturated fires from " + percent(thresholds.cpuBusyRatio()) + " sustained.",
                FieldSpec.unit("percentunit").thresholds(cpuSteps(thresholds)).range(0, 1).noValue(NO_HOST),
                q("1 - " + idle, "{{instance}}"));
    }

    Visualization memoryAvailable() {
        return Panels.timeseries("Memory available", "MemAvailable over MemTotal per host (used is the rest); "
                        + "HostMemoryAlmostExhausted fires below " + percent(thresholds.memoryAvailableRatio()) + ".",
                FieldSpec.unit("percentunit").thresholds(memorySteps(thresholds)).range(0, 1).noValue(NO_HOST),
                q(ratio(PromQL.select(Metrics.NODE_MEMORY_AVAILABLE.name(), m()),
                        PromQL.select(Metrics.NODE_MEMORY_TOTAL.name(), m())), "{{instance}}"));
    }

    Visualization diskSpace() {
        return Panels.timeseries("Disk space available", "Space available to non-root users over the size, per "
                        + "host and mountpoint of real filesystems (no tmpfs, overlay, squashfs...); "
                        + "HostFilesystemAlmostFull fires below " + percent(thresholds.filesystemAvailableRatio())
                        + ", HostFilesystemFillingUp below " + percent(thresholds.filesystemFillGuardRatio())
                        + " when the trend says full within " + plain(thresholds.filesystemFillHours()) + " h.",
                FieldSpec.unit("percentunit").thresholds(filesystemSteps(thresholds)).range(0, 1).noValue(NO_HOST),
                q(ratio(PromQL.select(Metrics.NODE_FILESYSTEM_AVAIL.name(), m(realFilesystems)),
                        PromQL.select(Metrics.NODE_FILESYSTEM_SIZE.name(), m(realFilesystems))),
                        "{{instance}} {{mountpoint}}"));
    }

    Visualization diskIo() {
        return Panels.timeseries("Disk I/O", "Bytes read and written per second per host, all disks.",
                FieldSpec.unit("Bps").noValue(NO_HOST),
                q(sumRate(by(Labels.INSTANCE), Metrics.NODE_DISK_READ_BYTES.name(), m()), "{{instance}} read"),
                q(sumRate(by(Labels.INSTANCE), Metrics.NODE_DISK_WRITTEN_BYTES.name(), m()), "{{instance}} written"));
    }

    Visualization diskBusy() {
        return Panels.timeseries("Disk I/O time", "Share of time each disk was busy with I/O (100 %: saturated, "
                        + "requests queue).",
                FieldSpec.unit("percentunit").noValue(NO_HOST),
                q(sumRate(by(Labels.INSTANCE, Labels.DEVICE), Metrics.NODE_DISK_IO_TIME.name(), m()),
                        "{{instance}} {{device}}"));
    }

    Visualization network() {
        return Panels.timeseries("Network", "Bytes received and transmitted per second per host, every interface "
                        + "but loopback.",
                FieldSpec.unit("Bps").noValue(NO_HOST),
                q(sumRate(by(Labels.INSTANCE), Metrics.NODE_NETWORK_RECEIVE_BYTES.name(), m(NOT_LOOPBACK)),
                        "{{instance}} received"),
                q(sumRate(by(Labels.INSTANCE), Metrics.NODE_NETWORK_TRANSMIT_BYTES.name(), m(NOT_LOOPBACK)),
                        "{{instance}} transmitted"));
    }

    /** The node job's matchers, the host variable, then {@code extra}. */
    private String[] m(String... extra) {
        return Queries.stackFilter(node, Stream.concat(Stream.of(PromQL.re(Labels.INSTANCE, "$" + HOST_VARIABLE)),
                Arrays.stream(extra)).toArray(String[]::new));
    }

    /** {@code 0.1} as {@code 10 %}, {@code 0.125} as {@code 12.5 %}. */
    static String percent(double ratio) {
        return plain(Math.round(ratio * 1000) / 10.0) + " %";
    }

    /** {@code 24.0} as {@code 24}, {@code 7.5} as {@code 7.5}. */
    static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
