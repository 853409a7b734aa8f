package dev.spacetime.server;

/** The server could not start; the message is the one-line reason printed before exiting non-zero. */
public final class StartupException extends Exception {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
