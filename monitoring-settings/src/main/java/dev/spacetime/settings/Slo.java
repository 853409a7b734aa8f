package dev.spacetime.settings;

import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.PromQL;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One service level objective as data (Sloth, Pyrra): from it alert-rules-gen generates the SLI error ratio over
 * every window, the objective, the remaining error budget and the burn rate as recording rules, the
 * multi-window, multi-burn-rate alerts of the SRE workbook (chapter 5) with their promtool tests and runbooks, and
 * dashboard-gen a row of panels. An alert fires when both a long and a short window burn the error budget faster
 * than {@code factor} times the sustainable rate: the long window gives significance, the short one makes the
 * alert reset soon after recovery. Adding an SLO is adding one entry to {@link #defaults()}.
 *
 * @param name        the {@code slo} label value of every generated series and alert, e.g. {@code availability}
 * @param description what the objective promises, one sentence
 * @param objective   the share of good events, e.g. 0.999
 * @param sli         which events are bad among all
 * @param component   the {@code component} label of its alerts (inhibition groups them with the related alerts)
 * @param window      the compliance window the error budget is counted over
 * @param alerts      the full names of the page and ticket alerts
 * @param burnRates   the window pairs
 */
public record Slo(String name, String description, double objective, Sli sli, String component, Duration window,
                  Alerts alerts, List<BurnRate> burnRates) {

    /** The compliance window of the defaults: the workbook's burn factors are computed for it. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    /** The service level indicator: which events count as bad, among which. */
    public sealed interface Sli {
    }

    /**
     * Counted events: the bad ones over the total.
     *
     * @param bad   bad events
     * @param total every event: the sum of these counters (e.g. successes + failures when each has its own)
     */
    public record Events(Selector bad, List<Selector> total) implements Sli {
        public Events {
            Objects.requireNonNull(bad);
            total = List.copyOf(total);
            if (total.isEmpty()) {
                throw new IllegalArgumentException("an events SLI needs at least one total counter");
            }
        }
    }

    /**
     * Observations of a histogram slower than a threshold.
     *
     * @param histogram        the histogram
     * @param thresholdSeconds must be a bucket bound so the good count is an exact bucket, not an estimate
     * @param matchers         narrow it (e.g. one endpoint); none for all
     */
    public record Latency(MetricDef histogram, double thresholdSeconds, List<String> matchers) implements Sli {
        public Latency {
            matchers = List.copyOf(matchers);
            if (!histogram.buckets().contains(thresholdSeconds)) {
                throw new IllegalArgumentException("latency objective " + thresholdSeconds
                        + " s is not a bucket bound of " + histogram.name());
            }
        }
    }

    /**
     * A counter and label matchers ({@code PromQL.re("status", "5..")}); the scope's labels are added.
     */
    public record Selector(String metric, List<String> matchers) {
        public Selector {
            matchers = List.copyOf(matchers);
        }

        public static Selector of(MetricDef counter, String... matchers) {
            return new Selector(counter.name(), List.of(matchers));
        }
    }

    /** The full names of the two alerts, so each appears literally in the sources. */
    public record Alerts(String page, String ticket) {
    }

    /**
     * One alerting window pair.
     *
     * @param severity critical pages, warning opens a ticket
     * @param factor   burn rate: how many times faster than "budget used up exactly at the window's end"
     * @param longWindow  the significance window
     * @param shortWindow the reset window (1/12 of the long one in the workbook)
     */
    public record BurnRate(Severity severity, double factor, Duration longWindow, Duration shortWindow) {
    }

    public Slo {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("SLO name must be a lower-case identifier: " + name);
        }
        if (!(objective > 0 && objective < 1)) {
            throw new IllegalArgumentException("objective must be strictly between 0 and 1: " + objective);
        }
        Objects.requireNonNull(sli);
        burnRates = List.copyOf(burnRates);
        for (Severity s : List.of(Severity.CRITICAL, Severity.WARNING)) {
            if (burnRates.stream().noneMatch(b -> b.severity() == s)) {
                throw new IllegalArgumentException("SLO " + name + " needs a " + s + " burn rate");
            }
        }
    }

    /** The SRE workbook's pairs for a 30-day window: page 14.4× over 1h/5m, 6× over 6h/30m; ticket 3× 1d/2h, 1× 3d/6h. */
    public static List<BurnRate> workbookBurnRates() {
        return List.of(
                new BurnRate(Severity.CRITICAL, 14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
                new BurnRate(Severity.CRITICAL, 6, Duration.ofHours(6), Duration.ofMinutes(30)),
                new BurnRate(Severity.WARNING, 3, Duration.ofDays(1), Duration.ofHours(2)),
                new BurnRate(Severity.WARNING, 1, Duration.ofDays(3), Duration.ofHours(6)));
    }

    /**
     * The API's objectives. {@code scene_loads_total} counts only successful loads, so the total of scene loads is
     * successes plus {@code scene_load_errors_total}.
     */
    public static List<Slo> defaults() {
        return List.of(
                new Slo("availability", "99.9 % of API requests are answered without a 5xx.", 0.999,
                        new Events(Selector.of(Metrics.HTTP_REQUESTS, PromQL.re(Labels.STATUS, "5..")),
                                List.of(Selector.of(Metrics.HTTP_REQUESTS))),
                        "availability", DEFAULT_WINDOW,
                        new Alerts("AvailabilitySLOFastBurn", "AvailabilitySLOSlowBurn"), workbookBurnRates()),
                new Slo("latency", "99 % of API requests finish within 500 ms.", 0.99,
                        new Latency(Metrics.HTTP_REQUEST_DURATION, 0.5, List.of()),
                        "latency", DEFAULT_WINDOW,
                        new Alerts("LatencySLOFastBurn", "LatencySLOSlowBurn"), workbookBurnRates()),
                new Slo("scene_loads", "99 % of scene loads succeed.", 0.99,
                        new Events(Selector.of(Metrics.SCENE_LOAD_ERRORS),
                                List.of(Selector.of(Metrics.SCENE_LOADS), Selector.of(Metrics.SCENE_LOAD_ERRORS))),
                        "scenes", DEFAULT_WINDOW,
                        new Alerts("SceneLoadSLOFastBurn", "SceneLoadSLOSlowBurn"), workbookBurnRates()));
    }

    /** The allowed share of bad events: 1 − objective. */
    public double errorBudget() {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(objective)).doubleValue();
    }

    /** The window pairs of one severity. */
    public List<BurnRate> burnRates(Severity severity) {
        return burnRates.stream().filter(b -> b.severity() == severity).toList();
    }

    /** The alert of one severity. */
    public String alert(Severity severity) {
        return severity == Severity.CRITICAL ? alerts.page() : alerts.ticket();
    }

    /** The shortest burn-rate window: the "current" burn rate. */
    public Duration shortestWindow() {
        return windows().get(0);
    }

    /** Every window some alert or the budget reads, shortest first: each needs its error ratio recorded. */
    public List<Duration> windows() {
        return Stream.concat(burnRates.stream().flatMap(b -> Stream.of(b.shortWindow(), b.longWindow())),
                Stream.of(window)).distinct().sorted().toList();
    }
}
