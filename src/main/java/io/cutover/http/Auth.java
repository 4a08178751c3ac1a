package io.cutover.http;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.http.Sessions.Session;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking, and may they. API clients send {@code Authorization: Bearer TOKEN}; people sign
 * in once with their token and get an HttpOnly, SameSite=Strict session cookie. A POST on a cookie
 * session must carry the session's CSRF token in {@code X-CSRF-Token}: a cookie is sent by the
 * browser on its own, a header only by our page's script. Bearer requests need no CSRF token,
 * since no browser adds that header by itself.
 */
final class Auth {
    static final String COOKIE = "cutover_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PRINCIPAL = "principal";
    private static final Set<String> PUBLIC = Set.of("/openapi.json", "/signin");
    /** Read by a scraper, not a person: refused with 401 rather than sent to sign in. */
    private static final String METRICS = "/metrics";

    private final Tokens tokens;
    private final SecureRandom random;
    private final Sessions sessions;
    private final SignInLimit signIns;
    private final long maxAgeSeconds;

    Auth(Tokens tokens, SecureRandom random, SessionLimits limits, Clock clock) {
        this.tokens = tokens;
        this.random = random;
        this.sessions = new Sessions(limits, clock);
        this.signIns = new SignInLimit(limits.signInsPerMinute(), clock);
        this.maxAgeSeconds = limits.lifetime().toSeconds();
    }

    /** Runs before every handler: authenticates, then for POSTs checks CSRF and the role. */
    void check(Context ctx) {
        if (PUBLIC.contains(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        Principal principal;
        boolean cookie = false;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            principal = tokens.find(header.substring(7).strip())
                    .orElseThrow(() -> new CutoverException(
                            ErrorCode.UNAUTHENTICATED, "the bearer token is not one this server knows"));
        } else {
            Session session = session(ctx).orElse(null);
            if (session == null) {
                if (ctx.method() == HandlerType.GET
                        && !ctx.path().startsWith("/api/")
                        && !ctx.path().equals(METRICS)) {
                    // A person opening the dashboard: send them to sign in rather than show JSON.
                    ctx.redirect("/signin");
                    ctx.skipRemainingHandlers();
                    return;
                }
                throw new CutoverException(
                        ErrorCode.UNAUTHENTICATED,
                        "sign in first: send `Authorization: Bearer TOKEN` or sign in at /signin");
            }
            principal = session.principal();
            cookie = true;
            if (ctx.method() == HandlerType.POST
                    && !ctx.path().equals("/signout")
                    && !csrfMatches(session, ctx.header(CSRF_HEADER))) {
                throw new CutoverException(
                        ErrorCode.FORBIDDEN, "missing or wrong " + CSRF_HEADER + " header for this session");
            }
        }
        ctx.attribute(PRINCIPAL, principal);
        if (ctx.method() == HandlerType.POST
                && ctx.path().startsWith("/api/")
                && !principal.role().mayAct()) {
            throw new CutoverException(
                    ErrorCode.FORBIDDEN,
                    principal.name() + " is a viewer; only an operator may "
                            + ctx.path().substring(5));
        }
        ctx.attribute(PRINCIPAL, principal);
        ctx.attribute("cookie", cookie);
    }

    private static boolean csrfMatches(Session session, String given) {
        return given != null
                && MessageDigest.isEqual(
                        session.csrf().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    Optional<Session> session(Context ctx) {
        String id = ctx.cookie(COOKIE);
        return id == null ? Optional.empty() : sessions.find(id);
    }

    static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    /**
     * Exchanges a token for a session; the cookie cannot be read by scripts nor sent cross-site.
     *
     * @throws CutoverException TOO_MANY_REQUESTS when the client's address signs in too often
     */
    Optional<Session> signIn(Context ctx, String token) {
        signIns.attempt(ctx.ip());
        Optional<Principal> p = tokens.find(token == null ? null : token.strip());
        if (p.isEmpty()) {
            return Optional.empty();
        }
        String id = fresh();
        Session session = sessions.start(id, p.get(), fresh());
        ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAgeSeconds);
        return Optional.of(session);
    }

    /** Ends the session on the server too, so its cookie is worthless even if kept. */
    void signOut(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) {
            sessions.end(id);
        }
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    }

    private String fresh() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
