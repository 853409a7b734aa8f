package dev.spacetime.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.AuthResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The memo of verified signatures holds only tokens that passed, and never more than its bound. */
class VerificationCacheTest extends TokenServiceFixture {
    @Test
    void acceptedAndForbiddenTokensAreRememberedRefusedOnesAreNot() throws Exception {
        var reader = await(tokens.issue(Role.READER, Duration.ofMinutes(1)));
        assertThat(verify(reader.token(), Role.ADMIN)).isEqualTo(AuthResult.FORBIDDEN);
        assertThat(tokens.rememberedTokens()).as("a valid token with too weak a role").isEqualTo(1);
        assertThat(verify(reader.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
        assertThat(tokens.rememberedTokens()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(verify(reader.token(), Role.READER)).isEqualTo(AuthResult.EXPIRED_TOKEN);
        assertThat(tokens.rememberedTokens()).as("forgotten once refused").isZero();
        assertThat(verify("not-a-token", Role.READER)).isEqualTo(AuthResult.INVALID_TOKEN);
        assertThat(tokens.rememberedTokens()).isZero();
    }

    @Test
    void theMemoIsEmptiedWhenAnotherTokenWouldPassItsBound() throws Exception {
        String first = null;
        for (int i = 0; i < TokenService.MAX_VERIFIED; i++) {
            var token = await(tokens.issue(Role.READER, Duration.ofHours(1)));
            assertThat(verify(token.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
            await(tokens.revoke(token.info().id())); // stays remembered until presented again; keeps the table small
            first = first == null ? token.token() : first;
        }
        assertThat(tokens.rememberedTokens()).isEqualTo(TokenService.MAX_VERIFIED);
        var kept = await(tokens.issue(Role.READER, Duration.ofHours(1)));
        assertThat(verify(kept.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
        assertThat(tokens.rememberedTokens()).isEqualTo(1);
        assertThat(verify(kept.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
        assertThat(tokens.rememberedTokens()).isEqualTo(1);
        assertThat(verify(first, Role.READER)).isEqualTo(AuthResult.INVALID_TOKEN);
    }

    @Test
    void aRememberedTokenPresentedAgainWhenFullDoesNotEmptyIt() throws Exception {
        TokenService.NewToken last = null;
        for (int i = 0; i < TokenService.MAX_VERIFIED; i++) {
            last = await(tokens.issue(Role.READER, Duration.ofHours(1)));
            assertThat(verify(last.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
            if (i < TokenService.MAX_VERIFIED - 1) {
                await(tokens.revoke(last.info().id()));
            }
        }
        assertThat(tokens.rememberedTokens()).isEqualTo(TokenService.MAX_VERIFIED);
        assertThat(verify(last.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
        assertThat(tokens.rememberedTokens()).isEqualTo(TokenService.MAX_VERIFIED);
    }
}
