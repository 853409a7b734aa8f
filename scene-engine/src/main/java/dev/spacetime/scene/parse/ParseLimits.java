package dev.spacetime.scene.parse;

/**
 * Bounds that keep hostile input from exhausting the stack or the heap.
 *
 * @param maxBytes       largest accepted file; checked before reading
 * @param maxDepth       deepest nesting of arrays, dictionaries and constructor calls
 * @param maxValues      most values (including packed-array elements) in one file, bounding the parsed size
 * @param maxStringChars longest single string literal
 */
public record ParseLimits(long maxBytes, int maxDepth, int maxValues, int maxStringChars) {
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    public static final ParseLimits DEFAULTS = new ParseLimits(DEFAULT_MAX_BYTES, 64, 2_000_000, 4 * 1024 * 1024);

    public ParseLimits {
        if (maxBytes <= 0 || maxDepth <= 0 || maxValues <= 0 || maxStringChars <= 0) {
            throw new IllegalArgumentException("parse limits must be positive");
        }
        if (maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes must fit a Java string");
        }
    }

    public ParseLimits withMaxBytes(long bytes) {
        return new ParseLimits(bytes, maxDepth, maxValues, maxStringChars);
    }

    public ParseLimits withMaxDepth(int depth) {
        return new ParseLimits(maxBytes, depth, maxValues, maxStringChars);
    }
}
