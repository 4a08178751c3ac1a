package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.metrics.Meters;
import io.cutover.metrics.ScrapeEndpoint;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** Where a verb that runs for a while serves its metrics, if anywhere. */
final class MetricsOptions {
    @Option(
            names = "--metrics-port",
            paramLabel = "N",
            description =
                    "Serve Prometheus metrics at http://ADDR:N/metrics while this command runs (0 to 65535; 0 for any free port, printed on stderr). Off by default.")
    Integer port;

    @Option(
            names = "--metrics-bind",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "Address the metrics listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    /** Meters that record when they are to be served, and none otherwise. */
    Meters meters() {
        return port == null ? Meters.none() : new Meters();
    }

    /**
     * Starts the endpoint when asked for, and says where on {@code err}; null when not asked for.
     *
     * @throws CutoverException BAD_INPUT for a port out of range or an address it cannot listen on
     */
    ScrapeEndpoint expose(Meters meters, PrintWriter err) {
        if (port == null) {
            return null;
        }
        new OptionRange("--metrics-port", 0, 65535).check(port);
        ScrapeEndpoint endpoint = ScrapeEndpoint.start(meters, bind, port);
        err.println("metrics on " + endpoint.url());
        err.flush();
        return endpoint;
    }
}
