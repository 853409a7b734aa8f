package dev.spacetime.server.auth;

import dev.spacetime.catalog.AuthResult;
import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.http.Phases;
import dev.spacetime.server.http.RequestContext;
import dev.spacetime.server.metrics.ServerMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Requires a bearer token with at least one role. Every check is counted in {@code auth_attempts_total{result}};
 * missing, invalid and expired tokens get 401 with {@code WWW-Authenticate}, a too-weak role 403.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    private final TokenService tokens;
    private final Role required;
    private final ServerMetrics metrics;

    public AuthHandler(TokenService tokens, Role required, ServerMetrics metrics) {
        this.tokens = tokens;
        this.required = required;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestContext rc = RequestContext.of(ctx);
        var phase = rc.phase(Phases.AUTH);
        tokens.verify(ctx.request().getHeader("Authorization"), required).onComplete(ar -> {
            phase.close();
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            TokenService.Verdict verdict = ar.result();
            metrics.authAttempt(verdict.result());
            if (verdict.ok()) {
                rc.subject(verdict.token().id());
                ctx.next();
            } else if (verdict.result() == AuthResult.FORBIDDEN) {
                ctx.fail(new ApiException(403, verdict.message()));
            } else {
                ctx.fail(new ApiException(401, "unauthorized", verdict.message(),
                        Map.of("WWW-Authenticate", "Bearer realm=\"spacetime\"")));
            }
        });
    }
}
