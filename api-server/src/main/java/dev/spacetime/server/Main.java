package dev.spacetime.server;

import dev.spacetime.server.config.ConfigException;
import dev.spacetime.server.config.ConfigLoader;
import dev.spacetime.server.config.ServerConfig;
import java.util.Arrays;

/**
 * {@code java -jar api-server.jar [--host H] [--port N] [--project-root DIR] [--token-file F] [--environment NAME]
 * [--alert-webhook-token-file F] [--instrumentation true|false] [--profiler true|false] [--profiler-sample-rate R]
 * [--state-dir DIR] [--config FILE]}; without a project root the embedded demo project is served.
 * Prints exactly one line on stdout, {@code listening on http://HOST:PORT}, once connections are accepted; logs go
 * to stderr. Exits 2 on bad configuration, 1 when it cannot start, 0 after SIGTERM/SIGINT has drained requests.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // One line per log record, set before any logger exists.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(ConfigLoader.USAGE);
            return;
        }
        ServerConfig config;
        try {
            config = ConfigLoader.load(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        ApiServer server;
        try {
            server = ApiServer.start(config);
        } catch (StartupException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        System.out.println("listening on http://" + host + ":" + server.port());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.flush();
            System.err.flush();
            // A JVM ended by a signal exits 128+signal; a drained, orderly stop is a success.
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
    }
}
