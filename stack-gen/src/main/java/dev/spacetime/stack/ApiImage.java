package dev.spacetime.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API server's container image ({@code api-server/Dockerfile}, generated) and how compose runs it. The image
 * copies the jar {@code mvn package} built; the build context is the repository root, of which
 * {@code .dockerignore} sends only that jar.
 *
 * @param baseImage        JRE image, pinned by version (and Ubuntu release)
 * @param localTag         the tag compose gives the image it builds
 * @param dockerfile       the Dockerfile, relative to the repository root (the build context)
 * @param jar              the jar, relative to the build context
 * @param uid              user (and group) the server runs as: 65534, nobody, the user prom/alertmanager runs as,
 *                         so the webhook token the API writes with mode 0600 is readable by Alertmanager on the
 *                         shared volume and by no other user
 * @param port             the port the server listens on inside the container (on 0.0.0.0)
 * @param installDir       where the jar goes in the image
 * @param dataDir          volume: the admin token and the state directory
 * @param webhookDir       volume shared read-only with Alertmanager: the webhook token
 * @param maxRamPercentage heap limit as a share of the container's memory limit: the rest is for metaspace,
 *                         thread stacks and Netty's direct buffers, so the JVM fails with an OutOfMemoryError
 *                         (and exits, to be restarted) before the kernel kills it
 * @param memoryLimit      the container's memory limit in compose ({@code mem_limit})
 * @param livenessPath     the route the image's HEALTHCHECK asks; live never checks dependencies
 */
public record ApiImage(
        String baseImage,
        String localTag,
        String dockerfile,
        String jar,
        int uid,
        int port,
        String installDir,
        String dataDir,
        String webhookDir,
        int maxRamPercentage,
        String memoryLimit,
        String livenessPath) {

    /** A version tag, never a moving one such as {@code 17-jre} or {@code latest}. */
    private static final Pattern PINNED = Pattern.compile("eclipse-temurin:\\d+\\.\\d+\\.\\d+_\\d+-jre(-[a-z]+)?");
    private static final Pattern MEMORY = Pattern.compile("\\d+[mg]");
    public static final String WEBHOOK_TOKEN_FILE = "alert_webhook_token";

    public static final ApiImage STANDARD = new ApiImage(
            "eclipse-temurin:17.0.17_10-jre-noble",
            "spacetime/api-server:local",
            "api-server/Dockerfile",
            "api-server/target/api-server.jar",
            65534,
            Ports.DEFAULT.api(),
            "/opt/spacetime",
            "/var/lib/spacetime",
            "/run/spacetime",
            50,
            "1g",
            "/health/live");

    public ApiImage {
        if (!PINNED.matcher(baseImage).matches()) {
            throw new IllegalArgumentException("base image must be pinned by version: " + baseImage);
        }
        if (uid <= 0) {
            throw new IllegalArgumentException("the server must not run as root (uid " + uid + ")");
        }
        if (maxRamPercentage < 10 || maxRamPercentage > 90) {
            throw new IllegalArgumentException("MaxRAMPercentage out of 10..90: " + maxRamPercentage);
        }
        if (!MEMORY.matcher(memoryLimit).matches()) {
            throw new IllegalArgumentException("memory limit like 512m or 1g: " + memoryLimit);
        }
        if (!livenessPath.startsWith("/")) {
            throw new IllegalArgumentException("liveness path must start with '/': " + livenessPath);
        }
    }

    public String jarInImage() {
        return installDir + "/api-server.jar";
    }

    public String webhookTokenFile() {
        return webhookDir + "/" + WEBHOOK_TOKEN_FILE;
    }

    /**
     * The server's settings, as environment variables of the api-server's options: bound to every interface of
     * the container (compose publishes the port on the host's loopback only), files on the volumes.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPACETIME_HOST", "0.0.0.0");
        env.put("SPACETIME_PORT", String.valueOf(port));
        env.put("SPACETIME_TOKEN_FILE", dataDir + "/token");
        env.put("SPACETIME_STATE_DIR", dataDir + "/state");
        env.put("SPACETIME_ALERT_WEBHOOK_TOKEN_FILE", webhookTokenFile());
        return env;
    }

    public List<String> entrypoint() {
        return List.of("java", "-XX:MaxRAMPercentage=" + maxRamPercentage, "-XX:+ExitOnOutOfMemoryError", "-jar",
                jarInImage());
    }

    /**
     * The HEALTHCHECK command: bash's {@code /dev/tcp} sends one HTTP/1.0 request to the liveness route and
     * succeeds on a 200 status line. The JRE image has bash but no curl or wget, and a JVM started every
     * interval would cost more than the server's own idle load.
     */
    public List<String> healthcheck() {
        return List.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SPACETIME_PORT:-" + port + "}"
                + " && printf 'GET " + livenessPath + " HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3"
                + " && head -n 1 <&3 | grep -q '^HTTP/1\\.[01] 200 '");
    }
}
