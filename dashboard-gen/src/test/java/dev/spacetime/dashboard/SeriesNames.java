package dev.spacetime.dashboard;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The series a PromQL expression selects: identifiers directly followed by a matcher or a range. */
final class SeriesNames {

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    static List<String> in(String expr) {
        return SELECTOR.matcher(expr).results().map(m -> m.group(1)).filter(s -> !KEYWORDS.contains(s)).distinct()
                .toList();
    }

    private SeriesNames() {
    }
}
