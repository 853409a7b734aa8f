package dev.spacetime.server.auth;

import java.util.Locale;
import java.util.Optional;

/** Token roles. {@link #ADMIN} may do everything; every other role only what routes require of it by name. */
public enum Role {
    /** Read-only diagnostics (GET /debug/*, GET /alerts). */
    READER,
    /** Mutations and token management (/auth/*). */
    ADMIN,
    /** Alertmanager delivering notifications (POST /alerts/webhook) and nothing else: it cannot even read. */
    WEBHOOK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role required) {
        return this == required || this == ADMIN;
    }

    public static Optional<Role> parse(String label) {
        for (Role r : values()) {
            if (r.label().equals(label)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Every label, comma-separated, for error messages. */
    public static String labels() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Role::label).toList());
    }
}
