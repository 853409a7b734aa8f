package dev.spacetime.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.AuthResult;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the {@code Authorization} header is read: scheme, case, whitespace, and the length past which it is no token. */
class BearerHeaderTest extends TokenServiceFixture {
    private TokenService.Verdict verify(String header) throws Exception {
        return await(tokens.verify(header, Role.READER));
    }

    private Optional<String> idOf(String token) throws Exception {
        return await(tokens.idOf(token));
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
        var token = await(tokens.issue(Role.READER, Duration.ofHours(1)));
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
        var token = await(tokens.issue(Role.READER, Duration.ofSeconds(1)));
        clock.advance(Duration.ofHours(2));
        assertThat(idOf(token.token())).hasValue(token.info().id());
        assertThat(idOf("not.a.token")).isEmpty();
        assertThat(idOf(token.token() + "x".repeat(4096))).isEmpty();
    }
}
