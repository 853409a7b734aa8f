package dev.spacetime.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.AuthResult;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verification cache must never accept a token the uncached check would refuse. */
class TokenServiceTest {

    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = new MutableClock(Instant.now());
    private StateStore state;
    private TokenService tokens;

    @BeforeEach
    void open(@TempDir Path dir) throws Exception {
        state = StateStore.open(dir, clock);
        tokens = new TokenService(vertx,
                new ServerConfig.Auth(Optional.empty(), Duration.ofHours(1), Duration.ofMinutes(5)), clock, state);
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        state.close();
    }

    @Test
    void aRememberedTokenIsRefusedOnceRevoked() throws Exception {
        var token = await(tokens.issue(Role.READER, Duration.ofHours(1)));
        assertThat(verify(token.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
        assertThat(verify(token.token(), Role.READER)).as("second check, remembered").isEqualTo(AuthResult.SUCCESS);
        assertThat(await(tokens.revoke(token.info().id()))).isTrue();
        assertThat(verify(token.token(), Role.READER)).isEqualTo(AuthResult.INVALID_TOKEN);
    }

    @Test
    void aRememberedTokenExpiresAtItsExpiry() throws Exception {
        var token = await(tokens.issue(Role.READER, Duration.ofMinutes(10)));
        assertThat(verify(token.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
        clock.advance(Duration.ofMinutes(11));
        assertThat(verify(token.token(), Role.READER)).isEqualTo(AuthResult.EXPIRED_TOKEN);
    }

    @Test
    void aRememberedAdminTokenStopsAfterRotationGrace() throws Exception {
        var old = await(tokens.issue(Role.ADMIN, Duration.ofHours(1)));
        assertThat(verify(old.token(), Role.ADMIN)).isEqualTo(AuthResult.SUCCESS);
        var fresh = await(tokens.rotate());
        assertThat(verify(old.token(), Role.ADMIN)).as("within grace").isEqualTo(AuthResult.SUCCESS);
        clock.advance(Duration.ofMinutes(6));
        assertThat(verify(old.token(), Role.ADMIN)).isEqualTo(AuthResult.EXPIRED_TOKEN);
        assertThat(verify(fresh.token(), Role.ADMIN)).isEqualTo(AuthResult.SUCCESS);
    }

    @Test
    void roleIsCheckedOnEveryRememberedUse() throws Exception {
        var token = await(tokens.issue(Role.READER, Duration.ofHours(1)));
        assertThat(verify(token.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
        assertThat(verify(token.token(), Role.ADMIN)).isEqualTo(AuthResult.FORBIDDEN);
        assertThat(verify(token.token(), Role.ADMIN)).isEqualTo(AuthResult.FORBIDDEN);
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsRefused() throws Exception {
        String token = await(tokens.issue(Role.READER, Duration.ofHours(1))).token();
        assertThat(verify(token, Role.READER)).isEqualTo(AuthResult.SUCCESS);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(verify(tampered, Role.READER)).isEqualTo(AuthResult.INVALID_TOKEN);
        assertThat(verify(token + " ", Role.READER)).as("same token, trimmed").isEqualTo(AuthResult.SUCCESS);
    }

    @Test
    void fillingTheCacheNeitherRefusesNorRevives() throws Exception {
        var kept = await(tokens.issue(Role.READER, Duration.ofHours(1)));
        assertThat(verify(kept.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
        String firstRevoked = null;
        String lastRevoked = null;
        // revoked tokens not presented again stay remembered until the cache fills and is emptied
        for (int i = 0; i <= TokenService.MAX_VERIFIED; i++) {
            var token = await(tokens.issue(Role.READER, Duration.ofHours(1)));
            assertThat(verify(token.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
            await(tokens.revoke(token.info().id()));
            firstRevoked = firstRevoked == null ? token.token() : firstRevoked;
            lastRevoked = token.token();
        }
        assertThat(verify(kept.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
        assertThat(verify(firstRevoked, Role.READER)).isEqualTo(AuthResult.INVALID_TOKEN);
        assertThat(verify(lastRevoked, Role.READER)).isEqualTo(AuthResult.INVALID_TOKEN);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private AuthResult verify(String token, Role required) throws Exception {
        return tokens.verify("Bearer " + token, required).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).result();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
