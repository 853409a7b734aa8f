package dev.spacetime.dashboard.lint;

import dev.spacetime.dashboard.model.Annotation;
import dev.spacetime.dashboard.model.Dashboard;
import dev.spacetime.dashboard.model.DataSourceRef;
import dev.spacetime.dashboard.model.GridPos;
import dev.spacetime.dashboard.model.Macros;
import dev.spacetime.dashboard.model.Panel;
import dev.spacetime.dashboard.model.Target;
import dev.spacetime.dashboard.model.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dashboard lint rules in the spirit of grafana/dashboard-linter. Each finds every place it is broken. */
public enum LintRule {

    /** A panel without a title cannot be found or talked about. */
    PANEL_TITLE {
        @Override
        List<Violation> check(Dashboard d) {
            return d.allPanels().filter(p -> p.title() == null || p.title().isBlank())
                    .map(p -> violation(p, "has no title")).toList();
        }
    },

    /** A number without a unit is ambiguous (seconds or milliseconds? per second or per minute?). */
    PANEL_UNIT {
        @Override
        List<Violation> check(Dashboard d) {
            return d.visualizations().filter(v -> isBlank(v.fieldConfig().defaults().unit()))
                    .map(v -> violation(v, "has no unit")).toList();
        }
    },

    /** Every panel, query and annotation goes through the {@code datasource} template variable. */
    DATASOURCE_VARIABLE {
        @Override
        List<Violation> check(Dashboard d) {
            var out = new ArrayList<Violation>();
            boolean declared = d.templating().list().stream().anyMatch(v -> v instanceof Variable.Datasource ds
                    && DataSourceRef.VARIABLE.uid().equals("${" + ds.name() + "}")
                    && DataSourceRef.PROMETHEUS.equals(ds.query()));
            if (!declared) {
                out.add(new Violation(this, "dashboard", "no prometheus datasource variable named by "
                        + DataSourceRef.VARIABLE.uid()));
            }
            d.visualizations().forEach(v -> {
                if (!DataSourceRef.VARIABLE.equals(v.datasource())) {
                    out.add(violation(v, "panel datasource is " + v.datasource()));
                }
                v.targets().stream().filter(t -> !DataSourceRef.VARIABLE.equals(t.datasource()))
                        .forEach(t -> out.add(violation(v, "query " + t.refId() + " datasource is "
                                + t.datasource())));
            });
            d.annotations().list().stream().filter(a -> !DataSourceRef.VARIABLE.equals(a.datasource()))
                    .forEach(a -> out.add(new Violation(this, annotationSubject(a), "datasource is "
                            + a.datasource())));
            return out;
        }
    },

    /**
     * {@code rate}, {@code irate} and {@code increase} windows are {@code $__rate_interval}: a fixed window is
     * either shorter than four scrapes (gaps) or hides detail when zoomed in.
     */
    RATE_INTERVAL {
        @Override
        List<Violation> check(Dashboard d) {
            var out = new ArrayList<Violation>();
            d.visualizations().forEach(v -> v.targets().forEach(t -> badWindows(t.expr()).forEach(w ->
                    out.add(violation(v, "query " + t.refId() + " uses window [" + w + "] instead of ["
                            + Macros.RATE_INTERVAL + "]")))));
            d.annotations().list().forEach(a -> badWindows(a.expr()).forEach(w ->
                    out.add(new Violation(this, annotationSubject(a), "uses window [" + w + "]"))));
            return out;
        }
    },

    /** Panel ids identify panels in links and in Grafana's state; two equal ids make one panel unreachable. */
    UNIQUE_PANEL_IDS {
        @Override
        List<Violation> check(Dashboard d) {
            var seen = new HashSet<Integer>();
            return d.allPanels().filter(p -> p.id() < 1 || !seen.add(p.id()))
                    .map(p -> violation(p, p.id() < 1 ? "has no id" : "reuses id " + p.id())).toList();
        }
    },

    /** Every panel lies inside the 24 columns and no two panels share a cell. */
    GRID {
        @Override
        List<Violation> check(Dashboard d) {
            var out = new ArrayList<Violation>();
            var placed = new ArrayList<Panel>();
            for (Panel p : d.panels()) {
                GridPos g = p.gridPos();
                if (g == null) {
                    out.add(violation(p, "has no grid position"));
                    continue;
                }
                if (g.x() < 0 || g.y() < 0 || g.w() < 1 || g.h() < 1 || g.x() + g.w() > GridPos.COLUMNS) {
                    out.add(violation(p, "lies outside the " + GridPos.COLUMNS + "-column grid: " + g));
                }
                placed.stream().filter(o -> o.gridPos().overlaps(g))
                        .forEach(o -> out.add(violation(p, "overlaps panel #" + o.id() + " '" + o.title() + "'")));
                placed.add(p);
            }
            return out;
        }
    },

