package dev.spacetime.settings;

import dev.spacetime.catalog.Jobs;
import dev.spacetime.catalog.Labels;
import dev.spacetime.catalog.PromQL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which series are the API's (kubernetes-mixin's {@code jobSelector} and {@code clusterLabel}): every alert,
 * recording rule and panel selects them, and every aggregation keeps these labels, so a second scrape job or a
 * second cluster in the same Prometheus never doubles a total.
 *
 * @param job     the API's scrape job
 * @param cluster when present, a label telling clusters apart (set by each Prometheus, e.g. an external label
 *                or a relabelling); absent by default, for a single Prometheus
 */
public record Scope(String job, Optional<Cluster> cluster) {

    /**
     * A cluster label and the value this Prometheus' API series carry.
     *
     * @param label the label name, e.g. {@code cluster}
     * @param value this cluster's value, e.g. {@code eu-1}
     */
    public record Cluster(String label, String value) {
        public Cluster {
            if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*") || label.startsWith("__")
                    || List.of(Labels.JOB, Labels.INSTANCE).contains(label)) {
                throw new IllegalArgumentException("not a usable cluster label name: " + label);
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException("cluster label " + label + " needs a value");
            }
        }
    }

    public Scope {
        if (!job.matches("[a-zA-Z_][a-zA-Z0-9_:-]*")) { // used verbatim as a regex by the dashboard
            throw new IllegalArgumentException("not a usable job name: " + job);
        }
        cluster = cluster == null ? Optional.empty() : cluster;
    }

    /** The API's job, no cluster label. */
    public static Scope of(String job) {
        return new Scope(job, Optional.empty());
    }

    /** The catalog's job name, no cluster label. */
    public static Scope defaults() {
        return of(Jobs.API);
    }

    /** The same job, its series also told apart by {@code label="value"}. */
    public Scope withCluster(String label, String value) {
        return new Scope(job, Optional.of(new Cluster(label, value)));
    }

    /** Another job of the same cluster: how the stack's own jobs ({@link StackJobs}) are selected. */
    public Scope withJob(String otherJob) {
        return new Scope(otherJob, cluster);
    }

    /** The labels that say which API a series belongs to, in selector order: the cluster label (if any), job. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        cluster.ifPresent(c -> labels.put(c.label(), c.value()));
        labels.put(Labels.JOB, job);
        return labels;
    }

    /** The names of {@link #labels()}: what every aggregation keeps. */
    public List<String> labelNames() {
        return List.copyOf(labels().keySet());
    }

    /** {@code series{cluster="…", job="…", matchers…}}. */
    public String select(String series, String... matchers) {
        List<String> all = new ArrayList<>();
        labels().forEach((name, value) -> all.add(PromQL.eq(name, value)));
        all.addAll(List.of(matchers));
        return PromQL.select(series, all.toArray(String[]::new));
    }

    /** Grouping labels of an aggregation: the scope's labels, then {@code labels}. */
    public String[] by(String... labels) {
        return Stream.concat(labelNames().stream(), Stream.of(labels)).toArray(String[]::new);
    }
}
