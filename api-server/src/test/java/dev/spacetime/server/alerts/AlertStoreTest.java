package dev.spacetime.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertStoreTest {

    private static ReceivedAlert alert(String fingerprint, AlertStatus status) {
        return new ReceivedAlert(fingerprint, status, "r", Map.of(ReceivedAlert.ALERTNAME, "A"), Map.of(),
                Instant.EPOCH, Optional.empty(), "", Instant.EPOCH);
    }

    @Test
    void evictsTheOldestResolvedBeforeAnyFiringAlert() {
        AlertStore store = new AlertStore(3);
        store.put(alert("f1", AlertStatus.FIRING));
        store.put(alert("r1", AlertStatus.RESOLVED));
        store.put(alert("f2", AlertStatus.FIRING));
        store.put(alert("f3", AlertStatus.FIRING));
        assertThat(store.recent(a -> true)).extracting(ReceivedAlert::fingerprint).containsExactly("f3", "f2", "f1");
        store.put(alert("f4", AlertStatus.FIRING));
        assertThat(store.recent(a -> true)).extracting(ReceivedAlert::fingerprint).containsExactly("f4", "f3", "f2");
    }

    @Test
    void anUpdateReplacesAndRefreshesItsFingerprint() {
        AlertStore store = new AlertStore(2);
        store.put(alert("a", AlertStatus.FIRING));
        store.put(alert("b", AlertStatus.FIRING));
        store.put(alert("a", AlertStatus.RESOLVED));
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.recent(a -> true)).extracting(ReceivedAlert::fingerprint, ReceivedAlert::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", AlertStatus.RESOLVED),
                        org.assertj.core.groups.Tuple.tuple("b", AlertStatus.FIRING));
    }
}
