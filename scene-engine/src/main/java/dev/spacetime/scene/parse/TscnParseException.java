package dev.spacetime.scene.parse;

/** A malformed scene file; line and column are 1-based and point at the offending character. */
public final class TscnParseException extends Exception {
    private final int line;
    private final int column;
    private final String reason;
    private final boolean tooLarge;

    public TscnParseException(String reason, int line, int column) {
        this(reason, line, column, false);
    }

    private TscnParseException(String reason, int line, int column, boolean tooLarge) {
        super("line " + line + ", column " + column + ": " + reason);
        this.reason = reason;
        this.line = line;
        this.column = column;
        this.tooLarge = tooLarge;
    }

    /** The input exceeds {@link ParseLimits#maxBytes()}; reported at line 1, column 1. */
    public static TscnParseException tooLarge(long size, long limit) {
        return new TscnParseException("input of " + size + " bytes exceeds the limit of " + limit + " bytes", 1, 1,
                true);
    }

    /** Whether this is a size error rather than a syntax error. */
    public boolean tooLarge() {
        return tooLarge;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the position prefix. */
    public String reason() {
        return reason;
    }
}
