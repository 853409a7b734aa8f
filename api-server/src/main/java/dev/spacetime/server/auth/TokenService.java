package dev.spacetime.server.auth;

import dev.spacetime.catalog.AuthResult;
import dev.spacetime.server.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Issues and checks HS256 bearer tokens. A token is accepted only if its signature verifies (vertx-auth-jwt; "none"
 * and other algorithms are refused), it has not expired, and its id ({@code jti}) is in the table of tokens this
 * server issued and has not revoked. The table is what makes rotation grace periods and revocation possible, and it
 * is bounded: expired entries are dropped and at most {@value #MAX_ACTIVE} tokens are active at once.
 */
public final class TokenService {

    static final String ISSUER = "spacetime-api";
    static final int MAX_ACTIVE = 1000;
    /** Longer headers are not tokens we issued; refusing them early bounds the work an attacker can cause. */
    private static final int MAX_TOKEN_CHARS = 4096;
    /** Verified tokens remembered at once; the cache is emptied when full, so it stays bounded. */
    static final int MAX_VERIFIED = 1024;

    /** A token this server issued. {@code validUntil} is its expiry, or the end of its grace after a rotation. */
    public record Issued(String id, Role role, Instant issuedAt, Instant expiresAt, Instant validUntil) {
        Issued supersede(Instant graceEnd) {
            return new Issued(id, role, issuedAt, expiresAt, graceEnd.isBefore(validUntil) ? graceEnd : validUntil);
        }
    }

    /** A freshly signed token and what it stands for. */
    public record NewToken(String token, Issued info) {
    }

    /** The outcome of one check: {@code token} is present only on success. */
    public record Verdict(AuthResult result, String message, Issued token) {
        static Verdict fail(AuthResult result, String message) {
            return new Verdict(result, message, null);
        }

        public boolean ok() {
            return result == AuthResult.SUCCESS;
        }
    }

    private final JWTAuth jwt;
    private final Clock clock;
    private final ServerConfig.Auth config;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    /**
     * Claims of tokens whose signature verified, by token string. Only the signature check (HMAC + JSON parse, most of
     * an authenticated request's cost) is memoized: it depends on the token and the never-changing key alone. Expiry,
     * revocation, rotation and role are checked against the claims on every request, hit or miss.
     */
    private final Map<String, Claims> verified = new ConcurrentHashMap<>();
    private final List<Consumer<Set<String>>> revocationListeners = new CopyOnWriteArrayList<>();

    /** The claims {@link #check} needs; either may be null when the signed token lacks it. */
    private record Claims(Number exp, String jti) {
        static Claims of(User user) {
            return new Claims(user.get("exp") instanceof Number n ? n : null,
                    user.get("jti") instanceof String id ? id : null);
        }
    }

    public TokenService(Vertx vertx, ServerConfig.Auth config, Clock clock) {
        this.clock = clock;
        this.config = config;
        String secret = config.secret().orElseGet(TokenService::randomSecret);
        // Expiry is checked here rather than by the library so an expired token is told apart from a forged one.
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setIgnoreExpiration(true)));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public ServerConfig.Auth config() {
        return config;
    }

    /** Signs a new token. */
    public synchronized NewToken issue(Role role, Duration ttl) {
        Instant now = clock.instant();
        issued.values().removeIf(t -> !t.validUntil().isAfter(now));
        if (issued.size() >= MAX_ACTIVE) {
            throw new IllegalStateException("too many active tokens (" + MAX_ACTIVE + "); revoke some first");
        }
        String id = UUID.randomUUID().toString();
        long ttlSeconds = Math.max(1, Math.min(ttl.toSeconds(), Integer.MAX_VALUE));
        Instant expires = now.plusSeconds(ttlSeconds);
        String token = jwt.generateToken(new JsonObject().put("role", role.label()).put("jti", id),
                new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER).setSubject(role.label())
                        .setExpiresInSeconds((int) ttlSeconds));
        Issued info = new Issued(id, role, now, expires, expires);
        issued.put(id, info);
        return new NewToken(token, info);
    }

    /** A new admin token; every other admin token keeps working for the configured grace period only. */
    public synchronized NewToken rotate() {
        Instant graceEnd = clock.instant().plus(config.rotationGrace());
        issued.replaceAll((id, t) -> t.role() == Role.ADMIN ? t.supersede(graceEnd) : t);
        return issue(Role.ADMIN, config.tokenTtl());
    }

    /**
     * Calls {@code listener} with the ids of revoked tokens after every revocation that removed any, on the revoking
     * thread (often the event loop: a listener must not block).
     */
    public void onRevoked(Consumer<Set<String>> listener) {
        revocationListeners.add(listener);
    }

    /** @return whether a token with this id was active */
    public boolean revoke(String id) {
        boolean wasActive = issued.remove(id) != null;
        if (wasActive) {
            revoked(Set.of(id));
        }
        return wasActive;
    }

    /** Revokes every token except {@code keepId}; returns how many. */
    public int revokeAllExcept(String keepId) {
        Set<String> removed = new HashSet<>();
        synchronized (this) {
            for (String id : issued.keySet()) {
                if (!id.equals(keepId)) {
                    removed.add(id);
                }
            }
            issued.keySet().removeAll(removed);
        }
        if (!removed.isEmpty()) {
            revoked(Set.copyOf(removed));
        }
        return removed.size();
    }

    private void revoked(Set<String> ids) {
        for (Consumer<Set<String>> listener : revocationListeners) {
            listener.accept(ids);
        }
    }

    /** Tokens currently accepted. */
    public long activeCount() {
        Instant now = clock.instant();
        return issued.values().stream().filter(t -> t.validUntil().isAfter(now)).count();
    }

    /** Tokens whose verified signature is remembered: at most {@value #MAX_VERIFIED}, whatever clients send. */
    int rememberedTokens() {
        return verified.size();
    }

    /** The id of a token whose signature verifies (expired or not), for revocation by token. */
    public Future<Optional<String>> idOf(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return Future.succeededFuture(Optional.empty());
        }
        return jwt.authenticate(new TokenCredentials(token))
                .map(user -> Optional.ofNullable(user.<String>get("jti")))
                .otherwise(Optional.empty());
    }

    /** Checks an {@code Authorization} header value (null when absent) against the role a route requires. */
    public Future<Verdict> verify(String authorization, Role required) {
        if (authorization == null || authorization.isBlank()) {
            return Future.succeededFuture(Verdict.fail(AuthResult.MISSING_TOKEN, "bearer token required"));
        }
        if (authorization.length() > MAX_TOKEN_CHARS + 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.succeededFuture(Verdict.fail(AuthResult.INVALID_TOKEN,
                    "authorization must be 'Bearer <token>'"));
        }
        String token = authorization.substring(7).trim();
        Claims known = verified.get(token);
        if (known != null) {
            return Future.succeededFuture(checkRemembered(token, known, required));
        }
        return jwt.authenticate(new TokenCredentials(token))
                .map(user -> checkRemembered(token, Claims.of(user), required))
                .otherwise(e -> Verdict.fail(AuthResult.INVALID_TOKEN, "invalid token"));
    }

    /** Checks verified claims; remembers them while the token is accepted, forgets them once it is not. */
    private Verdict checkRemembered(String token, Claims claims, Role required) {
        Verdict verdict = check(claims, required);
        if (verdict.ok() || verdict.result() == AuthResult.FORBIDDEN) {
            if (verified.size() >= MAX_VERIFIED && !verified.containsKey(token)) {
                verified.clear();
            }
            verified.put(token, claims);
        } else {
            verified.remove(token);
        }
        return verdict;
    }

    private Verdict check(Claims claims, Role required) {
        Instant now = clock.instant();
        Number exp = claims.exp();
        if (exp == null || !Instant.ofEpochSecond(exp.longValue()).isAfter(now)) {
            return Verdict.fail(AuthResult.EXPIRED_TOKEN, "token expired");
        }
        Issued token = claims.jti() == null ? null : issued.get(claims.jti());
        if (token == null) {
            return Verdict.fail(AuthResult.INVALID_TOKEN, "token revoked or unknown");
        }
        if (!token.validUntil().isAfter(now)) {
            return Verdict.fail(AuthResult.EXPIRED_TOKEN, "token superseded by rotation and its grace period ended");
        }
        if (!token.role().includes(required)) {
            return Verdict.fail(AuthResult.FORBIDDEN, "role " + token.role().label() + " may not do this; requires "
                    + required.label());
        }
        return new Verdict(AuthResult.SUCCESS, "ok", token);
    }
}
