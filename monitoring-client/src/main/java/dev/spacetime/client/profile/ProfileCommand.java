package dev.spacetime.client.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.client.ClientException;
import dev.spacetime.client.ExitCodes;
import dev.spacetime.client.Main;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.client.http.Response;
import dev.spacetime.client.term.Format;
import dev.spacetime.client.term.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code profile [filters]}: phase statistics, endpoint summary and the slowest requests from /debug/profile. */
@Command(name = "profile", description = "Show /debug/profile: phase statistics, endpoint summary, slowest requests.")
public final class ProfileCommand implements Callable<Integer> {
    public static final String PATH = "/debug/profile";
    /** Slowest requests listed when no --limit is given. */
    static final int SLOWEST_SHOWN = 10;

    @ParentCommand
    Main root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ProfileQueryOptions filters;

    @Override
    public Integer call() throws ClientException {
        Response response = root.client().get(PATH, filters.query(), true);
        JsonNode body = ApiClient.json(response);
        for (String field : List.of("recent_requests", "slow_requests", "endpoint_summary")) {
            if (!body.path(field).isArray()) {
                throw ApiClient.unexpected(response, "no " + field + " list");
            }
        }
        if (!body.path("phase_statistics").isObject()) {
            throw ApiClient.unexpected(response, "no phase_statistics object");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (root.json()) {
            out.println(body.toPrettyString());
        } else {
            render(body, filters.limit == null ? SLOWEST_SHOWN : filters.limit).forEach(out::println);
        }
        return ExitCodes.OK;
    }

    static List<String> render(JsonNode body, int slowest) {
        List<String> lines = new ArrayList<>();
        JsonNode totals = body.path("totals");
        lines.add("Profiles: " + totals.path("recorded").asLong() + " recorded (" + totals.path("recorded_slow")
                .asLong() + " slow), " + totals.path("kept_recent").asLong() + " kept; filters: "
                + filtersText(body.path("filters_applied")));

        lines.add("");
        lines.add("Phase statistics");
        Table phases = Table.of("phase", "count>", "avg>", "p50>", "p95>", "p99>", "max>", "self avg>");
        body.path("phase_statistics").properties().forEach(e -> {
            JsonNode s = e.getValue();
            phases.row(e.getKey(), s.path("count").asLong(), ms(s, "avg_ms"), ms(s, "p50_ms"), ms(s, "p95_ms"),
                    ms(s, "p99_ms"), ms(s, "max_ms"), ms(s.path("self"), "avg_ms"));
        });
        addTable(lines, phases, "no phases recorded");

        lines.add("");
        lines.add("Endpoint summary");
        Table endpoints = Table.of("method", "endpoint", "count>", "avg>", "p95>", "max>", "slow>", "4xx>", "5xx>");
        body.path("endpoint_summary").forEach(s -> endpoints.row(s.path("method").asText(),
                s.path("endpoint").asText(), s.path("count").asLong(), ms(s, "avg_ms"), ms(s, "p95_ms"),
                ms(s, "max_ms"), s.path("slow_count").asLong(), s.path("client_errors").asLong(),
                s.path("server_errors").asLong()));
        addTable(lines, endpoints, "no requests recorded");

        lines.add("");
        lines.add("Slowest requests");
        addTable(lines, slowestTable(slowestRequests(body, slowest)), "none");
        return lines;
    }

    /** Slow and recent requests together (each once, by id), longest first. */
    private static List<JsonNode> slowestRequests(JsonNode body, int limit) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (String list : List.of("slow_requests", "recent_requests")) {
            body.path(list).forEach(r -> byId.putIfAbsent(r.path("id").asText(), r));
        }
        return byId.values().stream()
                .sorted(Comparator.comparingDouble((JsonNode r) -> r.path("duration_ms").asDouble()).reversed())
                .limit(limit).toList();
    }

    public static Table slowestTable(List<JsonNode> requests) {
        Table table = Table.of("id", "method", "endpoint", "status>", "duration>", "start", "longest phase");
        for (JsonNode r : requests) {
            table.row(r.path("id").asText(), r.path("method").asText(), r.path("endpoint").asText(),
                    r.path("status").asInt(), ms(r, "duration_ms"), r.path("start").asText(), longestPhase(r));
        }
        return table;
    }

    private static String longestPhase(JsonNode request) {
        JsonNode longest = null;
        for (JsonNode p : request.path("phases")) {
            if (longest == null || p.path("duration_ms").asDouble() > longest.path("duration_ms").asDouble()) {
                longest = p;
            }
        }
        return longest == null ? "-" : longest.path("name").asText() + " " + ms(longest, "duration_ms");
    }

    private static String filtersText(JsonNode filters) {
        List<String> parts = new ArrayList<>();
        filters.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        return parts.isEmpty() ? "none" : String.join(" ", parts);
    }

    private static void addTable(List<String> lines, Table table, String empty) {
        if (table.isEmpty()) {
            lines.add("  (" + empty + ")");
        } else {
            table.lines().forEach(l -> lines.add("  " + l));
        }
    }

    private static String ms(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isNumber() ? Format.NA : Format.ms(v.asDouble());
    }
}
