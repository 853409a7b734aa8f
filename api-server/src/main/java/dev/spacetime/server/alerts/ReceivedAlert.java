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
}
