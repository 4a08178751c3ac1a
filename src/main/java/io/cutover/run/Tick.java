package io.cutover.run;

import io.cutover.plan.Step;

/** Progress of the step being run, for progress bars and live views. */
public record Tick(Step step, int done, int total) {}
