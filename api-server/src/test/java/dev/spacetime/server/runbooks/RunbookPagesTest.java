package dev.spacetime.server.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunbookPagesTest {

    @Test
    void rawHtmlIsEscapedAndUnsafeLinksSanitised() {
        RunbookPages pages = RunbookPages.render(Map.of(
                "README.md", "# Runbooks\n\n- [A](A.md)\n- [elsewhere](https://example.org/B.md)\n",
                "A.md", "<!-- generated -->\n# A\n\n<script>alert(1)</script>\n\n"
                        + "text <img src=x onerror=alert(1)> [click](javascript:alert(1))\n"));

        String a = pages.pages().get("A").toString();
        assertThat(a).contains("<h1>A</h1>", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x")
                .doesNotContain("<script", "<img", "javascript:", "generated");
        String index = pages.index().toString();
        assertThat(index).contains("href=\"A\">A</a>", "href=\"https://example.org/B.md\">");
        assertThat(pages.pages()).containsOnlyKeys("A");
    }
}