    /**
     * Every selector of every panel query and annotation picks the {@code job} variable: a query without it sums
     * whatever else the Prometheus scrapes under the same metric name (a second job on the same server, another
     * service), and ignores the variable the user set. The stack's own jobs (Prometheus, Alertmanager, node
     * exporter), which that variable does not list, are named exactly ({@code job="node"}): as narrow.
     */
    JOB_SELECTOR {
        @Override
        List<Violation> check(Dashboard d) {
            var out = new ArrayList<Violation>();
            d.visualizations().forEach(v -> v.targets().stream().filter(t -> !selectsJob(t.expr()))
                    .forEach(t -> out.add(violation(v, "query " + t.refId() + " has a selector without "
                            + JOB_MATCHER + " or job=\"<name>\": " + t.expr()))));
            d.annotations().list().stream().filter(a -> !selectsJob(a.expr()))
                    .forEach(a -> out.add(new Violation(this, annotationSubject(a), "has a selector without "
                            + JOB_MATCHER)));
            return out;
        }
    },

    /** A visualisation has at least one query, and its queries have distinct refIds (Grafana keys results by them). */
    QUERIES {
        @Override
        List<Violation> check(Dashboard d) {
            var out = new ArrayList<Violation>();
            d.visualizations().forEach(v -> {
                if (v.targets().isEmpty()) {
                    out.add(violation(v, "has no query"));
                }
                var refIds = new HashSet<String>();
                v.targets().stream().map(Target::refId).filter(r -> !refIds.add(r))
                        .forEach(r -> out.add(violation(v, "reuses refId " + r)));
            });
            return out;
        }
    };

    /** The matcher of the {@code job} variable. */
    static final String JOB_MATCHER = "job=~\"$job\"";
    private static final Pattern SELECTOR_BODY = Pattern.compile("\\{([^}]*)}");
    /** A matcher naming one job exactly: {@code job="node"}, never a regex. */
    private static final Pattern NAMED_JOB = Pattern.compile("(?:^|,)\\s*job=\"[^\"$]+\"");

    private static final Pattern RANGE_FUNCTION = Pattern.compile("\\b(?:rate|irate|increase)\\s*\\(");
    /** Label values may hold brackets and parentheses; they are blanked before looking for windows. */
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern WINDOW = Pattern.compile("\\[([^\\]]*)]");

    abstract List<Violation> check(Dashboard d);

    /** Kebab-case id used in messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    Violation violation(Panel p, String message) {
        return new Violation(this, "panel #" + p.id() + " '" + p.title() + "'", message);
    }

    private static String annotationSubject(Annotation a) {
        return "annotation '" + a.name() + "'";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** True when {@code expr} has selectors and each names the job variable or one job exactly. */
    static boolean selectsJob(String expr) {
        List<String> bodies = SELECTOR_BODY.matcher(expr).results().map(m -> m.group(1)).toList();
        return !bodies.isEmpty() && bodies.stream().allMatch(b -> b.contains(JOB_MATCHER)
                || NAMED_JOB.matcher(b).find());
    }

    /** Windows of rate-like calls in {@code expr} that are not {@code $__rate_interval}; a call with none counts. */
    static List<String> badWindows(String query) {
        var bad = new ArrayList<String>();
        String expr = STRING_LITERAL.matcher(query).replaceAll("\"\"");
        Matcher call = RANGE_FUNCTION.matcher(expr);
        while (call.find()) {
            String args = expr.substring(call.end(), closingParen(expr, call.end()));
            List<String> windows = WINDOW.matcher(args).results().map(m -> m.group(1)).toList();
            (windows.isEmpty() ? List.of("") : windows).stream()
                    .filter(w -> !w.equals(Macros.RATE_INTERVAL)).forEach(bad::add);
        }
        return bad;
    }

    /** Index of the parenthesis closing the one opened just before {@code from}; the end when unbalanced. */
    private static int closingParen(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return s.length();
    }
}
