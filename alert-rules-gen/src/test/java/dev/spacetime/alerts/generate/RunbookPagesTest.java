package dev.spacetime.alerts.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.alerts.AlertCatalog;
import dev.spacetime.alerts.Consoles;
import dev.spacetime.alerts.RuleFileLayout;
import dev.spacetime.alerts.model.AlertRule;
import dev.spacetime.settings.Settings;
import dev.spacetime.settings.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runbook links that open from Alertmanager, Grafana or /alerts, and pages that name the right consoles. */
class RunbookPagesTest {

    private static final List<AlertRule> ALERTS = AlertCatalog.alerts(Settings.defaults());
    private static final Pattern RUNBOOK_URL = Pattern.compile("runbook_url: (\\S+)");

    @TempDir
    Path dir;

    @Test
    void everyRunbookUrlIsAbsoluteAndEndsWithItsAlertsName() throws IOException {
        Generator.write(dir, AlertCatalog.rules(Settings.defaults()), Settings.defaults().runbookBaseUrl());
        String rules = Files.readString(dir.resolve(RuleFileLayout.PROMETHEUS_DIR).resolve(RuleFileLayout.ALERTS_FILE));
        Matcher m = RUNBOOK_URL.matcher(rules);
        List<String> urls = m.results().map(r -> r.group(1).replace("\"", "")).toList();
        assertThat(urls).hasSize(ALERTS.size());
        assertThat(urls).containsExactlyInAnyOrderElementsOf(
                ALERTS.stream().map(a -> "http://127.0.0.1:8080/runbooks/" + a.name()).toList());
        // The page each URL names is the generated file the API serves.
        for (AlertRule a : ALERTS) {
            assertThat(dir.resolve(RuleFileLayout.RUNBOOKS_DIR).resolve(RunbookPages.fileName(a))).isRegularFile();
        }
    }

    @Test
    void theBaseUrlMustBeAbsoluteAndEndInASlash() {
        Settings s = Settings.defaults();
        assertThatThrownBy(() -> s.withRunbookBaseUrl("monitoring/runbooks/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> s.withRunbookBaseUrl("https://wiki.example/runbooks"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.withRunbookBaseUrl("https://wiki.example/ops/runbooks/").runbookBaseUrl())
                .isEqualTo("https://wiki.example/ops/runbooks/");
    }

    @Test
    void pagesNameTheConsolesOfBothWaysOfRunningTheStackAndAmtool() {
        for (AlertRule a : ALERTS) {
            String page = RunbookPages.page(a, Consoles.STANDARD);
            assertThat(page).as(a.name())
                    .contains("<http://127.0.0.1:9090/alerts>", "<http://127.0.0.1:9090/classic/targets>",
                            "<http://127.0.0.1:9090/classic/alerts>", "no web UI",
                            "amtool --alertmanager.url=http://127.0.0.1:9093 alert query alertname=" + a.name())
                    // Debian's Prometheus answers 404 there; the page names the classic path instead.
                    .doesNotContain("localhost:9090/targets");
            String silence = "amtool --alertmanager.url=http://127.0.0.1:9093 silence add alertname=" + a.name();
            if (a.severity() == Severity.NONE) {
                // The Watchdog: silenced, it stops reaching the API, whose alerting health turns degraded.
                assertThat(page).as(a.name()).doesNotContain(silence).contains("Never silence");
            } else {
                assertThat(page).as(a.name()).contains(silence);
            }
        }
        assertThat(ALERTS).extracting(AlertRule::severity).contains(Severity.NONE);
    }

    @Test
    void pagesAreCommonMarkWithoutExtensionsOrRawHtml() {
        for (AlertRule a : ALERTS) {
            String page = RunbookPages.page(a, Consoles.STANDARD);
            assertThat(page).as(a.name()).doesNotContain("|---");
            // Outside code, '<' opens raw HTML (which a renderer escapes or drops): only autolinks may use it.
            String prose = page.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "")
                    .replaceAll("<!--.*?-->", "").replaceAll("<https?://[^>\\s]+>", "");
            assertThat(prose).as(a.name()).doesNotContain("<");
        }
        assertThat(RunbookPages.index(ALERTS)).doesNotContain("|---").contains("- [HTTPAPIDown](HTTPAPIDown.md)");
    }
}
