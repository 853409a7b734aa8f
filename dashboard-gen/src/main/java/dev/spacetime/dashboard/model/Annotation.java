package dev.spacetime.dashboard.model;

/**
 * A Prometheus annotation query: every sample of {@code expr} marks the time axis.
 *
 * @param step        query resolution
 * @param tagKeys     comma-separated labels shown as tags
 * @param titleFormat title of each mark
 */
public record Annotation(DataSourceRef datasource, boolean enable, String expr, boolean hide, String iconColor,
                         String name, String step, String tagKeys, String titleFormat) {
}
