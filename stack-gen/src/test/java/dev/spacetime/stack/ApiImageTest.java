package dev.spacetime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spacetime.server.ApiServer;
import dev.spacetime.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's Dockerfile (no Docker engine here): committed as generated, its contents, and the parts that can run
 * outside a container run for real: the server started with the image's environment, the HEALTHCHECK command
 * (bash, as in the image) against it, the JVM flags of the entry point.
 */
class ApiImageTest {

    private static final ApiImage IMAGE = ApiImage.STANDARD;
    private static final Path ROOT = Path.of(System.getProperty("spacetime.root", ".."));

    @TempDir
    Path tmp;

    @Test
    void theCommittedDockerfileAndDockerignoreAreWhatTheGeneratorWrites() throws IOException {
        List<Path> generated = StackGenerator.generateApiImage(IMAGE, tmp);
        for (Path file : generated) {
            Path committed = ROOT.resolve(tmp.relativize(file));
            assertThat(committed).as("regenerate with mvn package").exists();
            assertThat(Files.readString(committed)).as(committed.toString()).isEqualTo(Files.readString(file));
        }
        assertThat(Files.readAllLines(ROOT.resolve(StackGenerator.DOCKERIGNORE)))
                .contains("*", "!" + IMAGE.jar());
    }

    @Test
    void pinnedJreNonRootUserHeapLimitAndTheServersPort() {
        List<String> lines = StackGenerator.dockerfile(IMAGE).lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).filteredOn(l -> l.startsWith("FROM "))
                .singleElement().asString().matches("FROM eclipse-temurin:17\\.0\\.\\d+_\\d+-jre-noble");
        assertThat(lines).filteredOn(l -> l.startsWith("USER "))
                .singleElement().asString().isEqualTo("USER 65534:65534");
        assertThat(lines).contains("EXPOSE " + IMAGE.port(), "ENV SPACETIME_PORT=" + IMAGE.port(),
                "ENV SPACETIME_HOST=0.0.0.0", "COPY api-server/target/api-server.jar /opt/spacetime/api-server.jar");
        assertThat(lines).filteredOn(l -> l.startsWith("ENTRYPOINT "))
                .singleElement().asString().contains("\"-XX:MaxRAMPercentage=50\"", "\"-jar\"");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("CMD [\"bash\", \"-c\"", "GET /health/live HTTP/1.0"));
        assertThat(IMAGE.port()).isEqualTo(ComposeSettings.STANDARD.ports().api());
    }

    @Test
    void unpinnedImagesRootAndHeapsWithoutHeadroomAreRejected() {
        assertThatThrownBy(() -> withBase("eclipse-temurin:17-jre")).hasMessageContaining("pinned");
        assertThatThrownBy(() -> withBase("eclipse-temurin:latest")).hasMessageContaining("pinned");
        assertThatThrownBy(() -> new ApiImage(IMAGE.baseImage(), IMAGE.localTag(), IMAGE.dockerfile(), IMAGE.jar(), 0,
                IMAGE.port(), IMAGE.installDir(), IMAGE.dataDir(), IMAGE.webhookDir(), 50, "1g", "/health/live"))
                .hasMessageContaining("root");
        assertThatThrownBy(() -> new ApiImage(IMAGE.baseImage(), IMAGE.localTag(), IMAGE.dockerfile(), IMAGE.jar(),
                IMAGE.uid(), IMAGE.port(), IMAGE.installDir(), IMAGE.dataDir(), IMAGE.webhookDir(), 100, "1g",
                "/health/live")).hasMessageContaining("MaxRAMPercentage");
    }

    @Test
    void theServerAcceptsTheImagesEnvironmentAndTheHealthcheckPassesOnlyAgainstALiveRoute() throws Exception {
        Map<String, String> env = new HashMap<>(IMAGE.environment());
        // The image's settings, with its volumes in a temp dir and loopback instead of every interface.
        env.replaceAll((name, value) -> value.startsWith("/") ? tmp + value : value);
        env.put("SPACETIME_HOST", "127.0.0.1");
        env.put("SPACETIME_PORT", "0");
        Files.createDirectories(Path.of(tmp + IMAGE.dataDir()));
        Files.createDirectories(Path.of(tmp + IMAGE.webhookDir()));
        int port;
        try (ApiServer server = ApiServer.start(ConfigLoader.load(new String[0], env))) {
            port = server.port();
            assertThat(Path.of(env.get("SPACETIME_TOKEN_FILE"))).isRegularFile();
            assertThat(Path.of(env.get("SPACETIME_ALERT_WEBHOOK_TOKEN_FILE")))
                    .as("where Alertmanager reads it").isEqualTo(Path.of(tmp + IMAGE.webhookTokenFile())).isRegularFile();

            assertThat(healthcheck(IMAGE, port)).as("liveness route answers 200").isZero();
            ApiImage wrongPath = new ApiImage(IMAGE.baseImage(), IMAGE.localTag(), IMAGE.dockerfile(), IMAGE.jar(),
                    IMAGE.uid(), IMAGE.port(), IMAGE.installDir(), IMAGE.dataDir(), IMAGE.webhookDir(), 50, "1g",
                    "/health/not-a-route");
            assertThat(healthcheck(wrongPath, port)).as("a 404 fails the check").isNotZero();
        }
        assertThat(healthcheck(IMAGE, port)).as("nothing listening fails the check").isNotZero();
    }

    @Test
    void theEntrypointsJvmFlagsAreAccepted() throws Exception {
        List<String> entrypoint = IMAGE.entrypoint();
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(entrypoint.subList(1, entrypoint.indexOf("-jar")));
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(out).isZero();
    }

    /** Runs the image's HEALTHCHECK command with the container's SPACETIME_PORT set to {@code port}. */
    private static int healthcheck(ApiImage image, int port) throws Exception {
        ProcessBuilder check = new ProcessBuilder(image.healthcheck()).redirectErrorStream(true);
        check.environment().put("SPACETIME_PORT", String.valueOf(port));
        Process p = check.start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("healthcheck finished").isTrue();
        return p.exitValue();
    }

    private static ApiImage withBase(String base) {
        return new ApiImage(base, IMAGE.localTag(), IMAGE.dockerfile(), IMAGE.jar(), IMAGE.uid(), IMAGE.port(),
                IMAGE.installDir(), IMAGE.dataDir(), IMAGE.webhookDir(), 50, "1g", "/health/live");
    }
}
