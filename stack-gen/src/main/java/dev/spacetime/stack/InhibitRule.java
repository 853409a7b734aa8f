package dev.spacetime.stack;

import dev.spacetime.alerts.AlertCatalog;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Mute target alerts while a source alert with the same {@code equal} labels fires. Alertmanager treats a label
 * missing on both sides as equal, so an {@code equal} label that some alerts lack would let any source mute any
 * target: only labels {@link #ON_EVERY_ALERT} are accepted. The source and target must differ on some
 * matched label, or an alert could mute its own kind.
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {

    /** Labels every alert of the standard catalog carries when it fires, as its definitions state them. */
    static final Set<String> ON_EVERY_ALERT = AlertCatalog.labelsOnEveryAlert(AlertCatalog.alerts(Settings.defaults()));

    public InhibitRule {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = List.copyOf(equal);
        if (equal.isEmpty()) {
            throw new IllegalArgumentException("an inhibit rule without equal labels mutes across unrelated alerts");
        }
        for (String label : equal) {
            if (!ON_EVERY_ALERT.contains(label)) {
                throw new IllegalArgumentException("equal label '" + label + "' is not on every firing alert "
                        + ON_EVERY_ALERT + ": pairs missing it on both sides would all count as equal");
            }
        }
        if (!contradict(sourceMatchers, targetMatchers)) {
            throw new IllegalArgumentException("source and target matchers do not exclude each other");
        }
    }

    /**
     * Warnings matching {@code scope} are muted while a critical alert matching it with the same {@code equal}
     * labels fires.
     */
    public static InhibitRule criticalMutesWarning(List<Matcher> scope, String... equal) {
        List<Matcher> source = new ArrayList<>(List.of(Matcher.of(Severity.CRITICAL)));
        List<Matcher> target = new ArrayList<>(List.of(Matcher.of(Severity.WARNING)));
        source.addAll(scope);
        target.addAll(scope);
        return new InhibitRule(source, target, List.of(equal));
    }

    private static boolean contradict(List<Matcher> a, List<Matcher> b) {
        return a.stream().anyMatch(x -> b.stream().anyMatch(y -> x.label().equals(y.label()) && !x.value().equals(y.value())));
    }
}
