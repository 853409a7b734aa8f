package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.alerts.AlertCatalog;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.catalog.Labels;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingTest {

    @TempDir
    static Path tmp;
    static Path config;

    @BeforeAll
    static void generate() throws IOException {
        StackGenerator.generate(StackSettings.compose(ComposeSettings.STANDARD), tmp);
        config = tmp.resolve(StackGenerator.ALERTMANAGER_YML);
    }

    @Test
    void everyExpectationHoldsUnderAmtool() {
        List<RoutingExpectation> expectations = RoutingExpectation.standard();
        assertThat(expectations).extracting(RoutingExpectation::expected).containsAll(Set.of(Receiver.values()));
        assertThat(StackCheck.routes(config, expectations)).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
    }

    @Test
    void everyCatalogAlertIsExpectedAtItsReceiver() {
        List<AlertRule> alerts = AlertCatalog.alerts(Settings.defaults());
        List<RoutingExpectation> expectations = RoutingExpectation.forAlerts(alerts);
        assertThat(expectations).extracting(e -> e.labels().get(Labels.ALERTNAME))
                .containsAll(alerts.stream().map(AlertRule::name).toList());
        assertThat(expectations).filteredOn(e -> e.labels().get(Labels.ALERTNAME).equals("CriticalAuthFailureRate"))
                .extracting(RoutingExpectation::expected).containsOnly(Receiver.SECURITY);
        assertThat(expectations).filteredOn(e -> e.labels().get(Labels.ALERTNAME).equals("HTTPAPIDown"))
                .extracting(RoutingExpectation::expected).containsOnly(Receiver.CRITICAL);
        assertThat(expectations).filteredOn(e -> e.labels().get(Labels.ALERTNAME).equals("SlowRequestLatency"))
                .extracting(RoutingExpectation::expected).containsOnly(Receiver.WARNING);
    }

    @Test
    void amtoolRejectsAWrongExpectation() {
        RoutingExpectation wrong = RoutingExpectation.of(
                Map.of(Labels.ALERTNAME, "CriticalAuthFailureRate", AlertRule.SEVERITY, Severity.CRITICAL.label(),
                        AlertRule.COMPONENT, Component.AUTH.label()), Receiver.CRITICAL);
        Tool.Result result = StackCheck.routes(config, List.of(wrong)).get(0);
        assertThat(result.ok()).as(result.toString()).isFalse();
        assertThat(result.output()).contains(Receiver.SECURITY.receiverName());
    }

    @Test
    void everyFiringAlertCarriesEveryInhibitEqualLabel() throws IOException {
        List<Object> rules = Yaml.list(Yaml.load(config), "inhibit_rules");
        assertThat(rules).isNotEmpty();
        List<Map<String, String>> firing = AlertCatalog.alerts(Settings.defaults()).stream()
                .map(AlertCatalog::firingLabels).toList();
        assertThat(firing).hasSizeGreaterThanOrEqualTo(AlertCatalog.alerts(Settings.defaults()).size());
        for (Object rule : rules) {
            List<Object> equal = Yaml.list(rule, "equal");
            assertThat(equal).containsExactly(Labels.JOB, AlertRule.COMPONENT);
            for (Map<String, String> labels : firing) {
                assertThat(labels).as("firing labels of %s", labels.get(Labels.ALERTNAME))
                        .containsKeys(equal.stream().map(String.class::cast).toArray(String[]::new));
            }
            assertThat(Yaml.list(rule, "source_matchers")).containsExactly("severity=\"critical\"");
            assertThat(Yaml.list(rule, "target_matchers")).containsExactly("severity=\"warning\"");
        }
    }

    @Test
    void onlyLabelsEveryFiringAlertCarriesMayBeRequiredEqual() {
        assertThat(InhibitRule.ON_EVERY_ALERT)
                .contains(Labels.ALERTNAME, Labels.JOB, AlertRule.SEVERITY, AlertRule.COMPONENT)
                .doesNotContain(Labels.INSTANCE);
        assertThatThrownBy(() -> InhibitRule.criticalMutesWarning(Labels.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance");
        assertThatThrownBy(() -> InhibitRule.criticalMutesWarning())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InhibitRule(List.of(Matcher.of(Severity.CRITICAL)), List.of(Matcher.of(Component.AUTH)),
                List.of(AlertRule.COMPONENT))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void childRoutesNeedMatchersAndGroupingNeedsAlertname() {
        assertThatThrownBy(() -> new Route(Receiver.INFO, List.of(), PromDuration.ofSeconds(1), PromDuration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        AlertmanagerSettings standard = AlertmanagerSettings.standard(Webhook.at("h:1", "f"));
        assertThatThrownBy(() -> new AlertmanagerSettings(List.of(Labels.JOB), standard.groupWait(),
                standard.groupInterval(), standard.repeatInterval(), standard.resolveTimeout(), standard.routes(),
                standard.inhibitRules(), standard.webhook())).isInstanceOf(IllegalArgumentException.class);
    }
}
