package dev.spacetime.dashboard.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.dashboard.HttpApiOverview;
import dev.spacetime.dashboard.model.Annotation;
import dev.spacetime.dashboard.model.Dashboard;
import dev.spacetime.dashboard.model.DataSourceRef;
import dev.spacetime.dashboard.model.FieldConfig;
import dev.spacetime.dashboard.model.GridPos;
import dev.spacetime.dashboard.model.Panel;
import dev.spacetime.dashboard.model.Target;
import dev.spacetime.dashboard.model.Visualization;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LintRuleTest {

    private final Dashboard good = HttpApiOverview.dashboard();
    private final DashboardLinter linter = DashboardLinter.standard();

    @Test
    void theGeneratedDashboardIsClean() {
        assertThat(linter.check(good)).isEmpty();
    }

    @Test
    void aPanelWithoutTitleFails() {
        var bad = changeFirstVisualization(v -> copy(v, v.datasource(), v.fieldConfig(), v.gridPos(), v.id(),
                v.targets(), " "));
        assertThat(linter.check(bad)).extracting(Violation::rule).containsExactly(LintRule.PANEL_TITLE);
    }

    @Test
    void aPanelWithoutUnitFails() {
        var bad = changeFirstVisualization(v -> {
            var d = v.fieldConfig().defaults();
            var noUnit = new FieldConfig.Defaults(d.color(), d.custom(), d.decimals(), d.mappings(), d.max(), d.min(),
                    d.thresholds(), null, d.noValue());
            return copy(v, v.datasource(), new FieldConfig(noUnit, List.of()), v.gridPos(), v.id(), v.targets(),
                    v.title());
        });
        assertThat(linter.check(bad)).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(LintRule.PANEL_UNIT);
            assertThat(violation.toString()).contains("[panel-unit]", "Error rate", "has no unit");
        });
    }

    @Test
    void aFixedDatasourceOnPanelOrQueryFails() {
        var fixed = new DataSourceRef("prometheus", "prometheus");
        var bad = changeFirstVisualization(v -> copy(v, fixed, v.fieldConfig(), v.gridPos(), v.id(),
                List.of(new Target(fixed, "code", "up{job=~\"$job\"}", Target.Format.TIME_SERIES, false, "", true, "A", null)),
                v.title()));
        assertThat(linter.check(bad)).extracting(Violation::rule)
                .containsExactly(LintRule.DATASOURCE_VARIABLE, LintRule.DATASOURCE_VARIABLE);
    }

    @Test
    void aFixedRateWindowFailsInPanelsAndAnnotations() {
        var bad = changeFirstVisualization(v -> copy(v, v.datasource(), v.fieldConfig(), v.gridPos(), v.id(),
                List.of(Target.range("A", "sum(rate(http_requests_total{job=~\"$job\"}[5m])) / sum(increase("
                        + "x{job=~\"$job\"}[$__rate_interval])) + irate(y{job=~\"$job\"}[1m])", "")), v.title()));
        assertThat(linter.check(bad)).extracting(Violation::message).containsExactly(
                "query A uses window [5m] instead of [$__rate_interval]",
                "query A uses window [1m] instead of [$__rate_interval]");

        var annotation = good.annotations().list().get(0);
        var badAnnotation = new Annotation(annotation.datasource(), true, "increase(up{job=~\"$job\"}[10m]) > 0", false, "red",
                "restarts", "1m", "", "");
        var withAnnotation = new Dashboard(new Dashboard.Annotations(List.of(badAnnotation)), good.description(),
                good.editable(), good.graphTooltip(), good.panels(), good.refresh(), good.schemaVersion(), good.tags(),
                good.templating(), good.time(), good.timezone(), good.title(), good.uid(), good.version());
        assertThat(linter.check(withAnnotation)).extracting(Violation::toString)
                .containsExactly("[rate-interval] annotation 'restarts': uses window [10m]");
    }

    @Test
    void rangeFunctionsAreFoundThroughNestingAndOtherFunctionsAreLeftAlone() {
        String bracketsInLabel = "histogram_quantile(0.9, sum by (le) (rate(a_bucket{x=\"[(\\\"\"}[$__rate_interval])))";
        assertThat(LintRule.badWindows(bracketsInLabel)).isEmpty();
        assertThat(LintRule.badWindows("changes(process_start_time_seconds[1m]) > 0")).isEmpty();
        assertThat(LintRule.badWindows("rate(foo)")).containsExactly("");
        assertThat(LintRule.badWindows("increase (a[2m]) + rate(b[$__rate_interval])")).containsExactly("2m");
    }

    @Test
    void aSelectorWithoutTheJobVariableFails() {
        var bad = changeFirstVisualization(v -> copy(v, v.datasource(), v.fieldConfig(), v.gridPos(), v.id(),
                List.of(Target.range("A", "sum(rate(a{job=~\"$job\"}[$__rate_interval])) / sum(rate("
                        + "b{instance=~\"$instance\"}[$__rate_interval]))", ""),
                        Target.range("B", "sum(rate(http_requests_total[$__rate_interval]))", "")), v.title()));
        assertThat(linter.check(bad)).extracting(Violation::rule)
                .containsExactly(LintRule.JOB_SELECTOR, LintRule.JOB_SELECTOR);
        assertThat(LintRule.selectsJob("up{instance=\"x\", job=~\"$job\"} == 0")).isTrue();
        assertThat(LintRule.selectsJob("vector(1)")).isFalse();
        // The stack's own jobs are named exactly; a regex or an empty name is no narrower than no job at all.
        assertThat(LintRule.selectsJob("up{region=~\"$region\", job=\"node\"}")).isTrue();
        assertThat(LintRule.selectsJob("up{job=~\"node\"}")).isFalse();
        assertThat(LintRule.selectsJob("up{job=\"\"}")).isFalse();
        assertThat(LintRule.selectsJob("up{instance=\"job=\\\"x\\\"\"}")).isFalse();
    }

    @Test
    void duplicatePanelIdsFail() {
        var bad = changeFirstVisualization(v -> copy(v, v.datasource(), v.fieldConfig(), v.gridPos(), 1,
                v.targets(), v.title()));
        assertThat(linter.check(bad)).extracting(Violation::toString)
                .containsExactly("[unique-panel-ids] panel #1 'Error rate': reuses id 1");
    }

    @Test
    void panelsOutsideTheGridOrOverlappingFail() {
        var wide = changeFirstVisualization(v -> copy(v, v.datasource(), v.fieldConfig(), new GridPos(5, 6, 20, 1),
                v.id(), v.targets(), v.title()));
        assertThat(linter.check(wide)).extracting(Violation::rule).contains(LintRule.GRID)
                .allMatch(r -> r == LintRule.GRID);
        assertThat(linter.check(wide)).extracting(Violation::message)
                .anyMatch(m -> m.contains("outside the 24-column grid"));

        var onTop = changeFirstVisualization(v -> copy(v, v.datasource(), v.fieldConfig(), new GridPos(5, 6, 6, 1),
                v.id(), v.targets(), v.title()));
        assertThat(linter.check(onTop)).extracting(Violation::toString)
                .containsExactly("[grid] panel #3 'Active connections': overlaps panel #2 'Error rate'");
    }

    @Test
    void aPanelWithoutQueriesOrWithRepeatedRefIdsFails() {
        var none = changeFirstVisualization(v -> copy(v, v.datasource(), v.fieldConfig(), v.gridPos(), v.id(),
                List.of(), v.title()));
        assertThat(linter.check(none)).extracting(Violation::message).containsExactly("has no query");

        var twice = changeFirstVisualization(v -> copy(v, v.datasource(), v.fieldConfig(), v.gridPos(), v.id(),
                List.of(v.targets().get(0), v.targets().get(0)), v.title()));
        assertThat(linter.check(twice)).extracting(Violation::message).containsExactly("reuses refId A");
    }

    private Dashboard changeFirstVisualization(UnaryOperator<Visualization> change) {
        var panels = new ArrayList<Panel>(good.panels());
        int i = panels.indexOf(good.visualizations().findFirst().orElseThrow());
        panels.set(i, change.apply((Visualization) panels.get(i)));
        return new Dashboard(good.annotations(), good.description(), good.editable(), good.graphTooltip(), panels,
                good.refresh(), good.schemaVersion(), good.tags(), good.templating(), good.time(), good.timezone(),
                good.title(), good.uid(), good.version());
    }

    private static Visualization copy(Visualization v, DataSourceRef ds, FieldConfig fc, GridPos pos, int id,
                                      List<Target> targets, String title) {
        return new Visualization(ds, v.description(), fc, pos, id, v.options(), targets, title);
    }
}
