package dev.spacetime.alerts.scenario;

import dev.spacetime.alerts.model.AlertTest.Expected;
import dev.spacetime.catalog.Labels;
import dev.spacetime.settings.Scope;
import dev.spacetime.settings.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The test targets of one scope (the API's, or one of the stack's own jobs): starts {@link Scenario}s sampled at
 * the settings' scrape interval and names the labels their alerts carry, so test data and rules always select the
 * same job (and cluster).
 *
 * @param scope    job and cluster label the series carry
 * @param scrape   sample spacing of ordinary cases
 * @param instance the instance label of the single target of a case
 */
public record TestTargets(Scope scope, Duration scrape, String instance) {

    /** The API's targets. */
    public static TestTargets of(Settings settings) {
        return new TestTargets(settings.scope(), settings.intervals().scrape().value(), Scenario.INSTANCE);
    }

    /** Targets of another scope (one of the stack's own jobs), sampled alike, the single one at {@code target}. */
    public TestTargets of(Scope other, String target) {
        return new TestTargets(other, scrape, target);
    }

    /** A scenario whose series cover {@code [0, length]}, one sample per scrape. */
    public Scenario scenario(String description, Duration length) {
        return new Scenario(scope, description, length, scrape, instance);
    }

    /** A scenario spanning hours: one sample per {@code interval} keeps promtool fast; rates stay exact. */
    public Scenario scenario(String description, Duration length, Duration interval) {
        return new Scenario(scope, description, length, interval, instance);
    }

    /** Labels left after an aggregation that keeps the scope: job (and cluster). */
    public Map<String, String> job() {
        return scope.labels();
    }

    /** Labels of the single test target's own series. */
    public Map<String, String> target() {
        return target(instance);
    }

    /** The alerts of instances 1 to {@code bad} of a {@link Scenario#fleet} case, each with {@code value}. */
    public Expected[] firstInstances(int bad, double value) {
        return IntStream.rangeClosed(1, bad).mapToObj(n -> Scenario.expect(target(Scenario.instance(n)), value))
                .toArray(Expected[]::new);
    }

    /** Labels of one target's own series. */
    public Map<String, String> target(String instance) {
        Map<String, String> labels = new LinkedHashMap<>(scope.labels());
        labels.put(Labels.INSTANCE, instance);
        return labels;
    }
}
