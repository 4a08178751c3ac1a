package io.cutover.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.app.Cutover;
import io.cutover.app.HeldRun;
import io.cutover.app.Results;
import io.cutover.journal.Control;
import io.cutover.metrics.Meters;
import io.cutover.run.RunSettings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control room's HTTP server: the JSON API (described at {@code /openapi.json}), the dashboard
 * and its assets from the classpath, sign-in, and the event stream. Reads come from the live view;
 * actions go through the facade as the signed-in person, and a resumed run is carried out on a
 * background thread of this process.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final String RESOURCES = "/io/cutover/http/";
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(js|css|svg)");

    private final ServerSettings settings;
    private final Clock clock;
    private final Auth auth;
    private final Live live;
    private final Javalin app;
    /** What this process does: runs resumed here, their journal commits, probes and shell scripts. */
    private final Meters meters = new Meters();

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cutover-api-run");
        t.setDaemon(true);
        return t;
    });
    private volatile Future<?> running;
    private volatile String lastOutcome;

    private Server(ServerSettings settings, Tokens tokens, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.auth = new Auth(tokens, new SecureRandom(), settings.sessions(), clock);
        this.live = new Live(
                new Cutover(settings.workspace(), clock, "server", "api", meters),
                clock,
                () -> new String[] {isRunning() ? "running" : "idle", lastOutcome},
                settings.refresh(),
                settings.refresh().multipliedBy(4));
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = settings.bind();
            cfg.jetty.port = settings.port();
            cfg.routes.before(Server::secureHeaders);
            cfg.routes.before(auth::check);
            cfg.routes.exception(CutoverException.class, (e, ctx) -> {
                if (e.code() == ErrorCode.FORBIDDEN
                        && Auth.principal(ctx) != null
                        && ctx.path().startsWith("/api/")) {
                    // An action someone was not allowed to take is part of the record too.
                    forbidden(ctx, e.getMessage());
                }
                error(ctx, e.code(), e.getMessage());
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, ErrorCode.INTERNAL, "internal error: " + e);
            });
            routes(cfg.routes);
        });
    }

    /** Starts listening; the tokens come from the settings' file (created when missing). */
    public static Server start(ServerSettings settings, Clock clock) {
        requireAddress(settings.bind());
        Tokens tokens = Tokens.loadOrCreate(settings.tokens(), new SecureRandom());
        Server server = new Server(settings, tokens, clock);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.live.close();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException) {
                    throw new CutoverException(
                            ErrorCode.BAD_INPUT,
                            "cannot listen on " + settings.bind() + ":" + settings.port() + ": " + t.getMessage()
                                    + "; choose another --port (or --bind)");
                }
            }
            throw e;
        }
        return server;
    }

    private static void requireAddress(String bind) {
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--bind " + bind + ": not an address of this machine");
        }
    }

    public int port() {
        return app.port();
    }

    public String url() {
        String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
        return "http://" + host + ":" + port() + "/";
    }

    private boolean isRunning() {
        Future<?> f = running;
        return f != null && !f.isDone();
    }

    private void routes(io.javalin.config.RoutesConfig r) {
        r.get("/openapi.json", ctx -> resource(ctx, "openapi.json", "application/json"));
        r.get("/signin", ctx -> resource(ctx, "dashboard/signin.html", "text/html; charset=utf-8"));
        r.post("/signin", ctx -> {
            if (auth.signIn(ctx, ctx.formParam("token")).isPresent()) {
                ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
            } else {
                resource(ctx, "dashboard/signin.html", "text/html; charset=utf-8");
                String page = new String(ctx.resultInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        .replace(
                                "<!--message-->",
                                "<p class=\"error\" id=\"signin-error\">That token is not one this server knows.</p>");
                ctx.status(401).result(page);
            }
        });
        r.post("/signout", ctx -> {
            auth.signOut(ctx);
            ctx.redirect("/signin", io.javalin.http.HttpStatus.SEE_OTHER);
        });
        r.get("/", ctx -> resource(ctx, "dashboard/index.html", "text/html; charset=utf-8"));
        r.get("/assets/{file}", ctx -> {
            String file = ctx.pathParam("file");
            if (!ASSET.matcher(file).matches()) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "no asset " + file);
            }
            String type = file.endsWith(".js")
                    ? "text/javascript; charset=utf-8"
                    : file.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml";
            resource(ctx, "dashboard/" + file, type);
        });

        r.get("/api/session", ctx -> {
            Principal p = Auth.principal(ctx);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", p.name());
            body.put("role", p.role().name().toLowerCase(java.util.Locale.ROOT));
            body.put("csrf", auth.session(ctx).map(Sessions.Session::csrf).orElse(null));
            json(ctx, Json.write(body));
        });
        r.get("/api/overview", ctx -> json(ctx, live.current().overview()));
        r.get("/api/status", ctx -> {
            Live.Snapshot s = live.current();
            if (s.status() == null) {
                throw new CutoverException(ErrorCode.NO_RUN, s.view().error());
            }
            json(ctx, s.status());
        });
        r.get("/api/gates", ctx -> json(ctx, Json.write(live.current().view().gates())));
        r.get(
                "/api/coexistence",
                ctx -> json(ctx, Json.write(live.current().view().coexistence())));
        r.get("/api/timeline", ctx -> json(ctx, Json.write(live.current().view().timeline())));
        r.get("/api/audit", ctx -> json(ctx, Json.write(live.current().view().audit())));
        r.get(
                "/api/rollback/preview",
                ctx -> json(ctx, Json.write(facade(ctx).rollbackPreview(blankToNull(ctx.queryParam("to"))))));
        r.sse("/api/events", live::listen);
        r.get("/metrics", ctx -> ctx.contentType(Meters.CONTENT_TYPE).result(meters.scrape()));

        r.post("/api/approve", ctx -> act(ctx, facade(ctx).approve(field(ctx, "step", true))));
        r.post("/api/pause", ctx -> act(ctx, facade(ctx).request(Control.Request.PAUSE)));
        r.post("/api/abort", ctx -> act(ctx, facade(ctx).request(Control.Request.ABORT)));
        r.post("/api/resume", ctx -> act(ctx, resume(ctx)));
        r.post("/api/rollback", ctx -> {
            String to = blankToNull(field(ctx, "to", false));
            boolean confirmed = body(ctx).path("confirm").asBoolean(false);
            Cutover cutover = facade(ctx);
            if (isRunning()) {
                throw new CutoverException(
                        ErrorCode.RUN_IN_PROGRESS,
                        "the run is still going in this server; pause or abort it first, then roll back");
            }
            RunSettings rs = withActor(Auth.principal(ctx).name());
            act(ctx, cutover.rollback(to, rs, impact -> confirmed));
        });
    }

    private void forbidden(Context ctx, String message) {
        try {
            if (settings.workspace().hasJournal()) {
                facade(ctx).recordForbidden(ctx.path().substring("/api/".length()), message);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record a forbidden action: {}", e.toString());
        }
    }

    private Results.ControlResult resume(Context ctx) {
        Cutover cutover = facade(ctx);
        if (isRunning()) {
            throw new CutoverException(ErrorCode.RUN_IN_PROGRESS, "the run is already going in this server");
        }
        // Held here, before the answer: a run driven by another process refuses this request (409)
        // rather than a background run that fails after a 200.
        HeldRun held = cutover.holdRun();
        Results.ControlResult result;
        try {
            result = cutover.request(Control.Request.RESUME);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
        RunSettings rs = withActor(Auth.principal(ctx).name());
        running = runner.submit(() -> {
            try (held) {
                Results.RunResult r = held.resume(rs, t -> {});
                lastOutcome = r.outcome() + ": " + r.message();
            } catch (RuntimeException e) {
                lastOutcome = "failed: " + e.getMessage();
                LOG.warn("the run resumed from the API stopped: {}", e.toString());
            } finally {
                live.nudge();
            }
        });
        return result;
    }

    private RunSettings withActor(String actor) {
        RunSettings r = settings.run();
        return new RunSettings(r.concurrency(), r.maxAttempts(), r.backoff(), r.until(), actor, r.sites());
    }

    private Cutover facade(Context ctx) {
        return new Cutover(settings.workspace(), clock, Auth.principal(ctx).name(), "api", meters);
    }

    private void act(Context ctx, Object result) {
        live.nudge();
        json(ctx, Json.write(result));
    }

    private static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "request body: expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "request body: not JSON: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String field(Context ctx, String name, boolean required) {
        JsonNode v = body(ctx).get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "request body: field '" + name + "' is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "request body: field '" + name + "' must be a string");
        }
        return v.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void json(Context ctx, String body) {
        ctx.contentType("application/json").result(body);
    }

    private static void resource(Context ctx, String name, String type) throws IOException {
        try (InputStream in = Server.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "no such page: " + name);
            }
            ctx.contentType(type).header("Cache-Control", "no-cache").result(in.readAllBytes());
        }
    }

    /**
     * On every response, pages, JSON, errors and redirects alike: no page of ours may be framed
     * (clickjacking), loaded from elsewhere, sniffed into another type, or leak its URL onwards.
     */
    private static void secureHeaders(Context ctx) {
        ctx.header(
                "Content-Security-Policy",
                "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:;"
                        + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    /** The HTTP status for an error code: 401 and 403 for auth, 404 for what does not exist, 409 for state. */
    static int status(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> 401;
            case TOO_MANY_REQUESTS -> 429;
            case FORBIDDEN -> 403;
            case NO_RUN, UNKNOWN_STEP, UNKNOWN_POOL, UNKNOWN_SITE, NO_LAB -> 404;
            case RUN_IN_PROGRESS, NOT_AWAITING_APPROVAL, POINT_OF_NO_RETURN -> 409;
            case INTERNAL -> 500;
            default -> code.exitCode() == 3 ? 409 : 400;
        };
    }

    private static void error(Context ctx, ErrorCode code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code.name());
        body.put("message", message);
        if (code == ErrorCode.TOO_MANY_REQUESTS) {
            ctx.header("Retry-After", "60");
        }
        ctx.status(status(code))
                .contentType("application/json")
                .result(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        // The event streams end before the server stops, so no handler runs against a stopped server.
        live.close();
        app.stop();
        runner.shutdownNow();
        try {
            // A run going on here is interrupted; wait for it to close its journal and lab.
            runner.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
