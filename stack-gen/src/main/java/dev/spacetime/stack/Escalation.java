package dev.spacetime.stack;

import java.net.URI;
import java.util.Optional;

/**
 * An out-of-band webhook (a pager, a chat bridge) the pipeline receiver also posts to: when the API's webhook is
 * what broke (say a 401 after its token changed), AlertmanagerNotificationsFailing still reaches a person. The
 * bearer token, if the endpoint wants one, lives in {@code credentialsFile}, never in the generated YAML.
 */
public record Escalation(String url, Optional<String> credentialsFile) {

    public Escalation {
        URI uri = URI.create(url);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("escalation webhook must be an absolute http(s) URL: " + url);
        }
        credentialsFile = credentialsFile == null ? Optional.empty() : credentialsFile;
    }

    public static Escalation at(String url) {
        return new Escalation(url, Optional.empty());
    }

    public Escalation withCredentialsFile(String file) {
        return new Escalation(url, Optional.of(file));
    }
}
