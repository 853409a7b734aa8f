package dev.spacetime.client.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spacetime.client.ClientException;
import dev.spacetime.client.ExitCodes;
import dev.spacetime.client.Main;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.client.http.Response;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code flamegraph [--request-id ID] [--format F] [-o FILE|DIR]}: downloads a flame graph file from
 * /debug/profile/flamegraph, saves it, and prints where the time went.
 */
@Command(name = "flamegraph", description = "Save a flame graph (SpeedScope, Chrome DevTools or folded stacks) "
        + "and show where the time went.")
public final class FlamegraphCommand implements Callable<Integer> {
    static final String PATH = "/debug/profile/flamegraph";
    private static final Pattern FILENAME = Pattern.compile("filename=\"?([^\";]+)\"?");

    /** The formats the server renders, with where to open each. */
    public enum Format {
        SPEEDSCOPE(".speedscope.json", "open it at https://www.speedscope.app"),
        CHROME(".trace.json", "open it in Chrome DevTools (Performance > Load profile) or https://ui.perfetto.dev"),
        FOLDED(".folded.txt", "render it with flamegraph.pl or inferno-flamegraph");

        final String suffix;
        final String howToOpen;

        Format(String suffix, String howToOpen) {
            this.suffix = suffix;
            this.howToOpen = howToOpen;
        }

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @ParentCommand
    Main root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--request-id", paramLabel = "ID", description = "One request (default: the slowest recent one).")
    String requestId;

    @Option(names = "--format", defaultValue = "speedscope", description = "speedscope, chrome or folded "
            + "(default: ${DEFAULT-VALUE}).", converter = FormatConverter.class)
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to save (a directory keeps the server's file name; default: the current directory).")
    Path output;

    @Override
    public Integer call() throws ClientException {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("request_id", requestId);
        query.put("format", format.param());
        Response response = root.client().get(PATH, query, true);
        FlameStacks stacks = parse(response);
        Path target = target(response);
        try {
            Files.write(target, response.body());
        } catch (IOException e) {
            throw new ClientException(ExitCodes.FAILED, "cannot write " + target + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (root.json()) {
            ObjectNode node = ApiClient.JSON.createObjectNode()
                    .put("file", target.toString()).put("bytes", response.body().length).put("format", format.param())
                    .put("total_ms", stacks.totalMs());
            ArrayNode frames = node.putArray("stacks");
            stacks.selfMs().forEach((stack, ms) -> frames.addObject().put("stack", String.join(";", stack))
                    .put("self_ms", ms));
            out.println(node.toPrettyString());
        } else {
            out.println("Saved " + response.body().length + " bytes to " + target + " (" + format.howToOpen + ")");
            out.println(String.format(Locale.ROOT, "Where the time went (%.3f ms in all):", stacks.totalMs()));
            FlameView.render(stacks).forEach(out::println);
        }
        return ExitCodes.OK;
    }

    private FlameStacks parse(Response response) throws ClientException {
        try {
            if (format == Format.FOLDED) {
                return FlameStacks.fromFolded(response.text());
            }
            JsonNode body = ApiClient.JSON.readTree(response.body());
            return format == Format.SPEEDSCOPE ? FlameStacks.fromSpeedscope(body) : FlameStacks.fromChrome(body);
        } catch (IOException | IllegalArgumentException e) {
            throw ApiClient.unexpected(response, "not a " + format.param() + " file: " + e.getMessage());
        }
    }

    /** {@code -o} as given, or inside it (or the current directory) under the server's file name. */
    private Path target(Response response) {
        if (output != null && !Files.isDirectory(output)) {
            return output;
        }
        Path dir = output == null ? Path.of(".") : output;
        return dir.resolve(fileName(response.header("Content-Disposition").orElse(""), format));
    }

    /** The Content-Disposition file name reduced to safe characters (never a path), or a default. */
    static String fileName(String contentDisposition, Format format) {
        Matcher m = FILENAME.matcher(contentDisposition);
        String name = m.find() ? m.group(1).replaceAll(".*[/\\\\]", "").replaceAll("[^A-Za-z0-9_.-]", "_") : "";
        return name.isEmpty() || name.startsWith(".") ? "profile" + format.suffix : name;
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format f : Format.values()) {
                if (f.param().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected one of "
                    + String.join(", ", List.of("speedscope", "chrome", "folded")) + ", got " + value);
        }
    }
}
