package dev.spacetime.catalog;

/** Values of {@code workload_rejections_total{reason}}; all are pre-seeded at 0. */
public enum WorkloadRejection {
    /** Every thread busy and the queue full: refused with 503 at once. */
    QUEUE_FULL,
    /** Queued and running together took longer than the deadline: cancelled, 503. */
    DEADLINE,
    /** The client closed its connection: cancelled, nobody to answer. */
    CLIENT_CLOSED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
