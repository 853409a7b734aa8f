package dev.spacetime.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Without a configured secret every server signs with its own random key: a token from one server, or one signed with
 * an all-zero key, is not even recognised as signed by another.
 */
class TokenSecretTest extends TokenServiceFixture {
    private static Optional<String> idOf(TokenService tokens, String token) throws Exception {
        return await(tokens.idOf(token));
    }

    @Test
    void twoUnconfiguredServersSignWithDifferentKeys() throws Exception {
        TokenService a = service(Optional.empty());
        TokenService b = service(Optional.empty());
        var token = await(a.issue(Role.ADMIN, Duration.ofHours(1)));
        assertThat(idOf(a, token.token())).hasValue(token.info().id());
        assertThat(idOf(b, token.token())).as("b does not know a's key").isEmpty();
    }

    @Test
    void theRandomKeyIsNotTheAllZeroKey() throws Exception {
        // What the random secret would be if no random bytes were drawn (32 zero bytes, base64url, as state.Restored encodes it).
        String zero = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        TokenService forger = service(Optional.of(zero));
        TokenService server = service(Optional.empty());
        String forged = await(forger.issue(Role.ADMIN, Duration.ofHours(1))).token();
        assertThat(idOf(server, forged)).isEmpty();
    }

    @Test
    void aConfiguredSecretIsSharedByEveryServerThatHasIt() throws Exception {
        Optional<String> secret = Optional.of("a-configured-secret-of-at-least-32-characters");
        var token = await(service(secret).issue(Role.READER, Duration.ofHours(1)));
        assertThat(idOf(service(secret), token.token())).hasValue(token.info().id());
    }
}
