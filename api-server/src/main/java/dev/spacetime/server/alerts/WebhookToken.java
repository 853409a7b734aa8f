package dev.spacetime.server.alerts;

import dev.spacetime.server.auth.Role;
import dev.spacetime.server.auth.TokenFile;
import dev.spacetime.server.auth.TokenService;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Provisions Alertmanager's credential: a {@link Role#WEBHOOK} token written 0600 to the configured file, which the
 * native runner copies and docker-compose mounts as the {@code credentials_file} of every webhook receiver.
 * The token is a named credential of the {@link TokenService}: kept in the state directory, so after a restart the
 * same token is written again and a copy of the file keeps working. Alertmanager reads that file on each
 * notification, so the token is reissued at half its lifetime and the file rewritten; the previous token stays valid
 * until it expires, so no delivery in between fails. When an admin revokes the current one (by id, or with every
 * other token: {@code POST /auth/revoke {"scope": "others"}}), a new one is written at once, so alert delivery does
 * not stop until the next periodic refresh.
 */
final class WebhookToken {
    private static final Logger LOG = Logger.getLogger(WebhookToken.class.getName());
    static final String CREDENTIAL = "webhook";

    private final Vertx vertx;
    private final TokenService tokens;
    private final Path file;
    private final Duration ttl;
    private volatile String currentId;

    private WebhookToken(Vertx vertx, TokenService tokens, Path file, Duration ttl) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.file = file;
        this.ttl = ttl;
    }

    /** Writes the kept (or a new) token before the server reports that it listens; blocking. */
    static void provision(Vertx vertx, TokenService tokens, Path file) throws IOException {
        WebhookToken webhook = new WebhookToken(vertx, tokens, file, tokens.config().tokenTtl());
        TokenService.NewToken token;
        try {
            token = tokens.credential(CREDENTIAL, Role.WEBHOOK, webhook.ttl).await(30, TimeUnit.SECONDS);
        } catch (TimeoutException | RuntimeException e) {
            throw new IOException("cannot store the alert webhook token: " + e.getMessage(), e);
        }
        webhook.write(token);
        LOG.info("alert webhook token written to " + file);
        long refreshMs = Math.max(1000, webhook.ttl.toMillis() / 2);
        vertx.setPeriodic(refreshMs, id -> webhook.rewrite());
        tokens.onRevoked(ids -> {
            if (ids.contains(webhook.currentId)) {
                webhook.rewrite();
            }
        });
    }

    private void rewrite() {
        tokens.renewCredential(CREDENTIAL, Role.WEBHOOK, ttl)
                .compose(token -> vertx.executeBlocking(() -> {
                    write(token);
                    return null;
                }, false))
                .onFailure(e -> LOG.warning("could not rewrite the alert webhook token file " + file + ": " + e));
    }

    private synchronized void write(TokenService.NewToken token) throws IOException {
        try {
            TokenFile.write(file, token.token());
        } catch (IOException e) {
            tokens.revoke(token.info().id());
            throw e;
        }
        currentId = token.info().id();
    }
}
