package dev.spacetime.server.alerts;

import dev.spacetime.server.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager's webhook payload, version 4, validated field by field: anything else is a 400 naming the field.
 * Bounds on counts and lengths keep what one accepted alert can cost in memory small, whatever a token holder
 * sends.
 */
public record WebhookPayload(String receiver, AlertStatus status, List<ReceivedAlert> alerts,
                             Map<String, String> groupLabels, Map<String, String> commonLabels,
                             Map<String, String> commonAnnotations, String externalUrl, String groupKey,
                             long truncatedAlerts) {

    public static final String VERSION = "4";
    static final int MAX_ALERTS = 1000;
    static final int MAX_ENTRIES = 64;
    static final int MAX_KEY_CHARS = 128;
    static final int MAX_VALUE_CHARS = 4096;
    /** Labels, annotations and generator URL of one alert together. */
    static final int MAX_ALERT_CHARS = 16 * 1024;
    private static final int MAX_NAME_CHARS = 256;
    private static final int MAX_FINGERPRINT_CHARS = 128;

    public WebhookPayload {
        alerts = List.copyOf(alerts);
        groupLabels = Map.copyOf(groupLabels);
        commonLabels = Map.copyOf(commonLabels);
        commonAnnotations = Map.copyOf(commonAnnotations);
    }

    /** @throws ApiException 400 on anything that is not a version-4 payload within bounds */
    public static WebhookPayload parse(JsonObject body, Instant receivedAt) {
        if (!VERSION.equals(body.getValue("version"))) {
            throw invalid("version must be \"" + VERSION + "\"");
        }
        String receiver = string(body, "receiver", MAX_NAME_CHARS, false);
        AlertStatus status = status(body, "status");
        Object rawAlerts = body.getValue("alerts");
        if (!(rawAlerts instanceof JsonArray array)) {
            throw invalid("alerts must be an array");
        }
        if (array.size() > MAX_ALERTS) {
            throw invalid("alerts must hold at most " + MAX_ALERTS + " entries");
        }
        List<ReceivedAlert> alerts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject alert)) {
                throw invalid("alerts[" + i + "] must be an object");
            }
            alerts.add(alert(alert, "alerts[" + i + "].", receiver, receivedAt));
        }
        Object truncated = body.getValue("truncatedAlerts", 0);
        if (!(truncated instanceof Integer || truncated instanceof Long) || ((Number) truncated).longValue() < 0) {
            throw invalid("truncatedAlerts must be a non-negative integer");
        }
        return new WebhookPayload(receiver, status, alerts,
                labels(body, "groupLabels"), labels(body, "commonLabels"), labels(body, "commonAnnotations"),
                string(body, "externalURL", MAX_VALUE_CHARS, true), string(body, "groupKey", MAX_VALUE_CHARS, true),
                ((Number) truncated).longValue());
    }

    private static ReceivedAlert alert(JsonObject alert, String where, String receiver, Instant receivedAt) {
        String fingerprint = string(alert, "fingerprint", MAX_FINGERPRINT_CHARS, false, where);
        Map<String, String> labels = labels(alert, "labels", where);
        if (labels.isEmpty()) {
            throw invalid(where + "labels must not be empty");
        }
        Map<String, String> annotations = labels(alert, "annotations", where);
        String generatorUrl = string(alert, "generatorURL", MAX_VALUE_CHARS, true, where);
        long chars = generatorUrl.length();
        for (Map<String, String> m : List.of(labels, annotations)) {
            for (Map.Entry<String, String> e : m.entrySet()) {
                chars += e.getKey().length() + e.getValue().length();
            }
        }
        if (chars > MAX_ALERT_CHARS) {
            throw invalid(where + "labels, annotations and generatorURL exceed " + MAX_ALERT_CHARS + " characters");
        }
        Instant startsAt = time(alert, "startsAt", where);
        Instant endsAt = time(alert, "endsAt", where);
        // Go's zero time: Alertmanager knows no end yet.
        Optional<Instant> end = endsAt.getEpochSecond() <= 0 ? Optional.empty() : Optional.of(endsAt);
        return new ReceivedAlert(fingerprint, status(alert, where + "status", "status"), receiver, labels,
                annotations, startsAt, end, generatorUrl, receivedAt);
    }

    private static AlertStatus status(JsonObject o, String field) {
        return status(o, field, field);
    }

    private static AlertStatus status(JsonObject o, String where, String field) {
        return AlertStatus.parse(o.getValue(field))
                .orElseThrow(() -> invalid(where + " must be \"firing\" or \"resolved\""));
    }

    private static String string(JsonObject o, String field, int maxChars, boolean mayBeEmpty) {
        return string(o, field, maxChars, mayBeEmpty, "");
    }

    private static String string(JsonObject o, String field, int maxChars, boolean mayBeEmpty, String where) {
        Object value = o.getValue(field, mayBeEmpty ? "" : null);
        if (!(value instanceof String s) || (!mayBeEmpty && s.isEmpty()) || s.length() > maxChars) {
            throw invalid(where + field + " must be a " + (mayBeEmpty ? "" : "non-empty ") + "string of at most "
                    + maxChars + " characters");
        }
        return s;
    }

    private static Map<String, String> labels(JsonObject o, String field) {
        return labels(o, field, "");
    }

    private static Map<String, String> labels(JsonObject o, String field, String where) {
        Object value = o.getValue(field, new JsonObject());
        if (!(value instanceof JsonObject map) || map.size() > MAX_ENTRIES) {
            throw invalid(where + field + " must be an object of at most " + MAX_ENTRIES + " string values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : map.fieldNames()) {
            Object v = map.getValue(key);
            if (key.isEmpty() || key.length() > MAX_KEY_CHARS || !(v instanceof String s) || s.length() > MAX_VALUE_CHARS) {
                throw invalid(where + field + " must map names of 1-" + MAX_KEY_CHARS + " characters to strings of at"
                        + " most " + MAX_VALUE_CHARS);
            }
            out.put(key, s);
        }
        return out;
    }

    private static Instant time(JsonObject o, String field, String where) {
        if (o.getValue(field) instanceof String s && s.length() <= 64) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw invalid(where + field + " must be an RFC 3339 time");
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid webhook payload: " + message);
    }
}
