package dev.spacetime.client.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spacetime.client.ClientException;
import dev.spacetime.client.ExitCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * GET requests to the server, with every failure turned into a one-line {@link ClientException}: no connection
 * (exit 3), refused token (401/403 with the server's JSON message), any other unexpected status or body (exit 1).
 */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final TokenSource tokens;
    private final Duration timeout;
    private final HttpClient http;

    public ApiClient(URI base, TokenSource tokens, Duration timeout) {
        this.base = base;
        this.tokens = tokens;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public URI base() {
        return base;
    }

    public TokenSource tokens() {
        return tokens;
    }

    /** GET {@code path} with query parameters (null values left out); {@code authenticated} sends the bearer token. */
    public Response get(String path, Map<String, ?> query, boolean authenticated, int... okStatuses)
            throws ClientException {
        return get(path, query, authenticated, null, okStatuses);
    }

    /** As {@link #get(String, Map, boolean, int...)} with an {@code Accept} header (null for none). */
    public Response get(String path, Map<String, ?> query, boolean authenticated, String accept, int... okStatuses)
            throws ClientException {
        URI uri = uri(path, query);
        String what = "GET " + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (authenticated) {
            Optional<TokenSource.Token> token = tokens.resolve();
            token.ifPresent(t -> request.header("Authorization", "Bearer " + t.value()));
        }
        HttpResponse<byte[]> raw;
        try {
            raw = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("connection timed out", e);
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer to " + what + " within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw unreachable(causedBy(e, UnresolvedAddressException.class) ? "unknown host " + base.getHost()
                    : "connection refused", e);
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ExitCodes.FAILED, "interrupted", e);
        }
        Response response = new Response(what, raw.statusCode(), raw.headers(), raw.body());
        for (int ok : okStatuses.length == 0 ? new int[] {200} : okStatuses) {
            if (response.status() == ok) {
                return response;
            }
        }
        throw refused(response, authenticated);
    }

    /** GET returning a JSON object. */
    public JsonNode getJson(String path, Map<String, ?> query, boolean authenticated, int... okStatuses)
            throws ClientException {
        return json(get(path, query, authenticated, okStatuses));
    }

    /** The body as JSON, or an "unexpected response" error. */
    public static JsonNode json(Response response) throws ClientException {
        if (!response.contentType().startsWith("application/json")) {
            throw unexpected(response, "expected JSON, got " + describeType(response));
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw unexpected(response, "expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw unexpected(response, "invalid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw unexpected(response, e.toString());
        }
    }

    public static ClientException unexpected(Response response, String detail) {
        return new ClientException(ExitCodes.FAILED, response.status(), "unexpected response to " + response.what()
                + " (HTTP "
                + response.status() + "): " + detail);
    }

    private ClientException refused(Response response, boolean authenticated) throws ClientException {
        String message = serverMessage(response);
        String prefix = "HTTP " + response.status() + " from " + response.what() + ": " + message;
        boolean credentials = response.status() == 401 || response.status() == 403;
        return new ClientException(ExitCodes.FAILED, response.status(),
                prefix + (credentials && authenticated ? " (" + tokens.hint() + ")" : ""));
    }

    /** The server's JSON error ({@code {"error", "message"}}), else a short description of what came back. */
    private static String serverMessage(Response response) {
        if (response.contentType().startsWith("application/json")) {
            try {
                JsonNode node = JSON.readTree(response.body());
                if (node != null && node.hasNonNull("message")) {
                    String error = node.path("error").asText("");
                    return (error.isEmpty() ? "" : error + ": ") + oneLine(node.get("message").asText());
                }
            } catch (IOException e) {
                // fall through: describe the body instead
            }
        }
        return "unexpected " + describeType(response) + " body";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describeType(Response response) {
        String type = response.contentType();
        return type.isEmpty() ? "no Content-Type" : type;
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private ClientException unreachable(String reason, Exception cause) {
        return new ClientException(ExitCodes.UNREACHABLE, "cannot connect to " + base + ": " + reason, cause);
    }

    private URI uri(String path, Map<String, ?> query) {
        String prefix = base.toString().replaceAll("/+$", "");
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(encode(k) + "=" + encode(String.valueOf(v)));
            }
        });
        return URI.create(prefix + path + q);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
