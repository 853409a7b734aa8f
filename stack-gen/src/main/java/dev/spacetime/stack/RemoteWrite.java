package dev.spacetime.stack;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code remote_write} endpoint: a Prometheus-compatible long-term store that keeps what the local TSDB's
 * retention drops and answers for the whole fleet. Headers (a tenant id) are written into prometheus.yml; no
 * secret belongs here.
 *
 * @param store   which store, which decides the path and what happens to the replica label
 * @param url     the full write URL
 * @param headers extra request headers, sorted
 */
public record RemoteWrite(Store store, String url, Map<String, String> headers) {

    /** Grafana Mimir's tenant header (one tenant per organisation; "anonymous" when multi-tenancy is off). */
    public static final String MIMIR_TENANT_HEADER = "X-Scope-OrgID";

    /** The stores this stack knows how to write to. */
    public enum Store {
        /**
         * VictoriaMetrics (single node): it deduplicates samples of identical series itself
         * ({@code -dedup.minScrapeInterval}), so the replica label is dropped before writing and both replicas
         * write the same series.
         */
        VICTORIA_METRICS("/api/v1/write", false),
        /**
         * Grafana Mimir: its HA tracker keeps one replica's samples per cluster, chosen by the cluster and replica
         * labels ({@code ha_cluster_label}, {@code ha_replica_label}), so the replica label must arrive.
         */
        MIMIR("/api/v1/push", true),
        /** Thanos Receive: Thanos Query deduplicates at read time by the replica label ({@code --query.replica-label}). */
        THANOS_RECEIVE("/api/v1/receive", true);

        private final String path;
        private final boolean keepsReplicaLabel;

        Store(String path, boolean keepsReplicaLabel) {
            this.path = path;
            this.keepsReplicaLabel = keepsReplicaLabel;
        }

        public String path() {
            return path;
        }

        public boolean keepsReplicaLabel() {
            return keepsReplicaLabel;
        }
    }

    public RemoteWrite {
        URI parsed = URI.create(url);
        if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) || parsed.getHost() == null) {
            throw new IllegalArgumentException("remote_write needs an http(s) URL with a host: " + url);
        }
        headers = Map.copyOf(headers);
    }

    /** {@code baseUrl} is the store's root, e.g. {@code http://victoriametrics:8428}. */
    public static RemoteWrite victoriaMetrics(String baseUrl) {
        return new RemoteWrite(Store.VICTORIA_METRICS, join(baseUrl, Store.VICTORIA_METRICS), Map.of());
    }

    /** Mimir's distributor (or its gateway), {@code tenant} in {@link #MIMIR_TENANT_HEADER}. */
    public static RemoteWrite mimir(String baseUrl, String tenant) {
        if (tenant.isBlank()) {
            throw new IllegalArgumentException("Mimir needs a tenant id (\"anonymous\" when multi-tenancy is off)");
        }
        return new RemoteWrite(Store.MIMIR, join(baseUrl, Store.MIMIR), Map.of(MIMIR_TENANT_HEADER, tenant));
    }

    /** Thanos Receive's remote-write listener (default port 10908). */
    public static RemoteWrite thanosReceive(String baseUrl) {
        return new RemoteWrite(Store.THANOS_RECEIVE, join(baseUrl, Store.THANOS_RECEIVE), Map.of());
    }

    /** Headers in name order, for stable output. */
    public Map<String, String> sortedHeaders() {
        return new TreeMap<>(headers);
    }

    private static String join(String baseUrl, Store store) {
        return baseUrl.replaceAll("/+$", "") + store.path();
    }
}
