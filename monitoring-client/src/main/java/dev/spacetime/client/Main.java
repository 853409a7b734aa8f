package dev.spacetime.client;

import dev.spacetime.client.dashboard.DashboardCommand;
import dev.spacetime.client.health.HealthCommand;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.client.http.TokenSource;
import dev.spacetime.client.metrics.MetricsCommand;
import dev.spacetime.client.profile.FlamegraphCommand;
import dev.spacetime.client.profile.ProfileCommand;
import dev.spacetime.client.term.Style;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar monitoring-client.jar [--url U] [--token T] [--json] <command>}: the command-line client of the
 * server's monitoring surface. Exit codes in {@link ExitCodes}.
 */
@Command(name = "monitoring-client", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        scope = ScopeType.INHERIT,
        description = "Metrics, health, profiles, flame graphs and a live dashboard of a SpaceTime API server.",
        subcommands = {MetricsCommand.class, HealthCommand.class, ProfileCommand.class, FlamegraphCommand.class,
                DashboardCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 unhealthy or failed (refused token, unexpected response), 2 usage, "
                + "3 cannot connect."})
public final class Main implements Runnable {

    private final Environment environment;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", scope = ScopeType.INHERIT,
            converter = BaseUrl.class, description = "Server base URL (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token", scope = ScopeType.INHERIT,
            description = "Bearer token (else $" + TokenSource.ENV + ", else the token file). Never printed.")
    String token;

    @Option(names = "--token-file", scope = ScopeType.INHERIT,
            description = "Token file the server writes (default: ~/.spacetime/token).")
    Path tokenFile;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable JSON output.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "10", scope = ScopeType.INHERIT,
            description = "Seconds to wait for the server (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    public Main(Environment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        Environment env = Environment.system();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(env, out, err, args));
    }

    /** Runs one command line; returns the exit code. */
    public static int run(Environment env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main(env));
        cli.setOut(out).setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("error: " + ex.getMessage());
            cmd.getErr().println("try: " + cmd.getCommandSpec().qualifiedName() + " --help");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ClientException ce) {
                cmd.getErr().println("error: " + ce.getMessage());
                return ce.exitCode();
            }
            throw ex;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command");
    }

    public Environment environment() {
        return environment;
    }

    public boolean json() {
        return json;
    }

    public ApiClient client() {
        Path file = tokenFile != null ? tokenFile : environment.home().resolve(".spacetime").resolve("token");
        return new ApiClient(url, new TokenSource(Optional.ofNullable(token), environment.variables(), file),
                Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    }

    public Style style() {
        return new Style(environment.colour());
    }

    /** Accepts only absolute http(s) URLs with a host. */
    static final class BaseUrl implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("not a URL: " + value);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null) {
                throw new CommandLine.TypeConversionException("expected http://host[:port][/path], got " + value);
            }
            return uri;
        }
    }

    /** The project version, from a resource Maven filters at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"monitoring-client " + p.getProperty("version", "unknown")};
        }
    }
}
