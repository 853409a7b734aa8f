package dev.spacetime.server;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what is logged at SEVERE (java.util.logging, root logger) until closed. */
final class SevereLog extends Handler implements AutoCloseable {
    final LinkedBlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();

    private SevereLog() {
    }

    static SevereLog capture() {
        SevereLog log = new SevereLog();
        Logger.getLogger("").addHandler(log);
        return log;
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
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
