package dev.spacetime.server.auth;

import dev.spacetime.catalog.AuthResult;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token service (no configured secret, 1 h tokens, 5 min rotation grace) on its own Vert.x and state store, with a
 * hand-moved clock.
 */
abstract class TokenServiceFixture {
    static final Duration GRACE = Duration.ofMinutes(5);

    final Vertx vertx = Vertx.vertx();
    final MutableClock clock = new MutableClock(Instant.now());
    private final List<StateStore> stores = new ArrayList<>();
    @TempDir
    Path dir;
    TokenService tokens;

    @BeforeEach
    void openTokens() throws Exception {
        tokens = service(Optional.empty());
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        stores.forEach(StateStore::close);
    }

    /** Another service on the same Vert.x and clock, with a state store of its own (so its own stored secret). */
    TokenService service(Optional<String> secret) throws IOException {
        return open(dir.resolve("state-" + stores.size()), secret);
    }

    /** {@link #tokens} after a restart: its state store closed and opened again by a new service. */
    TokenService restarted() throws IOException {
        StateStore first = stores.get(0);
        first.close();
        return open(first.file().getParent(), Optional.empty());
    }

    private TokenService open(Path stateDir, Optional<String> secret) throws IOException {
        StateStore state = StateStore.open(stateDir, clock);
        stores.add(state);
        return new TokenService(vertx, new ServerConfig.Auth(secret, Duration.ofHours(1), GRACE), clock, state);
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    AuthResult verify(String token, Role required) throws Exception {
        return await(tokens.verify("Bearer " + token, required)).result();
    }
}
