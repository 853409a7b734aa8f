package dev.spacetime.client.term;

import java.util.regex.Pattern;

/** ANSI colours when the terminal supports them, plain text otherwise. */
public record Style(boolean ansi) {
    private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    /** A health state label, green, yellow or red. */
    public String state(String label) {
        return state(label, label);
    }

    /** {@code text} in the colour of health state {@code label}. */
    public String state(String label, String text) {
        return switch (label) {
            case "healthy" -> green(text);
            case "degraded" -> yellow(text);
            default -> red(text);
        };
    }

    private String wrap(String code, String s) {
        return ansi ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    /** The width a string takes on screen (escape sequences take none). */
    public static int width(String s) {
        return ESCAPES.matcher(s).replaceAll("").length();
    }
}
