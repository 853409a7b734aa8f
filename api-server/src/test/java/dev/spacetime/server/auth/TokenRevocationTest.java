package dev.spacetime.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.catalog.AuthResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Revocation listeners hear of every revocation that removed a token, single or bulk (the alert webhook token is
 * reissued from them), and of nothing else.
 */
class TokenRevocationTest extends TokenServiceFixture {
    private final List<Set<String>> heard = new ArrayList<>();

    @Test
    void aSingleRevocationIsHeardWithTheTokensId() throws Exception {
        tokens.onRevoked(heard::add);
        var token = await(tokens.issue(Role.WEBHOOK, Duration.ofHours(1)));
        var other = await(tokens.issue(Role.READER, Duration.ofHours(1)));
        assertThat(await(tokens.revoke(token.info().id()))).isTrue();
        assertThat(heard).containsExactly(Set.of(token.info().id()));
        assertThat(await(tokens.revoke(token.info().id()))).as("already gone").isFalse();
        assertThat(await(tokens.revoke("no-such-id"))).isFalse();
        assertThat(heard).as("nothing removed, nothing heard").hasSize(1);
        assertThat(verify(other.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
    }

    @Test
    void revokingAllOthersIsHeardOnceWithEveryRemovedId() throws Exception {
        var keep = await(tokens.issue(Role.ADMIN, Duration.ofHours(1)));
        var a = await(tokens.issue(Role.READER, Duration.ofHours(1)));
        var b = await(tokens.issue(Role.WEBHOOK, Duration.ofHours(1)));
        tokens.onRevoked(heard::add);
        assertThat(await(tokens.revokeAllExcept(keep.info().id()))).isEqualTo(2);
        assertThat(heard).containsExactly(Set.of(a.info().id(), b.info().id()));
        assertThat(verify(keep.token(), Role.READER)).isEqualTo(AuthResult.SUCCESS);
        assertThat(verify(a.token(), Role.READER)).isEqualTo(AuthResult.INVALID_TOKEN);
        assertThat(tokens.activeCount()).isEqualTo(1);
        assertThat(await(tokens.revokeAllExcept(keep.info().id()))).isZero();
        assertThat(heard).hasSize(1);
    }

    @Test
    void everyListenerIsCalled() throws Exception {
        List<Set<String>> second = new ArrayList<>();
        tokens.onRevoked(heard::add);
        tokens.onRevoked(second::add);
        var token = await(tokens.issue(Role.READER, Duration.ofHours(1)));
        await(tokens.revoke(token.info().id()));
        assertThat(heard).isEqualTo(second).hasSize(1);
    }
}
