package dev.spacetime.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.AuthResult;
import dev.spacetime.server.config.ServerConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the {@code Authorization} header is read: scheme, case, whitespace, and the length past which it is no token. */
class BearerHeaderTest {
    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final TokenService tokens = new TokenService(vertx,
            new ServerConfig.Auth(Optional.empty(), Duration.ofHours(1), Duration.ofMinutes(5)), clock);

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private TokenService.Verdict verify(String header) throws Exception {
        return tokens.verify(header, Role.READER).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Optional<String> idOf(String token) throws Exception {
        return tokens.idOf(token).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aMissingOrBlankHeaderIsAMissingToken() throws Exception {
        for (String header : new String[] {null, "", "   "}) {
            assertThat(verify(header)).as("[%s]", header)
                    .isEqualTo(TokenService.Verdict.fail(AuthResult.MISSING_TOKEN, "bearer token required"));
        }
    }

    @Test
    void theSchemeIsBearerInAnyCase() throws Exception {
        var token = tokens.issue(Role.READER, Duration.ofHours(1));
        for (String scheme : new String[] {"Bearer ", "bearer ", "BEARER "}) {
            TokenService.Verdict v = verify(scheme + token.token());
            assertThat(v.ok()).as(scheme).isTrue();
            assertThat(v.token()).isEqualTo(token.info());
        }
        for (String header : new String[] {"Basic " + token.token(), token.token(), "Bearer" + token.token()}) {
            assertThat(verify(header).result()).as(header).isEqualTo(AuthResult.INVALID_TOKEN);
        }
    }

    @Test
    void aHeaderLongerThanAnyIssuedTokenIsRefusedWithoutVerifying() throws Exception {
        String padded = "Bearer " + "a".repeat(4096);
        assertThat(verify(padded).result()).as("4096 chars of token: verified, and invalid")
                .isEqualTo(AuthResult.INVALID_TOKEN);
        assertThat(verify(padded).message()).isEqualTo("invalid token");
        assertThat(verify(padded + "a").message()).isEqualTo("authorization must be 'Bearer <token>'");
    }

    @Test
    void theIdOfAnExpiredButGenuineTokenIsKnownAndOfAnythingElseIsNot() throws Exception {
        var token = tokens.issue(Role.READER, Duration.ofSeconds(1));
        clock.advance(Duration.ofHours(2));
        assertThat(idOf(token.token())).hasValue(token.info().id());
        assertThat(idOf("not.a.token")).isEmpty();
        assertThat(idOf(token.token() + "x".repeat(4096))).isEmpty();
    }
}
