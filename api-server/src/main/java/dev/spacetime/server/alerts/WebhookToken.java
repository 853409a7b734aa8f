package dev.spacetime.server.alerts;

import dev.spacetime.server.ServerContext;
import dev.spacetime.server.auth.Role;
import dev.spacetime.server.auth.TokenFile;
import dev.spacetime.server.auth.TokenService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Provisions Alertmanager's credential: a {@link Role#WEBHOOK} token written 0600 to the configured file, which the
 * native runner copies and docker-compose mounts as the {@code credentials_file} of every webhook receiver.
 * Alertmanager reads that file on each notification, so the token is reissued at half its lifetime and the file
 * rewritten; the previous token stays valid until it expires, so no delivery in between fails.
 */
final class WebhookToken {
    private static final Logger LOG = Logger.getLogger(WebhookToken.class.getName());

    private WebhookToken() {
    }

    static void provision(ServerContext ctx) throws IOException {
        Path file = ctx.config().alertWebhookTokenPath().toAbsolutePath();
        Duration ttl = ctx.tokens().config().tokenTtl();
        write(ctx.tokens(), file, ttl);
        LOG.info("alert webhook token written to " + file);
        long refreshMs = Math.max(1000, ttl.toMillis() / 2);
        ctx.vertx().setPeriodic(refreshMs, id -> ctx.vertx().executeBlocking(() -> {
            write(ctx.tokens(), file, ttl);
            return null;
        }, false).onFailure(e -> LOG.warning("could not rewrite the alert webhook token file " + file + ": " + e)));
    }

    private static void write(TokenService tokens, Path file, Duration ttl) throws IOException {
        TokenService.NewToken token = tokens.issue(Role.WEBHOOK, ttl);
        try {
            TokenFile.write(file, token.token());
        } catch (IOException e) {
            tokens.revoke(token.info().id());
            throw e;
        }
    }
}
