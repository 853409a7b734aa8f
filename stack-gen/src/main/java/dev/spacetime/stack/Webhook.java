package dev.spacetime.stack;

/**
 * The API's alert receiver. The bearer token lives in {@code credentialsFile}, never in the generated YAML;
 * a relative path is resolved by Alertmanager against the directory of alertmanager.yml.
 */
public record Webhook(String url, String credentialsFile) {

    /** The api-server route that accepts Alertmanager's webhook payload. */
    public static final String PATH = "/alerts/webhook";

    public static Webhook at(String hostPort, String credentialsFile) {
        return new Webhook("http://" + hostPort + PATH, credentialsFile);
    }
}
