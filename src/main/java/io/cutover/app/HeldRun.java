package io.cutover.app;

import io.cutover.run.RunSettings;
import io.cutover.run.Tick;
import java.util.function.Consumer;

/**
 * The journal's run, held by this process and ready to resume, possibly on another thread: what
 * the control room takes while answering a resume request, so that a refusal (another process
 * drives the run) is the answer, and nothing starts in the background. The holder closes it.
 */
public final class HeldRun implements AutoCloseable {
    private final Context c;
    private final Session session;

    private HeldRun(Context c, Session session) {
        this.c = c;
        this.session = session;
    }

    /**
     * Holds the journal's run for this process, to resume it later (on another thread, say) with
     * {@link #resume}; the caller closes it.
     *
     * @throws io.cutover.CutoverException NO_RUN when the journal has no run; RUN_IN_PROGRESS
     *     naming the holder when another live process holds it
     */
    static HeldRun take(Context c) {
        Session s = c.session();
        try {
            s.existingRun();
            s.hold();
            return new HeldRun(c, s);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Resumes the run against the workspace's lab; once, by one thread. */
    public Results.RunResult resume(RunSettings settings, Consumer<Tick> ticks) {
        return new Runs(c).run(session, null, settings, true, ticks, Target.lab());
    }

    @Override
    public void close() {
        session.close();
    }
}
