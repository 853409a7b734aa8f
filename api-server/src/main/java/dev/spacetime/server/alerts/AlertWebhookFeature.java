package dev.spacetime.server.alerts;

import dev.spacetime.catalog.Heartbeats;
import dev.spacetime.catalog.Metrics;
import dev.spacetime.server.auth.Role;
import dev.spacetime.server.auth.TokenService;
import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.http.RequestContext;
import dev.spacetime.server.http.Responses;
import dev.spacetime.server.metrics.ServerMetrics;
import dev.spacetime.server.ratelimit.RouteGroup;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.routes.Routes;
import dev.spacetime.server.state.AlertRecords;
import dev.spacetime.server.state.StateStore;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The receiver of Alertmanager's notifications. {@code POST /alerts/webhook} (webhook role only) takes a
 * version-4 payload and keeps each alert's latest notification by fingerprint in a bounded {@link AlertStore},
 * counting alerts in {@code alert_webhook_alerts_total{status}}. {@code GET /alerts} (reader) lists them, newest
 * first, optionally filtered by {@code status} and {@code alertname}.
 *
 * <p>The kept alerts survive restarts: each notification is stored ({@link AlertRecords}) before the 200, so one
 * Alertmanager saw acknowledged is never lost, and one that could not be stored gets a 503 it retries.
 *
 * <p>Heartbeats: a firing {@link Heartbeats#WATCHDOG_ALERT} alert is the dead man's switch,
 * recorded in {@link LastHeartbeat} (stored before the 200 like any alert). Watchdog notifications, firing or
 * resolved, are neither kept nor counted: they arrive every minute and would bury the alerts someone must read (and
 * make {@code alert_webhook_alerts_total} grow whether or not anything is wrong); the heartbeat has its own gauge.
 * A resolved Watchdog is no heartbeat (Prometheus stopped evaluating it): it is logged, and the heartbeat ages.
 * Validation is the same for every alert: a malformed payload is refused whole, heartbeat included.
 *
 * <p>The webhook is not rate limited: Alertmanager batches by group and retries, and a 429 would only delay
 * notifications; its token is the gate, and the body limit and store capacity bound what a token holder can cost.
 */
public final class AlertWebhookFeature implements RouteFeature {

    private static final Logger LOG = Logger.getLogger(AlertWebhookFeature.class.getName());
    public static final String WEBHOOK_PATH = "/alerts/webhook";
    public static final String LIST_PATH = "/alerts";
    private static final int MAX_FILTER_CHARS = 256;

    private final AlertStore store = new AlertStore(AlertStore.DEFAULT_CAPACITY);
    private final AlertRecords kept;
    private final Map<AlertStatus, CounterDataPoint> received = new EnumMap<>(AlertStatus.class);
    private final Vertx vertx;
    private final TokenService tokens;
    private final Path webhookTokenFile;
    private final LastHeartbeat heartbeat;
    private final Clock clock;

    /**
     * Keeps alerts in {@code state} (restoring the kept ones now) and counts them in {@code metrics}, heartbeats in
     * {@code heartbeat}, each received at {@code clock}'s time; once the server listens, writes the webhook token from
     * {@code tokens} to {@code webhookTokenFile} and keeps it fresh.
     */
    public AlertWebhookFeature(StateStore state, ServerMetrics metrics, Vertx vertx, TokenService tokens,
                               Path webhookTokenFile, LastHeartbeat heartbeat, Clock clock) {
        this.kept = state.alerts();
        this.heartbeat = heartbeat;
        this.clock = clock;
        this.vertx = vertx;
        this.tokens = tokens;
        this.webhookTokenFile = webhookTokenFile.toAbsolutePath();
        for (AlertStatus s : AlertStatus.values()) {
            received.put(s, metrics.counter(Metrics.ALERT_NOTIFICATIONS).labelValues(s.label()));
        }
        restore(state.restored().alerts());
    }

    @Override
    public void mount(Routes routes) {
        routes.post(WEBHOOK_PATH).role(Role.WEBHOOK).jsonBody().handler(rc -> {
            Instant now = clock.instant();
            WebhookPayload payload = WebhookPayload.parse(RequestContext.of(rc).json(), now);
            List<ReceivedAlert> alerts = payload.alerts().stream().filter(a -> !LastHeartbeat.isWatchdog(a)).toList();
            CompletableFuture<Void> saved = CompletableFuture.completedFuture(null);
            if (!alerts.isEmpty()) {
                // The change and its queueing under one lock: the table sees changes in the order the store made them.
                synchronized (store) {
                    List<String> evicted = store.putAll(alerts);
                    saved = kept.save(alerts.stream().map(AlertWebhookFeature::row).toList(), evicted);
                }
                alerts.forEach(alert -> received.get(alert.status()).inc());
            }
            if (payload.alerts().stream().anyMatch(LastHeartbeat::isHeartbeat)) {
                saved = CompletableFuture.allOf(saved, heartbeat.record(now));
            } else if (alerts.size() < payload.alerts().size()) {
                LOG.warning("the " + Heartbeats.WATCHDOG_ALERT + " alert was resolved: Prometheus stopped"
                        + " evaluating it, and no heartbeat comes until it fires again");
            }
            Future.fromCompletionStage(saved, rc.vertx().getOrCreateContext()).onComplete(ar -> {
                if (ar.failed()) {
                    rc.fail(StateStore.reply(ar.cause()));
                } else {
                    Responses.json(rc, 200, new JsonObject().put("accepted", payload.alerts().size()));
                }
            });
        });
        routes.get(LIST_PATH).role(Role.READER).limit(RouteGroup.DEFAULT).handler(rc -> {
            Predicate<ReceivedAlert> filter = filter(rc);
            List<ReceivedAlert> alerts = store.recent(filter);
            Responses.json(rc, 200, new JsonObject()
                    .put("alerts", new JsonArray(alerts.stream().map(ReceivedAlert::toJson).toList()))
                    .put("count", alerts.size())
                    .put("capacity", store.capacity()));
        });
    }

    /**
     * Puts the kept alerts back in order; rows that cannot be read, or no longer fit, are dropped from the table, and
     * so are Watchdog alerts kept by a server that listed them as ordinary alerts.
     */
    private void restore(List<AlertRecords.Row> rows) {
        List<ReceivedAlert> alerts = new ArrayList<>(rows.size());
        List<String> dropped = new ArrayList<>();
        List<String> watchdogs = new ArrayList<>();
        for (AlertRecords.Row row : rows) {
            ReceivedAlert alert;
            try {
                alert = ReceivedAlert.fromJson(new JsonObject(row.json()));
            } catch (RuntimeException e) {
                dropped.add(row.fingerprint());
                continue;
            }
            if (LastHeartbeat.isWatchdog(alert)) {
                watchdogs.add(row.fingerprint());
            } else {
                alerts.add(alert);
            }
        }
        if (!dropped.isEmpty()) {
            LOG.warning(dropped.size() + " kept alerts could not be read and were dropped");
        }
        dropped.addAll(watchdogs);
        dropped.addAll(store.putAll(alerts));
        if (!dropped.isEmpty()) {
            kept.save(List.of(), dropped);
        }
    }

    private static AlertRecords.Row row(ReceivedAlert alert) {
        return new AlertRecords.Row(alert.fingerprint(), alert.toJson().encode());
    }

    @Override
    public void listening() throws IOException {
        WebhookToken.provision(vertx, tokens, webhookTokenFile);
    }

    private static Predicate<ReceivedAlert> filter(RoutingContext rc) {
        Predicate<ReceivedAlert> filter = a -> true;
        Optional<String> status = query(rc, "status");
        if (status.isPresent()) {
            AlertStatus wanted = AlertStatus.parse(status.get())
                    .orElseThrow(() -> new ApiException(400, "status must be \"firing\" or \"resolved\""));
            filter = filter.and(a -> a.status() == wanted);
        }
        Optional<String> alertname = query(rc, "alertname");
        if (alertname.isPresent()) {
            String wanted = alertname.get();
            filter = filter.and(a -> a.alertname().equals(wanted));
        }
        return filter;
    }

    private static Optional<String> query(RoutingContext rc, String name) {
        List<String> values = rc.queryParam(name);
        if (values.size() > 1 || values.stream().anyMatch(v -> v.isEmpty() || v.length() > MAX_FILTER_CHARS)) {
            throw new ApiException(400, name + " must be given at most once, 1-" + MAX_FILTER_CHARS + " characters");
        }
        return values.stream().findFirst();
    }
}
