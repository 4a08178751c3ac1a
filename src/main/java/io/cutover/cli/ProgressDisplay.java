package io.cutover.cli;

import io.cutover.plan.Step;
import io.cutover.run.Tick;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per move step, drawn on stderr only when it is a terminal. */
final class ProgressDisplay implements Consumer<Tick>, AutoCloseable {
    private final boolean enabled;
    private ProgressBar bar;
    private String stepId;

    private ProgressDisplay(boolean enabled) {
        this.enabled = enabled;
    }

    static ProgressDisplay forTerminal(boolean wanted) {
        return new ProgressDisplay(wanted && System.console() != null);
    }

    @Override
    public synchronized void accept(Tick tick) {
        if (!enabled || !(tick.step() instanceof Step.MoveBatch) || tick.total() < 2) {
            return;
        }
        if (!tick.step().id().equals(stepId)) {
            closeBar();
            stepId = tick.step().id();
            bar = new ProgressBarBuilder()
                    .setTaskName(tick.step().id())
                    .setInitialMax(tick.total())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                    .build();
        }
        bar.stepTo(tick.done());
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
    }
}
