package dev.spacetime.server.ratelimit;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client a request is rate-limited as: the peer address, or, only when the peer is a configured trusted proxy,
 * the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. Anything else in the header is
 * attacker-controlled and ignored.
 */
public final class ClientAddress {
    /** IPv4/IPv6 literal characters, at most the length of the longest IPv6 text form. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<String> trustedProxies;

    public ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    public String of(HttpServerRequest request) {
        SocketAddress remote = request.connection().remoteAddress();
        String peer = remote.hostAddress() != null ? remote.hostAddress() : remote.host();
        if (peer == null) {
            peer = "unknown";
        }
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!IP_LITERAL.matcher(hop).matches()) {
                return peer;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
