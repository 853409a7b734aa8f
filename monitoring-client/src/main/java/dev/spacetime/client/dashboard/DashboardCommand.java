package dev.spacetime.client.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.client.ClientException;
import dev.spacetime.client.ExitCodes;
import dev.spacetime.client.Main;
import dev.spacetime.client.health.HealthCommand;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.client.metrics.Scraper;
import dev.spacetime.client.profile.ProfileCommand;
import dev.spacetime.profiler.ProfileQuery;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dashboard [INTERVAL] [--frames N]}: a live view redrawn every INTERVAL seconds until Ctrl-C. */
@Command(name = "dashboard", description = "Live dashboard redrawn every INTERVAL seconds until Ctrl-C.")
public final class DashboardCommand implements Callable<Integer> {
    /** Slow requests listed per frame. */
    static final int SLOW_SHOWN = 5;

    @ParentCommand
    Main root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INTERVAL", defaultValue = "5",
            description = "Seconds between refreshes (default: ${DEFAULT-VALUE}).")
    double interval;

    @Option(names = "--frames", paramLabel = "N", description = "Stop after N frames (default: run until Ctrl-C).")
    Integer frames;

    private String profileRefusal;
    /** The exit code {@link #profileRefusal} stands for: 0 when there was no token to refuse. */
    private int refusalExit;
    /** The last frame's outcome, the command's exit code: 1 if something could not be fetched, 3 unreachable. */
    private int frameExit;

    @Override
    public Integer call() throws ClientException, InterruptedException {
        if (!(interval >= 0.1 && interval <= 3600)) {
            throw new ParameterException(spec.commandLine(), "INTERVAL must be between 0.1 and 3600 s, got " + interval);
        }
        if (frames != null && frames < 1) {
            throw new ParameterException(spec.commandLine(), "--frames must be at least 1");
        }
        ApiClient client = root.client();
        PrintWriter out = spec.commandLine().getOut();
        DashboardView view = new DashboardView(root.style(), client.base().toString(), interval);
        Screen screen = new Screen(out, !root.json() && root.environment().interactive());
        Thread restore = new Thread(screen::close, "dashboard-restore-cursor");
        Runtime.getRuntime().addShutdownHook(restore);
        try {
            Snapshot previous = null;
            for (int frame = 1; frames == null || frame <= frames; frame++) {
                if (frame > 1) {
                    Thread.sleep(Math.round(interval * 1000));
                }
                Snapshot current = fetch(client, previous == null);
                if (root.json()) {
                    out.println(view.json(frame, previous, current).toString());
                    out.flush();
                } else {
                    screen.draw(view.lines(previous, current));
                }
                // Rates need the previous successful scrape, not the last attempt.
                if (current.scrape().isPresent() || previous == null) {
                    previous = current;
                }
            }
        } finally {
            screen.close();
            Runtime.getRuntime().removeShutdownHook(restore);
        }
        return frameExit;
    }

    /**
     * One refresh; sets {@link #frameExit}. On the first, an unreachable server ends the command (exit 3); later it
     * is shown.
     */
    private Snapshot fetch(ApiClient client, boolean first) throws ClientException {
        int exit = ExitCodes.OK;
        Optional<Scraper.Scrape> scrape = Optional.empty();
        String scrapeError = null;
        try {
            scrape = Optional.of(new Scraper(client).scrape());
        } catch (ClientException e) {
            if (first && e.exitCode() == ExitCodes.UNREACHABLE) {
                throw e;
            }
            scrapeError = e.getMessage();
            exit = Math.max(exit, e.exitCode());
        }
        Optional<HealthCommand.Report> health = Optional.empty();
        String healthError = null;
        try {
            health = Optional.of(HealthCommand.fetch(client));
        } catch (ClientException e) {
            healthError = e.getMessage();
            exit = Math.max(exit, e.exitCode());
        }
        Optional<List<JsonNode>> slow = Optional.empty();
        String slowError = profileRefusal;
        if (slowError == null) {
            try {
                slow = Optional.of(slowRequests(client));
            } catch (ClientException e) {
                slowError = e.getMessage();
                exit = Math.max(exit, profileRefusal != null ? refusalExit : e.exitCode());
            }
        } else {
            exit = Math.max(exit, refusalExit);
        }
        frameExit = exit;
        return new Snapshot(Instant.now(), scrape, scrapeError, health, healthError, slow, slowError);
    }

    /**
     * The newest slow requests. Without a token, once the token was refused or the route is missing, the profiler
     * is not asked again: a dashboard left running must not feed the auth-failure alerts every few seconds.
     */
    private List<JsonNode> slowRequests(ApiClient client) throws ClientException {
        if (client.tokens().resolve().isEmpty()) {
            profileRefusal = "no token for the profiler: " + client.tokens().hint();
            refusalExit = ExitCodes.OK; // the dashboard works without one: nothing failed
            throw new ClientException(ExitCodes.FAILED, profileRefusal);
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put(ProfileQuery.SLOW_ONLY, "true");
        query.put(ProfileQuery.LIMIT, SLOW_SHOWN);
        try {
            JsonNode slow = client.getJson(ProfileCommand.PATH, query, true).path("slow_requests");
            List<JsonNode> newestFirst = new ArrayList<>();
            slow.forEach(newestFirst::add); // the server lists them newest first
            return newestFirst;
        } catch (ClientException e) {
            if (e.refusedCredentials() || e.httpStatus() == 404) {
                profileRefusal = e.getMessage();
                refusalExit = e.exitCode();
            }
            throw e;
        }
    }
}
