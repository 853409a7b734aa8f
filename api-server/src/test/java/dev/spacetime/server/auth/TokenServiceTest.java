package dev.spacetime.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.AuthResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The verification cache must never accept a token the uncached check would refuse. */
class TokenServiceTest extends TokenServiceFixture {

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
        // Not the last character: its low bits are base64 padding, so some changes there decode to the same bytes.
        int at = token.length() - 2;
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
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
}
