package dev.spacetime.catalog;

import java.util.Arrays;
import java.util.List;

/** Values of {@code auth_attempts_total{result}}; all are pre-seeded at 0. */
public enum AuthResult {
    SUCCESS,
    MISSING_TOKEN,
    INVALID_TOKEN,
    EXPIRED_TOKEN,
    FORBIDDEN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every result that is not a success: what auth-failure alerts count. */
    public static List<AuthResult> failures() {
        return Arrays.stream(values()).filter(r -> r != SUCCESS).toList();
    }
}
