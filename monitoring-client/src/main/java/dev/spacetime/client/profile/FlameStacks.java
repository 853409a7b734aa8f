package dev.spacetime.client.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Any of the three flame graph formats reduced to one shape: stacks (root frame first) with their self time in
 * milliseconds. What the text view draws, whichever file was downloaded.
 */
public final class FlameStacks {
    private final Map<List<String>, Double> selfMs = new LinkedHashMap<>();

    private FlameStacks() {
    }

    public Map<List<String>, Double> selfMs() {
        return selfMs;
    }

    public double totalMs() {
        return selfMs.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private void add(List<String> stack, double ms) {
        if (ms > 0 && !stack.isEmpty()) {
            selfMs.merge(List.copyOf(stack), ms, Double::sum);
        }
    }

    /** {@code a;b;c 1234} lines, weights in microseconds (the profiler's folded export). */
    public static FlameStacks fromFolded(String text) {
        FlameStacks f = new FlameStacks();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                throw new IllegalArgumentException("folded line " + lineNo + " has no weight");
            }
            double micros;
            try {
                micros = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("folded line " + lineNo + " has no integer weight");
            }
            f.add(List.of(line.substring(0, space).split(";")), micros / 1000);
        }
        return f;
    }

    /** A speedscope file: evented profiles replayed open/close, sampled ones summed by weight. */
    public static FlameStacks fromSpeedscope(JsonNode file) {
        JsonNode frames = file.path("shared").path("frames");
        JsonNode profiles = file.path("profiles");
        if (!frames.isArray() || !profiles.isArray()) {
            throw new IllegalArgumentException("not a speedscope file (no shared.frames or profiles)");
        }
        FlameStacks f = new FlameStacks();
        for (JsonNode p : profiles) {
            double toMs = unitToMs(p.path("unit").asText("none"));
            switch (p.path("type").asText()) {
                case "evented" -> {
                    Deque<String> stack = new ArrayDeque<>();
                    double last = p.path("startValue").asDouble();
                    for (JsonNode e : p.path("events")) {
                        double at = e.path("at").asDouble();
                        f.add(reversed(stack), (at - last) * toMs);
                        last = at;
                        String name = frameName(frames, e.path("frame").asInt(-1));
                        if ("O".equals(e.path("type").asText())) {
                            stack.push(name);
                        } else if (!name.equals(stack.poll())) {
                            throw new IllegalArgumentException("speedscope close event for " + name
                                    + " does not match the open frame");
                        }
                    }
                }
                case "sampled" -> {
                    JsonNode samples = p.path("samples");
                    JsonNode weights = p.path("weights");
                    for (int i = 0; i < samples.size(); i++) {
                        List<String> stack = new ArrayList<>();
                        samples.get(i).forEach(idx -> stack.add(frameName(frames, idx.asInt(-1))));
                        f.add(stack, weights.path(i).asDouble() * toMs);
                    }
                }
                default -> throw new IllegalArgumentException("unknown speedscope profile type "
                        + p.path("type").asText());
            }
        }
        return f;
    }

    /** Chrome Trace Event JSON: complete ({@code X}) events nest by time within each process/thread lane. */
    public static FlameStacks fromChrome(JsonNode trace) {
        JsonNode events = trace.isArray() ? trace : trace.path("traceEvents");
        if (!events.isArray()) {
            throw new IllegalArgumentException("not a Chrome trace (no traceEvents)");
        }
        Map<String, List<JsonNode>> lanes = new LinkedHashMap<>();
        events.forEach(e -> {
            if ("X".equals(e.path("ph").asText())) {
                lanes.computeIfAbsent(e.path("pid").asText() + "/" + e.path("tid").asText(), k -> new ArrayList<>())
                        .add(e);
            }
        });
        FlameStacks f = new FlameStacks();
        Map<List<String>, Double> inclusive = new HashMap<>();
        for (List<JsonNode> lane : lanes.values()) {
            lane.sort(Comparator.comparingDouble((JsonNode e) -> e.path("ts").asDouble())
                    .thenComparing(Comparator.comparingDouble((JsonNode e) -> e.path("dur").asDouble()).reversed()));
            Deque<double[]> ends = new ArrayDeque<>();
            Deque<String> names = new ArrayDeque<>();
            for (JsonNode e : lane) {
                double ts = e.path("ts").asDouble();
                double dur = e.path("dur").asDouble();
                while (!ends.isEmpty() && ends.peek()[0] <= ts) {
                    ends.pop();
                    names.pop();
                }
                names.push(e.path("name").asText());
                ends.push(new double[] {ts + dur});
                List<String> path = reversed(names);
                double ms = dur / 1000; // trace timestamps are microseconds
                inclusive.merge(path, ms, Double::sum);
                if (path.size() > 1) {
                    inclusive.merge(path.subList(0, path.size() - 1), -ms, Double::sum); // not the parent's self time
                }
            }
        }
        inclusive.forEach(f::add);
        return f;
    }

    private static List<String> reversed(Deque<String> stack) {
        List<String> list = new ArrayList<>(stack);
        java.util.Collections.reverse(list);
        return list;
    }

    private static String frameName(JsonNode frames, int index) {
        if (index < 0 || index >= frames.size()) {
            throw new IllegalArgumentException("speedscope frame index " + index + " out of range");
        }
        return frames.get(index).path("name").asText();
    }

    private static double unitToMs(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "nanoseconds" -> 1e-6;
            case "microseconds" -> 1e-3;
            case "seconds" -> 1e3;
            default -> 1; // milliseconds; "none" and "bytes" are drawn as they are
        };
    }
}
