package dev.spacetime.stack;

import dev.spacetime.settings.PromDuration;
import java.util.List;

/**
 * How long and how much Prometheus keeps: whichever limit is reached first drops the oldest blocks. Both the
 * compose stack and the native runner pass the same flags.
 *
 * @param time          {@code --storage.tsdb.retention.time}
 * @param sizeGigabytes {@code --storage.tsdb.retention.size}, in Prometheus' GB (2^30 bytes)
 */
public record Retention(PromDuration time, int sizeGigabytes) {

    /** SPEC.md: 15 days; 10 GB keeps a full disk from stopping Prometheus long before that on a busy host. */
    public static final Retention STANDARD = new Retention(PromDuration.ofDays(15), 10);

    public Retention {
        if (sizeGigabytes < 1) {
            throw new IllegalArgumentException("retention size must be at least 1 GB: " + sizeGigabytes);
        }
    }

    public List<String> flags() {
        return List.of("--storage.tsdb.retention.time=" + time, "--storage.tsdb.retention.size=" + sizeGigabytes + "GB");
    }
}
