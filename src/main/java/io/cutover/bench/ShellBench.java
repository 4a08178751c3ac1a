package io.cutover.bench;

import io.cutover.catalog.Catalog;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import io.cutover.shell.Encoding;
import io.cutover.shell.SessionSpec;
import io.cutover.shell.ShellDeployment;
import io.cutover.shell.ShellSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Users moved through the shell driver into {@link ShellStandIn} processes, the way the executor
 * moves them ({@code callers} moves in flight at once): long-lived sessions against one process
 * per script, each with {@code sessions} shells side by side. The makespan is set against the
 * ideal, one start-up plus users x cost per move / sessions.
 */
public final class ShellBench {
    private static final Fqdn TARGET = Fqdn.of("sfb19pool.contoso.com");

    /** What the benchmark measures with. */
    public record Options(int users, int sessions, int callers, int batch, long startMillis, long moveMillis) {}

    private ShellBench() {}

    /** Measures, handing each figure on as soon as it is measured. */
    public static void run(Options o, int reps, boolean compare, java.util.function.Consumer<Figure> figures) {
        double ideal = (o.startMillis() + (double) o.users() * o.moveMillis() / o.sessions()) / 1000;
        figures.accept(figure(o, reps, ShellSettings.Mode.SESSION, ideal, "<= 1.15 x ideal"));
        if (compare) {
            figures.accept(figure(o, reps, ShellSettings.Mode.SCRIPT, ideal, "for comparison"));
        }
    }

    private static Figure figure(Options o, int reps, ShellSettings.Mode mode, double ideal, String target) {
        List<Double> ratios = new ArrayList<>();
        List<String> seconds = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            double s = once(o, mode);
            ratios.add(s / ideal);
            seconds.add(String.format("%.1f s", s));
        }
        double median = Figure.median(ratios);
        String how = mode == ShellSettings.Mode.SESSION ? "long-lived sessions" : "one process per script";
        return new Figure(
                o.users() + " users through the shell, " + o.sessions() + " x " + how + ", makespan / ideal",
                "x ideal",
                ratios,
                median,
                target,
                mode != ShellSettings.Mode.SESSION || median <= 1.15,
                String.format(
                        "ideal %.1f s (%d ms start + %d x %d ms / %d); makespans %s; %d moves in flight, batch %d",
                        ideal,
                        o.startMillis(),
                        o.users(),
                        o.moveMillis(),
                        o.sessions(),
                        seconds,
                        o.callers(),
                        o.batch()));
    }

    /** One makespan in seconds: from the first move asked to the last answered, shells started on demand. */
    static double once(Options o, ShellSettings.Mode mode) {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                ShellStandIn.class.getName(),
                Long.toString(o.startMillis()),
                Long.toString(o.moveMillis()),
                "0");
        ShellSettings settings = new ShellSettings(command, Duration.ofMinutes(10), o.batch(), Encoding.ASCII)
                .withSessions(List.of(new SessionSpec("bench", command, o.sessions(), Set.of())))
                .withMode(mode);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(o.callers());
        long t0 = System.nanoTime();
        double seconds;
        try (ShellDeployment shell = new ShellDeployment(settings, Catalog.bundled())) {
            for (int c = 0; c < o.callers(); c++) {
                pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < o.users(); ) {
                        try {
                            shell.move(
                                    Subject.user(SipAddress.of(String.format("sip:bench%06d@contoso.com", i))), TARGET);
                        } catch (DeploymentFailure f) {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
                throw new IllegalStateException("the shell benchmark did not end within 2 hours");
            }
            seconds = (System.nanoTime() - t0) / 1e9;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + o.users() + " moves failed through the shell");
        }
        return seconds;
    }
}
