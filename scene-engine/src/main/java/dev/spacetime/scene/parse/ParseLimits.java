package dev.spacetime.scene.parse;

/**
 * Bounds that keep hostile input from exhausting the stack or the heap.
 *
 * @param maxBytes       largest accepted file; checked before reading
 * @param maxDepth       deepest nesting of arrays, dictionaries and constructor calls
 * @param maxValues      most values (including packed-array elements) in one file, bounding the parsed size
 * @param maxStringChars longest single string literal
 * @param maxNodes       most {@code [node]} sections: parsing stops at the first one over, so a file far over the
 *                       node cap costs no more than reading up to it
 */
public record ParseLimits(long maxBytes, int maxDepth, int maxValues, int maxStringChars, int maxNodes) {
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_NODES = 50_000;
    public static final ParseLimits DEFAULTS = new ParseLimits(DEFAULT_MAX_BYTES, 64, 2_000_000, 4 * 1024 * 1024,
            DEFAULT_MAX_NODES);

    public ParseLimits {
        if (maxBytes <= 0 || maxDepth <= 0 || maxValues <= 0 || maxStringChars <= 0 || maxNodes <= 0) {
            throw new IllegalArgumentException("parse limits must be positive");
        }
        if (maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes must fit a Java string");
        }
    }

    public ParseLimits withMaxBytes(long bytes) {
        return new ParseLimits(bytes, maxDepth, maxValues, maxStringChars, maxNodes);
    }

    public ParseLimits withMaxDepth(int depth) {
        return new ParseLimits(maxBytes, depth, maxValues, maxStringChars, maxNodes);
    }

    public ParseLimits withMaxNodes(int nodes) {
        return new ParseLimits(maxBytes, maxDepth, maxValues, maxStringChars, nodes);
    }
}
