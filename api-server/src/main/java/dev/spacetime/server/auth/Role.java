package dev.spacetime.server.auth;

import java.util.Locale;
import java.util.Optional;

/** Token roles, weakest first: a role may do everything the roles before it may. */
public enum Role {
    /** Read-only diagnostics (GET /debug/*). */
    READER,
    /** Mutations and token management (/auth/*). */
    ADMIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    public static Optional<Role> parse(String label) {
        for (Role r : values()) {
            if (r.label().equals(label)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
