package dev.spacetime.alerts.scenario;

import static dev.spacetime.alerts.promql.Expr.num;
import static dev.spacetime.catalog.PromQL.eq;
import static dev.spacetime.catalog.PromQL.select;

import dev.spacetime.alerts.model.AlertTest.Expected;
import dev.spacetime.alerts.model.AlertTest.InputSeries;
import dev.spacetime.alerts.model.AlertTest.Kind;
import dev.spacetime.alerts.model.AlertTest;
import dev.spacetime.alerts.model.RecordingTest;
import dev.spacetime.alerts.promql.Expr;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.MetricDef;
import dev.spacetime.settings.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Test data for one promtool case: series sampled every scrape interval (or a coarser interval for cases that
 * span hours) from time 0 on, as the target exposes them, with the target labels Prometheus attaches (the scope's
 * job and cluster label, and an instance). A case about a fleet switches instance with {@link #on} between
 * series, one about several jobs switches scope too. Start one with {@link TestTargets#scenario}.
 */
public final class Scenario {

    /** Rule evaluation interval in the tests (promtool's default, written explicitly). */
    public static final Duration EVALUATION = Duration.ofMinutes(1);

    /** The instance label of the single test target. */
    public static final String INSTANCE = "spacetime-api:8080";

    /**
     * How late an alert may see a recorded series: Prometheus evaluates rule groups independently, so a group
     * may read another group's output from the previous evaluation.
     */
    public static final Duration RECORDING_LAG = EVALUATION;

    private Scope scope;
    private final String description;
    private final Duration length;
    private final Duration interval;
    private final List<InputSeries> series = new ArrayList<>();
    private String instance;

    Scenario(Scope scope, String description, Duration length, Duration interval, String instance) {
        this.scope = scope;
        this.description = description;
        this.length = length;
        this.interval = interval;
        this.instance = instance;
    }

    /** The instance label of the {@code n}-th target (1, 2, 3…) of a fleet case. */
    public static String instance(int n) {
        return "spacetime-api-" + n + ":8080";
    }

    /** How many instances a fleet case runs: enough for "one bad, two good" and the reverse. */
    public static final int FLEET = 3;

    /**
     * Series of a {@link #FLEET}: instances {@code instance(1)} to {@code instance(bad)} get {@code badData}, the
     * others {@code goodData}; afterwards the single target is current again.
     */
    public Scenario fleet(int bad, UnaryOperator<Scenario> badData, UnaryOperator<Scenario> goodData) {
        if (bad < 0 || bad > FLEET) {
            throw new IllegalArgumentException(bad + " bad instances of " + FLEET);
        }
        String single = instance;
        for (int n = 1; n <= FLEET; n++) {
            on(instance(n));
            (n <= bad ? badData : goodData).apply(this);
        }
        return on(single);
    }

    /** The series added from now on belong to {@code target} (until the next call). */
    public Scenario on(String target) {
        this.instance = target;
        return this;
    }

    /** The series added from now on belong to {@code target} of another job (a case about every scraped job). */
    public Scenario on(Scope other, String target) {
        this.scope = other;
        return on(target);
    }

    /** When a condition on gauges holds: at the first evaluation. */
    public static final Duration GAUGE_ACTIVE = Duration.ZERO;

    /**
     * When a condition on a ratio of steady rates holds: at the second evaluation, the first with two samples in
     * the window; the ratio is the same however much of the window is covered.
     */
    public static final Duration RATIO_ACTIVE = EVALUATION;

    /**
     * When a condition "rate > threshold" on a counter rising steadily at {@code value}/s from 0 at time 0 first
     * holds: {@code rate()} divides the increase by the whole window, so it reads {@code value * t / window} until
     * the window is covered.
     */
    public static Duration rateActive(double value, double threshold, Duration window) {
        Duration t = EVALUATION;
        while (value * Math.min(t.getSeconds(), window.getSeconds()) / window.getSeconds() <= threshold) {
            if (t.compareTo(window) > 0) {
                throw new IllegalArgumentException(value + " never exceeds " + threshold);
            }
            t = t.plus(EVALUATION);
        }
        return t;
    }

    /**
     * An evaluation time at which an alert whose condition holds from {@code activeAt} on has fired: {@code for}
     * has elapsed even if the alert saw its recorded input one evaluation late, and {@code window} is fully
     * covered by samples, so the value is exact.
     */
    public static Duration firing(Duration activeAt, Duration forDuration, Duration window) {
        Duration afterFor = onEvaluation(activeAt.plus(RECORDING_LAG).plus(forDuration));
        Duration covered = window.plus(EVALUATION);
        return afterFor.compareTo(covered) >= 0 ? afterFor : covered;
    }

    /**
     * An evaluation time at which the alert is pending whether it activated at {@code activeAt} or one recording
     * lag later: the alert has activated and {@code for} has not elapsed.
     */
    public static Duration pending(Duration activeAt) {
        return activeAt.plus(RECORDING_LAG);
    }

    /** True when {@code for} outlasts the recording lag, so {@link #pending} falls inside the pending phase. */
    public static boolean canObservePending(Duration forDuration) {
        return forDuration.compareTo(RECORDING_LAG) > 0;
    }

    /** The first evaluation at or after {@code t}: promtool checks alerts on evaluation steps only. */
    private static Duration onEvaluation(Duration t) {
        long step = EVALUATION.getSeconds();
        return Duration.ofSeconds((t.getSeconds() + step - 1) / step * step);
    }

    /**
     * {@code cases} plus, when {@code for} is long enough to observe a pending alert, the case
     * {@code beforeFor} builds (on the same data as the firing case).
     */
    public static List<AlertTest> cases(Duration forDuration, Supplier<AlertTest> beforeFor, AlertTest... cases) {
        List<AlertTest> all = new ArrayList<>(Arrays.asList(cases));
        if (canObservePending(forDuration)) {
            all.add(beforeFor.get());
        }
        return all;
    }

    /** {@code metric{<scope labels>, instance="…", extra…}} where extra is label, value pairs. */
    private String selector(String metric, String... extraLabelValues) {
        Map<String, String> labels = new LinkedHashMap<>(scope.labels());
        labels.put(Labels.INSTANCE, instance);
        for (int i = 0; i < extraLabelValues.length; i += 2) {
            labels.put(extraLabelValues[i], extraLabelValues[i + 1]);
        }
        return select(metric, labels.entrySet().stream().map(e -> eq(e.getKey(), e.getValue()))
                .toArray(String[]::new));
    }

    /**
     * A counter of the current instance rising by {@code perSecond} from 0 over the whole scenario.
     *
     * @param labelValues extra label, value pairs
     */
    public Scenario counter(String metric, double perSecond, String... labelValues) {
        return counterUntil(metric, perSecond, length, labelValues);
    }

    /** A counter of the current instance rising by {@code perSecond} from 0 until {@code until}, flat afterwards. */
    public Scenario counterUntil(String metric, double perSecond, Duration until, String... labelValues) {
        long rising = steps(until);
        long flat = steps(length) - rising;
        double step = perSecond * interval.getSeconds();
        String values = "0+" + num(step) + "x" + rising;
        if (flat > 0) {
            values += " " + num(step * rising) + "+0x" + (flat - 1);
        }
        series.add(new InputSeries(selector(metric, labelValues), values));
        return this;
    }

    /**
     * A gauge of the current instance moving linearly from {@code start} by {@code perSecond} (negative: falling);
     * {@code labelValues} as for counters.
     */
    public Scenario ramp(String metric, double start, double perSecond, String... labelValues) {
        double step = perSecond * interval.getSeconds();
        String values = num(start) + (step < 0 ? "-" + num(-step) : "+" + num(step)) + "x" + steps(length);
        series.add(new InputSeries(selector(metric, labelValues), values));
        return this;
    }

    /** A gauge of the current instance constant at {@code value}; {@code labelValues} as for counters. */
    public Scenario gauge(String metric, double value, String... labelValues) {
        return rawGauge(selector(metric, labelValues), value);
    }

    /** A gauge of a series outside the scope (another job), given by its full selector. */
    public Scenario rawGauge(String fullSelector, double value) {
        series.add(new InputSeries(fullSelector, num(value) + "+0x" + steps(length)));
        return this;
    }

    /**
     * A histogram fed by {@code observations}: bucket counters per bound plus {@code _count} and {@code _sum}.
     *
     * @param labelValues extra label, value pairs (e.g. method, endpoint)
     */
    public Scenario histogram(MetricDef histogram, List<Observation> observations, String... labelValues) {
        List<String> bounds = new ArrayList<>(histogram.buckets().stream().map(Expr::leLabel).toList());
        bounds.add("+Inf");
        for (int i = 0; i < bounds.size(); i++) {
            double bound = i < histogram.buckets().size() ? histogram.buckets().get(i) : Double.POSITIVE_INFINITY;
            double cumulative = observations.stream().filter(o -> o.value() <= bound)
                    .mapToDouble(Observation::perSecond).sum();
            counter(histogram.bucket(), cumulative, withLe(labelValues, bounds.get(i)));
        }
        counter(histogram.count(), observations.stream().mapToDouble(Observation::perSecond).sum(), labelValues);
        counter(histogram.sum(),
                observations.stream().mapToDouble(o -> o.value() * o.perSecond()).sum(), labelValues);
        return this;
    }

    /**
     * Requests of a histogram of this value arriving at this rate.
     *
     * @param value     observed value (seconds)
     * @param perSecond how many such observations per second
     */
    public record Observation(double value, double perSecond) {
    }

    /**
     * Prometheus' {@code histogram_quantile} over {@code observations} as bucketed by {@code bounds}: linear
     * interpolation inside the bucket that holds the rank, the highest finite bound for the +Inf bucket.
     */
    public static double quantile(double q, List<Double> bounds, List<Observation> observations) {
        double total = observations.stream().mapToDouble(Observation::perSecond).sum();
        double rank = q * total;
        double below = 0;
        for (int i = 0; i < bounds.size(); i++) {
            double bound = bounds.get(i);
            double cumulative = observations.stream().filter(o -> o.value() <= bound)
                    .mapToDouble(Observation::perSecond).sum();
            if (cumulative >= rank) {
                double start = i == 0 ? 0 : bounds.get(i - 1);
                return start + (bound - start) * (rank - below) / (cumulative - below);
            }
            below = cumulative;
        }
        return bounds.get(bounds.size() - 1);
    }

    /** The alert fires at {@code at} with these alerts. */
    public AlertTest fires(Duration at, Expected... expected) {
        return test(Kind.FIRES, at, expected);
    }

    /** The alert is pending, not firing, at {@code at}. */
    public AlertTest beforeFor(Duration at, Expected... expected) {
        return test(Kind.BEFORE_FOR, at, expected);
    }

    /** Nothing fires at {@code at}. */
    public AlertTest silent(Kind kind, Duration at) {
        return test(kind, at);
    }

    /** An expected alert with the labels its expression yields. */
    public static Expected expect(Map<String, String> labels, double value) {
        return new Expected(labels, value);
    }

    /** {@code base} plus label, value pairs. */
    public static Map<String, String> labels(Map<String, String> base, String... labelValues) {
        Map<String, String> labels = new LinkedHashMap<>(base);
        for (int i = 0; i < labelValues.length; i += 2) {
            labels.put(labelValues[i], labelValues[i + 1]);
        }
        return labels;
    }

    /** The recorded series must have these values at {@code at}. */
    public RecordingTest records(Duration at, RecordingTest.Sample... samples) {
        return records(EVALUATION, at, samples);
    }

    /** As {@link #records(Duration, RecordingTest.Sample...)}, the rules evaluated every {@code evaluation}. */
    public RecordingTest records(Duration evaluation, Duration at, RecordingTest.Sample... samples) {
        checkCovered(at);
        return new RecordingTest(description, interval, series, at, Arrays.asList(samples), evaluation);
    }

    private void checkCovered(Duration at) {
        if (at.compareTo(length) > 0) {
            throw new IllegalArgumentException(description + ": evaluates at " + at + " past the data " + length);
        }
    }

    private AlertTest test(Kind kind, Duration at, Expected... expected) {
        checkCovered(at);
        return new AlertTest(kind, description, interval, series, at, Arrays.asList(expected));
    }

    private static String[] withLe(String[] labelValues, String le) {
        String[] all = Arrays.copyOf(labelValues, labelValues.length + 2);
        all[labelValues.length] = Labels.LE;
        all[labelValues.length + 1] = le;
        return all;
    }

    private long steps(Duration d) {
        return d.getSeconds() / interval.getSeconds();
    }
}
