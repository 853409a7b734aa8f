package dev.spacetime.client.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spacetime.client.health.HealthCommand;
import dev.spacetime.client.metrics.Scraper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one refresh fetched. Each part is present or carries why it is not (the server went away, the profiler
 * refused the token...), so one failing source never blanks the whole dashboard.
 */
record Snapshot(Instant at, Optional<Scraper.Scrape> scrape, String scrapeError,
                Optional<HealthCommand.Report> health, String healthError,
                Optional<List<JsonNode>> slowRequests, String slowError) {
}
