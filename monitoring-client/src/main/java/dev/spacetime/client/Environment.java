package dev.spacetime.client;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the client reads from its surroundings, passed in so tests can set it: environment variables, whether a
 * terminal is attached, and the home directory (for the default token file).
 */
public record Environment(Map<String, String> variables, boolean console, Path home) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv(), System.console() != null, Path.of(System.getProperty("user.home")));
    }

    /** A terminal that understands cursor movement: attached and not {@code TERM=dumb}. */
    public boolean interactive() {
        String term = variables.get("TERM");
        return console && term != null && !term.isBlank() && !term.equals("dumb");
    }

    /** Colours too, unless {@code NO_COLOR} is set (https://no-color.org). */
    public boolean colour() {
        return interactive() && !variables.containsKey("NO_COLOR");
    }
}
