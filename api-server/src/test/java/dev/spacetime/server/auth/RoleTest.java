package dev.spacetime.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Role labels as clients write them, and what each role may do. */
class RoleTest {

    @Test
    void labelsAreLowerCaseAndListedForErrorMessages() {
        assertThat(Role.labels()).isEqualTo("reader, admin, webhook");
        assertThat(Role.parse("webhook")).contains(Role.WEBHOOK);
        assertThat(Role.parse("Admin")).isEmpty();
        assertThat(Role.parse(null)).isEmpty();
    }

    @Test
    void adminIncludesEveryRoleAndOthersOnlyThemselves() {
        for (Role required : Role.values()) {
            assertThat(Role.ADMIN.includes(required)).isTrue();
            assertThat(Role.READER.includes(required)).isEqualTo(required == Role.READER);
            assertThat(Role.WEBHOOK.includes(required)).isEqualTo(required == Role.WEBHOOK);
        }
    }
}
