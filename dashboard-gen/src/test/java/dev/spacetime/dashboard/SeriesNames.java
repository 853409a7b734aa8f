package dev.spacetime.dashboard;

import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The series a PromQL expression selects: identifiers directly followed by a matcher or a range (the dashboard's
 * label values hold no braces).
 */
final class SeriesNames {

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?=[{\\[])(\\{[^}]*})?");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    /** Metric names. */
    static List<String> in(String expr) {
        return selectors(expr).map(m -> m.group(1)).distinct().toList();
    }

    /** Instant selectors with their matchers, {@code name{a="b"}}, without the range. */
    static List<String> selectorsIn(String expr) {
        return selectors(expr).map(m -> m.group(1) + (m.group(2) == null ? "" : m.group(2))).distinct().toList();
    }

    private static Stream<MatchResult> selectors(String expr) {
        return SELECTOR.matcher(expr).results().filter(m -> !KEYWORDS.contains(m.group(1)));
    }

    private SeriesNames() {
    }
}
