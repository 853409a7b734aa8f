package dev.spacetime.server.auth.admin;

import dev.spacetime.server.auth.Role;
import dev.spacetime.server.auth.TokenFile;
import dev.spacetime.server.auth.TokenService;
import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.http.RequestContext;
import dev.spacetime.server.http.Responses;
import dev.spacetime.server.ratelimit.RouteGroup;
import dev.spacetime.server.routes.RouteFeature;
import dev.spacetime.server.routes.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Token management, admin only (there is no unauthenticated /auth route):
 * {@code GET /auth/status}; {@code POST /auth/rotate} (new admin token, written to the token file; older admin
 * tokens work for the grace period); {@code POST /auth/revoke} with {@code {"jti": id}}, {@code {"token": jwt}} or
 * {@code {"scope": "others"}} (every token but the caller's; a revoked alert webhook token is replaced at once);
 * {@code POST /auth/token} with {@code {"role": "reader", "ttl_seconds": n}} to issue a token for another client.
 *
 * <p>Its own package: every route's auth check ({@code dev.spacetime.server.auth}) sits below the route table, and
 * these routes above it.
 */
public final class AuthFeature implements RouteFeature {
    private final TokenService tokens;
    private final Path tokenFile;

    /** Manages {@code tokens}; a rotated admin token is written to {@code tokenFile}. */
    public AuthFeature(TokenService tokens, Path tokenFile) {
        this.tokens = tokens;
        this.tokenFile = tokenFile.toAbsolutePath();
    }

    @Override
    public void mount(Routes routes) {
        routes.get("/auth/status").role(Role.ADMIN).limit(RouteGroup.DEFAULT).handler(this::status);
        routes.post("/auth/rotate").role(Role.ADMIN).limit(RouteGroup.DEFAULT).jsonBody().handler(this::rotate);
        routes.post("/auth/revoke").role(Role.ADMIN).limit(RouteGroup.DEFAULT).jsonBody().handler(this::revoke);
        routes.post("/auth/token").role(Role.ADMIN).limit(RouteGroup.DEFAULT).jsonBody().successStatuses(201)
                .handler(this::issue);
    }

    private void status(RoutingContext rc) {
        String id = RequestContext.of(rc).subject();
        Responses.json(rc, 200, new JsonObject()
                .put("authenticated", true)
                .put("token_id", id)
                .put("active_tokens", tokens.activeCount())
                .put("token_file", tokenFile.toString())
                .put("token_ttl_seconds", tokens.config().tokenTtl().toSeconds())
                .put("rotation_grace_seconds", tokens.config().rotationGrace().toSeconds()));
    }

    private void rotate(RoutingContext rc) {
        replied(rc, tokens.rotate(), fresh -> rc.vertx().executeBlocking(() -> {
            TokenFile.write(tokenFile, fresh.token());
            return null;
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                tokens.revoke(fresh.info().id());
                rc.fail(ar.cause());
                return;
            }
            Responses.json(rc, 200, describe(fresh)
                    .put("token_file", tokenFile.toString())
                    .put("previous_valid_seconds", tokens.config().rotationGrace().toSeconds()));
        }));
    }

    private void revoke(RoutingContext rc) {
        JsonObject body = RequestContext.of(rc).json();
        String caller = RequestContext.of(rc).subject();
        if ("others".equals(body.getValue("scope"))) {
            replied(rc, tokens.revokeAllExcept(caller),
                    n -> Responses.json(rc, 200, new JsonObject().put("revoked", n)));
        } else if (body.getValue("jti") instanceof String id) {
            revoked(rc, Future.succeededFuture(Optional.of(id)));
        } else if (body.getValue("token") instanceof String token) {
            revoked(rc, tokens.idOf(token));
        } else {
            throw new ApiException(400, "give one of: jti (string), token (string), scope (\"others\")");
        }
    }

    private void issue(RoutingContext rc) {
        JsonObject body = RequestContext.of(rc).json();
        Role role = body.getValue("role") instanceof String r ? Role.parse(r).orElse(null) : null;
        if (role == null) {
            throw new ApiException(400, "role must be one of: " + Role.labels());
        }
        Object ttl = body.getValue("ttl_seconds", tokens.config().tokenTtl().toSeconds());
        if (!(ttl instanceof Number n) || n.longValue() < 1
                || n.longValue() > tokens.config().tokenTtl().toSeconds()) {
            throw new ApiException(400, "ttl_seconds must be between 1 and "
                    + tokens.config().tokenTtl().toSeconds());
        }
        Future<TokenService.NewToken> fresh;
        try {
            fresh = tokens.issue(role, Duration.ofSeconds(n.longValue()));
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
        replied(rc, fresh, t -> Responses.json(rc, 201, describe(t)));
    }

    private void revoked(RoutingContext rc, Future<Optional<String>> id) {
        id.onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
                return;
            }
            Optional<String> tokenId = ar.result();
            if (tokenId.isEmpty()) {
                rc.fail(new ApiException(400, "token is not one this server signed"));
                return;
            }
            replied(rc, tokens.revoke(tokenId.get()), wasActive -> Responses.json(rc, 200,
                    new JsonObject().put("revoked", wasActive ? 1 : 0).put("token_id", tokenId.get())));
        });
    }

    /** {@code reply} with the result once the change is stored; a failure (503 when unstored) to the error handler. */
    private static <T> void replied(RoutingContext rc, Future<T> change, Consumer<T> reply) {
        change.onComplete(ar -> {
            if (ar.succeeded()) {
                reply.accept(ar.result());
            } else {
                rc.fail(ar.cause());
            }
        });
    }

    /** The new token and its metadata: sent only to an authenticated admin. */
    private static JsonObject describe(TokenService.NewToken fresh) {
        return new JsonObject()
                .put("token", fresh.token())
                .put("token_id", fresh.info().id())
                .put("role", fresh.info().role().label())
                .put("expires_at", fresh.info().expiresAt().toString());
    }
}
