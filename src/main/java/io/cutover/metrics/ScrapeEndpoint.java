package io.cutover.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} for as long as one command runs, without the control room: the JDK's own
 * HTTP server, one thread, no token. It binds loopback unless told otherwise, since anyone who
 * reaches it reads the pool names and counts.
 */
public final class ScrapeEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService thread;

    private ScrapeEndpoint(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Starts listening on {@code bind}:{@code port} (0 for any free port).
     *
     * @throws CutoverException BAD_INPUT when the address is not one of this machine's or the port is taken
     */
    public static ScrapeEndpoint start(Meters meters, String bind, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 16);
        } catch (UnknownHostException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "--metrics-bind " + bind + ": not an address of this machine");
        } catch (IOException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "cannot listen on " + bind + ":" + port + " for metrics: " + e.getMessage()
                            + "; choose another --metrics-port (or --metrics-bind)");
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cutover-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/", exchange -> answer(exchange, meters));
        server.start();
        return new ScrapeEndpoint(server, thread);
    }

    /** Where to scrape, e.g. {@code http://127.0.0.1:9464/metrics}. */
    public String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/metrics";
    }

    private static void answer(HttpExchange exchange, Meters meters) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                send(exchange, 404, "text/plain; charset=utf-8", "only /metrics is served here\n");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
            } else {
                send(exchange, 200, Meters.CONTENT_TYPE, meters.scrape());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
