package dev.spacetime.client.exposition;

/** The text is not valid Prometheus text format 0.0.4; the message names the line. */
public final class ExpositionException extends Exception {
    public ExpositionException(int line, String message) {
        super("line " + line + ": " + message);
    }
}
