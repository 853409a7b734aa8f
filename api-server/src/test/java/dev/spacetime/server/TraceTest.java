package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.profiler.ProfileRecorder;
import dev.spacetime.server.http.Phases;
import dev.spacetime.server.http.RequestOutcome;
import dev.spacetime.server.http.RequestTrace;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The per-request trace seam: an installed tracer sees each phase in check order and the request's outcome. */
class TraceTest {

    @Test
    void aMutatingRouteReportsItsPhasesInCheckOrder() throws Exception {
        List<String> phases = new CopyOnWriteArrayList<>();
        LinkedBlockingQueue<RequestOutcome> outcomes = new LinkedBlockingQueue<>();
        RouteFeature installTracer = (routes, ctx) -> ctx.tracer((method, path, startNanos, traceId) -> new RequestTrace() {
            @Override
            public ProfileRecorder.Scope phase(String name) {
                if (path.equals("/auth/revoke")) {
                    phases.add(name);
                }
                return ProfileRecorder.Scope.NONE;
            }

            @Override
            public void finish(RequestOutcome outcome) {
                outcomes.add(outcome);
            }
        });
        try (TestServer s = TestServer.start(c -> c, List.of(installTracer))) {
            var response = s.send("POST", "/auth/revoke", "{\"jti\":\"unknown\"}", "Authorization",
                    "Bearer " + s.adminToken(), "Content-Type", "application/json");
            assertThat(response.statusCode()).isEqualTo(200);
            RequestOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
            assertThat(outcome).isNotNull();
            assertThat(outcome.endpoint()).isEqualTo("/auth/revoke");
            assertThat(outcome.method()).isEqualTo("POST");
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.requestBytes()).isEqualTo("{\"jti\":\"unknown\"}".length());
            assertThat(phases).containsExactly(Phases.AUTH, Phases.RATE_LIMIT, Phases.VALIDATION,
                    Phases.SERIALIZATION);
        }
    }

    @Test
    void aFailureAfterTheResponseWasSentIsLoggedNotLost() throws Exception {
        // A tracer that breaks when the response ends: the client already has its answer, the bug must still show.
        RouteFeature installTracer = (routes, ctx) -> ctx.tracer((method, path, startNanos, traceId) -> new RequestTrace() {
            @Override
            public ProfileRecorder.Scope phase(String name) {
                return ProfileRecorder.Scope.NONE;
            }

            @Override
            public void finish(RequestOutcome outcome) {
                throw new IllegalStateException("tracer broke on " + outcome.endpoint());
            }
        });
        LinkedBlockingQueue<LogRecord> severe = new LinkedBlockingQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel() == Level.SEVERE) {
                    severe.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try (TestServer s = TestServer.start(c -> c, List.of(installTracer))) {
            var response = s.send("GET", "/health/live", null);
            assertThat(response.statusCode()).isEqualTo(200);
            LogRecord logged = severe.poll(10, TimeUnit.SECONDS);
            assertThat(logged).isNotNull();
            assertThat(logged.getThrown()).hasMessage("tracer broke on /health/live");
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
    }
}
