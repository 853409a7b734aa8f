package dev.spacetime.profiler.export;

import dev.spacetime.profiler.RequestProfile;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folded stacks for flamegraph.pl / inferno: one line per distinct stack, {@code GET /scene;parse;tokenize 1234},
 * the weight being summed self time in whole microseconds (rounded down). Lines are sorted, so output is
 * deterministic.
 */
public final class FoldedStacksExport {
    private FoldedStacksExport() {
    }

    public static String export(Collection<RequestProfile> profiles) {
        // Keyed by the written line so names that become equal once sanitised still give one line.
        Map<String, Long> lines = new TreeMap<>();
        for (Map.Entry<List<String>, Long> e : StackAggregate.selfTimes(profiles).entrySet()) {
            StringBuilder stack = new StringBuilder();
            for (String frame : e.getKey()) {
                if (!stack.isEmpty()) {
                    stack.append(';');
                }
                stack.append(frame(frame));
            }
            lines.merge(stack.toString(), e.getValue(), Long::sum);
        }
        StringBuilder sb = new StringBuilder();
        lines.forEach((stack, nanos) -> {
            if (nanos >= 1000) { // flamegraph.pl weights are integers: sub-microsecond stacks carry no width
                sb.append(stack).append(' ').append(nanos / 1000).append('\n');
            }
        });
        return sb.toString();
    }

    /** ';' separates frames and a line break ends the record, so neither may appear inside a frame name. */
    static String frame(String name) {
        return name.replace(';', ':').replace('\n', ' ').replace('\r', ' ');
    }
}
