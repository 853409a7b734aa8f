package dev.spacetime.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void parsesVersion00AndAnswersWithAChildSpanOfTheSameTrace() {
        TraceParent parent = TraceParent.parse("00-" + TRACE + "-00f067aa0ba902b7-01");
        assertThat(parent).isEqualTo(new TraceParent(TRACE, 1));
        String child = parent.child(0x1234L);
        assertThat(child).isEqualTo("00-" + TRACE + "-0000000000001234-01");
        assertThat(TraceParent.parse(child)).as("round trip").isEqualTo(parent);
        assertThat(TraceParent.parse("00-" + TRACE + "-00f067aa0ba902b7-00").child(-1L))
                .isEqualTo("00-" + TRACE + "-ffffffffffffffff-00");
    }

    @Test
    void readsALaterVersionAsFarAsItKnowsAndAnswersInVersion00() {
        assertThat(TraceParent.parse("cc-" + TRACE + "-00f067aa0ba902b7-09-what-the-future-adds"))
                .isEqualTo(new TraceParent(TRACE, 9));
        assertThat(TraceParent.parse("cc-" + TRACE + "-00f067aa0ba902b7-09").child(1))
                .isEqualTo("00-" + TRACE + "-0000000000000001-01");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "00-" + TRACE + "-00f067aa0ba902b7-01-",             // version 00 has no more fields
            "00-" + TRACE + "-00f067aa0ba902b7-1",               // short flags
            "ff-" + TRACE + "-00f067aa0ba902b7-01",              // version ff is invalid
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // uppercase
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
            "00-" + TRACE + "-0000000000000000-01",              // all-zero parent id
            "00_" + TRACE + "-00f067aa0ba902b7-01",
            "00-" + TRACE + "x00f067aa0ba902b7-01",
            "0g-" + TRACE + "-00f067aa0ba902b7-01",
            "00-" + TRACE + "-00f067aa0ba902b7-0z",
            "cc-" + TRACE + "-00f067aa0ba902b7-01x",             // a later version's fields start with '-'
            " 00-" + TRACE + "-00f067aa0ba902b7-01"})
    void malformedHeadersAreIgnored(String value) {
        assertThat(TraceParent.parse(value)).isNull();
    }

    @Test
    void anOverlongHeaderIsNotRead() {
        assertThat(TraceParent.parse("cc-" + TRACE + "-00f067aa0ba902b7-01-" + "a".repeat(1000))).isNull();
    }
}
