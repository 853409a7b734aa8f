package dev.spacetime.scene.path;

import java.util.List;

/**
 * A whitelist or blacklist entry over project-relative paths (written with or without {@code res://}):
 * {@code dir/} matches everything below {@code dir}; a pattern with {@code *} matches segment-wise, {@code *}
 * within one segment and a {@code **} segment across any number of segments (including none); anything else
 * matches exactly.
 */
public final class PathPattern {
    private final String text;
    private final String[] segments;
    private final Kind kind;

    private enum Kind { EXACT, PREFIX, GLOB }

    private PathPattern(String text, String[] segments, Kind kind) {
        this.text = text;
        this.segments = segments;
        this.kind = kind;
    }

    public static PathPattern parse(String entry) {
        String rel = entry.startsWith(PathPolicy.SCHEME) ? entry.substring(PathPolicy.SCHEME.length()) : entry;
        if (rel.startsWith("/") || rel.contains("\\") || rel.contains("%")) {
            throw new IllegalArgumentException("invalid path pattern '" + entry + "'");
        }
        List<String> parts = List.of(rel.split("/"));
        if (parts.stream().anyMatch(p -> p.equals("..") || p.equals("."))) {
            throw new IllegalArgumentException("path pattern '" + entry + "' must not contain '.' or '..' segments");
        }
        String[] segs = parts.stream().filter(p -> !p.isEmpty()).toArray(String[]::new);
        Kind kind = rel.contains("*") ? Kind.GLOB : rel.isEmpty() || rel.endsWith("/") ? Kind.PREFIX : Kind.EXACT;
        return new PathPattern(entry, segs, kind);
    }

    /** Whether a canonical relative path ({@code a/b.tscn}, no scheme) matches. */
    public boolean matches(String relative) {
        String[] path = relative.isEmpty() ? new String[0] : relative.split("/");
        return switch (kind) {
            case EXACT -> java.util.Arrays.equals(segments, path);
            case PREFIX -> path.length > segments.length
                    && java.util.Arrays.equals(segments, 0, segments.length, path, 0, segments.length);
            case GLOB -> glob(path);
        };
    }

    /** Segment-wise matching by dynamic programming: linear in pattern x path, whatever the wildcards. */
    private boolean glob(String[] path) {
        int p = segments.length;
        int s = path.length;
        boolean[][] m = new boolean[p + 1][s + 1];
        m[p][s] = true;
        for (int i = p - 1; i >= 0; i--) {
            for (int j = s; j >= 0; j--) {
                if (segments[i].equals("**")) {
                    m[i][j] = m[i + 1][j] || j < s && m[i][j + 1];
                } else {
                    m[i][j] = j < s && segmentMatches(segments[i], path[j]) && m[i + 1][j + 1];
                }
            }
        }
        return m[0][0];
    }

    /** {@code *} matches any run of characters within one segment. */
    static boolean segmentMatches(String pattern, String segment) {
        int pl = pattern.length();
        int sl = segment.length();
        boolean[][] m = new boolean[pl + 1][sl + 1];
        m[pl][sl] = true;
        for (int i = pl - 1; i >= 0; i--) {
            for (int j = sl; j >= 0; j--) {
                if (pattern.charAt(i) == '*') {
                    m[i][j] = m[i + 1][j] || j < sl && m[i][j + 1];
                } else {
                    m[i][j] = j < sl && pattern.charAt(i) == segment.charAt(j) && m[i + 1][j + 1];
                }
            }
        }
        return m[0][0];
    }

    @Override
    public String toString() {
        return text;
    }
}
