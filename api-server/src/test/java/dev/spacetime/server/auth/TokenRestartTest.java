package dev.spacetime.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.AuthResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a restart keeps: a rotation's shortened admin tokens, and a named credential while it has over half its life. */
class TokenRestartTest extends TokenServiceFixture {

    @Test
    void aRotationStillEndsTheOldAdminTokensAfterARestart() throws Exception {
        var old = await(tokens.issue(Role.ADMIN, Duration.ofHours(1)));
        var reader = await(tokens.issue(Role.READER, Duration.ofHours(1)));
        var fresh = await(tokens.rotate());
        TokenService after = restarted();
        clock.advance(GRACE);
        assertThat(await(after.verify("Bearer " + old.token(), Role.ADMIN)).result())
                .as("the grace end was stored, not only the original expiry").isEqualTo(AuthResult.EXPIRED_TOKEN);
        assertThat(await(after.verify("Bearer " + fresh.token(), Role.ADMIN)).result()).isEqualTo(AuthResult.SUCCESS);
        assertThat(await(after.verify("Bearer " + reader.token(), Role.READER)).result())
                .isEqualTo(AuthResult.SUCCESS);
    }

    @Test
    void aCredentialIsHandedOutAgainOnlyWhileMoreThanHalfItsLifetimeIsLeft() throws Exception {
        Duration ttl = Duration.ofHours(1);
        var first = await(tokens.credential("webhook", Role.WEBHOOK, ttl));
        clock.advance(Duration.ofMinutes(30).minusNanos(1));
        assertThat(await(tokens.credential("webhook", Role.WEBHOOK, ttl)).token()).isEqualTo(first.token());
        clock.advance(Duration.ofNanos(1));
        var renewed = await(tokens.credential("webhook", Role.WEBHOOK, ttl));
        assertThat(renewed.token()).as("exactly half its lifetime left").isNotEqualTo(first.token());
        assertThat(renewed.info().expiresAt()).isEqualTo(clock.instant().plus(ttl));
    }
}
