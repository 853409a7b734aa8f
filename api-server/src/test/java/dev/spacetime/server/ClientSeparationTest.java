package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.ratelimit.RouteGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Which client a request is limited as: each direct peer address has its own buckets, and behind trusted proxies
 * the nearest untrusted {@code X-Forwarded-For} hop, down to the left-most one. At the bucket cap an unknown client
 * is refused, and counted.
 */
class ClientSeparationTest {
    private static final int LIMIT = 3;
    private static final String HITS = "rate_limit_hits_total{endpoint=\"/auth/status\"}";

    private static UnaryOperator<ServerConfig> limits(Set<String> trustedProxies, int maxBuckets) {
        return c -> {
            var perMinute = new EnumMap<>(c.rateLimit().perMinute());
            perMinute.put(RouteGroup.DEFAULT, LIMIT);
            return c.withRateLimit(new ServerConfig.RateLimit(perMinute, trustedProxies, maxBuckets));
        };
    }

    /** The status of GET /auth/status sent from {@code from} (any 127.x address is this host's loopback). */
    private static int statusFrom(TestServer s, String from, String forwardedFor) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), s.server.port(),
                InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /auth/status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + s.adminToken()
                    + "\r\n" + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    @Test
    void twoDirectClientsHaveSeparateBuckets() throws Exception {
        try (TestServer s = TestServer.start(limits(Set.of(), 100))) {
            for (int i = 0; i < LIMIT; i++) {
                assertThat(statusFrom(s, "127.0.0.1", null)).isEqualTo(200);
            }
            assertThat(statusFrom(s, "127.0.0.1", null)).isEqualTo(429);
            assertThat(statusFrom(s, "127.0.0.2", null)).as("another address, its own bucket").isEqualTo(200);
            assertThat(statusFrom(s, "127.0.0.2", "10.0.0.9")).as("untrusted peer: header ignored").isEqualTo(200);
            assertThat(statusFrom(s, "127.0.0.2", "10.0.0.10")).isEqualTo(200);
            assertThat(statusFrom(s, "127.0.0.2", null)).isEqualTo(429);
        }
    }

    @Test
    void behindTwoTrustedProxiesTheLeftMostHopIsTheClient() throws Exception {
        try (TestServer s = TestServer.start(limits(Set.of("127.0.0.1", "10.9.9.9"), 100))) {
            for (int i = 0; i < LIMIT; i++) {
                assertThat(statusFrom(s, "127.0.0.1", "10.0.0.7, 10.9.9.9")).isEqualTo(200);
            }
            assertThat(statusFrom(s, "127.0.0.1", "10.0.0.7,10.9.9.9")).isEqualTo(429);
            assertThat(statusFrom(s, "127.0.0.1", "10.0.0.8, 10.9.9.9")).as("another client").isEqualTo(200);
            assertThat(statusFrom(s, "127.0.0.1", "10.0.0.8")).as("the same client, one proxy less").isEqualTo(200);
            assertThat(statusFrom(s, "127.0.0.1", "10.0.0.7")).isEqualTo(429);
            // Every hop trusted, or a hop that is no address: the proxy itself is the client.
            for (int i = 0; i < LIMIT; i++) {
                assertThat(statusFrom(s, "127.0.0.1", "10.9.9.9")).isEqualTo(200);
            }
            assertThat(statusFrom(s, "127.0.0.1", "evil, 10.9.9.9")).isEqualTo(429);
            assertThat(statusFrom(s, "127.0.0.1", null)).isEqualTo(429);
        }
    }

    @Test
    void atTheBucketCapANewClientIsRefusedAndCounted() throws Exception {
        try (TestServer s = TestServer.start(limits(Set.of("127.0.0.1"), 2))) {
            assertThat(statusFrom(s, "127.0.0.1", "10.0.0.1")).isEqualTo(200);
            assertThat(statusFrom(s, "127.0.0.1", "10.0.0.2")).isEqualTo(200);
            assertThat(TestServer.sample(s.metrics(), HITS)).isZero();
            assertThat(statusFrom(s, "127.0.0.1", "10.0.0.3")).as("a third client, no bucket left").isEqualTo(429);
            assertThat(TestServer.sample(s.metrics(), HITS)).isEqualTo(1);
            assertThat(statusFrom(s, "127.0.0.1", "10.0.0.1")).as("known clients go on").isEqualTo(200);
        }
    }
}
