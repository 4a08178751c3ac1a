package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.check.CoexistenceMatrix;
import io.cutover.check.MatrixRunner;
import io.cutover.lab.FaultProfile;
import io.cutover.lab.Lab;
import io.cutover.lab.LabSummary;
import io.cutover.lab.Scenario;
import java.nio.file.Path;

/** The {@code lab} verbs: create, inspect, inject and clear faults, the coexistence matrix, serve. */
final class Labs {
    static final String EXAMPLE = "examples/contoso/scenario.yaml";

    private final Context c;

    Labs(Context c) {
        this.c = c;
    }

    /** Creates the workspace's lab from a scenario file, or from the bundled example when null. */
    LabSummary create(Path scenario) {
        return create(scenarioText(scenario), scenarioName(scenario));
    }

    LabSummary create(String text, String where) {
        try (Lab lab = Lab.create(c.workspace().lab(), text, where, c.clock())) {
            return lab.summary();
        }
    }

    static String scenarioText(Path scenario) {
        return scenario == null ? Lab.exampleText() : TextFiles.read(scenario);
    }

    static String scenarioName(Path scenario) {
        return scenario == null ? EXAMPLE : scenario.toString();
    }

    LabSummary inspect() {
        try (Lab lab = c.openLab()) {
            return lab.summary();
        }
    }

    LabSummary inject(Path faults) {
        FaultProfile profile = FaultProfile.parse(TextFiles.read(faults), faults.toString());
        try (Lab lab = c.openLab()) {
            inject(lab, profile, faults);
            return lab.summary();
        }
    }

    /** Injects a fault profile; a fault the lab cannot take is reported against its file. */
    static void inject(Lab lab, FaultProfile profile, Path file) {
        try {
            lab.inject(profile);
        } catch (CutoverException e) {
            throw e.code() == ErrorCode.INTERNAL ? e : TextFiles.in(file, e);
        }
    }

    LabSummary clear() {
        try (Lab lab = c.openLab()) {
            lab.clearFaults();
            return lab.summary();
        }
    }

    /**
     * Runs the coexistence matrix against the workspace's lab, whose pools serve SIP on loopback
     * while it runs (in memory when {@code inMemory}).
     */
    MatrixRunner.Report matrix(int concurrency, boolean inMemory) {
        if (concurrency < 1 || concurrency > 1024) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--concurrency must be 1 to 1024, not " + concurrency);
        }
        try (Lab lab = c.openLab()) {
            if (!inMemory) {
                lab.startSip();
            }
            return new MatrixRunner(lab, concurrency).run(CoexistenceMatrix.of(lab.snapshot(), c.catalog()));
        }
    }

    /**
     * Starts a lab in memory from a scenario (the bundled example when null) with its pools serving
     * SIP on loopback, for any SIP client to take part; the caller closes it.
     */
    Serving serve(Path scenario, int usersPerPool) {
        Lab lab = Lab.inMemory(Scenario.parse(scenarioText(scenario), scenarioName(scenario)), c.clock());
        try {
            lab.startSip();
            return Serving.of(lab, usersPerPool);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }
}
