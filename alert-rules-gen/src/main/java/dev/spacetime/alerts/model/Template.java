package dev.spacetime.alerts.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An annotation text with typed holes: rendered once as a Go template for Prometheus and once expanded in Java
 * for the promtool test that asserts what Prometheus will print.
 */
public record Template(List<Part> parts) {

    /** One piece of an annotation. */
    public sealed interface Part permits Text, Value, Label, LabelOr {
        String goTemplate();

        String expand(Map<String, String> labels, double value);
    }

    /** Literal text. */
    public record Text(String text) implements Part {
        @Override
        public String goTemplate() {
            return text;
        }

        @Override
        public String expand(Map<String, String> labels, double value) {
            return text;
        }
    }

    /** The alert's {@code $value}, humanized. */
    public record Value(Humanize humanize) implements Part {
        @Override
        public String goTemplate() {
            return "{{ $value | " + humanize.function() + " }}";
        }

        @Override
        public String expand(Map<String, String> labels, double value) {
            return humanize.apply(value);
        }
    }

    /** One of the alert's labels. */
    public record Label(String name) implements Part {
        @Override
        public String goTemplate() {
            return "{{ $labels." + name + " }}";
        }

        @Override
        public String expand(Map<String, String> labels, double value) {
            return labels.getOrDefault(name, "");
        }
    }

    /** One of the alert's labels, or {@code fallback} when the alert lacks it (Go's {@code or}). */
    public record LabelOr(String name, String fallback) implements Part {
        @Override
        public String goTemplate() {
            return "{{ or $labels." + name + " \"" + fallback.replace("\"", "") + "\" }}";
        }

        @Override
        public String expand(Map<String, String> labels, double value) {
            String v = labels.getOrDefault(name, "");
            return v.isEmpty() ? fallback.replace("\"", "") : v;
        }
    }

    public Template {
        parts = List.copyOf(parts);
    }

    /** Strings become text, a {@link Humanize} the humanized value, any other {@link Part} itself. */
    public static Template of(Object... pieces) {
        List<Part> parts = new ArrayList<>();
        for (Object piece : pieces) {
            if (piece instanceof String s) {
                parts.add(new Text(s));
            } else if (piece instanceof Humanize h) {
                parts.add(new Value(h));
            } else if (piece instanceof Part p) {
                parts.add(p);
            } else {
                throw new IllegalArgumentException("not a template part: " + piece);
            }
        }
        return new Template(parts);
    }

    public static Label label(String name) {
        return new Label(name);
    }

    public static LabelOr labelOr(String name, String fallback) {
        return new LabelOr(name, fallback);
    }

    /** The Go template Prometheus expands. */
    public String goTemplate() {
        return parts.stream().map(Part::goTemplate).collect(Collectors.joining());
    }

    /** What Prometheus prints for an alert with these labels and value. */
    public String expand(Map<String, String> labels, double value) {
        return parts.stream().map(p -> p.expand(labels, value)).collect(Collectors.joining());
    }
}
