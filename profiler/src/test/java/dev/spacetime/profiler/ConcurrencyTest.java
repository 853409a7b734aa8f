package dev.spacetime.profiler;

import dev.spacetime.profiler.export.FlameFormat;
import dev.spacetime.profiler.report.ProfileReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("try") // phase scopes are used for their close() only, as handlers use them
class ConcurrencyTest {
    private static final int WRITERS = 4;
    private static final int PER_WRITER = 5_000;
    private static final int CAPACITY = 300;
    private static final int SLOW_CAPACITY = 50;

    @Test
    void aRequestCanFinishWhileAWorkerIsStillInsideAPhase() throws Exception {
        Profiler profiler = new Profiler();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 200; i++) {
                ProfileRecorder rec = profiler.start("POST", "/scene");
                CountDownLatch started = new CountDownLatch(1);
                Future<?> work = worker.submit(() -> {
                    started.countDown();
                    for (int j = 0; j < 200; j++) { // keeps reporting phases across the finish below
                        try (var io = rec.phase("file_io")) {
                            rec.phase("parse").close();
                        }
                    }
                });
                started.await();
                rec.finish(499, 0, 0); // e.g. the client went away
                RequestProfile p = rec.profile().orElseThrow();
                work.get(10, TimeUnit.SECONDS); // the worker never saw an exception
                assertThat(p.phases()).allSatisfy(ph -> assertThat(ph.endOffsetNanos()).isLessThanOrEqualTo(p.durationNanos()));
                assertThat(rec.profile()).contains(p); // the worker's late phases changed nothing kept
            }
        } finally {
            worker.shutdownNow();
        }
        assertThat(profiler.totals().recorded()).isEqualTo(200);
    }

    @Test
    void writersAndReadersTogetherKeepCountsAndBounds() throws Exception {
        // Real clock: threshold 0 makes every request slow so the slow list is exercised too.
        Profiler profiler = new Profiler(ProfilerSettings.DEFAULTS.withCapacity(CAPACITY)
                .withSlowCapacity(SLOW_CAPACITY).withSlowThresholdMillis(0), Ticker.SYSTEM);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 3);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong queries = new AtomicLong();
        List<Future<Set<String>>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                go.await();
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < PER_WRITER; i++) {
                    ProfileRecorder rec = profiler.start(i % 2 == 0 ? "GET" : "POST", "/w" + writer);
                    try (var a = rec.phase("auth")) {
                        rec.begin("inner");
                        rec.end();
                    }
                    rec.begin("serialization");
                    rec.finish(200, i, i);
                    ids.add(rec.profile().orElseThrow().id());
                }
                return ids;
            }));
        }
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(pool.submit(() -> {
                go.await();
                do { // at least once, even if the writers finish first
                    List<RequestProfile> recent = profiler.recent(ProfileQuery.ALL.withLimit(CAPACITY));
                    assertThat(recent.size()).isLessThanOrEqualTo(CAPACITY);
                    assertThat(profiler.slow(ProfileQuery.ALL.withLimit(CAPACITY))).hasSizeLessThanOrEqualTo(SLOW_CAPACITY);
                    ProfileReport.debugProfile(profiler.view(ProfileQuery.ALL.withMethod("GET")));
                    // One snapshot: the statistics count exactly the kept profiles, even mid-write.
                    ProfileView view = profiler.view(ProfileQuery.ALL);
                    assertThat(view.endpointSummary().stream().mapToLong(s -> s.duration().count()).sum())
                            .isEqualTo(view.totals().keptRecent());
                    FlameFormat.SPEEDSCOPE.render(recent, true, "all");
                    FlameFormat.CHROME.render(recent, false, "all");
                    queries.incrementAndGet();
                } while (writing.get());
                return null;
            }));
        }
        readers.add(pool.submit(() -> { // settings change under load, capacity always back to CAPACITY
            go.await();
            while (writing.get()) {
                profiler.updateSettings(s -> s.withCapacity(CAPACITY / 2));
                profiler.updateSettings(s -> s.withCapacity(CAPACITY));
            }
            return null;
        }));

        go.countDown();
        Set<String> allIds = new HashSet<>();
        for (Future<Set<String>> f : writers) {
            allIds.addAll(f.get(60, TimeUnit.SECONDS));
        }
        writing.set(false);
        for (Future<?> f : readers) {
            f.get(60, TimeUnit.SECONDS); // rethrows any reader failure
        }
        pool.shutdown();

        assertThat(allIds).hasSize(WRITERS * PER_WRITER); // ids unique across threads
        ProfilerTotals totals = profiler.totals();
        assertThat(totals.recorded()).isEqualTo(WRITERS * PER_WRITER);
        assertThat(totals.recordedSlow()).isEqualTo(WRITERS * PER_WRITER);
        assertThat(totals.keptRecent()).isLessThanOrEqualTo(CAPACITY);
        assertThat(totals.keptSlow()).isEqualTo(SLOW_CAPACITY);
        assertThat(profiler.recent(ProfileQuery.ALL.withLimit(1000))).hasSizeLessThanOrEqualTo(CAPACITY)
                .allSatisfy(p -> assertThat(p.phases()).extracting(Phase::name)
                        .containsExactly("auth", "inner", "serialization"));
        assertThat(profiler.endpointSummary(ProfileQuery.ALL).stream().mapToLong(s -> s.duration().count()).sum())
                .isEqualTo(totals.keptRecent());
        assertThat(queries.get()).isPositive();
    }
}
