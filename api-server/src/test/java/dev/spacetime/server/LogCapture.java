package dev.spacetime.server;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what is logged at a level or above (java.util.logging, root logger) until closed. */
final class LogCapture extends Handler implements AutoCloseable {
    final LinkedBlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();
    private final Level least;

    private LogCapture(Level least) {
        this.least = least;
    }

    static LogCapture atLeast(Level least) {
        LogCapture log = new LogCapture(least);
        Logger.getLogger("").addHandler(log);
        return log;
    }

    /** What is logged at SEVERE. */
    static LogCapture severe() {
        return atLeast(Level.SEVERE);
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= least.intValue()) {
            records.add(r);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
