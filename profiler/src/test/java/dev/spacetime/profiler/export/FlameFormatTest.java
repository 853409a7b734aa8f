package dev.spacetime.profiler.export;

import dev.spacetime.profiler.ProfileQuery;
import dev.spacetime.profiler.RequestProfile;
import dev.spacetime.profiler.TestProfiles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlameFormatTest {
    @Test
    void parsesFormatNamesDefaultingToSpeedscope() {
        assertThat(FlameFormat.parse(null)).isEqualTo(FlameFormat.SPEEDSCOPE);
        assertThat(FlameFormat.parse("")).isEqualTo(FlameFormat.SPEEDSCOPE);
        assertThat(FlameFormat.parse("Chrome")).isEqualTo(FlameFormat.CHROME);
        assertThat(FlameFormat.parse("folded")).isEqualTo(FlameFormat.FOLDED);
        assertThatThrownBy(() -> FlameFormat.parse("svg")).hasMessageContaining("speedscope, chrome, folded");
    }

    @Test
    void fileNamesAreHeaderSafe() {
        assertThat(FlameFormat.SPEEDSCOPE.fileName("req_12")).isEqualTo("req_12.speedscope.json");
        assertThat(FlameFormat.CHROME.fileName("all \"x\"\r\n/../y")).isEqualTo("all_x_.._y.trace.json");
        assertThat(FlameFormat.FOLDED.fileName("")).isEqualTo("profile.folded.txt");
    }

    @Test
    void rendersEachFormat() {
        TestProfiles t = new TestProfiles();
        t.sceneLoad("GET", "/scene", 200, 0);
        t.sceneLoad("GET", "/scene", 200, 1);
        List<RequestProfile> all = t.profiler.recent(ProfileQuery.ALL);

        String evented = FlameFormat.SPEEDSCOPE.render(all, false, "ignored");
        String sampled = FlameFormat.SPEEDSCOPE.render(all, true, "aggregate");
        assertThat(ExportFixtures.speedscopeErrors(evented)).isEmpty();
        assertThat(ExportFixtures.speedscopeErrors(sampled)).isEmpty();
        assertThat(ExportFixtures.parse(evented).get("profiles")).hasSize(2);
        assertThat(ExportFixtures.parse(sampled).get("name").asText()).isEqualTo("aggregate");
        assertThat(FlameFormat.CHROME.render(all, true, "x")).isEqualTo(ChromeTraceExport.export(all));
        assertThat(FlameFormat.FOLDED.render(all, false, "x")).isEqualTo(FoldedStacksExport.export(all));
    }
}
