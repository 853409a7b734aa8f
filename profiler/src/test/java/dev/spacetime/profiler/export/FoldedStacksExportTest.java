package dev.spacetime.profiler.export;

import dev.spacetime.profiler.ProfileRecorder;
import dev.spacetime.profiler.ProfileQuery;
import dev.spacetime.profiler.TestProfiles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FoldedStacksExportTest {
    private final TestProfiles t = new TestProfiles();

    @Test
    void oneLinePerDistinctStackWithSelfMicroseconds() {
        t.sceneLoad("POST", "/scene", 200, 0);
        t.sceneLoad("POST", "/scene", 200, 3);
        t.simple("GET", "/scenes", 200, 30);

        assertThat(FoldedStacksExport.export(t.profiler.recent(ProfileQuery.ALL))).isEqualTo("""
                GET /scenes 1
                GET /scenes;handler 30
                POST /scene 3012
                POST /scene;auth 20
                POST /scene;file_io 600
                POST /scene;parse 100
                POST /scene;parse;build_tree 400
                POST /scene;parse;tokenize 300
                POST /scene;rate_limit 10
                POST /scene;serialization 100
                POST /scene;validation 40
                """);
    }

    @Test
    void separatorsInNamesCannotBreakTheFormat() {
        ProfileRecorder rec = t.profiler.start("GET", "/a;b");
        rec.begin("x;y\nz");
        t.ticker.advanceMicros(5);
        rec.end();
        rec.begin("x:y z"); // becomes the same frame once sanitised: one line, summed
        t.ticker.advanceMicros(7);
        rec.end();
        rec.finish(200, 0, 0);

        String out = FoldedStacksExport.export(t.profiler.recent(ProfileQuery.ALL));
        assertThat(out).isEqualTo("GET /a:b;x:y z 12\n");
        assertThat(out.lines()).allMatch(l -> l.matches("^[^\\n]+ \\d+$"));
    }

    @Test
    void subMicrosecondStacksAreLeftOutAndEmptyInputGivesNothing() {
        ProfileRecorder rec = t.profiler.start("GET", "/quick");
        rec.finish(200, 0, 0); // zero duration
        assertThat(FoldedStacksExport.export(t.profiler.recent(ProfileQuery.ALL))).isEmpty();
        assertThat(FoldedStacksExport.export(List.of())).isEmpty();
    }
}
