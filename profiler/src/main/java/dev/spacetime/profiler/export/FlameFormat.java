package dev.spacetime.profiler.export;

import dev.spacetime.profiler.RequestProfile;

import java.util.List;
import java.util.Locale;

/** The flame graph formats, with what an HTTP response needs to serve them as a download. */
public enum FlameFormat {
    /** speedscope file: evented per request, or one sampled profile aggregating them. Opens in speedscope.app. */
    SPEEDSCOPE("application/json", ".speedscope.json"),
    /** Chrome Trace Event JSON: opens in Chrome DevTools (Performance), chrome://tracing and Perfetto. */
    CHROME("application/json", ".trace.json"),
    /** Folded stacks for flamegraph.pl and inferno. */
    FOLDED("text/plain; charset=utf-8", ".folded.txt");

    private final String contentType;
    private final String fileSuffix;

    FlameFormat(String contentType, String fileSuffix) {
        this.contentType = contentType;
        this.fileSuffix = fileSuffix;
    }

    /** Parses a {@code format} parameter (case-insensitive); null or blank means speedscope. */
    public static FlameFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return SPEEDSCOPE;
        }
        for (FlameFormat f : values()) {
            if (f.name().equalsIgnoreCase(value.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be one of speedscope, chrome, folded");
    }

    public String contentType() {
        return contentType;
    }

    /** A download file name made of {@code [A-Za-z0-9_.-]} only, safe in a Content-Disposition header. */
    public String fileName(String base) {
        String safe = base.replaceAll("[^A-Za-z0-9_.-]+", "_");
        return (safe.isEmpty() ? "profile" : safe) + fileSuffix;
    }

    /**
     * Renders {@code profiles}. With {@code aggregate}, speedscope gets one sampled profile over all of them
     * (named {@code title}); otherwise one evented profile per request. Chrome and folded are the same either
     * way (Chrome lays requests out in time; folded always sums stacks).
     */
    public String render(List<RequestProfile> profiles, boolean aggregate, String title) {
        return switch (this) {
            case SPEEDSCOPE -> aggregate ? SpeedscopeExport.sampled(profiles, title) : SpeedscopeExport.evented(profiles);
            case CHROME -> ChromeTraceExport.export(profiles);
            case FOLDED -> FoldedStacksExport.export(profiles);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
