package dev.spacetime.profiler.export;

import dev.spacetime.profiler.Phase;
import dev.spacetime.profiler.RequestProfile;
import dev.spacetime.profiler.json.JsonWriter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chrome Trace Event JSON (chrome://tracing, DevTools Performance panel, Perfetto): complete {@code X} events
 * with {@code ts}/{@code dur} in microseconds relative to the earliest request, plus {@code M} metadata naming
 * the process and threads. Requests are laid out on "lanes" (threads) so that requests overlapping in time
 * never share a thread, which keeps every thread's events properly nested. Request ids are deliberately not in
 * {@code args}: identical frames then aggregate in the viewers.
 */
public final class ChromeTraceExport {
    static final int PID = 1;
    static final String PROCESS_NAME = "spacetime-api";
    private static final int MICROS = 3;

    private ChromeTraceExport() {
    }

    public static String export(List<RequestProfile> profiles) {
        List<RequestProfile> byStart = new ArrayList<>(profiles);
        byStart.sort(Comparator.comparingLong(RequestProfile::startNanos).thenComparingLong(RequestProfile::sequence));
        long origin = byStart.isEmpty() ? 0 : byStart.get(0).startNanos();

        List<Long> laneEnds = new ArrayList<>(); // monotonic end of the last request on each lane
        int[] lanes = new int[byStart.size()];
        for (int i = 0; i < byStart.size(); i++) {
            RequestProfile p = byStart.get(i);
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.get(lane) > p.startNanos()) {
                lane++;
            }
            if (lane == laneEnds.size()) {
                laneEnds.add(0L);
            }
            laneEnds.set(lane, p.startNanos() + p.durationNanos());
            lanes[i] = lane;
        }

        JsonWriter w = new JsonWriter();
        w.beginObject().name("traceEvents").beginArray();
        metadata(w, "process_name", 0, PROCESS_NAME);
        for (int lane = 0; lane < laneEnds.size(); lane++) {
            metadata(w, "thread_name", tid(lane), "requests " + (lane + 1));
        }
        List<Complete> events = new ArrayList<>();
        for (int i = 0; i < byStart.size(); i++) {
            RequestProfile p = byStart.get(i);
            long base = p.startNanos() - origin;
            int tid = tid(lanes[i]);
            events.add(new Complete(StackAggregate.rootFrame(p), "request", base, p.durationNanos(), tid, -1,
                    p.status()));
            for (Phase ph : p.phases()) {
                events.add(new Complete(ph.name(), "phase", base + ph.startOffsetNanos(), ph.durationNanos(), tid,
                        ph.depth(), 0));
            }
        }
        // Time order; at equal start the enclosing event first, so a parent always precedes its children.
        events.sort(Comparator.comparingLong(Complete::tsNanos).thenComparing(Complete::durNanos,
                Comparator.reverseOrder()).thenComparingInt(Complete::depth).thenComparingInt(Complete::tid));
        for (Complete e : events) {
            e.write(w);
        }
        return w.endArray().name("displayTimeUnit").value("ms").endObject().toString();
    }

    private static int tid(int lane) {
        return lane + 1;
    }

    private static void metadata(JsonWriter w, String kind, int tid, String name) {
        w.beginObject().name("name").value(kind).name("ph").value("M").name("pid").value(PID);
        if (tid != 0) {
            w.name("tid").value(tid);
        }
        w.name("args").beginObject().name("name").value(name).endObject().endObject();
    }

    /** A complete (X) event; {@code depth} -1 is the request itself, whose status goes into args. */
    private record Complete(String name, String cat, long tsNanos, long durNanos, int tid, int depth, int status) {
        void write(JsonWriter w) {
            w.beginObject().name("name").value(name).name("cat").value(cat).name("ph").value("X")
                    .name("ts").decimal(tsNanos, MICROS).name("dur").decimal(durNanos, MICROS)
                    .name("pid").value(PID).name("tid").value(tid);
            if (depth < 0) {
                w.name("args").beginObject().name("status").value(status).endObject();
            }
            w.endObject();
        }
    }
}
