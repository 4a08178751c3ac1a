package io.cutover.check;

import io.cutover.deployment.Deployment;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.ProbeResult;
import io.cutover.inventory.Fqdn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a coexistence matrix against a deployment, at most {@code concurrency} probes at a time. */
public final class MatrixRunner {
    /** What one cell gave; {@code outcome} is "pass", "fail" or "skipped". */
    public record Row(
            String site,
            String path,
            String modality,
            String from,
            String to,
            String outcome,
            String target,
            long latencyMillis,
            String diagnosis) {
        public boolean failed() {
            return "fail".equals(outcome);
        }
    }

    public record Report(
            String newVersion,
            int cells,
            int passed,
            int failed,
            int skipped,
            int concurrency,
            long wallMillis,
            List<Row> rows) {
        public boolean ok() {
            return failed == 0;
        }
    }

    private final Deployment deployment;
    private final int concurrency;

    public MatrixRunner(Deployment deployment, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.deployment = deployment;
        this.concurrency = concurrency;
    }

    public Report run(CoexistenceMatrix matrix) {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "matrix-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (CoexistenceMatrix.Cell cell : matrix.cells()) {
                futures.add(pool.submit(() -> evaluate(cell)));
            }
            List<Row> rows = new ArrayList<>(futures.size());
            int passed = 0;
            int failed = 0;
            for (Future<Row> f : futures) {
                Row r = join(f);
                rows.add(r);
                if (r.failed()) {
                    failed++;
                } else if ("pass".equals(r.outcome())) {
                    passed++;
                }
            }
            long wall = (System.nanoTime() - started) / 1_000_000;
            return new Report(
                    matrix.newVersion(),
                    rows.size(),
                    passed,
                    failed,
                    rows.size() - passed - failed,
                    concurrency,
                    wall,
                    rows);
        } finally {
            pool.shutdownNow();
        }
    }

    private Row evaluate(CoexistenceMatrix.Cell c) {
        for (Fqdn p : c.pools()) {
            PoolState s;
            try {
                s = deployment.poolState(p);
            } catch (RuntimeException e) {
                continue; // a partner domain, not a pool
            }
            if (s == PoolState.NotDeployed || s == PoolState.Decommissioned) {
                return row(
                        c,
                        "skipped",
                        null,
                        0,
                        p + " is " + (s == PoolState.NotDeployed ? "not deployed" : "decommissioned"));
            }
        }
        if (c.probe() == null) {
            return row(
                    c,
                    "skipped",
                    null,
                    0,
                    "no user is homed on " + c.from()
                            + (c.path() == CoexistenceMatrix.Path.Internal ? " or " + c.to() : ""));
        }
        ProbeResult r = deployment.probe(c.probe());
        return row(c, r.success() ? "pass" : "fail", r.target(), r.latencyMillis(), r.success() ? null : r.diagnosis());
    }

    private static Row row(CoexistenceMatrix.Cell c, String outcome, String target, long latency, String diagnosis) {
        return new Row(
                c.site(), c.path().name(), c.modality().name(), c.from(), c.to(), outcome, target, latency, diagnosis);
    }

    private static Row join(Future<Row> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the matrix", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
