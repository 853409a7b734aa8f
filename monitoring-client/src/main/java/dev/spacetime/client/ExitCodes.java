package dev.spacetime.client;

/** The exit codes scripts can rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The server is unhealthy, refused the request (401/403) or answered something unexpected. */
    public static final int FAILED = 1;
    /** Bad command line. */
    public static final int USAGE = 2;
    /** No connection to the server (refused, unresolvable, timed out). */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
