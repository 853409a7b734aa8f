package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        config = StackGenerator.generate(StackSettings.compose(ComposeSettings.STANDARD), tmp).get(1);
    }

    @Test
    void everyExpectationHoldsUnderAmtool() {
        List<RoutingExpectation> expectations = RoutingExpectation.standard();
        assertThat(expectations).extracting(RoutingExpectation::expected).containsAll(Set.of(Receiver.values()));
        assertThat(StackCheck.routes(config, expectations)).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
    }

    @Test
    void amtoolRejectsAWrongExpectation() {
        RoutingExpectation wrong = RoutingExpectation.of(
                Map.of(AlertLabels.ALERTNAME, "CriticalAuthFailureRate", AlertLabels.SEVERITY, "critical",
                        AlertLabels.COMPONENT, AlertLabels.AUTH_COMPONENT), Receiver.CRITICAL);
        Tool.Result result = StackCheck.routes(config, List.of(wrong)).get(0);
        assertThat(result.ok()).as(result.toString()).isFalse();
        assertThat(result.output()).contains(Receiver.SECURITY.receiverName());
    }

    @Test
    void inhibitRulesOnlyRequireLabelsEveryAlertCarries() throws IOException {
        List<Object> rules = Yaml.list(Yaml.load(config), "inhibit_rules");
        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(Yaml.list(rule, "equal")).isNotEmpty().allSatisfy(label -> assertThat(AlertLabels.GUARANTEED).contains((String) label));
            assertThat(Yaml.list(rule, "source_matchers")).containsExactly("severity=\"critical\"");
            assertThat(Yaml.list(rule, "target_matchers")).containsExactly("severity=\"warning\"");
        });
    }

    @Test
    void inhibitRulesThatCouldMatchEveryPairAreRefused() {
        assertThatThrownBy(() -> InhibitRule.criticalMutesWarning(AlertLabels.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance");
        assertThatThrownBy(() -> InhibitRule.criticalMutesWarning())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InhibitRule(List.of(Severity.CRITICAL.matcher()), List.of(Matcher.component("auth")),
                List.of(AlertLabels.COMPONENT))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void childRoutesNeedMatchersAndGroupingNeedsAlertname() {
        assertThatThrownBy(() -> new Route(Receiver.INFO, List.of(), PromDuration.ofSeconds(1), PromDuration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        AlertmanagerSettings standard = AlertmanagerSettings.standard(Webhook.at("h:1", "f"));
        assertThatThrownBy(() -> new AlertmanagerSettings(List.of(AlertLabels.JOB), standard.groupWait(),
                standard.groupInterval(), standard.repeatInterval(), standard.resolveTimeout(), standard.routes(),
                standard.inhibitRules(), standard.webhook())).isInstanceOf(IllegalArgumentException.class);
    }
}
