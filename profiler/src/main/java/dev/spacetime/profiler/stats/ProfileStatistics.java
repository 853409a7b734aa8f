package dev.spacetime.profiler.stats;

import dev.spacetime.profiler.Phase;
import dev.spacetime.profiler.RequestProfile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-phase and per-endpoint statistics, exact over the given profiles, in a deterministic (sorted) order. */
public final class ProfileStatistics {
    private ProfileStatistics() {
    }

    /** One entry per phase name, sorted by name. */
    public static List<PhaseStats> byPhase(Collection<RequestProfile> profiles) {
        Map<String, LongList[]> byName = new TreeMap<>();
        for (RequestProfile p : profiles) {
            List<Phase> phases = p.phases();
            for (int i = 0; i < phases.size(); i++) {
                LongList[] lists = byName.computeIfAbsent(phases.get(i).name(),
                        k -> new LongList[] {new LongList(), new LongList()});
                lists[0].add(phases.get(i).durationNanos());
                lists[1].add(p.selfNanos(i));
            }
        }
        List<PhaseStats> out = new ArrayList<>(byName.size());
        byName.forEach((name, lists) ->
                out.add(new PhaseStats(name, DurationStats.of(lists[0].toArray()), DurationStats.of(lists[1].toArray()))));
        return out;
    }

    /** One entry per (endpoint, method), sorted by endpoint then method. */
    public static List<EndpointStats> byEndpoint(Collection<RequestProfile> profiles) {
        Map<String, Map<String, List<RequestProfile>>> groups = new TreeMap<>();
        for (RequestProfile p : profiles) {
            groups.computeIfAbsent(p.endpoint(), k -> new TreeMap<>())
                    .computeIfAbsent(p.method(), k -> new ArrayList<>()).add(p);
        }
        List<EndpointStats> out = new ArrayList<>();
        groups.forEach((endpoint, byMethod) -> byMethod.forEach((method, list) -> {
            long[] durations = new long[list.size()];
            long slow = 0;
            long client = 0;
            long server = 0;
            for (int i = 0; i < durations.length; i++) {
                RequestProfile p = list.get(i);
                durations[i] = p.durationNanos();
                slow += p.slow() ? 1 : 0;
                client += p.status() >= 400 && p.status() < 500 ? 1 : 0;
                server += p.status() >= 500 ? 1 : 0;
            }
            out.add(new EndpointStats(method, endpoint, DurationStats.of(durations), slow, client, server));
        }));
        return out;
    }

    /** Growable primitive list: avoids boxing every duration. */
    private static final class LongList {
        private long[] values = new long[16];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
