package dev.spacetime.client.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spacetime.catalog.HealthState;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.client.exposition.Exposition;
import dev.spacetime.client.exposition.Sample;
import dev.spacetime.client.health.HealthCommand;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.client.metrics.MetricsCommand;
import dev.spacetime.client.metrics.Scraper;
import dev.spacetime.client.metrics.TrafficStats;
import dev.spacetime.client.profile.ProfileCommand;
import dev.spacetime.client.term.Format;
import dev.spacetime.client.term.Style;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns two consecutive snapshots into the dashboard's lines (or one JSON object per frame). */
final class DashboardView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String HEAP = "heap";

    private final Style style;
    private final String server;
    private final double interval;

    DashboardView(Style style, String server, double interval) {
        this.style = style;
        this.server = server;
        this.interval = interval;
    }

    /** Values of one frame; NaN where unknown. */
    private record Values(Optional<TrafficStats> traffic, double connections, double residentBytes, double heapBytes,
                          double fps) {
        static Values of(Snapshot previous, Snapshot current) {
            Optional<Exposition> now = current.scrape().map(Scraper.Scrape::exposition);
            Optional<TrafficStats> traffic = Optional.empty();
            if (previous != null && previous != current && previous.scrape().isPresent()
                    && current.scrape().isPresent()) {
                Scraper.Scrape a = previous.scrape().get();
                Scraper.Scrape b = current.scrape().get();
                traffic = Optional.of(TrafficStats.between(a.exposition(), b.exposition(), b.secondsSince(a)));
            }
            return new Values(traffic,
                    now.map(e -> sum(e, Metrics.ACTIVE_CONNECTIONS.name(), null)).orElse(Double.NaN),
                    now.map(e -> sum(e, Metrics.PROCESS_RESIDENT_MEMORY.name(), null)).orElse(Double.NaN),
                    now.map(e -> sum(e, Metrics.JVM_MEMORY_USED.name(), HEAP)).orElse(Double.NaN),
                    now.map(e -> sum(e, Metrics.ENGINE_FPS.name(), null)).orElse(Double.NaN));
        }

        /** The sum of a family's samples (only {@code area=heap} when given), NaN if it has none. */
        private static double sum(Exposition e, String name, String area) {
            List<Sample> samples = e.samples(name).stream()
                    .filter(s -> area == null || area.equals(s.label("area"))).toList();
            return samples.isEmpty() ? Double.NaN : samples.stream().mapToDouble(Sample::value).sum();
        }
    }

    List<String> lines(Snapshot previous, Snapshot current) {
        Values v = Values.of(previous, current);
        List<String> lines = new ArrayList<>();
        lines.add(style.bold("SpaceTime API") + "  " + server + "  " + TIME.format(current.at()) + "  every "
                + Format.number(interval) + " s, Ctrl-C quits");
        lines.add("");
        lines.add(row("Health", current.health().map(this::health).orElse(style.red(current.healthError()))));
        if (current.scrapeError() != null) {
            lines.add(row("Metrics", style.red(current.scrapeError())));
        }
        String waiting = style.dim("collecting (rates need a second scrape)");
        lines.add(row("Requests", v.traffic().map(t -> Format.rate(t.requestRate()) + style.dim(String.format(
                Locale.ROOT, "  (%s in %.1f s)", Format.number(t.requests()), t.seconds()))).orElse(waiting)));
        lines.add(row("Errors 5xx", v.traffic().map(t -> errorRatio(t.errorRatio())).orElse(waiting)));
        lines.add(row("p95 latency", v.traffic().map(t -> Format.ms(t.p95Seconds() * 1000)).orElse(waiting)));
        lines.add(row("Connections", Double.isNaN(v.connections()) ? Format.NA : Format.number(v.connections())));
        lines.add(row("Memory", Format.bytes(v.residentBytes()) + " resident, " + Format.bytes(v.heapBytes())
                + " heap"));
        lines.add(row("Engine fps", Double.isNaN(v.fps()) ? Format.NA + style.dim(" (no scene runtime)")
                : String.format(Locale.ROOT, "%.1f", v.fps())));
        lines.add("");
        lines.add(style.bold("Recent slow requests"));
        if (current.slowRequests().isPresent()) {
            List<JsonNode> slow = current.slowRequests().get();
            if (slow.isEmpty()) {
                lines.add("  (none)");
            } else {
                ProfileCommand.slowestTable(slow).lines().forEach(l -> lines.add("  " + l));
            }
        } else {
            lines.add("  " + style.dim(current.slowError()));
        }
        return lines;
    }

    ObjectNode json(int frame, Snapshot previous, Snapshot current) {
        Values v = Values.of(previous, current);
        ObjectNode node = ApiClient.JSON.createObjectNode().put("frame", frame).put("time", current.at().toString());
        node.put("health", current.health().map(h -> h.overall().label()).orElse(null));
        node.put("error", current.scrapeError());
        MetricsCommand.putNumber(node, "request_rate", v.traffic().map(TrafficStats::requestRate).orElse(Double.NaN));
        MetricsCommand.putNumber(node, "error_ratio", v.traffic().map(TrafficStats::errorRatio).orElse(Double.NaN));
        MetricsCommand.putNumber(node, "p95_ms", v.traffic().map(t -> t.p95Seconds() * 1000).orElse(Double.NaN));
        MetricsCommand.putNumber(node, "active_connections", v.connections());
        MetricsCommand.putNumber(node, "resident_memory_bytes", v.residentBytes());
        MetricsCommand.putNumber(node, "heap_bytes", v.heapBytes());
        MetricsCommand.putNumber(node, "fps", v.fps());
        if (current.slowRequests().isPresent()) {
            ArrayNode slow = node.putArray("slow_requests");
            current.slowRequests().get().forEach(slow::add);
        } else {
            node.put("slow_requests_unavailable", current.slowError());
        }
        return node;
    }

    private String health(HealthCommand.Report report) {
        StringBuilder sb = new StringBuilder(style.state(report.overall().label(), report.overall().name()));
        for (HealthCommand.Subsystem s : report.subsystems()) {
            sb.append("  ").append(s.name()).append(' ').append(s.state() == HealthState.HEALTHY
                    ? style.green("ok") : style.state(s.state().label()));
        }
        return sb.toString();
    }

    private String errorRatio(double ratio) {
        String text = Format.percent(ratio);
        return ratio > 0.05 ? style.red(text) : ratio > 0 ? style.yellow(text) : text;
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-12s %s", label, value);
    }
}
