package dev.spacetime.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.catalog.AuthResult;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A token is accepted strictly before its expiry second and its rotation grace end, and refused from then on. */
class TokenDeadlinesTest extends TokenServiceFixture {
    /** The signed {@code exp} claim: the second the token stops being accepted. */
    private static Instant expClaim(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return Instant.ofEpochSecond(new JsonObject(payload).getLong("exp"));
    }

    @Test
    void aTokenIsRefusedFromExactlyItsExpirySecond() throws Exception {
        // The signed claim counts from the system clock; the server's table from its own, set ahead here so that the
        // table entry outlives the claim and the claim alone decides.
        clock.set(Instant.now().plusSeconds(5));
        var token = await(tokens.issue(Role.READER, Duration.ofMinutes(10)));
        Instant exp = expClaim(token.token());
        assertThat(token.info().validUntil()).isAfter(exp);
        clock.set(exp.minusNanos(1));
        assertThat(verify(token.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
        clock.set(exp);
        assertThat(verify(token.token(), Role.READER)).isEqualTo(AuthResult.EXPIRED_TOKEN);
    }

    @Test
    void aTokenIsRefusedFromExactlyTheEndOfItsRotationGrace() throws Exception {
        var old = await(tokens.issue(Role.ADMIN, Duration.ofHours(1)));
        Instant rotatedAt = clock.instant();
        var fresh = await(tokens.rotate());
        clock.set(rotatedAt.plus(GRACE).minusNanos(1));
        assertThat(verify(old.token(), Role.ADMIN)).isEqualTo(AuthResult.SUCCESS);
        assertThat(tokens.activeCount()).isEqualTo(2);
        clock.set(rotatedAt.plus(GRACE));
        assertThat(verify(old.token(), Role.ADMIN)).isEqualTo(AuthResult.EXPIRED_TOKEN);
        assertThat(verify(fresh.token(), Role.ADMIN)).isEqualTo(AuthResult.SUCCESS);
        assertThat(tokens.activeCount()).isEqualTo(1);
    }

    @Test
    void rotationNeitherShortensNorExtendsOtherTokens() throws Exception {
        var reader = await(tokens.issue(Role.READER, Duration.ofHours(1)));
        var shortAdmin = await(tokens.issue(Role.ADMIN, Duration.ofMinutes(2)));
        await(tokens.rotate());
        assertThat(tokens.activeCount()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.activeCount()).as("the short admin token ends at its expiry, not the grace end")
                .isEqualTo(2);
        clock.advance(GRACE);
        assertThat(verify(reader.token(), Role.READER)).as("rotation only concerns admin tokens")
                .isEqualTo(AuthResult.SUCCESS);
        assertThat(verify(shortAdmin.token(), Role.ADMIN)).isEqualTo(AuthResult.EXPIRED_TOKEN);
    }

    @Test
    void atMostMaxActiveTokensAndExpiredOnesMakeRoom() throws Exception {
        for (int i = 0; i < TokenService.MAX_ACTIVE; i++) {
            await(tokens.issue(Role.READER, Duration.ofSeconds(30)));
        }
        assertThat(tokens.activeCount()).isEqualTo(TokenService.MAX_ACTIVE);
        assertThatThrownBy(() -> tokens.issue(Role.READER, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1000");
        clock.advance(Duration.ofSeconds(30));
        assertThat(tokens.activeCount()).isZero();
        assertThat(await(tokens.issue(Role.READER, Duration.ofSeconds(30))).info().expiresAt())
                .isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void aTtlUnderASecondIsOneSecond() throws Exception {
        var token = await(tokens.issue(Role.READER, Duration.ZERO));
        assertThat(token.info().expiresAt()).isEqualTo(token.info().issuedAt().plusSeconds(1));
        assertThat(token.info().validUntil()).isEqualTo(token.info().expiresAt());
    }
}
