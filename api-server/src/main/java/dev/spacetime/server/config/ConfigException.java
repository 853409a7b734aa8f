package dev.spacetime.server.config;

/** A configuration problem; its message is the one line the server prints before exiting non-zero. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
