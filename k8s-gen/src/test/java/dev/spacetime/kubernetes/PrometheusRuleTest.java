package dev.spacetime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusRuleTest {

    /** Both rule files, group by group and rule by rule, against the generated PrometheusRule. */
    @Test
    void holdsExactlyTheGroupsOfBothRuleFiles() {
        List<Object> expected = new ArrayList<>();
        for (String file : KubernetesGenerator.RULE_FILES) {
            expected.addAll(Generated.list(Generated.load(Generated.MONITORING.resolve(file)), "groups"));
        }
        List<Object> actual = Generated.list(Generated.map(
                Generated.file(Generated.manifests().prometheusRule().fileName()), "spec"), "groups");

        assertThat(expected).as("both files have groups").hasSizeGreaterThan(2);
        assertThat(actual).hasSameSizeAs(expected);
        for (int g = 0; g < expected.size(); g++) {
            Map<String, Object> want = Generated.map(expected.get(g));
            Map<String, Object> got = Generated.map(actual.get(g));
            assertThat(got.get("name")).isEqualTo(want.get("name"));
            assertThat(got.keySet()).as("group %s", want.get("name")).isEqualTo(want.keySet());
            List<Object> wantRules = Generated.list(want, "rules");
            List<Object> gotRules = Generated.list(got, "rules");
            assertThat(gotRules).as("rules of %s", want.get("name")).hasSameSizeAs(wantRules);
            for (int r = 0; r < wantRules.size(); r++) {
                assertThat(gotRules.get(r)).as("group %s rule %d", want.get("name"), r).isEqualTo(wantRules.get(r));
            }
        }
        assertThat(actual.stream().map(g -> Generated.map(g).get("name")))
                .as("alert and recording groups").anyMatch(n -> n.toString().endsWith("availability"))
                .anyMatch(n -> n.toString().endsWith("http_rates"));
    }
}
