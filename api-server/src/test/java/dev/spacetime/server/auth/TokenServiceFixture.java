package dev.spacetime.server.auth;

import dev.spacetime.catalog.AuthResult;
import dev.spacetime.server.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** A token service (random secret, 1 h tokens, 5 min rotation grace) on its own Vert.x, with a hand-moved clock. */
abstract class TokenServiceFixture {
    static final Duration GRACE = Duration.ofMinutes(5);

    final Vertx vertx = Vertx.vertx();
    final MutableClock clock = new MutableClock(Instant.now());
    final TokenService tokens = service(Optional.empty());

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Another service on the same Vert.x and clock. */
    TokenService service(Optional<String> secret) {
        return new TokenService(vertx, new ServerConfig.Auth(secret, Duration.ofHours(1), GRACE), clock);
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    AuthResult verify(String token, Role required) throws Exception {
        return await(tokens.verify("Bearer " + token, required)).result();
    }
}
