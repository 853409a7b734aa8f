package dev.spacetime.client.exposition;

import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One sample line.
 *
 * @param name        the series name as written ({@code x_bucket} for a histogram bucket)
 * @param labels      label name to unescaped value, sorted by name
 * @param value       the value ({@code +Inf}, {@code -Inf} and {@code NaN} included)
 * @param timestampMs the optional timestamp, milliseconds since the epoch
 */
public record Sample(String name, SortedMap<String, String> labels, double value, OptionalLong timestampMs) {

    public Sample {
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public String label(String labelName) {
        return labels.get(labelName);
    }

    /** The labels without {@code exclude} (a histogram series is its bucket labels without {@code le}). */
    public SortedMap<String, String> labelsWithout(String exclude) {
        TreeMap<String, String> copy = new TreeMap<>(labels);
        copy.remove(exclude);
        return copy;
    }

    /** {@code {a="x",b="y"}} with values escaped again, or the empty string without labels. */
    public static String formatLabels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("{");
        labels.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(k).append("=\"")
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        });
        return sb.append('}').toString();
    }
}
