package dev.spacetime.server.metrics.exposition;

import dev.spacetime.server.http.Phases;
import dev.spacetime.server.http.RequestContext;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.routes.Routes;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /metrics}: the registry in the format the scraper asks for (Prometheus text 0.0.4, OpenMetrics or
 * protobuf, by {@code Accept}), gzip-compressed when {@code Accept-Encoding} allows. Collecting and writing run on the
 * monitoring executor: JVM metrics and a large registry take milliseconds the event loop must not spend, and a scrape
 * must never wait behind scene work.
 */
public final class MetricsFeature implements RouteFeature {

    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private record Rendered(Buffer body, String contentType, boolean gzip) {
    }

    private final PrometheusRegistry registry;
    private final WorkerExecutor monitoring;

    /** Serves {@code registry}, collected and written on {@code monitoring}. */
    public MetricsFeature(PrometheusRegistry registry, WorkerExecutor monitoring) {
        this.registry = registry;
        this.monitoring = monitoring;
    }

    @Override
    public void mount(Routes routes) {
        routes.get("/metrics").handler(rc -> {
            String accept = rc.request().getHeader("Accept");
            boolean gzip = acceptsGzip(rc.request().getHeader("Accept-Encoding"));
            var phase = RequestContext.of(rc).phase(Phases.SERIALIZATION);
            monitoring.executeBlocking(() -> render(registry, accept, gzip), false).onComplete(ar -> {
                phase.close();
                if (ar.failed()) {
                    rc.fail(ar.cause());
                    return;
                }
                send(rc, ar.result());
            });
        });
    }

    private static Rendered render(PrometheusRegistry registry, String accept, boolean gzip) throws IOException {
        ExpositionFormatWriter writer = FORMATS.findWriter(accept);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes) {
            writer.write(out, registry.scrape(), EscapingScheme.fromAcceptHeader(accept));
        }
        return new Rendered(Buffer.buffer(bytes.toByteArray()), writer.getContentType(), gzip);
    }

    private static void send(RoutingContext rc, Rendered rendered) {
        var response = rc.response().putHeader("Content-Type", rendered.contentType()).putHeader("Vary",
                "Accept, Accept-Encoding");
        if (rendered.gzip()) {
            response.putHeader("Content-Encoding", "gzip");
        }
        response.end(rendered.body());
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] codingAndParams = part.trim().split(";");
            if (codingAndParams[0].trim().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < codingAndParams.length; i++) {
                    String p = codingAndParams[i].trim().replace(" ", "");
                    if (p.equals("q=0") || p.matches("q=0\\.0*")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
