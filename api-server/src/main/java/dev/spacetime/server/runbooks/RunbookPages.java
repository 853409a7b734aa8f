package dev.spacetime.server.runbooks;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The alert runbooks bundled at build time (alert-rules-gen's {@code monitoring/runbooks/*.md}, under
 * {@code runbooks/} on the class path), rendered once to HTML pages. Raw HTML in the Markdown is escaped and link
 * targets sanitised; links between runbooks ({@code Name.md}) are rewritten to the served pages.
 *
 * @param index the index page ({@code README.md}, the generated list of every alert)
 * @param pages each alert's page by alert name, sorted
 */
public record RunbookPages(Buffer index, Map<String, Buffer> pages) {

    static final String RESOURCE_DIR = "runbooks";
    static final String INDEX = "README.md";
    private static final String SUFFIX = ".md";

    /** The bundled runbooks, read and rendered on first use (one class load), shared by every server. */
    public static RunbookPages bundled() {
        return Bundled.PAGES;
    }

    private static final class Bundled {
        static final RunbookPages PAGES = render(read());
    }

    /** Renders Markdown sources by file name ({@code Name.md}, and {@link #INDEX}). */
    static RunbookPages render(Map<String, String> markdown) {
        Map<String, String> sources = new TreeMap<>(markdown);
        String index = sources.remove(INDEX);
        if (index == null) {
            throw new IllegalStateException("no " + INDEX + " among the bundled runbooks");
        }
        Set<String> names = sources.keySet().stream().map(RunbookPages::alertName).collect(Collectors.toSet());
        Parser parser = Parser.builder().build();
        HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
                .build();
        Map<String, Buffer> pages = new TreeMap<>();
        sources.forEach((file, text) -> {
            String name = alertName(file);
            pages.put(name, page(name, "<p><a href=\"./\">All runbooks</a></p>\n"
                    + renderer.render(parse(parser, text, names))));
        });
        return new RunbookPages(page("Runbooks", renderer.render(parse(parser, index, names))),
                Collections.unmodifiableMap(pages));
    }

    private static String alertName(String fileName) {
        return fileName.substring(0, fileName.length() - SUFFIX.length());
    }

    private static Node parse(Parser parser, String markdown, Set<String> names) {
        Node document = parser.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlBlock html) {
                // The generator's "do not edit" comment: escaped, it would show as text.
                if (html.getLiteral().startsWith("<!--")) {
                    html.unlink();
                }
            }

            @Override
            public void visit(Link link) {
                String target = link.getDestination();
                if (target.endsWith(SUFFIX) && names.contains(alertName(target))) {
                    link.setDestination(alertName(target));
                }
                visitChildren(link);
            }
        });
        return document;
    }

    private static Buffer page(String title, String body) {
        // Titles are alert names ([A-Za-z0-9]) or fixed text: nothing to escape.
        return Buffer.buffer("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title
                + "</title>\n</head>\n<body>\n" + body + "</body>\n</html>\n", StandardCharsets.UTF_8.name());
    }

    /** The Markdown files under {@link #RESOURCE_DIR}, from the class path's directory or jar. */
    private static Map<String, String> read() {
        URL dir = RunbookPages.class.getClassLoader().getResource(RESOURCE_DIR + "/" + INDEX);
        if (dir == null) {
            throw new IllegalStateException("the runbooks are not bundled (" + RESOURCE_DIR + "/ on the class path)");
        }
        try {
            URI uri = dir.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return read(Path.of(uri).getParent());
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return read(jar.provider().getPath(uri).getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled runbooks", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : (Iterable<Path>) list::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    files.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
