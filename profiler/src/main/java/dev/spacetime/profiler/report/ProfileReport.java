package dev.spacetime.profiler.report;

import dev.spacetime.profiler.Phase;
import dev.spacetime.profiler.ProfileView;
import dev.spacetime.profiler.ProfilerSettings;
import dev.spacetime.profiler.ProfilerTotals;
import dev.spacetime.profiler.RequestProfile;
import dev.spacetime.profiler.stats.DurationStats;
import dev.spacetime.profiler.stats.EndpointStats;
import dev.spacetime.profiler.stats.PhaseStats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of the /debug/profile routes as plain maps and lists (insertion-ordered, so serialisation is
 * deterministic). Values are strings, booleans, longs, doubles, maps and lists only: Vert.x
 * {@code new JsonObject(map)}, Jackson, or {@link dev.spacetime.profiler.json.JsonWriter#toJson} can serialise
 * them. Durations are milliseconds rounded to the microsecond, keys snake_case.
 */
public final class ProfileReport {
    private ProfileReport() {
    }

    /**
     * Body of {@code GET /debug/profile}: {@code recent_requests}, {@code slow_requests} (both filtered and
     * limited by the query), {@code phase_statistics} and {@code endpoint_summary} (over every kept recent
     * profile matching the filters), {@code filters_applied}, {@code totals} and {@code settings}.
     */
    public static Map<String, Object> debugProfile(ProfileView view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recent_requests", profiles(view.recent()));
        m.put("slow_requests", profiles(view.slow()));
        m.put("phase_statistics", phaseStatistics(view.phaseStatistics()));
        m.put("endpoint_summary", endpointSummary(view.endpointSummary()));
        m.put("filters_applied", view.query().toMap());
        m.put("totals", totals(view.totals()));
        m.put("settings", settings(view.settings()));
        return m;
    }

    /** Body of {@code GET /debug/profile/summary}: statistics, totals and settings, no individual requests. */
    public static Map<String, Object> summary(ProfileView view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase_statistics", phaseStatistics(view.phaseStatistics()));
        m.put("endpoint_summary", endpointSummary(view.endpointSummary()));
        m.put("slowest_request", view.slowestRecent().map(ProfileReport::profile).orElse(null));
        m.put("filters_applied", view.query().toMap());
        m.put("totals", totals(view.totals()));
        m.put("settings", settings(view.settings()));
        return m;
    }

    public static List<Object> profiles(List<RequestProfile> profiles) {
        List<Object> out = new ArrayList<>(profiles.size());
        for (RequestProfile p : profiles) {
            out.add(profile(p));
        }
        return out;
    }

    /** One request: its fields and its phases as a tree ({@code children} of each phase). */
    public static Map<String, Object> profile(RequestProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("method", p.method());
        m.put("endpoint", p.endpoint());
        m.put("status", p.status());
        m.put("request_bytes", p.requestBytes());
        m.put("response_bytes", p.responseBytes());
        m.put("start", Instant.ofEpochMilli(p.startEpochMillis()).toString());
        m.put("duration_ms", millis(p.durationNanos()));
        m.put("slow", p.slow());
        if (p.traceId() != null) {
            m.put("trace_id", p.traceId());
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Object> roots = new ArrayList<>();
        for (int i = 0; i < p.phases().size(); i++) {
            Phase ph = p.phases().get(i);
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", ph.name());
            node.put("start_offset_ms", millis(ph.startOffsetNanos()));
            node.put("duration_ms", millis(ph.durationNanos()));
            node.put("self_ms", millis(p.selfNanos(i)));
            node.put("children", new ArrayList<>());
            nodes.add(node);
            if (ph.parent() == Phase.ROOT) {
                roots.add(node);
            } else {
                @SuppressWarnings("unchecked")
                List<Object> siblings = (List<Object>) nodes.get(ph.parent()).get("children");
                siblings.add(node);
            }
        }
        m.put("phases", roots);
        return m;
    }

    /** Phase name → duration statistics, with the self-time statistics under {@code self}. */
    public static Map<String, Object> phaseStatistics(List<PhaseStats> stats) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (PhaseStats s : stats) {
            Map<String, Object> entry = durations(s.duration());
            entry.put("self", durations(s.self()));
            m.put(s.phase(), entry);
        }
        return m;
    }

    public static List<Object> endpointSummary(List<EndpointStats> stats) {
        List<Object> out = new ArrayList<>(stats.size());
        for (EndpointStats s : stats) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", s.method());
            m.put("endpoint", s.endpoint());
            m.putAll(durations(s.duration()));
            m.put("slow_count", s.slow());
            m.put("client_errors", s.clientErrors());
            m.put("server_errors", s.serverErrors());
            out.add(m);
        }
        return out;
    }

    public static Map<String, Object> durations(DurationStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.count());
        m.put("total_ms", millis(s.totalNanos()));
        m.put("avg_ms", millis(Math.round(s.avgNanos())));
        m.put("min_ms", millis(s.minNanos()));
        m.put("max_ms", millis(s.maxNanos()));
        m.put("p50_ms", millis(s.p50Nanos()));
        m.put("p95_ms", millis(s.p95Nanos()));
        m.put("p99_ms", millis(s.p99Nanos()));
        return m;
    }

    public static Map<String, Object> totals(ProfilerTotals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recorded", t.recorded());
        m.put("recorded_slow", t.recordedSlow());
        m.put("kept_recent", t.keptRecent());
        m.put("kept_slow", t.keptSlow());
        m.put("capacity", t.capacity());
        m.put("slow_capacity", t.slowCapacity());
        return m;
    }

    public static Map<String, Object> settings(ProfilerSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ProfilerSettings.ENABLED, s.enabled());
        m.put(ProfilerSettings.SAMPLE_RATE, s.sampleRate());
        m.put(ProfilerSettings.SLOW_THRESHOLD_MS, s.slowThresholdMillis());
        m.put(ProfilerSettings.CAPACITY, s.capacity());
        m.put(ProfilerSettings.SLOW_CAPACITY, s.slowCapacity());
        return m;
    }

    /** Milliseconds rounded to the microsecond. */
    static double millis(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }
}
