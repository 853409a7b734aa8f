package dev.spacetime.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.server.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Alertmanager's payload is accepted up to every bound exactly and refused one past it, naming the field. */
class WebhookPayloadBoundsTest {
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

    private static JsonObject alert() {
        return new JsonObject().put("status", "firing").put("fingerprint", "fp1")
                .put("labels", new JsonObject().put("alertname", "HTTPAPIDown"))
                .put("annotations", new JsonObject().put("summary", "down"))
                .put("startsAt", "2026-11-30T02:59:00Z").put("endsAt", "0001-01-01T00:00:00Z")
                .put("generatorURL", "http://prometheus/graph");
    }

    private static JsonObject payload(JsonObject... alerts) {
        return new JsonObject().put("version", "4").put("receiver", "security").put("status", "firing")
                .put("alerts", new JsonArray(java.util.List.of((Object[]) alerts)))
                .put("groupLabels", new JsonObject().put("alertname", "HTTPAPIDown"))
                .put("commonLabels", new JsonObject().put("severity", "critical"))
                .put("commonAnnotations", new JsonObject().put("summary", "down"))
                .put("externalURL", "http://alertmanager").put("groupKey", "{}:{alertname=\"HTTPAPIDown\"}");
    }

    private static WebhookPayload parse(JsonObject body) {
        return WebhookPayload.parse(body, NOW);
    }

