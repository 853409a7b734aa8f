package dev.spacetime.scene.path;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Which {@code res://} scene paths a client may name. A pure function of the path and the configuration:
 * syntax (length, scheme, extension, no traversal, no encodings), canonicalisation, then the blacklist, then the
 * per-environment whitelist (empty = everything not blacklisted). The HTTP layer has already decoded the request
 * body once; any remaining {@code %} or backslash is refused rather than decoded again.
 */
public final class PathPolicy {
    public static final String SCHEME = "res://";
    public static final String EXTENSION = ".tscn";
    public static final int DEFAULT_MAX_LENGTH = 256;
    public static final List<String> DEFAULT_BLACKLIST = List.of("addons/", ".godot/");

    private final int maxLength;
    private final List<PathPattern> blacklist;
    private final List<PathPattern> whitelist;

    private PathPolicy(Builder b) {
        this.maxLength = b.maxLength;
        this.blacklist = b.blacklist.stream().map(PathPattern::parse).toList();
        this.whitelist = b.whitelist.stream().map(PathPattern::parse).toList();
    }

    public static PathPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxLength() {
        return maxLength;
    }

    /** The full decision for a scene file a client asks to load or validate. */
    public PathDecision decide(String raw) {
        PathDecision syntax = checkScenePath(raw);
        if (!(syntax instanceof PathDecision.Allowed allowed)) {
            return syntax;
        }
        String rel = allowed.canonical().substring(SCHEME.length());
        for (PathPattern p : blacklist) {
            if (p.matches(rel)) {
                return new PathDecision.Forbidden("scene path " + allowed.canonical() + " is blacklisted ("
                        + p + ")");
            }
        }
        if (!whitelist.isEmpty() && whitelist.stream().noneMatch(p -> p.matches(rel))) {
            return new PathDecision.Forbidden("scene path " + allowed.canonical() + " is not whitelisted");
        }
        return allowed;
    }

    /**
     * Syntax and canonicalisation only, for scenes a loaded scene instances: a dependency of an allowed scene is
     * part of it, but it must still be a well-formed path inside the project.
     */
    public PathDecision checkScenePath(String raw) {
        PathDecision d = checkSyntax(raw);
        if (d instanceof PathDecision.Allowed a) {
            String last = a.canonical().substring(a.canonical().lastIndexOf('/') + 1);
            if (!last.endsWith(EXTENSION) || last.length() == EXTENSION.length()) {
                return new PathDecision.Invalid("scene path must name a " + EXTENSION + " file");
            }
        }
        return d;
    }

    /** A directory to list: the same syntax rules without the extension ({@code res://} is the root). */
    public PathDecision decideDirectory(String raw) {
        PathDecision d = checkSyntax(raw);
        if (d instanceof PathDecision.Allowed a && a.canonical().endsWith(EXTENSION)) {
            return new PathDecision.Invalid("dir must be a directory, not a scene file");
        }
        return d;
    }

    /** Syntax and canonicalisation of any {@code res://} path, whatever its extension; no lists applied. */
    public PathDecision checkSyntax(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new PathDecision.Invalid("path is required");
        }
        if (raw.length() > maxLength) {
            return new PathDecision.Invalid("path is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x20 || c == 0x7F || c >= 0x80 && c < 0xA0) {
                return new PathDecision.Invalid("path contains a control character (e.g. NUL)");
            }
            if (c == '\\') {
                return new PathDecision.Invalid("path contains a backslash");
            }
            if (c == '%') {
                return new PathDecision.Invalid("path contains percent-encoding");
            }
            if (c == 0xFFFD) {
                return new PathDecision.Invalid("path contains an invalid character");
            }
            // A lone UTF-16 surrogate (a JSON "\\ud800" escape, a reversed pair) is no Unicode text: no file name.
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                return new PathDecision.Invalid("path contains an unpaired UTF-16 surrogate (invalid Unicode)");
            }
            if (c >= 0x80 && isSeparatorLookalike(c)) {
                return new PathDecision.Invalid("path contains a look-alike of '.' or '/'");
            }
        }
        if (!raw.startsWith(SCHEME)) {
            return new PathDecision.Invalid("path must start with " + SCHEME);
        }
        String rest = raw.substring(SCHEME.length());
        if (rest.startsWith("/")) {
            return new PathDecision.Invalid("absolute paths are not allowed");
        }
        List<String> segments = new ArrayList<>();
        for (String seg : rest.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.chars().allMatch(ch -> ch == '.')) {
                return new PathDecision.Invalid("'..' segments are not allowed");
            }
            if (seg.indexOf(':') >= 0) {
                return new PathDecision.Invalid("path segments must not contain ':'");
            }
            if (!seg.strip().equals(seg)) {
                return new PathDecision.Invalid("path segments must not start or end with whitespace");
            }
            segments.add(seg);
        }
        return new PathDecision.Allowed(SCHEME + String.join("/", segments));
    }

    /** Characters that some layer might fold to '.', '/' or '\' (fullwidth, one-dot leader, division slash...). */
    private static boolean isSeparatorLookalike(int c) {
        String folded = Normalizer.normalize(Character.toString(c), Normalizer.Form.NFKC);
        return folded.indexOf('.') >= 0 || folded.indexOf('/') >= 0 || folded.indexOf('\\') >= 0
                || c == '\u2215' || c == '\u2044' || c == '\u29F8';
    }

    /** Immutable-result builder; defaults: 256 characters, blacklist {@code addons/} and {@code .godot/}, no whitelist. */
    public static final class Builder {
        private int maxLength = DEFAULT_MAX_LENGTH;
        private List<String> blacklist = DEFAULT_BLACKLIST;
        private List<String> whitelist = List.of();

        private Builder() {
        }

        public Builder maxLength(int length) {
            if (length < SCHEME.length() + EXTENSION.length() + 1) {
                throw new IllegalArgumentException("maxLength too small: " + length);
            }
            this.maxLength = length;
            return this;
        }

        public Builder blacklist(List<String> entries) {
            this.blacklist = List.copyOf(entries);
            return this;
        }

        public Builder whitelist(List<String> entries) {
            this.whitelist = List.copyOf(entries);
            return this;
        }

        /** Validates every pattern; an invalid entry is a configuration error (IllegalArgumentException). */
        public PathPolicy build() {
            return new PathPolicy(this);
        }
    }
}
