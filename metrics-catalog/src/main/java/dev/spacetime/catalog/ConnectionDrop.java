package dev.spacetime.catalog;

/** Values of {@code connections_dropped_total{reason}}; all are pre-seeded at 0. */
public enum ConnectionDrop {
    /** A client already had as many connections open as it may: the new one is closed at once. */
    PER_CLIENT_LIMIT,
    /** No complete request head arrived in time (idle or slowloris connection). */
    HEAD_TIMEOUT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
