package dev.spacetime.server.alerts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The recent alerts, one per fingerprint (the latest notification wins), at most {@code capacity}. When full, the
 * least recently updated resolved alert goes first, so a flood of resolutions cannot push out what still fires;
 * only when every kept alert fires does the oldest firing one go.
 */
public final class AlertStore {

    public static final int DEFAULT_CAPACITY = 1000;

    private final int capacity;
    /** In update order, oldest first. */
    private final LinkedHashMap<String, ReceivedAlert> byFingerprint = new LinkedHashMap<>();

    public AlertStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    public void put(ReceivedAlert alert) {
        putAll(List.of(alert));
    }

    /** Puts each alert in order; returns the fingerprints evicted to stay within capacity. */
    public synchronized List<String> putAll(List<ReceivedAlert> alerts) {
        List<String> evicted = new ArrayList<>();
        for (ReceivedAlert alert : alerts) {
            byFingerprint.remove(alert.fingerprint());
            byFingerprint.put(alert.fingerprint(), alert);
            while (byFingerprint.size() > capacity) {
                evicted.add(evictOne());
            }
        }
        return evicted;
    }

    private String evictOne() {
        Iterator<Map.Entry<String, ReceivedAlert>> it = byFingerprint.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, ReceivedAlert> e = it.next();
            if (e.getValue().status() == AlertStatus.RESOLVED) {
                it.remove();
                return e.getKey();
            }
        }
        String oldest = byFingerprint.keySet().iterator().next();
        byFingerprint.remove(oldest);
        return oldest;
    }

    /** The matching alerts, most recently updated first. */
    public synchronized List<ReceivedAlert> recent(Predicate<ReceivedAlert> filter) {
        List<ReceivedAlert> out = new ArrayList<>();
        for (ReceivedAlert a : byFingerprint.values()) {
            if (filter.test(a)) {
                out.add(a);
            }
        }
        Collections.reverse(out);
        return out;
    }

    public synchronized int size() {
        return byFingerprint.size();
    }
}
