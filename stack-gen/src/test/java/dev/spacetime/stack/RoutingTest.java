package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.alerts.AlertCatalog;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.alerts.model.Component;
import dev.spacetime.catalog.Labels;
import dev.spacetime.settings.Heartbeat;
import dev.spacetime.settings.PromDuration;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * The Watchdog's route comes first, whatever labels it carries, and re-sends every heartbeat interval (a repeat
     * only leaves at a group_interval tick, so both are the interval); then security, then the pipeline and host
     * components, then the severities.
     */
    @Test
    void theWatchdogRouteComesFirstAndRepeatsEveryHeartbeatInterval() throws IOException {
        List<Map<String, Object>> routes = LiveHttp.maps(Yaml.list(Yaml.map(Yaml.load(config), "route"), "routes"));
        assertThat(routes).extracting(r -> r.get("receiver")).containsExactly(
                "spacetime-watchdog", "spacetime-security", "spacetime-pipeline", "spacetime-pipeline",
                "spacetime-critical", "spacetime-warning", "spacetime-info");
        String interval = Settings.defaults().heartbeat().repeatInterval().toString();
        assertThat(routes.get(0)).containsEntry("matchers", List.of("alertname=\"Watchdog\""))
                .containsEntry("group_interval", interval).containsEntry("repeat_interval", interval)
                .containsEntry("group_wait", "10s");
        assertThat(routes.subList(2, 4)).extracting(r -> r.get("matchers"))
                .containsExactly(List.of("component=\"monitoring\""), List.of("component=\"host\""));
        assertThat(routes.subList(1, routes.size())).allSatisfy(r -> assertThat(r).doesNotContainKey("group_interval"));

        RoutingExpectation oddWatchdog = RoutingExpectation.of(Map.of(Labels.ALERTNAME, "Watchdog",
                AlertRule.SEVERITY, Severity.CRITICAL.label(), AlertRule.COMPONENT, Component.AUTH.label()),
                Receiver.WATCHDOG);
        assertThat(StackCheck.routes(config, List.of(oddWatchdog))).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
    }

    /** A test's fast heartbeat moves the Watchdog's route only. */
    @Test
    void aHeartbeatPacesTheWatchdogRouteOnly() {
        AlertmanagerSettings standard = AlertmanagerSettings.standard(Webhook.at("h:1", "f"));
        AlertmanagerSettings fast = standard.withHeartbeat(new Heartbeat(PromDuration.ofSeconds(1), PromDuration.ofSeconds(3)));
        Route watchdog = fast.routes().get(0);
        assertThat(watchdog.receiver()).isEqualTo(Receiver.WATCHDOG);
        assertThat(watchdog.groupWait()).isEqualTo(PromDuration.ofSeconds(1));
        assertThat(watchdog.repeatInterval()).isEqualTo(PromDuration.ofSeconds(1));
        assertThat(watchdog.groupInterval()).contains(PromDuration.ofSeconds(1));
        assertThat(fast.routes().subList(1, fast.routes().size()))
                .isEqualTo(standard.routes().subList(1, standard.routes().size()));
    }

    /**
     * The escalation webhook is absent by default; once set, the pipeline receiver alone also posts to it (with
     * its own token file when given), and amtool accepts the config.
     */
    @Test
    void anEscalationWebhookAppearsOnlyWhenSetAndOnlyOnThePipelineReceiver() throws IOException {
        String url = "https://pager.example/hooks/spacetime";
        assertThat(Files.readString(config)).doesNotContain("pager.example");
        assertThat(Yaml.list(Yaml.load(config), "receivers"))
                .allSatisfy(r -> assertThat(Yaml.list(r, "webhook_configs")).hasSize(1));

        for (Escalation escalation : List.of(Escalation.at(url), Escalation.at(url).withCredentialsFile("/etc/pager_token"))) {
            StackSettings stack = StackSettings.compose(ComposeSettings.STANDARD);
            Path dir = tmp.resolve("escalation-" + escalation.credentialsFile().isPresent());
            StackGenerator.generate(new StackSettings(stack.prometheus(), stack.alertmanager().withEscalation(escalation)), dir);
            Path escalated = dir.resolve(StackGenerator.ALERTMANAGER_YML);
            Tool.Result checked = StackCheck.amtoolCheckConfig(escalated);
            assertThat(checked.ok()).as(checked.toString()).isTrue();
            assertThat(StackCheck.routes(escalated, RoutingExpectation.standard()))
                    .allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
            for (Object receiver : Yaml.list(Yaml.load(escalated), "receivers")) {
                List<Object> webhooks = Yaml.list(receiver, "webhook_configs");
                if (!Receiver.PIPELINE.receiverName().equals(((Map<?, ?>) receiver).get("name"))) {
                    assertThat(webhooks).as(receiver.toString()).hasSize(1);
                    continue;
                }
                assertThat(webhooks).hasSize(2);
                assertThat(((Map<?, ?>) webhooks.get(0)).get("url")).isEqualTo("http://api:8080/alerts/webhook");
                Map<?, ?> out = (Map<?, ?>) webhooks.get(1);
                assertThat(out.get("url")).isEqualTo(url);
                assertThat(out.get("send_resolved")).isEqualTo(true);
                assertThat(out.get("http_config")).isEqualTo(escalation.credentialsFile().map(file -> (Object) Map.of(
                        "authorization", Map.of("type", "Bearer", "credentials_file", file))).orElse(null));
            }
        }
        assertThatThrownBy(() -> Escalation.at("pager.example/hook")).isInstanceOf(IllegalArgumentException.class);
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
            // Only the API's own alerts: an API critical never mutes a pipeline or host warning (job differs),
            // nor a pipeline critical another failure of the pipeline.
            assertThat(Yaml.list(rule, "source_matchers")).containsExactly("severity=\"critical\"", "job=\"spacetime_api\"");
            assertThat(Yaml.list(rule, "target_matchers")).containsExactly("severity=\"warning\"", "job=\"spacetime_api\"");
        }
    }

    @Test
    void onlyLabelsEveryFiringAlertCarriesMayBeRequiredEqual() {
        assertThat(InhibitRule.ON_EVERY_ALERT)
                .contains(Labels.ALERTNAME, Labels.JOB, AlertRule.SEVERITY, AlertRule.COMPONENT)
                .doesNotContain(Labels.INSTANCE);
        assertThatThrownBy(() -> InhibitRule.criticalMutesWarning(List.of(), Labels.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance");
        assertThatThrownBy(() -> InhibitRule.criticalMutesWarning(List.of()))
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
                standard.inhibitRules(), standard.webhook(), standard.escalation())).isInstanceOf(IllegalArgumentException.class);
    }
}
