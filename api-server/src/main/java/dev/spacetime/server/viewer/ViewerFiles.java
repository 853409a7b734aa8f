package dev.spacetime.server.viewer;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The viewer's files, read from the jar once: our page (with speedscope's script and style names, taken from its
 * release's {@code index.html}), its script and style, and speedscope's release files as
 * {@code scripts/update-speedscope.sh} bundled them (listed in {@code files.txt}).
 */
record ViewerFiles(File page, Map<String, File> own, Map<String, File> speedscope) {
    private static final String DIR = "viewer/";
    private static final Pattern SCRIPT = Pattern.compile("<script src=\"(speedscope-[A-Za-z0-9]+\\.js)\"");
    private static final Pattern STYLE = Pattern.compile("href=\"(speedscope-[A-Za-z0-9]+\\.css)\"");

    /** One file and the Content-Type it is served with. */
    record File(Buffer body, String contentType) {
    }

    static ViewerFiles bundled() {
        Map<String, File> speedscope = new LinkedHashMap<>();
        for (String name : text(DIR + "speedscope/files.txt").split("\n")) {
            if (!name.isBlank()) {
                speedscope.put(name.strip(), file(DIR + "speedscope/" + name.strip()));
            }
        }
        String release = text(DIR + "speedscope/index.html");
        String page = text(DIR + "index.html")
                .replace("{{script}}", group(SCRIPT, release))
                .replace("{{style}}", group(STYLE, release));
        return new ViewerFiles(new File(Buffer.buffer(page), contentType("index.html")),
                Map.of("viewer.js", file(DIR + "viewer.js"), "viewer.css", file(DIR + "viewer.css")),
                Map.copyOf(speedscope));
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("speedscope's index.html does not name its " + pattern);
        }
        return m.group(1);
    }

    private static File file(String resource) {
        return new File(Buffer.buffer(bytes(resource)), contentType(resource));
    }

    private static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = ViewerFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not in the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "woff2" -> "font/woff2";
            case "md" -> "text/markdown; charset=utf-8";
            default -> "text/plain; charset=utf-8"; // LICENSE, release.txt
        };
    }
}
