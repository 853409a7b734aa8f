package dev.spacetime.server.auth;

import dev.spacetime.catalog.AuthResult;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.state.StateStore;
import dev.spacetime.server.state.TokenRecords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Issues and checks HS256 bearer tokens. A token is accepted only if its signature verifies (vertx-auth-jwt; "none"
 * and other algorithms are refused), it has not expired, and its id ({@code jti}) is in the table of tokens this
 * server issued and has not revoked. The table is what makes rotation grace periods and revocation possible, and it
 * is bounded: expired entries are dropped and at most {@value #MAX_ACTIVE} tokens are active at once.
 *
 * <p>The table and the signing secret survive restarts in the {@link StateStore} (a configured {@code auth.secret}
 * wins over the stored one). Every change is stored before the future it returns completes, so a token handed out
 * stays valid and a revocation acknowledged stays revoked after a restart or a crash. Named credentials (the admin
 * token file, Alertmanager's webhook token) are kept too and handed out again after a restart while they have more
 * than half their lifetime left, so copies of those files keep working.
 */
public final class TokenService {

    static final String ISSUER = "spacetime-api";
    /** The named credential written to the admin token file. */
    public static final String ADMIN_CREDENTIAL = "admin";
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
    private final Vertx vertx;
    private final StateStore state;
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
    /** Named credentials' tokens, by name: the stored ones until renewed. */
    private final Map<String, String> credentials = new ConcurrentHashMap<>();

    /** The claims {@link #check} needs; either may be null when the signed token lacks it. */
    private record Claims(Number exp, String jti) {
        static Claims of(User user) {
            return new Claims(user.get("exp") instanceof Number n ? n : null,
                    user.get("jti") instanceof String id ? id : null);
        }
    }

    /** Restores the tokens {@code state} kept; they are checked against the secret in use like any other. */
    public TokenService(Vertx vertx, ServerConfig.Auth config, Clock clock, StateStore state) {
        this.vertx = vertx;
        this.state = state;
        this.clock = clock;
        this.config = config;
        String secret = config.secret().orElseGet(() -> state.restored().secret());
        for (TokenRecords.Row r : state.restored().tokens()) {
            Role.parse(r.role()).ifPresent(role -> issued.put(r.id(),
                    new Issued(r.id(), role, r.issuedAt(), r.expiresAt(), r.validUntil())));
        }
        // Expiry is checked here rather than by the library so an expired token is told apart from a forged one.
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setIgnoreExpiration(true)));
    }

    public ServerConfig.Auth config() {
        return config;
    }

    /**
     * Signs a new token; the future completes once it is stored.
     *
     * @throws IllegalStateException at once when {@value #MAX_ACTIVE} tokens are active
     */
    public Future<NewToken> issue(Role role, Duration ttl) {
        NewToken fresh;
        CompletableFuture<Void> saved;
        synchronized (this) {
            fresh = sign(role, ttl);
            saved = state.tokens().save(List.of(row(fresh.info())), Map.of(), fresh.info().issuedAt());
        }
        return stored(saved, fresh);
    }

    /**
     * The token of a named credential: the one kept from before when it is still accepted with {@code role}, was
     * issued for at most {@code ttl} and has more than half of {@code ttl} left; otherwise a new one.
     */
    public Future<NewToken> credential(String name, Role role, Duration ttl) {
        String kept = credentials.get(name);
        if (kept == null) {
            kept = state.restored().setting(TokenRecords.credentialKey(name)).orElse(null);
        }
        if (kept == null) {
            return renewCredential(name, role, ttl);
        }
        String token = kept;
        return idOf(token).compose(id -> {
            Issued info = id.map(issued::get).orElse(null);
            Instant now = clock.instant();
            boolean reusable = info != null && info.role() == role
                    && Duration.between(info.issuedAt(), info.expiresAt()).compareTo(ttl) <= 0
                    && Duration.between(now, info.validUntil()).compareTo(ttl.dividedBy(2)) > 0;
            if (!reusable) {
                return renewCredential(name, role, ttl);
            }
            credentials.put(name, token);
            return Future.succeededFuture(new NewToken(token, info));
        });
    }

    /** A new token for a named credential, stored with it; the previous one stays valid until it expires. */
    public Future<NewToken> renewCredential(String name, Role role, Duration ttl) {
        NewToken fresh;
        CompletableFuture<Void> saved;
        synchronized (this) {
            fresh = sign(role, ttl);
            credentials.put(name, fresh.token());
            saved = state.tokens().save(List.of(row(fresh.info())), Map.of(name, fresh.token()),
                    fresh.info().issuedAt());
        }
        return stored(saved, fresh);
    }

    /** Once {@code saved}: the new token; if it could not be stored it is withdrawn and the reply says so. */
    private Future<NewToken> stored(CompletableFuture<Void> saved, NewToken fresh) {
        return Future.fromCompletionStage(saved, vertx.getOrCreateContext()).transform(ar -> {
            if (ar.failed()) {
                issued.remove(fresh.info().id());
                return Future.failedFuture(StateStore.reply(ar.cause()));
            }
            return Future.succeededFuture(fresh);
        });
    }

    private static TokenRecords.Row row(Issued t) {
        return new TokenRecords.Row(t.id(), t.role().label(), t.issuedAt(), t.expiresAt(), t.validUntil());
    }

    private NewToken sign(Role role, Duration ttl) {
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

    /**
     * A new admin token (also the admin credential from now on); every other admin token keeps working for the
     * configured grace period only.
     */
    public Future<NewToken> rotate() {
        NewToken fresh;
        CompletableFuture<Void> saved;
        synchronized (this) {
            Instant graceEnd = clock.instant().plus(config.rotationGrace());
            issued.replaceAll((id, t) -> t.role() == Role.ADMIN ? t.supersede(graceEnd) : t);
            List<TokenRecords.Row> changed = new ArrayList<>();
            issued.values().stream().filter(t -> t.role() == Role.ADMIN).forEach(t -> changed.add(row(t)));
            fresh = sign(Role.ADMIN, config.tokenTtl());
            changed.add(row(fresh.info()));
            credentials.put(ADMIN_CREDENTIAL, fresh.token());
            saved = state.tokens().save(changed, Map.of(ADMIN_CREDENTIAL, fresh.token()), fresh.info().issuedAt());
        }
        return stored(saved, fresh);
    }

    /**
     * Calls {@code listener} with the ids of revoked tokens after every revocation that removed any, on the revoking
     * thread (often the event loop: a listener must not block).
     */
    public void onRevoked(Consumer<Set<String>> listener) {
        revocationListeners.add(listener);
    }

    /**
     * Refuses the token from now on; the future completes, with whether it was active, once the revocation is stored
     * (stored even when it was not active here, so a retry after a failed store still reaches the database).
     */
    public Future<Boolean> revoke(String id) {
        boolean wasActive;
        CompletableFuture<Void> saved;
        synchronized (this) {
            wasActive = issued.remove(id) != null;
            saved = state.tokens().revoke(Set.of(id), clock.instant());
        }
        if (wasActive) {
            revoked(Set.of(id));
        }
        return persisted(saved, wasActive);
    }

    /** Revokes every token except {@code keepId}; the future completes with how many, once that is stored. */
    public Future<Integer> revokeAllExcept(String keepId) {
        Set<String> removed = new HashSet<>();
        CompletableFuture<Void> saved;
        synchronized (this) {
            for (String id : issued.keySet()) {
                if (!id.equals(keepId)) {
                    removed.add(id);
                }
            }
            issued.keySet().removeAll(removed);
            saved = state.tokens().revoke(removed, clock.instant());
        }
        if (!removed.isEmpty()) {
            revoked(Set.copyOf(removed));
        }
        return persisted(saved, removed.size());
    }

    private <T> Future<T> persisted(CompletableFuture<Void> saved, T result) {
        return Future.fromCompletionStage(saved, vertx.getOrCreateContext()).transform(ar -> ar.failed()
                ? Future.failedFuture(StateStore.reply(ar.cause())) : Future.succeededFuture(result));
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
