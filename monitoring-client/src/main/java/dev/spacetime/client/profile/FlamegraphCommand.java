package dev.spacetime.client.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spacetime.client.ClientException;
import dev.spacetime.client.ExitCodes;
import dev.spacetime.client.Main;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.client.http.Response;
import dev.spacetime.profiler.export.FlameFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code flamegraph [--request-id ID|all] [filters] [--format F] [-o FILE|DIR]}: downloads a flame graph file from
 * /debug/profile/flamegraph, saves it, and prints where the time went.
 */
@Command(name = "flamegraph", description = "Save a flame graph (SpeedScope, Chrome DevTools or folded stacks) "
        + "and show where the time went.")
public final class FlamegraphCommand implements Callable<Integer> {
    static final String PATH = "/debug/profile/flamegraph";
    private static final Pattern FILENAME = Pattern.compile("filename=\"?([^\";]+)\"?");

    @ParentCommand
    Main root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--request-id", paramLabel = "ID", description = "One request, or 'all' for the aggregate of every "
            + "kept one (default: the slowest recent request; with filters, the aggregate of those matching).")
    String requestId;

    @Mixin
    ProfileQueryOptions filters;

    @Option(names = "--format", defaultValue = "speedscope", description = "speedscope, chrome or folded "
            + "(default: ${DEFAULT-VALUE}).", converter = FormatConverter.class)
    FlameFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to save (a directory keeps the server's file name; default: the current directory).")
    Path output;

    @Override
    public Integer call() throws ClientException {
        Map<String, Object> query = new LinkedHashMap<>(filters.query());
        query.put("request_id", requestId);
        query.put("format", format.toString());
        Response response = root.client().get(PATH, query, true);
        FlameStacks stacks = parse(response);
        Path target = target(response);
        try {
            Files.write(target, response.body());
        } catch (IOException e) {
            throw new ClientException(ExitCodes.FAILED, "cannot write " + target + ": " + ClientException.reason(e));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (root.json()) {
            ObjectNode node = ApiClient.JSON.createObjectNode()
                    .put("file", target.toString()).put("bytes", response.body().length).put("format", format.toString())
                    .put("total_ms", stacks.totalMs());
            ArrayNode frames = node.putArray("stacks");
            stacks.selfMs().forEach((stack, ms) -> frames.addObject().put("stack", String.join(";", stack))
                    .put("self_ms", ms));
            out.println(node.toPrettyString());
        } else {
            out.println("Saved " + response.body().length + " bytes to " + target + " (" + howToOpen(format) + ")");
            out.println(String.format(Locale.ROOT, "Where the time went (%.3f ms in all):", stacks.totalMs()));
            FlameView.render(stacks).forEach(out::println);
        }
        return ExitCodes.OK;
    }

    private FlameStacks parse(Response response) throws ClientException {
        try {
            if (format == FlameFormat.FOLDED) {
                return FlameStacks.fromFolded(response.text());
            }
            JsonNode body = ApiClient.JSON.readTree(response.body());
            return format == FlameFormat.SPEEDSCOPE ? FlameStacks.fromSpeedscope(body) : FlameStacks.fromChrome(body);
        } catch (IOException | IllegalArgumentException e) {
            throw ApiClient.unexpected(response, "not a " + format + " file: " + e.getMessage());
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
    static String fileName(String contentDisposition, FlameFormat format) {
        Matcher m = FILENAME.matcher(contentDisposition);
        String name = m.find() ? m.group(1).replaceAll(".*[/\\\\]", "").replaceAll("[^A-Za-z0-9_.-]", "_") : "";
        return name.isEmpty() || name.startsWith(".") ? format.fileName("profile") : name;
    }

    private static String howToOpen(FlameFormat format) {
        return switch (format) {
            case SPEEDSCOPE -> "open it at https://www.speedscope.app";
            case CHROME -> "open it in Chrome DevTools (Performance > Load profile) or https://ui.perfetto.dev";
            case FOLDED -> "render it with flamegraph.pl or inferno-flamegraph";
        };
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<FlameFormat> {
        @Override
        public FlameFormat convert(String value) {
            try {
                return FlameFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage() + ", got " + value);
            }
        }
    }
}
