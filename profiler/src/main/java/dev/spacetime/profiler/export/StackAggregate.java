package dev.spacetime.profiler.export;

import dev.spacetime.profiler.Phase;
import dev.spacetime.profiler.RequestProfile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Self time summed per distinct stack (route frame → phase → sub-phase) over many requests, in lexicographic
 * stack order: the common ground of the folded and the sampled speedscope exports.
 */
final class StackAggregate {
    private static final Comparator<List<String>> LEXICOGRAPHIC = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private StackAggregate() {
    }

    /** Stack → summed self nanoseconds; stacks whose self time is zero are left out. */
    static Map<List<String>, Long> selfTimes(Collection<RequestProfile> profiles) {
        Map<List<String>, Long> out = new TreeMap<>(LEXICOGRAPHIC);
        for (RequestProfile p : profiles) {
            List<String> root = List.of(rootFrame(p));
            add(out, root, p.rootSelfNanos());
            List<Phase> phases = p.phases();
            List<List<String>> paths = new ArrayList<>(phases.size());
            for (int i = 0; i < phases.size(); i++) {
                Phase ph = phases.get(i);
                List<String> parentPath = ph.parent() == Phase.ROOT ? root : paths.get(ph.parent());
                List<String> path = new ArrayList<>(parentPath);
                path.add(ph.name());
                paths.add(Collections.unmodifiableList(path));
                add(out, paths.get(i), p.selfNanos(i));
            }
        }
        out.values().removeIf(v -> v == 0);
        return out;
    }

    /** The outermost frame of a request: its route, e.g. {@code GET /scene}. */
    static String rootFrame(RequestProfile p) {
        return p.method() + " " + p.endpoint();
    }

    private static void add(Map<List<String>, Long> out, List<String> stack, long nanos) {
        out.merge(stack, nanos, Long::sum);
    }
}
