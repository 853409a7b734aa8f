package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DrainTest {

    @Test
    void closeLetsAnInFlightRequestFinish() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        TestServer s = TestServer.start(c -> c, List.of(routes -> routes.get("/test/slow").handler(rc -> {
            arrived.countDown();
            rc.vertx().setTimer(500, id -> rc.response().end("done"));
        })));
        try {
            var pending = s.http.sendAsync(HttpRequest.newBuilder(s.uri("/test/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
            s.server.close();
            HttpResponse<String> response = pending.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("done");
        } finally {
            s.close();
        }
    }
}
