package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.profiler.ProfileRecorder;
import dev.spacetime.server.http.Phases;
import dev.spacetime.server.http.RequestOutcome;
import dev.spacetime.server.http.RequestTrace;
import dev.spacetime.server.http.RequestTracer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The per-request trace seam: an installed tracer sees each phase in check order and the request's outcome. */
class TraceTest {

    @Test
    void aMutatingRouteReportsItsPhasesInCheckOrder() throws Exception {
        List<String> phases = new CopyOnWriteArrayList<>();
        LinkedBlockingQueue<RequestOutcome> outcomes = new LinkedBlockingQueue<>();
        RequestTracer tracer = (method, path, startNanos) -> new RequestTrace() {
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
        };
        try (TestServer s = TestServer.start(c -> c, tracer)) {
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
        RequestTracer tracer = (method, path, startNanos) -> new RequestTrace() {
            @Override
            public ProfileRecorder.Scope phase(String name) {
                return ProfileRecorder.Scope.NONE;
            }

            @Override
            public void finish(RequestOutcome outcome) {
                throw new IllegalStateException("tracer broke on " + outcome.endpoint());
            }
        };
        try (LogCapture severe = LogCapture.severe(); TestServer s = TestServer.start(c -> c, tracer)) {
            var response = s.send("GET", "/health/live", null);
            assertThat(response.statusCode()).isEqualTo(200);
            LogRecord logged = severe.records.poll(10, TimeUnit.SECONDS);
            assertThat(logged).isNotNull();
            assertThat(logged.getThrown()).hasMessage("tracer broke on /health/live");
        }
    }
}
