package dev.spacetime.dashboard.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.dashboard.HttpApiOverview;
import dev.spacetime.dashboard.model.Annotation;
import dev.spacetime.dashboard.model.Dashboard;
import dev.spacetime.dashboard.model.DataSourceRef;
import dev.spacetime.dashboard.model.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The datasource rule beyond panels: annotations must use the variable too, and the variable only counts as declared
 * when it is a Prometheus datasource variable of the right name.
 */
class DatasourceVariableTest {
    private final Dashboard good = HttpApiOverview.dashboard();
    private final DashboardLinter linter = DashboardLinter.standard();

    private Dashboard with(Dashboard.Annotations annotations, Dashboard.Templating templating) {
        return new Dashboard(annotations, good.description(), good.editable(), good.graphTooltip(), good.panels(),
                good.refresh(), good.schemaVersion(), good.tags(), templating, good.time(), good.timezone(),
                good.title(), good.uid(), good.version());
    }

    private Dashboard withDatasourceVariable(UnaryOperator<Variable.Datasource> change) {
        List<Variable> vars = new ArrayList<>(good.templating().list());
        vars.replaceAll(v -> v instanceof Variable.Datasource ds ? change.apply(ds) : v);
        return with(good.annotations(), new Dashboard.Templating(vars));
    }

    @Test
    void aFixedDatasourceOnAnAnnotationFails() {
        Annotation a = good.annotations().list().get(0);
        Annotation fixed = new Annotation(new DataSourceRef("prometheus", "prometheus"), a.enable(), a.expr(),
                a.hide(), a.iconColor(), a.name(), a.step(), a.tagKeys(), a.titleFormat());
        assertThat(linter.check(with(new Dashboard.Annotations(List.of(fixed)), good.templating())))
                .extracting(Violation::toString)
                .containsExactly("[datasource-variable] annotation '" + a.name()
                        + "': datasource is DataSourceRef[type=prometheus, uid=prometheus]");
    }

    @Test
    void aDatasourceVariableOfAnotherPluginTypeIsNotTheDeclaration() {
        var loki = withDatasourceVariable(ds -> new Variable.Datasource(ds.current(), ds.hide(), ds.label(),
                ds.name(), "loki", ds.refresh(), ds.regex()));
        assertThat(linter.check(loki)).extracting(Violation::toString).containsExactly(
                "[datasource-variable] dashboard: no prometheus datasource variable named by ${datasource}");
    }

    @Test
    void aDatasourceVariableUnderAnotherNameIsNotTheDeclaration() {
        var renamed = withDatasourceVariable(ds -> new Variable.Datasource(ds.current(), ds.hide(), ds.label(),
                "prom", ds.query(), ds.refresh(), ds.regex()));
        assertThat(linter.check(renamed)).extracting(Violation::rule).containsExactly(LintRule.DATASOURCE_VARIABLE);
    }

    @Test
    void aQueryVariableNamedDatasourceIsNotTheDeclaration() {
        List<Variable> vars = new ArrayList<>(good.templating().list());
        vars.replaceAll(v -> v instanceof Variable.Datasource ds ? new Variable.Query(".*", ds.current(),
                DataSourceRef.VARIABLE, "label_values(up, job)", 0, false, ds.label(), false, ds.name(), List.of(),
                "label_values(up, job)", 1, "", 0) : v);
        assertThat(linter.check(with(good.annotations(), new Dashboard.Templating(vars))))
                .extracting(Violation::rule).containsExactly(LintRule.DATASOURCE_VARIABLE);
    }
}
