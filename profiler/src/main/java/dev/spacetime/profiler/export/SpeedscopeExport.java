package dev.spacetime.profiler.export;

import dev.spacetime.profiler.Phase;
import dev.spacetime.profiler.RequestProfile;
import dev.spacetime.profiler.json.JsonWriter;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * speedscope's file format (https://www.speedscope.app/file-format-schema.json), values in microseconds.
 * {@link #evented} writes one evented profile per request (frames: route → phases, open/close events in time
 * order); {@link #sampled} aggregates many requests into one sampled profile whose samples are the distinct
 * stacks and whose weights are their summed self times.
 */
public final class SpeedscopeExport {
    public static final String SCHEMA = "https://www.speedscope.app/file-format-schema.json";
    static final String EXPORTER = "spacetime-profiler";
    private static final int MICROS = 3; // nanoseconds written with 3 decimals = microseconds

    private SpeedscopeExport() {
    }

    /** One evented profile per request, in the given order; the first one is shown first. */
    public static String evented(List<RequestProfile> profiles) {
        Frames frames = new Frames();
        JsonWriter profilesJson = new JsonWriter();
        profilesJson.beginArray();
        for (RequestProfile p : profiles) {
            writeEvented(profilesJson, p, frames);
        }
        profilesJson.endArray();
        String name = profiles.size() == 1 ? title(profiles.get(0)) : profiles.size() + " requests";
        return file(name, frames, profilesJson.toString());
    }

    /** One sampled profile aggregating {@code profiles} by route → phase → sub-phase. */
    public static String sampled(Collection<RequestProfile> profiles, String name) {
        Frames frames = new Frames();
        Map<List<String>, Long> stacks = StackAggregate.selfTimes(profiles);
        long total = 0;
        for (long v : stacks.values()) {
            total += v;
        }
        JsonWriter w = new JsonWriter();
        w.beginArray().beginObject()
                .name("type").value("sampled")
                .name("name").value(name)
                .name("unit").value("microseconds")
                .name("startValue").value(0)
                .name("endValue").decimal(total, MICROS)
                .name("samples").beginArray();
        for (List<String> stack : stacks.keySet()) {
            w.beginArray();
            for (String frame : stack) {
                w.value(frames.index(frame));
            }
            w.endArray();
        }
        w.endArray().name("weights").beginArray();
        for (long v : stacks.values()) {
            w.decimal(v, MICROS);
        }
        w.endArray().endObject().endArray();
        return file(name, frames, w.toString());
    }

    private static void writeEvented(JsonWriter w, RequestProfile p, Frames frames) {
        w.beginObject()
                .name("type").value("evented")
                .name("name").value(title(p))
                .name("unit").value("microseconds")
                .name("startValue").value(0)
                .name("endValue").decimal(p.durationNanos(), MICROS)
                .name("events").beginArray();
        int root = frames.index(StackAggregate.rootFrame(p));
        event(w, "O", root, 0);
        // Phases are in pre-order; before opening one, close the open phases that are not its ancestors.
        List<Phase> phases = p.phases();
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < phases.size(); i++) {
            Phase ph = phases.get(i);
            while (!open.isEmpty() && open.peek() != ph.parent()) {
                closePhase(w, phases, open.pop(), frames);
            }
            event(w, "O", frames.index(ph.name()), ph.startOffsetNanos());
            open.push(i);
        }
        while (!open.isEmpty()) {
            closePhase(w, phases, open.pop(), frames);
        }
        event(w, "C", root, p.durationNanos());
        w.endArray().endObject();
    }

    private static void closePhase(JsonWriter w, List<Phase> phases, int index, Frames frames) {
        Phase ph = phases.get(index);
        event(w, "C", frames.index(ph.name()), ph.endOffsetNanos());
    }

    private static void event(JsonWriter w, String type, int frame, long atNanos) {
        w.beginObject().name("type").value(type).name("frame").value(frame).name("at").decimal(atNanos, MICROS)
                .endObject();
    }

    private static String file(String name, Frames frames, String profilesArray) {
        JsonWriter w = new JsonWriter();
        w.beginObject()
                .name("$schema").value(SCHEMA)
                .name("name").value(name)
                .name("exporter").value(EXPORTER)
                .name("activeProfileIndex").value(0)
                .name("shared").beginObject().name("frames").beginArray();
        for (String frame : frames.names.keySet()) {
            w.beginObject().name("name").value(frame).endObject();
        }
        return w.endArray().endObject().name("profiles").rawValue(profilesArray).endObject().toString();
    }

    static String title(RequestProfile p) {
        return p.id() + " " + StackAggregate.rootFrame(p) + " " + p.status();
    }

    /** Shared frame table: one frame per distinct name, indexed in order of first use. */
    private static final class Frames {
        private final Map<String, Integer> names = new LinkedHashMap<>();

        int index(String name) {
            return names.computeIfAbsent(name, k -> names.size());
        }
    }
}
