package dev.spacetime.stack;

import static dev.spacetime.stack.LiveHttp.get;
import static dev.spacetime.stack.LiveHttp.parse;
import static dev.spacetime.stack.LiveHttp.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of an end-to-end stack on loopback, logs and data in one directory: the api-server jar, Debian's
 * Prometheus and Alertmanager. {@link #close()} stops them all, the last started first.
 */
final class LiveStack implements AutoCloseable {

    private final Path dir;
    private final List<LiveProcess> processes = new ArrayList<>();

    LiveStack(Path dir) {
        this.dir = dir;
    }

    /** The running API: its base URL, port and admin token (from its token file). */
    record Api(LiveProcess process, String url, int port, String admin) {

        /** A fresh token of {@code role}, issued with the admin token. */
        String issueToken(String role) throws Exception {
            HttpResponse<String> issued = post("/auth/token", "{\"role\":\"" + role + "\"}", admin);
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            return (String) parse(issued.body()).get("token");
        }

        HttpResponse<String> post(String path, String json, String bearer) throws Exception {
            return LiveHttp.HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** The value of {@code series} (name and labels as exposed) on /metrics; NaN when absent. */
        double sample(String series) throws Exception {
            return get(url + "/metrics", null).body().lines().filter(l -> l.startsWith(series + " "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim().split(" ")[0]))
                    .findFirst().orElse(Double.NaN);
        }
    }

    /**
     * Starts the api-server jar ({@code mvn -pl stack-gen -am package} builds it) on a free loopback port with
     * {@code configYaml} as its config file, the webhook token written to {@code webhookToken}, and {@code options}.
     */
    Api api(Path webhookToken, String configYaml, Duration wait, String... options) throws Exception {
        Path jar = Path.of(System.getProperty("spacetime.root", ".."), "api-server", "target", "api-server.jar");
        assertThat(jar).as("build the API server first: mvn -pl api-server package").isRegularFile();
        Path config = Files.writeString(dir.resolve("api.yml"), configYaml);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString(),
                "--host", "127.0.0.1", "--port", "0", "--token-file", dir.resolve("admin_token").toString(),
                "--alert-webhook-token-file", webhookToken.toString(), "--state-dir", dir.resolve("api-state").toString(),
                "--config", config.toString()));
        command.addAll(List.of(options));
        LiveProcess api = LiveProcess.startReadingStdout("api-server", dir, command);
        processes.add(api);
        String url = api.firstLine(wait).replace("listening on ", "").trim();
        assertThat(url).startsWith("http://127.0.0.1:");
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        return new Api(api, url, port, Files.readString(dir.resolve("admin_token")).trim());
    }

    /**
     * Debian's Alertmanager on {@code port} with the generated config in {@code config}, without a cluster; its log
     * is {@code <name>.log} (a restart takes another name to keep the first log).
     */
    LiveProcess alertmanager(String name, Path config, int port) throws Exception {
        Path binary = require(NativeRunnerSettings.STANDARD.alertmanagerBinary(), "prometheus-alertmanager");
        return start(name, List.of(binary.toString(),
                "--config.file=" + config.resolve(StackGenerator.ALERTMANAGER_YML),
                "--storage.path=" + dir.resolve("alertmanager-data"),
                "--web.listen-address=" + StackSettings.loopback(port), "--cluster.listen-address="));
    }

    /** Debian's Prometheus on {@code port} with the generated config (and rules) in {@code config}, and {@code flags}. */
    LiveProcess prometheus(Path config, int port, String... flags) throws Exception {
        Path binary = require(NativeRunnerSettings.STANDARD.prometheusBinary(), "prometheus");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--config.file=" + config.resolve(StackGenerator.PROMETHEUS_YML),
                "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
                "--web.listen-address=" + StackSettings.loopback(port)));
        command.addAll(List.of(flags));
        return start("prometheus", command);
    }

    private LiveProcess start(String name, List<String> command) throws Exception {
        LiveProcess p = LiveProcess.start(name, dir, command);
        processes.add(p);
        return p;
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
