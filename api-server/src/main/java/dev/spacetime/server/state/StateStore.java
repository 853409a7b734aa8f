package dev.spacetime.server.state;

import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.http.ErrorHandler;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The server's state that survives restarts: one SQLite database, {@value #FILE_NAME}, in the state directory
 * (created 0700; the database 0600, and SQLite gives its {@code -wal} and {@code -shm} files the same mode).
 *
 * <p>Durability: WAL journal with {@code synchronous=FULL}, so every commit is in the log and fsynced before its
 * future completes. Callers answer their client only then, so an acknowledged change survives {@code kill -9} and a
 * power loss alike; a crash can lose the write still in flight, never an acknowledged one, and SQLite's recovery
 * never leaves half a transaction. ({@code NORMAL} would do for {@code kill -9}, since the OS keeps the log, but a
 * power loss could undo acknowledged commits; writes here are few, so the fsync is cheap.)
 *
 * <p>Threads: every statement runs on one dedicated thread, never on the event loop. Writes wait in a bounded queue
 * (when it is full a write fails at once with {@link Unavailable}) and are committed in groups: one transaction, one
 * fsync, for whatever queued meanwhile, each write in its own savepoint so that one failure does not undo another.
 *
 * <p>Opening checks the database ({@code PRAGMA integrity_check}); a damaged one is moved aside to
 * {@code state.db.corrupt-<time>} with one WARNING and the server starts with fresh state. Everything the server
 * restores is read then ({@link #restored()}); afterwards the store is only written.
 */
public final class StateStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StateStore.class.getName());

    public static final String FILE_NAME = "state.db";
    static final int MAX_QUEUED = 1024;
    private static final int MAX_BATCH = 256;
    private static final int BUSY_TIMEOUT_MS = 5000;
    private static final long CLOSE_WAIT_MS = 10_000;
    private static final String[] SIDE_FILES = {"-wal", "-shm"};
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** A write the store could not take: its queue is full or it is closed. The client may retry. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** The statements of one write; they run in a transaction on the store's thread. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection db) throws SQLException;
    }

    /** A queued write; {@code result} is handed out only once the transaction holding it has committed. */
    private static final class Write<T> {
        private final Work<T> work;
        private final CompletableFuture<T> done = new CompletableFuture<>();
        private T result;

        Write(Work<T> work) {
            this.work = work;
        }

        void run(Connection db) throws SQLException {
            result = work.apply(db);
        }

        void committed() {
            done.complete(result);
        }
    }

    /** Put in the queue by {@link #close()}: the writer commits what is before it and stops. */
    private static final Write<Void> STOP = new Write<>(db -> null);

    private final Path file;
    private final Connection db;
    private final Restored restored;
    private final BlockingQueue<Write<?>> queue = new ArrayBlockingQueue<>(MAX_QUEUED + 1);
    private final Thread writer;
    private volatile boolean closed;
    private final TokenRecords tokens = new TokenRecords(this);
    private final AlertRecords alerts = new AlertRecords(this);
    private final SceneHistoryRecords sceneHistory = new SceneHistoryRecords(this);

    private StateStore(Path file, Connection db, Restored restored) {
        this.file = file;
        this.db = db;
        this.restored = restored;
        this.writer = new Thread(this::writeLoop, "state-store");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (creating when absent) the state in {@code dir}, moving a damaged database aside.
     *
     * @throws IOException when the directory or database cannot be used at all (permissions, a database written by a
     *                     newer server); the reason is one line
     */
    public static StateStore open(Path dir, Clock clock) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        createOwnerOnly(root);
        NativeLibrary.install(root);
        Path file = root.resolve(FILE_NAME);
        try {
            return openChecked(file, clock);
        } catch (Damaged e) {
            Path aside = moveAside(file, clock);
            LOG.warning("state database " + file + " is damaged (" + e.getMessage() + "): moved aside to " + aside
                    + "; starting with fresh state (tokens, alerts, scene history and profiler settings are reset)");
            try {
                return openChecked(file, clock);
            } catch (Damaged again) {
                throw new IOException("fresh state database " + file + " is unusable: " + again.getMessage(), again);
            }
        }
    }

    /** The database cannot be trusted (not a database, corrupt pages): it is moved aside, never served. */
    private static final class Damaged extends Exception {
        Damaged(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static StateStore openChecked(Path file, Clock clock) throws IOException, Damaged {
        createOwnerOnlyFile(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Connection db = null;
        try {
            db = config.createConnection("jdbc:sqlite:" + file);
            String check = integrityCheck(db);
            if (!"ok".equals(check)) {
                throw new Damaged("integrity_check: " + check.replace('\n', ' '), null);
            }
            Schema.migrate(db);
            Restored restored = Restored.read(db, clock.instant());
            return new StateStore(file, db, restored);
        } catch (SQLException e) {
            closeQuietly(db);
            if (damage(e)) {
                throw new Damaged(oneLine(e), e);
            }
            throw new IOException("cannot open the state database " + file + ": " + oneLine(e), e);
        } catch (Damaged | IOException | RuntimeException e) {
            closeQuietly(db);
            throw e;
        }
    }

    private static String integrityCheck(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); var rs = s.executeQuery("PRAGMA integrity_check(1)")) {
            return rs.next() ? rs.getString(1) : "no result";
        }
    }

    /** SQLite's verdicts on the file's content, as opposed to locks, permissions or I/O errors. */
    private static boolean damage(SQLException e) {
        if (e instanceof SQLiteException s) {
            int primary = s.getResultCode().code & 0xff;
            return primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code;
        }
        return false;
    }

    private static Path moveAside(Path file, Clock clock) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + ASIDE_TIME.format(clock.instant()));
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        // The log and shared memory belong to the damaged file: a fresh database must not replay them.
        for (String side : SIDE_FILES) {
            Path sideFile = file.resolveSibling(file.getFileName() + side);
            if (Files.exists(sideFile)) {
                Files.move(sideFile, aside.resolveSibling(aside.getFileName() + side), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return aside;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    static FileAttribute<?>[] mode(String perms) {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(perms))} : new FileAttribute<?>[0];
    }

    static void createOwnerOnly(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, mode("rwx------"));
        }
        if (posix()) {
            // createDirectories is subject to the umask and an existing directory may be wider: owner only.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void createOwnerOnlyFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            // Created before SQLite opens it, so not one byte of the secret is ever in a wider file.
            Files.createFile(file, mode("rw-------"));
        }
        if (posix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** What was stored when the server stopped, read when the store opened. */
    public Restored restored() {
        return restored;
    }

    /** The database file (in the state directory). */
    public Path file() {
        return file;
    }

    public TokenRecords tokens() {
        return tokens;
    }

    public AlertRecords alerts() {
        return alerts;
    }

    public SceneHistoryRecords sceneHistory() {
        return sceneHistory;
    }

    /** Stores one setting ({@code key} to {@code value}, replacing an earlier value). */
    public CompletableFuture<Void> putSetting(String key, String value) {
        return write(db -> {
            upsertSetting(db, key, value);
            return null;
        });
    }

    static void upsertSetting(Connection db, String key, String value) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                        + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
        }
    }

    /**
     * Queues {@code work}; the future completes after the transaction holding it committed, or fails with the
     * {@link SQLException}, or at once with {@link Unavailable}. Never blocks: safe to call on the event loop.
     */
    public <T> CompletableFuture<T> write(Work<T> work) {
        Write<T> w = new Write<>(work);
        if (closed) {
            w.done.completeExceptionally(new Unavailable("state store closed"));
        } else if (queue.size() >= MAX_QUEUED || !queue.offer(w)) {
            w.done.completeExceptionally(new Unavailable("state store busy: " + MAX_QUEUED + " writes queued"));
        }
        return w.done;
    }

    private void writeLoop() {
        List<Write<?>> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            int at = batch.indexOf(STOP);
            if (at >= 0) {
                stop = true;
                batch.subList(at, batch.size()).clear();
            }
            commit(batch);
            batch.clear();
        }
        List<Write<?>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(w -> w.done.completeExceptionally(new Unavailable("state store closed")));
    }

    private void commit(List<Write<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Write<?>> applied = new ArrayList<>(batch.size());
        try (Statement s = db.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            for (Write<?> w : batch) {
                s.execute("SAVEPOINT w");
                try {
                    w.run(db);
                    s.execute("RELEASE w");
                    applied.add(w);
                } catch (SQLException | RuntimeException e) {
                    s.execute("ROLLBACK TO w");
                    s.execute("RELEASE w");
                    LOG.warning("state write failed: " + oneLine(e));
                    w.done.completeExceptionally(e);
                }
            }
            s.execute("COMMIT");
            applied.forEach(Write::committed);
        } catch (SQLException e) {
            LOG.warning("state commit failed (" + applied.size() + " writes lost): " + oneLine(e));
            rollbackQuietly();
            for (Write<?> w : batch) {
                w.done.completeExceptionally(e);
            }
        }
    }

    private void rollbackQuietly() {
        try (Statement s = db.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open
        }
    }

    /**
     * The reply for a client whose change could not be stored: 503 with {@code Retry-After}, whatever the store's
     * failure (nothing about it is the client's fault, and the failure is logged here, not sent).
     */
    public static Throwable reply(Throwable failure) {
        Throwable cause = failure instanceof CompletionException || failure instanceof ExecutionException
                ? failure.getCause() : failure;
        if (cause instanceof Unavailable || cause instanceof SQLException) {
            return new ApiException(503, ErrorHandler.errorCode(503), "the change could not be stored; retry later",
                    Map.of("Retry-After", "1"));
        }
        return failure;
    }

    /** Commits what is queued (bounded wait), then closes the database, which checkpoints and removes its log. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.offer(STOP);
        try {
            writer.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warning("state store: queued writes not committed within " + CLOSE_WAIT_MS + " ms");
            writer.interrupt();
            return;
        }
        closeQuietly(db);
    }

    private static void closeQuietly(Connection db) {
        if (db == null) {
            return;
        }
        try {
            db.close();
        } catch (SQLException e) {
            LOG.warning("closing the state database: " + oneLine(e));
        }
    }

    static String oneLine(Throwable e) {
        return String.valueOf(e.getMessage()).replace('\n', ' ');
    }
}
