package dev.spacetime.profiler;

import dev.spacetime.profiler.stats.EndpointStats;
import dev.spacetime.profiler.stats.PhaseStats;

import java.util.List;
import java.util.Optional;

/**
 * Everything the /debug/profile routes show for one query, taken from a single consistent snapshot (so the
 * totals agree with the lists). See {@link Profiler#view}.
 */
public record ProfileView(
        ProfileQuery query,
        List<RequestProfile> recent,
        List<RequestProfile> slow,
        List<PhaseStats> phaseStatistics,
        List<EndpointStats> endpointSummary,
        Optional<RequestProfile> slowestRecent,
        ProfilerTotals totals,
        ProfilerSettings settings) {

    public ProfileView {
        recent = List.copyOf(recent);
        slow = List.copyOf(slow);
        phaseStatistics = List.copyOf(phaseStatistics);
        endpointSummary = List.copyOf(endpointSummary);
    }
}
