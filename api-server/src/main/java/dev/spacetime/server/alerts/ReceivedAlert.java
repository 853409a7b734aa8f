package dev.spacetime.server.alerts;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One alert as the receiver keeps it: the latest notification Alertmanager sent for its fingerprint.
 *
 * @param receiver the Alertmanager receiver (route) that delivered it
 * @param endsAt   empty while Alertmanager sends its zero time (still firing, no end known)
 */
public record ReceivedAlert(String fingerprint, AlertStatus status, String receiver, Map<String, String> labels,
                            Map<String, String> annotations, Instant startsAt, Optional<Instant> endsAt,
                            String generatorUrl, Instant receivedAt) {

    /** The label Prometheus names alerts with. */
    public static final String ALERTNAME = "alertname";

    public ReceivedAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public String alertname() {
        return labels.getOrDefault(ALERTNAME, "");
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("fingerprint", fingerprint)
                .put("status", status.label())
                .put("receiver", receiver)
                .put("alertname", alertname())
                .put("labels", new JsonObject(new java.util.TreeMap<>(labels)))
                .put("annotations", new JsonObject(new java.util.TreeMap<>(annotations)))
                .put("startsAt", startsAt.toString())
                .put("endsAt", endsAt.map(Instant::toString).orElse(null))
                .put("generatorURL", generatorUrl)
                .put("receivedAt", receivedAt.toString());
    }

    /**
     * The alert {@link #toJson()} described (as the state store keeps it).
     *
     * @throws IllegalArgumentException when a field is missing or malformed
     */
    public static ReceivedAlert fromJson(JsonObject json) {
        try {
            return new ReceivedAlert(required(json, "fingerprint"),
                    AlertStatus.parse(json.getString("status")).orElseThrow(
                            () -> new IllegalArgumentException("status")),
                    required(json, "receiver"), strings(json.getJsonObject("labels")),
                    strings(json.getJsonObject("annotations")), Instant.parse(required(json, "startsAt")),
                    Optional.ofNullable(json.getString("endsAt")).map(Instant::parse),
                    required(json, "generatorURL"), Instant.parse(required(json, "receivedAt")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a kept alert: " + e.getMessage(), e);
        }
    }

    private static String required(JsonObject json, String key) {
        return java.util.Objects.requireNonNull(json.getString(key), key);
    }

    private static Map<String, String> strings(JsonObject o) {
        Map<String, String> out = new java.util.HashMap<>();
        o.forEach(e -> out.put(e.getKey(), (String) e.getValue()));
        return out;
    }
}
