package dev.spacetime.client.metrics;

import dev.spacetime.client.ClientException;
import dev.spacetime.client.exposition.Exposition;
import dev.spacetime.client.exposition.ExpositionException;
import dev.spacetime.client.exposition.ExpositionParser;
import dev.spacetime.client.http.ApiClient;
import dev.spacetime.client.http.Response;
import java.util.Map;

/** Fetches {@code /metrics} as text format 0.0.4 and parses it. */
public final class Scraper {
    /** Ask for the classic text format: the parser reads nothing else. */
    static final String ACCEPT = "text/plain;version=0.0.4";

    private final ApiClient client;

    public Scraper(ApiClient client) {
        this.client = client;
    }

    /** A scrape and the monotonic time it was taken at. */
    public record Scrape(Exposition exposition, long nanoTime) {
        public double secondsSince(Scrape earlier) {
            return (nanoTime - earlier.nanoTime) / 1e9;
        }
    }

    public Scrape scrape() throws ClientException {
        Response response = client.get("/metrics", Map.of(), false, ACCEPT, 200);
        long at = System.nanoTime();
        if (!response.contentType().startsWith("text/plain")) {
            throw ApiClient.unexpected(response, "expected the Prometheus text format, got " + response.contentType());
        }
        try {
            return new Scrape(ExpositionParser.parse(response.text()), at);
        } catch (ExpositionException e) {
            throw ApiClient.unexpected(response, "invalid exposition: " + e.getMessage());
        }
    }
}
