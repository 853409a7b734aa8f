package dev.spacetime.client;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** A failure shown to the user as one line ({@code error: message}) with the exit code it maps to. */
public final class ClientException extends Exception {
    private final int exitCode;
    private final int httpStatus;

    public ClientException(int exitCode, String message) {
        this(exitCode, 0, message);
    }

    /** A refusal or unexpected answer from the server, with its HTTP status. */
    public ClientException(int exitCode, int httpStatus, String message) {
        super(message);
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    public ClientException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.httpStatus = 0;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The HTTP status that caused this, or 0 when there was no (expected) answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Why a file operation failed, without the path: the JDK's file exceptions are named by their path alone, which
     * the caller's message names already ({@code cannot write F: F} otherwise).
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage();
    }

    /** The server refused the credentials (401 or 403). */
    public boolean refusedCredentials() {
        return httpStatus == 401 || httpStatus == 403;
    }
}
