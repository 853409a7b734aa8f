package dev.spacetime.client.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionParserTest {

    private static Exposition parse(String... lines) throws ExpositionException {
        return ExpositionParser.parse(String.join("\n", lines) + "\n");
    }

    @Test
    void countersGaugesHelpAndTypes() throws Exception {
        Exposition e = parse(
                "# HELP http_requests_total Requests.",
                "# TYPE http_requests_total counter",
                "http_requests_total{endpoint=\"/health\",method=\"GET\",status=\"200\"} 3.0",
                "http_requests_total{endpoint=\"/metrics\",method=\"GET\",status=\"200\"} 1",
                "# TYPE active_connections gauge",
                "active_connections 2");
        assertThat(e.families()).extracting(MetricFamily::name).containsExactly("http_requests_total",
                "active_connections");
        MetricFamily requests = e.family("http_requests_total").orElseThrow();
        assertThat(requests.kind()).isEqualTo(MetricKind.COUNTER);
        assertThat(requests.help()).isEqualTo("Requests.");
        assertThat(requests.seriesCount()).isEqualTo(2);
        assertThat(requests.samples().get(0).labels()).containsExactly(Map.entry("endpoint", "/health"),
                Map.entry("method", "GET"), Map.entry("status", "200"));
        assertThat(requests.samples().get(0).value()).isEqualTo(3.0);
        assertThat(e.family("active_connections").orElseThrow().help()).as("no HELP line").isEmpty();
    }

    @Test
    void escapesInHelpAndLabelValues() throws Exception {
        Exposition e = parse(
                "# HELP m A \\\\ backslash and a\\nnew line; \"quotes\" stay.",
                "# TYPE m gauge",
                "m{path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\",nl=\"a\\nb\"} 1");
        MetricFamily m = e.family("m").orElseThrow();
        assertThat(m.help()).isEqualTo("A \\ backslash and a\nnew line; \"quotes\" stay.");
        Sample s = m.samples().get(0);
        assertThat(s.label("path")).isEqualTo("C:\\dir");
        assertThat(s.label("quote")).isEqualTo("say \"hi\"");
        assertThat(s.label("nl")).isEqualTo("a\nb");
        assertThat(Sample.formatLabels(s.labels())).isEqualTo("{nl=\"a\\nb\",path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\"}");
    }

    @Test
    void histogramWithInfBucketSumAndCount() throws Exception {
        Exposition e = parse(
                "# TYPE d histogram",
                "d_bucket{method=\"GET\",le=\"0.1\"} 1",
                "d_bucket{method=\"GET\",le=\"1.0\"} 3",
                "d_bucket{method=\"GET\",le=\"+Inf\"} 4",
                "d_count{method=\"GET\"} 4",
                "d_sum{method=\"GET\"} 2.5",
                "d_bucket{method=\"POST\",le=\"0.1\"} 0",
                "d_bucket{method=\"POST\",le=\"1.0\"} 0",
                "d_bucket{method=\"POST\",le=\"+Inf\"} 0",
                "d_count{method=\"POST\"} 0",
                "d_sum{method=\"POST\"} 0");
        MetricFamily d = e.family("d").orElseThrow();
        assertThat(d.kind()).isEqualTo(MetricKind.HISTOGRAM);
        assertThat(d.samples()).hasSize(10);
        assertThat(d.seriesCount()).isEqualTo(2);
        assertThat(d.samples("d_bucket")).hasSize(6);
        assertThat(e.samples("d_sum")).extracting(Sample::value).containsExactly(2.5, 0.0);
    }

    @Test
    void specialValuesAndTimestamps() throws Exception {
        Exposition e = parse(
                "a 1 1700000000000",
                "b NaN",
                "c +Inf -5",
                "d -Inf",
                "e 1.5e-3\t 42 ",
                "f Inf");
        assertThat(e.samples("a").get(0).timestampMs()).isEqualTo(OptionalLong.of(1700000000000L));
        assertThat(e.samples("b").get(0).value()).isNaN();
        assertThat(e.samples("b").get(0).timestampMs()).isEmpty();
        assertThat(e.samples("c").get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(e.samples("c").get(0).timestampMs()).isEqualTo(OptionalLong.of(-5));
        assertThat(e.samples("d").get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(e.samples("e").get(0).value()).isEqualTo(0.0015);
        assertThat(e.samples("e").get(0).timestampMs()).isEqualTo(OptionalLong.of(42));
        assertThat(e.samples("f").get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(e.families()).allMatch(f -> f.kind() == MetricKind.UNTYPED);
    }

    @Test
    void commentsBlankLinesAndSummaries() throws Exception {
        Exposition e = parse(
                "# a free comment",
                "#no space after the hash",
                "",
                "# HELPER is not HELP",
                "# TYPE s summary",
                "s{quantile=\"0.5\"} 0.2",
                "s{quantile=\"0.99\"} 0.9",
                "s_sum 12",
                "s_count 40",
                "   ",
                "x{a=\"1\",} 7");
        assertThat(e.families()).extracting(MetricFamily::name).containsExactly("s", "x");
        assertThat(e.family("s").orElseThrow().seriesCount()).isEqualTo(1);
        assertThat(e.family("x").orElseThrow().samples().get(0).label("a")).as("trailing comma").isEqualTo("1");
    }

    @Test
    void emptyTextHasNoFamilies() throws Exception {
        assertThat(ExpositionParser.parse("").families()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            second TYPE          | # TYPE a gauge\\n# TYPE a gauge\\na 1                 | line 2: second TYPE line for a
            second HELP          | # HELP a x\\n# HELP a y\\na 1                         | line 2: second HELP line for a
            TYPE after samples   | a 1\\n# TYPE a gauge                                  | line 2: TYPE line for a after its samples
            unknown type         | # TYPE a gaugeish\\na 1                               | line 1: invalid TYPE for a
            split family         | a 1\\nb 1\\na{x="y"} 2                                | line 3: samples of a are not together
            duplicate series     | a{x="1"} 1\\na{x="1"} 2                               | line 2: duplicate series a{x="1"}
            bad label escape     | a{x="\\t"} 1                                          | line 1: invalid escape in a label value
            bad help escape      | # HELP a tab\\there\\na 1                             | line 1: invalid escape in HELP
            unterminated value   | a{x="1} 1                                             | line 1: unterminated label value
            label twice          | a{x="1",x="2"} 1                                      | line 1: label x given twice
            bad label name       | a{1x="1"} 1                                           | line 1: expected a label name
            missing comma        | a{x="1" y="2"} 1                                      | line 1: expected ',' or '}'
            java float suffix    | a 1d                                                  | line 1: invalid value '1d' for a
            no value             | a                                                     | line 1: expected a blank before the value of a
            bad timestamp        | a 1 1.5                                               | line 1: invalid timestamp '1.5' for a
            extra token          | a 1 2 3                                               | line 1: invalid timestamp '2' for a
            bad metric name      | 1a 1                                                  | line 1: invalid metric name '1a'
            bare histogram       | # TYPE h histogram\\nh 1                              | line 2: histogram h has a sample without _bucket
            bucket without le    | # TYPE h histogram\\nh_bucket 1                       | line 2: bucket of h without an le label
            bad le               | # TYPE h histogram\\nh_bucket{le="x"} 1               | line 2: invalid le="x" in h_bucket
            no +Inf bucket       | # TYPE h histogram\\nh_bucket{le="1"} 1\\nh_count 1   | line 1: histogram h has no le="+Inf" bucket
            decreasing buckets   | # TYPE h histogram\\nh_bucket{le="1"} 2\\nh_bucket{le="+Inf"} 1 | line 1: histogram h has decreasing bucket counts
            count differs        | # TYPE h histogram\\nh_bucket{le="+Inf"} 2\\nh_count 3 | line 1: histogram h: _count 3.0 differs from the +Inf bucket 2.0
            summary no quantile  | # TYPE s summary\\ns 1                                | line 2: summary s has a sample without a quantile label
            """)
    void rejects(String name, String text, String message) {
        assertThatThrownBy(() -> ExpositionParser.parse(text.replace("\\n", "\n") + "\n"))
                .isInstanceOf(ExpositionException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void labelValuesMayHoldAnyCharacterButTheEscapedOnes() throws Exception {
        Exposition e = parse("a{x=\"{},= #\ttab é\"} 1");
        assertThat(e.samples("a").get(0).label("x")).isEqualTo("{},= #\ttab é");
        assertThat(List.copyOf(e.samples("a").get(0).labels().keySet())).containsExactly("x");
    }
}
