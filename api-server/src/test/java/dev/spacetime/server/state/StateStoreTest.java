package dev.spacetime.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.server.http.ApiException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's queue and group commits, on a real database. */
class StateStoreTest {

    @TempDir
    Path dir;

    private static void await(CompletableFuture<?> f) throws Exception {
        f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailingWriteUndoesNothingElseAndOnlyCommittedWritesAreAcknowledged() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        CompletableFuture<Void> failing;
        try (StateStore store = StateStore.open(dir, Clock.systemUTC())) {
            // Held on the writer thread, so what follows queues up and is committed as one group.
            CompletableFuture<Void> first = store.write(db -> {
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            for (int i = 0; i < 5; i++) {
                writes.add(store.putSetting("k" + i, "v" + i));
            }
            failing = store.write(db -> {
                db.createStatement().execute("INSERT INTO settings (key, value) VALUES ('bad', 'x')");
                throw new SQLException("refused");
            });
            writes.add(store.putSetting("k5", "v5"));
            hold.countDown();
            await(first);
            for (CompletableFuture<Void> w : writes) {
                await(w);
            }
            assertThatThrownBy(() -> await(failing)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("refused");
        }
        try (StateStore reopened = StateStore.open(dir, Clock.systemUTC())) {
            for (int i = 0; i <= 5; i++) {
                assertThat(reopened.restored().setting("k" + i)).contains("v" + i);
            }
            assertThat(reopened.restored().setting("bad")).as("rolled back to its savepoint").isEmpty();
        }
    }

    @Test
    void aFullQueueRefusesAtOnceWithA503ForTheClient() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        try (StateStore store = StateStore.open(dir, Clock.systemUTC())) {
            CompletableFuture<Void> blocker = store.write(db -> {
                started.countDown();
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            // Running: the writer took its group and takes nothing more until it has committed.
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> queued = new ArrayList<>();
            CompletableFuture<Void> refused = null;
            for (int i = 0; i <= StateStore.MAX_QUEUED + 1 && refused == null; i++) {
                CompletableFuture<Void> w = store.putSetting("k" + i, "v");
                if (w.isCompletedExceptionally()) {
                    refused = w;
                } else {
                    queued.add(w);
                }
            }
            assertThat(refused).as("refused before the queue grew past its bound").isNotNull();
            assertThat(queued).hasSize(StateStore.MAX_QUEUED);
            CompletableFuture<Void> failed = refused;
            assertThatThrownBy(failed::join).hasCauseInstanceOf(StateStore.Unavailable.class);
            Throwable reply = StateStore.reply(failed.handle((v, e) -> e).join());
            assertThat(reply).isInstanceOf(ApiException.class);
            assertThat(((ApiException) reply).status()).isEqualTo(503);
            assertThat(((ApiException) reply).headers()).containsKey("Retry-After");
            hold.countDown();
            await(blocker);
            for (CompletableFuture<Void> w : queued) {
                await(w);
            }
        }
    }

    @Test
    void closeCommitsWhatIsQueuedAndRefusesLaterWrites() throws Exception {
        StateStore store = StateStore.open(dir, Clock.systemUTC());
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            writes.add(store.putSetting("k" + i, "v" + i));
        }
        store.close();
        for (CompletableFuture<Void> w : writes) {
            assertThat(w).isCompleted().isNotCompletedExceptionally();
        }
        assertThat(store.putSetting("late", "x")).isCompletedExceptionally();
        try (StateStore reopened = StateStore.open(dir, Clock.systemUTC())) {
            assertThat(reopened.restored().setting("k49")).contains("v49");
        }
    }
}
