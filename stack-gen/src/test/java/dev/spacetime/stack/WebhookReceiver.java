package dev.spacetime.stack;

import com.sun.net.httpserver.HttpServer;
import dev.spacetime.catalog.Labels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook endpoint on loopback (the JDK's HttpServer) standing in for a receiver Alertmanager posts to: it answers
 * every delivery with a fixed status and records each one.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One webhook delivery: the receiver, its alerts (each a map with labels), the Authorization header. */
    record Delivery(String receiver, List<Map<String, Object>> alerts, String authorization) {

        List<String> alertnames() {
            return alerts.stream().map(a -> (String) Yaml.map(a, "labels").get(Labels.ALERTNAME)).toList();
        }

        /** The delivered alert named {@code alertname}, if this delivery carries it. */
        Optional<Map<String, Object>> alert(String alertname) {
            return alerts.stream().filter(a -> alertname.equals(Yaml.map(a, "labels").get(Labels.ALERTNAME)))
                    .findFirst();
        }
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private WebhookReceiver(String path, int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(StackSettings.LOOPBACK, 0), 16);
        server.createContext(path, exchange -> {
            Map<String, Object> payload = LiveHttp.parse(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            deliveries.add(new Delivery((String) payload.get("receiver"), LiveHttp.maps(Yaml.list(payload, "alerts")),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Listens on a free loopback port for POSTs to {@code path}, answering each with {@code status}. */
    static WebhookReceiver start(String path, int status) throws IOException {
        return new WebhookReceiver(path, status);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every delivery so far, oldest first. */
    List<Delivery> deliveries() {
        return deliveries;
    }

    /** The first delivery carrying {@code alertname}. */
    Optional<Delivery> find(String alertname) {
        return deliveries.stream().filter(d -> d.alertnames().contains(alertname)).findFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