    private static void refused(JsonObject body, String message) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("invalid webhook payload: " + message);
        });
    }

    private static JsonObject with(JsonObject o, Consumer<JsonObject> change) {
        JsonObject copy = o.copy();
        change.accept(copy);
        return copy;
    }

    @Test
    void aTypicalPayloadIsReadFieldByField() {
        WebhookPayload p = parse(payload(alert()));
        assertThat(p.receiver()).isEqualTo("security");
        assertThat(p.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(p.groupLabels()).isEqualTo(Map.of("alertname", "HTTPAPIDown"));
        assertThat(p.commonLabels()).isEqualTo(Map.of("severity", "critical"));
        assertThat(p.commonAnnotations()).isEqualTo(Map.of("summary", "down"));
        assertThat(p.externalUrl()).isEqualTo("http://alertmanager");
        assertThat(p.truncatedAlerts()).isZero();
        assertThat(p.alerts()).containsExactly(new ReceivedAlert("fp1", AlertStatus.FIRING, "security",
                Map.of("alertname", "HTTPAPIDown"), Map.of("summary", "down"),
                Instant.parse("2026-11-30T02:59:00Z"), Optional.empty(), "http://prometheus/graph", NOW));
    }

    @Test
    void optionalFieldsMayBeMissingAndRequiredOnesMayNot() {
        WebhookPayload p = parse(with(payload(alert()), o -> {
            o.remove("externalURL");
            o.remove("groupKey");
            o.remove("groupLabels");
        }));
        assertThat(p.externalUrl()).isEmpty();
        assertThat(p.groupKey()).isEmpty();
        assertThat(p.groupLabels()).isEmpty();
        refused(with(payload(alert()), o -> o.remove("receiver")),
                "receiver must be a non-empty string of at most 256 characters");
        refused(with(payload(alert()), o -> o.put("receiver", "")),
                "receiver must be a non-empty string of at most 256 characters");
        refused(with(payload(alert()), o -> o.put("externalURL", 1)),
                "externalURL must be a string of at most 4096 characters");
        refused(payload(with(alert(), a -> a.remove("fingerprint"))),
                "alerts[0].fingerprint must be a non-empty string of at most 128 characters");
    }

    @Test
    void stringsUpToTheirLimit() {
        assertThat(parse(with(payload(alert()), o -> o.put("receiver", "r".repeat(256)))).receiver()).hasSize(256);
        refused(with(payload(alert()), o -> o.put("receiver", "r".repeat(257))),
                "receiver must be a non-empty string of at most 256 characters");
        assertThat(parse(payload(with(alert(), a -> a.put("fingerprint", "f".repeat(128))))).alerts()).hasSize(1);
        refused(payload(with(alert(), a -> a.put("fingerprint", "f".repeat(129)))),
                "alerts[0].fingerprint must be a non-empty string of at most 128 characters");
    }

    @Test
    void atMostMaxAlerts() {
        JsonObject[] alerts = new JsonObject[WebhookPayload.MAX_ALERTS + 1];
        for (int i = 0; i < alerts.length; i++) {
            alerts[i] = alert();
        }
        JsonObject atLimit = payload(java.util.Arrays.copyOf(alerts, WebhookPayload.MAX_ALERTS));
        assertThat(parse(atLimit).alerts()).hasSize(WebhookPayload.MAX_ALERTS);
        refused(payload(alerts), "alerts must hold at most 1000 entries");
    }

    @Test
    void labelMapsUpToTheirLimits() {
        JsonObject labels = new JsonObject();
        for (int i = 0; i < WebhookPayload.MAX_ENTRIES; i++) {
            labels.put("l" + i, "v");
        }
        assertThat(parse(with(payload(alert()), o -> o.put("commonLabels", labels))).commonLabels())
                .hasSize(WebhookPayload.MAX_ENTRIES);
        String mapMessage = "commonLabels must be an object of at most 64 string values";
        refused(with(payload(alert()), o -> o.put("commonLabels", labels.copy().put("one", "more"))), mapMessage);
        String entryMessage = "commonLabels must map names of 1-128 characters to strings of at most 4096";
        JsonObject longest = new JsonObject().put("k".repeat(128), "v".repeat(4096));
        assertThat(parse(with(payload(alert()), o -> o.put("commonLabels", longest))).commonLabels())
                .isEqualTo(Map.of("k".repeat(128), "v".repeat(4096)));
        refused(with(payload(alert()), o -> o.put("commonLabels", new JsonObject().put("k".repeat(129), "v"))),
                entryMessage);
        refused(with(payload(alert()), o -> o.put("commonLabels", new JsonObject().put("k", "v".repeat(4097)))),
                entryMessage);
        refused(with(payload(alert()), o -> o.put("commonLabels", new JsonObject().put("", "v"))), entryMessage);
    }

    @Test
    void oneAlertCarriesAtMostMaxAlertCharsOfLabelsAnnotationsAndUrl() {
        // labels "alertname"+"A" (10) + url (10) + annotations a1..a4 (2 each) = 28, the rest in annotation values
        int rest = WebhookPayload.MAX_ALERT_CHARS - 28;
        JsonObject atLimit = with(alert(), a -> a.put("labels", new JsonObject().put("alertname", "A"))
                .put("generatorURL", "http://p/g")
                .put("annotations", new JsonObject().put("a1", "x".repeat(4096)).put("a2", "x".repeat(4096))
                        .put("a3", "x".repeat(4096)).put("a4", "x".repeat(rest - 3 * 4096))));
        assertThat(parse(payload(atLimit)).alerts()).hasSize(1);
        JsonObject over = with(atLimit, a -> a.put("generatorURL", "http://p/g2"));
        refused(payload(over), "alerts[0].labels, annotations and generatorURL exceed 16384 characters");
    }

    @Test
    void anEndAtOrBeforeTheEpochIsNoEnd() {
        assertThat(parse(payload(with(alert(), a -> a.put("endsAt", "1970-01-01T00:00:00Z")))).alerts().get(0)
                .endsAt()).isEmpty();
        assertThat(parse(payload(with(alert(), a -> a.put("endsAt", "1970-01-01T00:00:01Z")))).alerts().get(0)
                .endsAt()).contains(Instant.ofEpochSecond(1));
        refused(payload(with(alert(), a -> a.put("endsAt", "yesterday"))), "alerts[0].endsAt must be an RFC 3339 time");
        refused(payload(with(alert(), a -> a.put("status", "pending"))),
                "alerts[0].status must be \"firing\" or \"resolved\"");
    }

    @Test
    void truncatedAlertsIsANonNegativeInteger() {
        assertThat(parse(with(payload(alert()), o -> o.put("truncatedAlerts", 3))).truncatedAlerts()).isEqualTo(3);
        refused(with(payload(alert()), o -> o.put("truncatedAlerts", -1)),
                "truncatedAlerts must be a non-negative integer");
        refused(with(payload(alert()), o -> o.put("truncatedAlerts", 1.5)),
                "truncatedAlerts must be a non-negative integer");
    }
}
