package dev.spacetime.client.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spacetime.catalog.Labels;
import dev.spacetime.client.ClientException;
import dev.spacetime.client.ExitCodes;
import dev.spacetime.client.Main;
import dev.spacetime.client.exposition.Exposition;
import dev.spacetime.client.exposition.MetricFamily;
import dev.spacetime.client.exposition.MetricKind;
import dev.spacetime.client.exposition.Sample;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.client.term.Format;
import dev.spacetime.client.term.Style;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code metrics [--rate S] [--all] [NAME...]}: the exposition by family, and optionally rates from two scrapes. */
@Command(name = "metrics", description = "Fetch /metrics and show the metric families grouped.")
public final class MetricsCommand implements Callable<Integer> {
    /** Series shown per family unless --all. */
    static final int SERIES_SHOWN = 10;

    @ParentCommand
    Main root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rate", paramLabel = "SECONDS",
            description = "Scrape twice, SECONDS apart, and show the request rate, 5xx error ratio and p95 latency.")
    Double rateSeconds;

    @Option(names = "--all", description = "Show every series (default: " + SERIES_SHOWN + " per family, live ones "
            + "first: changed between the two scrapes of --rate, then non-zero).")
    boolean all;

    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "Only families whose name starts with one of these prefixes.")
    List<String> prefixes = new ArrayList<>();

    @Override
    public Integer call() throws ClientException, InterruptedException {
        if (rateSeconds != null && !(rateSeconds > 0 && rateSeconds <= 3600)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--rate must be between 0 and 3600 seconds, got " + rateSeconds);
        }
        Scraper scraper = new Scraper(root.client());
        Scraper.Scrape first = scraper.scrape();
        Scraper.Scrape last = first;
        TrafficStats traffic = null;
        if (rateSeconds != null) {
            Thread.sleep(Math.round(rateSeconds * 1000));
            last = scraper.scrape();
            traffic = TrafficStats.between(first.exposition(), last.exposition(), last.secondsSince(first));
        }
        List<MetricFamily> shown = last.exposition().families().stream().filter(this::selected).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (root.json()) {
            ObjectNode body = ApiClient.JSON.createObjectNode();
            ArrayNode families = body.putArray("families");
            shown.forEach(f -> families.add(json(f)));
            if (traffic != null) {
                body.set("traffic", json(traffic));
            }
            out.println(body.toPrettyString());
        } else {
            text(out, root.style(), shown, traffic == null ? null : first.exposition(), traffic);
        }
        return ExitCodes.OK;
    }

    private boolean selected(MetricFamily f) {
        return prefixes.isEmpty() || prefixes.stream().anyMatch(p -> f.name().startsWith(p));
    }

    /** @param before the first scrape of {@code --rate} (null without): series that changed since come first */
    private void text(PrintWriter out, Style style, List<MetricFamily> families, Exposition before,
                      TrafficStats traffic) {
        for (MetricFamily f : families) {
            out.println(style.bold(f.name()) + "  " + f.kind().label() + "  " + f.seriesCount() + " series"
                    + (f.help().isEmpty() ? "" : "  " + style.dim(f.help().replace("\n", " "))));
            Map<SortedMap<String, String>, Double> previous = before == null ? Map.of()
                    : before.family(f.name()).map(MetricsCommand::values).orElse(Map.of());
            List<String> lines = liveFirst(seriesLines(f), previous);
            int limit = all ? lines.size() : Math.min(SERIES_SHOWN, lines.size());
            lines.subList(0, limit).forEach(l -> out.println("  " + l));
            if (limit < lines.size()) {
                out.println("  … " + (lines.size() - limit) + " more series (--all shows them)");
            }
        }
        out.println(families.size() + " families");
        if (traffic != null) {
            out.println("Requests: " + Format.number(traffic.requests()) + " in "
                    + String.format(java.util.Locale.ROOT, "%.1f s", traffic.seconds()) + ", "
                    + Format.rate(traffic.requestRate()) + "; 5xx error ratio " + Format.percent(traffic.errorRatio())
                    + " (" + Format.number(traffic.serverErrors()) + " of " + Format.number(traffic.requests()) + ")"
                    + "; p95 latency " + Format.ms(traffic.p95Seconds() * 1000));
        }
    }

    /**
     * One series as shown, with what says whether it is live: its labels (a histogram's without {@code le}) and its
     * value (a histogram's or summary's count).
     */
    record SeriesLine(SortedMap<String, String> labels, double value, String text) {
    }

    /**
     * The lines in exposition order, live ones first: those whose value changed since {@code previous} (when
     * given), then the non-zero ones, then the rest; pre-seeded zero series would otherwise hide the live ones.
     */
    static List<String> liveFirst(List<SeriesLine> lines, Map<SortedMap<String, String>, Double> previous) {
        return lines.stream().sorted(Comparator.comparingInt(l -> {
            Double before = previous.get(l.labels());
            boolean changed = before != null && Double.compare(before, l.value()) != 0;
            return changed ? 0 : l.value() != 0 ? 1 : 2;
        })).map(SeriesLine::text).toList();
    }

    /** Each series' value by labels, as {@link #seriesLines} identifies them. */
    private static Map<SortedMap<String, String>, Double> values(MetricFamily f) {
        Map<SortedMap<String, String>, Double> values = new HashMap<>();
        seriesLines(f).forEach(l -> values.put(l.labels(), l.value()));
        return values;
    }

    /** One line per series; a histogram or summary series is summarised by its count and sum. */
    static List<SeriesLine> seriesLines(MetricFamily f) {
        if (f.kind() != MetricKind.HISTOGRAM && f.kind() != MetricKind.SUMMARY) {
            return f.samples().stream().map(s -> new SeriesLine(withName(s), s.value(),
                    s.name() + Sample.formatLabels(s.labels()) + "  " + Format.number(s.value()))).toList();
        }
        Map<SortedMap<String, String>, double[]> series = new LinkedHashMap<>();
        String except = f.kind() == MetricKind.HISTOGRAM ? Labels.LE : MetricFamily.QUANTILE;
        for (Sample s : f.samples()) {
            double[] countSum = series.computeIfAbsent(s.labelsWithout(except), k -> new double[] {Double.NaN,
                    Double.NaN});
            if (s.name().equals(f.name() + "_count")) {
                countSum[0] = s.value();
            } else if (s.name().equals(f.name() + "_sum")) {
                countSum[1] = s.value();
            }
        }
        List<SeriesLine> lines = new ArrayList<>();
        series.forEach((labels, cs) -> lines.add(new SeriesLine(labels, cs[0], f.name()
                + Sample.formatLabels(labels) + "  count=" + Format.number(cs[0]) + " sum=" + Format.number(cs[1]))));
        return lines;
    }

    /** A sample's labels plus its name: a counter's {@code _total} and {@code _created} are different series. */
    private static SortedMap<String, String> withName(Sample s) {
        SortedMap<String, String> key = new TreeMap<>(s.labels());
        key.put("__name__", s.name());
        return key;
    }

    static ObjectNode json(MetricFamily f) {
        ObjectNode node = ApiClient.JSON.createObjectNode();
        node.put("name", f.name()).put("type", f.kind().label()).put("help", f.help())
                .put("series", f.seriesCount());
        ArrayNode samples = node.putArray("samples");
        for (Sample s : f.samples()) {
            ObjectNode sample = samples.addObject().put("name", s.name());
            ObjectNode labels = sample.putObject("labels");
            s.labels().forEach(labels::put);
            if (Double.isFinite(s.value())) {
                sample.put("value", s.value());
            } else {
                sample.put("value", Format.number(s.value())); // "NaN", "+Inf", "-Inf" as the exposition spells them
            }
            s.timestampMs().ifPresent(ts -> sample.put("timestamp_ms", ts));
        }
        return node;
    }

    static ObjectNode json(TrafficStats t) {
        ObjectNode node = ApiClient.JSON.createObjectNode();
        node.put("seconds", t.seconds()).put("requests", t.requests()).put("server_errors", t.serverErrors());
        putNumber(node, "request_rate", t.requestRate());
        putNumber(node, "error_ratio", t.errorRatio());
        putNumber(node, "p95_seconds", t.p95Seconds());
        return node;
    }

    /** A computed value; JSON has no NaN, so "cannot be known" is null. */
    public static void putNumber(ObjectNode node, String field, double v) {
        if (!Double.isFinite(v)) {
            node.putNull(field);
        } else {
            node.put(field, v);
        }
    }
}
