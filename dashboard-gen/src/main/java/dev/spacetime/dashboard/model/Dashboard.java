package dev.spacetime.dashboard.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A classic (schema v1) Grafana dashboard.
 *
 * @param editable     false: provisioned from files, changes belong in the generator
 * @param graphTooltip 1 = shared crosshair across panels
 * @param refresh      auto-refresh interval
 */
public record Dashboard(Annotations annotations, String description, boolean editable, int graphTooltip,
                        List<Panel> panels, String refresh, int schemaVersion, List<String> tags,
                        Templating templating, TimeRange time, String timezone, String title, String uid,
                        int version) {

    public record Annotations(List<Annotation> list) {
        public Annotations {
            list = List.copyOf(list);
        }
    }

    public record Templating(List<Variable> list) {
        public Templating {
            list = List.copyOf(list);
        }
    }

    public record TimeRange(String from, String to) {
    }

    public Dashboard {
        Objects.requireNonNull(annotations);
        panels = List.copyOf(panels);
        tags = List.copyOf(tags);
        Objects.requireNonNull(templating);
        Objects.requireNonNull(time);
        Objects.requireNonNull(title);
        Objects.requireNonNull(uid);
    }

    /** The visualisations, rows left out, including those inside collapsed rows. */
    public Stream<Visualization> visualizations() {
        return allPanels().filter(Visualization.class::isInstance).map(Visualization.class::cast);
    }

    /** Every panel: top-level ones and those inside collapsed rows. */
    public Stream<Panel> allPanels() {
        return panels.stream().flatMap(p -> p instanceof Row r ? Stream.concat(Stream.of(r), r.panels().stream())
                : Stream.of(p));
    }
}
