package dev.spacetime.client.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.catalog.HealthState;
import dev.spacetime.client.ClientException;
import dev.spacetime.client.ExitCodes;
import dev.spacetime.client.Main;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.client.http.Response;
import dev.spacetime.client.term.Style;
import dev.spacetime.client.term.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code health}: overall and per-subsystem state; exit 1 when unhealthy (degraded still exits 0). */
@Command(name = "health", description = "Show /health: overall and per-subsystem status. Exit 1 when unhealthy.")
public final class HealthCommand implements Callable<Integer> {

    @ParentCommand
    Main root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** A /health body, checked for the fields the client reads. */
    public record Report(HealthState overall, String timestamp, double checkMs, List<Subsystem> subsystems,
                         List<String> issues, JsonNode raw) {
    }

    public record Subsystem(String name, HealthState state, String message, double checkMs) {
    }

    @Override
    public Integer call() throws ClientException {
        Report report = fetch(root.client());
        PrintWriter out = spec.commandLine().getOut();
        if (root.json()) {
            out.println(report.raw().toPrettyString());
        } else {
            render(root.style(), report, root.client().base().toString()).forEach(out::println);
        }
        return report.overall() == HealthState.UNHEALTHY ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** GET /health (503 is an answer too: the server is up and says it is unhealthy). */
    public static Report fetch(ApiClient client) throws ClientException {
        Response response = client.get("/health", Map.of(), false, 200, 503);
        JsonNode body = ApiClient.json(response);
        HealthState overall = state(response, body.get("status"));
        JsonNode subs = body.get("subsystems");
        if (subs == null || !subs.isObject()) {
            throw ApiClient.unexpected(response, "no subsystems object");
        }
        List<Subsystem> subsystems = new ArrayList<>();
        for (var e : subs.properties()) {
            JsonNode s = e.getValue();
            subsystems.add(new Subsystem(e.getKey(), state(response, s.get("status")), s.path("message").asText(""),
                    s.path("check_duration_ms").asDouble(Double.NaN)));
        }
        List<String> issues = new ArrayList<>();
        body.path("issues").forEach(i -> issues.add(i.asText()));
        return new Report(overall, body.path("timestamp").asText(""), body.path("check_duration_ms")
                .asDouble(Double.NaN), subsystems, issues, body);
    }

    private static HealthState state(Response response, JsonNode status) throws ClientException {
        if (status != null && status.isTextual()) {
            for (HealthState s : HealthState.values()) {
                if (s.label().equals(status.asText())) {
                    return s;
                }
            }
        }
        throw ApiClient.unexpected(response, "status is not one of healthy, degraded, unhealthy: " + status);
    }

    public static List<String> render(Style style, Report report, String server) {
        List<String> lines = new ArrayList<>();
        lines.add(server + ": " + style.bold(style.state(report.overall().label(),
                report.overall().name())) + "  (checked in " + ms(report.checkMs()) + " at " + report.timestamp() + ")");
        Table table = Table.of("subsystem", "status", "check>", "message");
        for (Subsystem s : report.subsystems()) {
            table.row(s.name(), style.state(s.state().label()), ms(s.checkMs()), s.message());
        }
        table.lines().forEach(l -> lines.add("  " + l));
        for (String issue : report.issues()) {
            lines.add("  " + style.yellow("! ") + issue);
        }
        return lines;
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f ms", v);
    }
}
