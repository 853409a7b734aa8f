package dev.spacetime.server.health;

import dev.spacetime.catalog.HealthState;
import dev.spacetime.catalog.Labels;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Gauge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the registered {@link HealthCheck}s on its own daemon threads, each bounded by a timeout, and exports the
 * result as one-hot {@code health_status{subsystem,state}} gauges (per subsystem and {@code overall}).
 *
 * <p>A check that hangs keeps its one thread: while a run of a check is still in flight, later reports wait on that
 * same run (again bounded by the timeout) instead of starting another, so hung checks cannot pile up threads.
 */
public final class HealthService implements AutoCloseable {

    private final List<HealthCheck> checks;
    private final Duration timeout;
    private final ExecutorService executor;
    private final Map<String, CompletableFuture<Timed>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Map<HealthState, GaugeDataPoint>> gauges = new HashMap<>();
    private volatile HealthReport last;

    private record Timed(HealthResult result, long durationMs) {
    }

    public HealthService(List<HealthCheck> checks, Duration timeout, Gauge healthStatus) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "health-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<String> subsystems = new ArrayList<>();
        checks.forEach(c -> subsystems.add(c.name()));
        subsystems.add(Labels.OVERALL);
        for (String subsystem : subsystems) {
            if (gauges.containsKey(subsystem)) {
                throw new IllegalArgumentException("duplicate health subsystem " + subsystem);
            }
            Map<HealthState, GaugeDataPoint> states = new EnumMap<>(HealthState.class);
            for (HealthState state : HealthState.values()) {
                states.put(state, healthStatus.labelValues(subsystem, state.label()));
            }
            gauges.put(subsystem, states);
        }
    }

    /** Runs every check now; completes (never exceptionally) within about the timeout. */
    public CompletableFuture<HealthReport> check() {
        Instant timestamp = Instant.now();
        long start = System.nanoTime();
        Map<String, CompletableFuture<Timed>> runs = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            runs.put(check.name(), run(check));
        }
        return CompletableFuture.allOf(runs.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<SubsystemReport> reports = new ArrayList<>();
            for (HealthCheck check : checks) {
                Timed t = runs.get(check.name()).join();
                reports.add(new SubsystemReport(check.name(), t.result(), t.durationMs(), check.advisory()));
            }
            HealthReport report = HealthReport.of(timestamp, (System.nanoTime() - start) / 1_000_000, reports);
            publish(report);
            return report;
        });
    }

    /** The latest report (from the periodic refresh or the last /health call); null before the first one. */
    public HealthReport last() {
        return last;
    }

    private CompletableFuture<Timed> run(HealthCheck check) {
        CompletableFuture<Timed> running = inFlight.compute(check.name(), (name, previous) ->
                previous != null && !previous.isDone() ? previous : CompletableFuture.supplyAsync(() -> {
                    long t0 = System.nanoTime();
                    HealthResult result;
                    try {
                        result = check.check();
                    } catch (Exception e) {
                        result = HealthResult.of(HealthState.UNHEALTHY, "check failed: " + e, Map.of());
                    }
                    return new Timed(result, (System.nanoTime() - t0) / 1_000_000);
                }, executor));
        return running.copy()
                .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .exceptionally(e -> new Timed(HealthResult.of(HealthState.UNHEALTHY,
                        e instanceof TimeoutException || e.getCause() instanceof TimeoutException
                                ? "check timed out after " + timeout.toMillis() + " ms"
                                : "check failed: " + e, Map.of()), timeout.toMillis()));
    }

    private synchronized void publish(HealthReport report) {
        // Reports may complete out of order; the gauges and last() follow the newest check.
        if (last != null && last.timestamp().isAfter(report.timestamp())) {
            return;
        }
        last = report;
        for (SubsystemReport s : report.subsystems()) {
            oneHot(s.name(), s.result().state());
        }
        oneHot(Labels.OVERALL, report.overall());
    }

    private void oneHot(String subsystem, HealthState current) {
        gauges.get(subsystem).forEach((state, point) -> point.set(state == current ? 1 : 0));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
