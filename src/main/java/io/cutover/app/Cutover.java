package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.catalog.Catalog;
import io.cutover.check.Check;
import io.cutover.check.CheckResult;
import io.cutover.check.CheckRunner;
import io.cutover.check.CoexistenceMatrix;
import io.cutover.check.MatrixRunner;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.journal.Action;
import io.cutover.journal.Control;
import io.cutover.journal.Entry;
import io.cutover.journal.Journal;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.journal.RunRecord;
import io.cutover.lab.FaultProfile;
import io.cutover.lab.Lab;
import io.cutover.lab.LabSummary;
import io.cutover.lab.Scenario;
import io.cutover.plan.KeptPool;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import io.cutover.plan.PlanExplainer;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import io.cutover.plan.Step;
import io.cutover.run.Decide;
import io.cutover.run.Executor;
import io.cutover.run.Rollback;
import io.cutover.run.RollbackImpact;
import io.cutover.run.RunOutcome;
import io.cutover.run.RunSettings;
import io.cutover.run.Status;
import io.cutover.run.StatusReport;
import io.cutover.run.Tick;
import io.cutover.shell.Runbook;
import io.cutover.shell.RunbookRecord;
import io.cutover.shell.ShellDeployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One method per verb. Everything a verb needs is opened and closed inside it, so a verb that
 * fails on bad input has written nothing.
 */
public final class Cutover {
    private final Workspace workspace;
    private final Clock clock;
    private final String actor;
    private final String channel;
    private final Catalog catalog = Catalog.bundled();

    public Cutover(Workspace workspace, Clock clock, String actor) {
        this(workspace, clock, actor, "cli");
    }

    /**
     * @param actor who acts, as the journal and the audit log record it
     * @param channel where the actions come from ("cli", "api"), for the audit log
     */
    public Cutover(Workspace workspace, Clock clock, String actor, String channel) {
        this.workspace = workspace;
        this.clock = clock;
        this.actor = actor;
        this.channel = channel;
    }

    public Workspace workspace() {
        return workspace;
    }

    // ---- lab -------------------------------------------------------------------------------

    /** Creates the workspace's lab from a scenario file, or from the bundled example when null. */
    public LabSummary labCreate(Path scenario) {
        return labCreate(scenarioText(scenario), scenarioName(scenario));
    }

    private LabSummary labCreate(String text, String where) {
        try (Lab lab = Lab.create(workspace.lab(), text, where, clock)) {
            return lab.summary();
        }
    }

    private static String scenarioText(Path scenario) {
        return scenario == null ? Lab.exampleText() : readFile(scenario);
    }

    private static String scenarioName(Path scenario) {
        return scenario == null ? "examples/contoso/scenario.yaml" : scenario.toString();
    }

    public LabSummary labInspect() {
        try (Lab lab = openLab()) {
            return lab.summary();
        }
    }

    public LabSummary labInject(Path faults) {
        FaultProfile profile = FaultProfile.parse(readFile(faults), faults.toString());
        try (Lab lab = openLab()) {
            inject(lab, profile, faults);
            return lab.summary();
        }
    }

    /** Injects a fault profile; a fault the lab cannot take is reported against its file. */
    private static void inject(Lab lab, FaultProfile profile, Path file) {
        try {
            lab.inject(profile);
        } catch (CutoverException e) {
            throw e.code() == ErrorCode.INTERNAL ? e : in(file, e);
        }
    }

    public LabSummary labClear() {
        try (Lab lab = openLab()) {
            lab.clearFaults();
            return lab.summary();
        }
    }

    private Lab openLab() {
        return Lab.open(workspace.lab(), clock);
    }

    private Deployment open(Target target) {
        return target.isLab() ? openLab() : new ShellDeployment(target.shell(), catalog);
    }

    /** As {@link #open}; a lab's pools also serve SIP on loopback for as long as the run lasts, so gates probe over SIP. */
    private Deployment openForRun(Target target) {
        Deployment deployment = open(target);
        if (deployment instanceof Lab lab) {
            try {
                lab.startSip();
            } catch (RuntimeException e) {
                lab.close();
                throw e;
            }
        }
        return deployment;
    }

    // ---- plan ------------------------------------------------------------------------------

    public Results.PlanResult plan(PlanOptions options, Path out) {
        catalog.version(options.target());
        Plan plan;
        try (Lab lab = openLab()) {
            plan = Planner.plan(lab.snapshot(), catalog, options, "lab:" + workspace.lab());
        }
        Path file = out == null ? workspace.plan() : out;
        writeAtomically(file, PlanCodec.toJson(plan));
        return planResult(plan, file.toString());
    }

    static Results.PlanResult planResult(Plan plan, String file) {
        int users = 0;
        int objects = 0;
        for (Step s : plan.steps()) {
            if (s instanceof Step.MoveBatch b) {
                for (Move m : b.moves()) {
                    if (m.subject().kind() == io.cutover.inventory.HomedKind.User) {
                        users++;
                    } else {
                        objects++;
                    }
                }
            }
        }
        return new Results.PlanResult(
                file,
                plan.checksum(),
                plan.options().target(),
                plan.steps().size(),
                users,
                objects,
                plan.retained().size(),
                plan.kept().size(),
                PlanExplainer.explain(plan));
    }

    public Plan readPlan(Path file) {
        return PlanCodec.fromJson(readFile(file), file.toString());
    }

    // ---- run -------------------------------------------------------------------------------

    /** The steps a run would carry out now, touching nothing. */
    public Results.DryRun dryRun(Path planFile, RunSettings settings) {
        Plan plan;
        Progress progress = Progress.of(List.of());
        Path file = null;
        Optional<RunRecord> run =
                Files.exists(workspace.journal()) ? withJournal(Journal::currentRun) : Optional.empty();
        if (run.isPresent()) {
            plan = PlanCodec.fromJson(run.get().planJson(), "journal");
            if (planFile != null) {
                requireSameChecksum(readPlan(planFile), planFile, run.get());
            }
            progress = Progress.of(withJournal(j -> j.entries(run.get().id())));
        } else {
            file = planFile == null ? workspace.plan() : planFile;
            plan = readPlan(file);
        }
        try (Lab lab = openLab()) {
            validate(plan, file, lab, settings);
        }
        List<String> lines = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (!settings.covers(step)) {
                continue;
            }
            if (!Decide.done(plan, step, progress)) {
                lines.add(step.id() + ": " + step.title());
            }
        }
        return new Results.DryRun(plan.checksum(), lines);
    }

    public Results.RunResult run(Path planFile, RunSettings settings, boolean resume, Consumer<Tick> ticks) {
        return run(planFile, settings, resume, ticks, Target.lab());
    }

    /** Runs the plan against the lab or, through the Management Shell, a real deployment. */
    public Results.RunResult run(
            Path planFile, RunSettings settings, boolean resume, Consumer<Tick> ticks, Target target) {
        try {
            return runOn(planFile, settings, resume, ticks, target);
        } catch (DeploymentFailure f) {
            // Moves and actions report their own failures; this is the deployment not answering a
            // read outside them: its state before the first step, or a gate's query (services,
            // replication, a snapshot). A gate left begun is evaluated again by `run --resume`.
            throw new CutoverException(
                    ErrorCode.DEPLOYMENT_FAILED,
                    "the deployment could not be read: " + f.getMessage()
                            + (target.isLab() ? "" : "; check --shell-command and run again"),
                    f);
        }
    }

    private Results.RunResult runOn(
            Path planFile, RunSettings settings, boolean resume, Consumer<Tick> ticks, Target target) {
        Plan given = planFile == null && resume ? null : readPlan(planFile == null ? workspace.plan() : planFile);
        if (resume && !Files.exists(workspace.journal())) {
            throw new CutoverException(
                    ErrorCode.NO_RUN,
                    "nothing to resume: no journal in " + workspace.dir() + "; start with `cutover run`");
        }
        try (Deployment lab = openForRun(target)) {
            if (given != null) {
                validate(given, planFile == null ? workspace.plan() : planFile, lab, settings);
            }
            try (Journal journal = Journal.open(workspace.journal())) {
                Optional<RunRecord> existing = journal.currentRun();
                RunRecord run;
                Plan plan;
                if (existing.isEmpty()) {
                    if (resume) {
                        throw new CutoverException(
                                ErrorCode.NO_RUN,
                                "nothing to resume: the journal has no run; start with `cutover run`");
                    }
                    run = journal.startRun(
                            "run-" + clock.instant().toEpochMilli(),
                            given.checksum(),
                            PlanCodec.toJson(given),
                            lab.name(),
                            clock.instant());
                    plan = given;
                } else {
                    run = existing.get();
                    if (given != null) {
                        requireSameChecksum(given, planFile == null ? workspace.plan() : planFile, run);
                    }
                    if (!resume) {
                        throw new CutoverException(
                                ErrorCode.RUN_ALREADY_STARTED,
                                "the journal already has run " + run.id()
                                        + " of this plan; continue it with `cutover run --resume`");
                    }
                    plan = PlanCodec.fromJson(run.planJson(), "journal");
                }
                RunOutcome outcome = new Executor(
                                plan, run, journal, lab, clock, settings, ticks, d -> Thread.sleep(d.toMillis()))
                        .run();
                StatusReport status =
                        Status.of(plan, run.id(), journal.entries(run.id()), journal.latestRequest(run.id()), lab);
                return Results.RunResult.of(run.id(), plan.checksum(), outcome, status);
            }
        }
    }

    /** Checks the plan names only sites and pools the deployment has; the error names the plan file. */
    private static void validate(Plan plan, Path file, Deployment lab, RunSettings settings) {
        try {
            Executor.validate(plan, lab.snapshot(), settings);
        } catch (CutoverException e) {
            throw file == null ? e : in(file, e);
        }
    }

    /** The same error, naming the file whose content caused it first, as the parse errors do. */
    private static CutoverException in(Path file, CutoverException e) {
        return new CutoverException(e.code(), file + ": " + e.getMessage(), e);
    }

    private static void requireSameChecksum(Plan given, Path file, RunRecord run) {
        if (!given.checksum().equals(run.planChecksum())) {
            throw new CutoverException(
                    ErrorCode.PLAN_CHECKSUM_MISMATCH,
                    file + " has checksum " + given.checksum().substring(0, 12)
                            + " but the journal's run " + run.id() + " was started with plan "
                            + run.planChecksum().substring(0, 12)
                            + "; resume without a plan file, or roll the run back before starting another plan");
        }
    }

    // ---- status, control ------------------------------------------------------------------

    public StatusReport status() {
        RunContext ctx = existingRun();
        try (Lab lab = Lab.exists(workspace.lab()) ? openLab() : null) {
            return Status.of(
                    ctx.plan,
                    ctx.run.id(),
                    withJournal(j -> j.entries(ctx.run.id())),
                    withJournal(j -> j.latestRequest(ctx.run.id())),
                    lab);
        }
    }

    public Results.ControlResult request(Control.Request request) {
        return audited(request.name().toLowerCase(java.util.Locale.ROOT), null, () -> {
            RunContext ctx = existingRun();
            try (Journal journal = Journal.open(workspace.journal())) {
                journal.request(ctx.run.id(), request, actor, clock.instant());
            }
            return new Results.ControlResult(ctx.run.id(), request.name().toLowerCase(java.util.Locale.ROOT));
        });
    }

    private record RunContext(RunRecord run, Plan plan) {}

    private RunContext existingRun() {
        if (!Files.exists(workspace.journal())) {
            throw new CutoverException(
                    ErrorCode.NO_RUN, "no run in " + workspace.dir() + "; start one with `cutover run`");
        }
        RunRecord run = withJournal(Journal::currentRun)
                .orElseThrow(() -> new CutoverException(
                        ErrorCode.NO_RUN, "no run in " + workspace.dir() + "; start one with `cutover run`"));
        return new RunContext(run, PlanCodec.fromJson(run.planJson(), "journal"));
    }

    private <T> T withJournal(java.util.function.Function<Journal, T> f) {
        try (Journal journal = Journal.open(workspace.journal())) {
            return f.apply(journal);
        }
    }

    // ---- rollback --------------------------------------------------------------------------

    public RollbackImpact rollbackPreview(String toStep) {
        return rollbackPreview(toStep, Target.lab());
    }

    public RollbackImpact rollbackPreview(String toStep, Target target) {
        RunContext ctx = existingRun();
        try (Deployment lab = open(target);
                Journal journal = Journal.open(workspace.journal())) {
            return new Rollback(ctx.plan, ctx.run, journal, lab, clock, RunSettings.defaults(actor)).preview(toStep);
        }
    }

    /**
     * Rolls back after showing the impact to {@code confirm}; nothing happens unless it answers
     * yes.
     */
    public Results.RollbackResult rollback(String toStep, RunSettings settings, Predicate<RollbackImpact> confirm) {
        return rollback(toStep, settings, confirm, Target.lab());
    }

    /** Rolls back against the lab or, through the Management Shell, a real deployment. */
    public Results.RollbackResult rollback(
            String toStep, RunSettings settings, Predicate<RollbackImpact> confirm, Target target) {
        return audited(
                "rollback",
                toStep == null ? "the whole run" : toStep,
                () -> rollbackAudited(toStep, settings, confirm, target));
    }

    private Results.RollbackResult rollbackAudited(
            String toStep, RunSettings settings, Predicate<RollbackImpact> confirm, Target target) {
        RunContext ctx = existingRun();
        try (Deployment lab = open(target);
                Journal journal = Journal.open(workspace.journal())) {
            Rollback rollback = new Rollback(ctx.plan, ctx.run, journal, lab, clock, settings);
            RollbackImpact impact = rollback.preview(toStep);
            if (impact.nothingToDo()) {
                return new Results.RollbackResult(
                        false,
                        impact,
                        List.of(),
                        Status.of(
                                ctx.plan,
                                ctx.run.id(),
                                journal.entries(ctx.run.id()),
                                journal.latestRequest(ctx.run.id()),
                                lab));
            }
            if (!confirm.test(impact)) {
                throw new CutoverException(
                        ErrorCode.NOT_CONFIRMED,
                        "rollback not confirmed; nothing changed (use --yes to confirm without a prompt)");
            }
            List<String> failures = rollback.execute(toStep);
            return new Results.RollbackResult(
                    true,
                    impact,
                    failures,
                    Status.of(
                            ctx.plan,
                            ctx.run.id(),
                            journal.entries(ctx.run.id()),
                            journal.latestRequest(ctx.run.id()),
                            lab));
        }
    }

    // ---- decommission ----------------------------------------------------------------------

    /**
     * Decommissions one legacy pool now: the drain check first, journaled, then the deactivation.
     * Refused, with what is still homed there, when the pool is not empty.
     */
    public Results.DecommissionResult decommission(String pool) {
        RunContext ctx = existingRun();
        try (Lab lab = openLab();
                Journal journal = Journal.open(workspace.journal())) {
            io.cutover.inventory.Pool found = lab.snapshot().pool(pool);
            String fqdn = found.fqdn();
            String site = found.site();
            if (lab.poolState(fqdn) == PoolState.Decommissioned) {
                return new Results.DecommissionResult(fqdn, true);
            }
            String drainId = ctx.plan.steps().stream()
                    .filter(s -> s instanceof Step.Gate g && g.checks().contains(new Check.Drain(fqdn)))
                    .map(Step::id)
                    .findFirst()
                    .orElse(site + "/" + fqdn + "/drain");
            String decomId = ctx.plan.steps().stream()
                    .filter(s -> s instanceof Step.Decommission d && d.target().equalsIgnoreCase(fqdn))
                    .map(Step::id)
                    .findFirst()
                    .orElse(site + "/" + fqdn + "/decommission");
            Progress progress = Progress.of(journal.entries(ctx.run.id()));
            ExecutorService probes = Executors.newFixedThreadPool(2);
            try {
                Entry begin = Entry.begin(
                        ctx.run.id(),
                        drainId,
                        null,
                        Action.DO,
                        attempts(progress, drainId) + 1,
                        null,
                        null,
                        "drain check of " + fqdn,
                        clock.instant(),
                        actor);
                journal.append(begin);
                CheckResult drain = new CheckRunner(lab, probes).evaluate(new Check.Drain(fqdn));
                journal.append(begin.end(
                        drain.passed() ? Outcome.OK : Outcome.FAILED,
                        io.cutover.run.Evidence.write(List.of(drain)),
                        clock.instant()));
                if (!drain.passed()) {
                    throw new CutoverException(
                            ErrorCode.POOL_NOT_EMPTY,
                            fqdn + " is not empty: " + String.join("; ", drain.failures())
                                    + "; run `cutover run --resume` or see `cutover status`");
                }
            } finally {
                probes.shutdownNow();
            }
            Entry begin = Entry.begin(
                    ctx.run.id(),
                    decomId,
                    null,
                    Action.DO,
                    attempts(progress, decomId) + 1,
                    null,
                    null,
                    "decommission " + fqdn,
                    clock.instant(),
                    actor);
            journal.append(begin);
            try {
                lab.decommission(fqdn);
                journal.append(begin.end(Outcome.OK, fqdn + " decommissioned", clock.instant()));
            } catch (DeploymentFailure f) {
                journal.append(begin.end(Outcome.FAILED, f.getMessage(), clock.instant()));
                throw new CutoverException(
                        ErrorCode.STEP_FAILED, "decommission of " + fqdn + " failed: " + f.getMessage());
            }
            return new Results.DecommissionResult(fqdn, false);
        }
    }

    private static int attempts(Progress progress, String stepId) {
        Progress.Status s = progress.status(stepId, null);
        return s == null ? 0 : s.attempts();
    }

    // ---- rehearse --------------------------------------------------------------------------

    /**
     * Plans and runs a whole migration against a fresh lab in this workspace: the example when
     * {@code scenario} is null, with an optional fault profile.
     */
    public Rehearsal rehearse(
            Path scenario, Path faults, PlanOptions options, RunSettings settings, Consumer<Tick> ticks) {
        return rehearse(
                scenarioName(scenario),
                () -> {
                    String text = scenarioText(scenario);
                    String where = scenarioName(scenario);
                    return new LabSource(
                            () -> Lab.inMemory(Scenario.parse(text, where), clock), () -> labCreate(text, where));
                },
                faults,
                options,
                settings,
                ticks);
    }

    /** Where a rehearsal's lab comes from: a lab in memory to try the input on, and the lab on disk. */
    private record LabSource(java.util.function.Supplier<Lab> trial, Runnable create) {}

    private Rehearsal rehearse(
            String source,
            java.util.function.Supplier<LabSource> labs,
            Path faults,
            PlanOptions options,
            RunSettings settings,
            Consumer<Tick> ticks) {
        long started = System.nanoTime();
        catalog.version(options.target());
        FaultProfile profile = faults == null ? null : FaultProfile.parse(readFile(faults), faults.toString());
        if (Files.exists(workspace.journal()) || Lab.exists(workspace.lab())) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    workspace.dir() + " already holds a migration; rehearse in a fresh --workspace");
        }
        LabSource lab0 = labs.get();
        // Whatever can refuse the input (the scenario, the faults, planning) is tried first on a lab
        // in memory, so that a refused rehearsal leaves no half-made workspace behind.
        // The lab on disk expands from the same text with the same faults, so this plan is its plan.
        Plan plan;
        try (Lab trial = lab0.trial().get()) {
            if (profile != null) {
                inject(trial, profile, faults);
            }
            plan = Planner.plan(trial.snapshot(), catalog, options, "lab:" + workspace.lab());
        }
        lab0.create().run();
        if (profile != null) {
            try (Lab lab = openLab()) {
                inject(lab, profile, faults);
            }
        }
        writeAtomically(workspace.plan(), PlanCodec.toJson(plan));
        Results.RunResult result = run(workspace.plan(), settings, false, ticks);
        long wall = (System.nanoTime() - started) / 1_000_000;
        StatusReport status = result.status();
        Progress progress = Progress.of(withJournal(j -> j.entries(result.runId())));
        int checksPassed = 0;
        int checksTotal = 0;
        List<String> decommissioned = new ArrayList<>();
        Map<String, List<String>> phases = new LinkedHashMap<>();
        Map<String, String> siteOf = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            boolean done = Decide.done(step, progress);
            if (step instanceof Step.Gate g) {
                checksTotal += g.checks().size();
                if (done) {
                    checksPassed += g.checks().size();
                }
            }
            if (step instanceof Step.Decommission d && done) {
                decommissioned.add(d.target());
            }
        }
        for (StatusReport.PhaseLine line : status.phases()) {
            String key = line.pool() == null ? line.site() + " (site-wide)" : line.pool();
            siteOf.putIfAbsent(key, line.site());
            phases.computeIfAbsent(key, k -> new ArrayList<>()).add(line.phase() + ": " + line.state());
        }
        List<Rehearsal.PoolPhases> pools = new ArrayList<>();
        phases.forEach((pool, list) -> pools.add(new Rehearsal.PoolPhases(siteOf.get(pool), pool, list)));
        List<Rehearsal.Kept> kept = new ArrayList<>();
        for (KeptPool k : plan.kept()) {
            kept.add(new Rehearsal.Kept(k.pool(), k.reason()));
        }
        return new Rehearsal(
                source,
                options.target(),
                workspace.dir().toString(),
                result.outcome(),
                result.exitCode(),
                result.message(),
                wall,
                pools,
                checksPassed,
                checksTotal,
                status.usersMoved(),
                status.usersPlanned(),
                status.retained(),
                decommissioned,
                kept,
                status.blocker());
    }

    // ---- assess, the inventory folder and the lab twin ---------------------------------------

    /** The PowerShell script that writes the inventory folder of a real deployment, read-only. */
    public String collectScript() {
        return io.cutover.folder.CollectScript.text();
    }

    /** Assesses the inventory folder for a migration to {@code target}. */
    public io.cutover.assess.Assessment assess(Path folder, String target) {
        io.cutover.catalog.ProductVersion version = catalog.version(target);
        io.cutover.folder.FolderRead read = io.cutover.folder.FolderReader.read(folder, catalog);
        io.cutover.assess.Assessment assessment =
                io.cutover.assess.Assessor.assess(read.inventory(), catalog, version, read.unanswered());
        return assessment;
    }

    /**
     * Writes the workspace's lab as an inventory folder, as the collect script would from a real
     * deployment: the servers of pools that are not up (not deployed, decommissioned or down) do
     * not answer, so their services are recorded as unanswered rather than listed.
     */
    public Results.LabExportResult labExport(Path dir) {
        try (Lab lab = openLab()) {
            io.cutover.inventory.Inventory inv = lab.snapshot();
            java.util.Set<String> silent = new java.util.HashSet<>();
            List<io.cutover.inventory.UnansweredServer> unanswered = new ArrayList<>();
            for (io.cutover.inventory.Pool p : inv.pools()) {
                if (lab.poolState(p.fqdn()) != PoolState.Up) {
                    silent.add(p.fqdn().toLowerCase(java.util.Locale.ROOT));
                    for (String server : p.servers()) {
                        unanswered.add(new io.cutover.inventory.UnansweredServer(
                                server, "Get-CsWindowsService", "pool " + p.fqdn() + " is " + lab.poolState(p.fqdn())));
                    }
                }
            }
            List<io.cutover.inventory.ServiceState> services = inv.services().stream()
                    .filter(s -> s.pool() == null || !silent.contains(s.pool().toLowerCase(java.util.Locale.ROOT)))
                    .toList();
            io.cutover.inventory.Inventory exported = new io.cutover.inventory.Inventory(
                    inv.sites(),
                    inv.pools(),
                    inv.cmsPool(),
                    inv.users(),
                    inv.objects(),
                    inv.meetings(),
                    inv.clients(),
                    services,
                    inv.replicas(),
                    inv.policies(),
                    inv.partners());
            new io.cutover.folder.FolderWriter(catalog).write(dir, exported, unanswered);
            return new Results.LabExportResult(
                    dir.toString(),
                    exported.sites().size(),
                    exported.pools().size(),
                    exported.users().size(),
                    exported.objects().size(),
                    unanswered.size());
        }
    }

    /** Creates the workspace's lab as the twin of the deployment an inventory folder describes. */
    public LabSummary labImport(Path folder) {
        io.cutover.folder.FolderRead read = readTwinnable(folder);
        try (Lab lab =
                Lab.createTwin(workspace.lab(), read.inventory(), read.servicesCollected(), folder.toString(), clock)) {
            return lab.summary();
        }
    }

    /** Rehearses a whole migration against a fresh twin of the deployment an inventory folder describes. */
    public Rehearsal rehearseFrom(
            Path folder, Path faults, PlanOptions options, RunSettings settings, Consumer<Tick> ticks) {
        String where = folder.toString();
        return rehearse(
                where,
                () -> {
                    io.cutover.folder.FolderRead read = readTwinnable(folder);
                    return new LabSource(
                            () -> Lab.inMemoryTwin(read.inventory(), read.servicesCollected(), where, clock), () -> {
                                Lab.createTwin(
                                                workspace.lab(),
                                                read.inventory(),
                                                read.servicesCollected(),
                                                where,
                                                clock)
                                        .close();
                            });
                },
                faults,
                options,
                settings,
                ticks);
    }

    /**
     * Reads a folder for a twin. A lab cannot hold what a real deployment can only be wrong about
     * (a user on a pool the topology lacks, one SIP address twice), so those are refused here with
     * the assessment's words, where {@code assess} reports them as findings.
     */
    private io.cutover.folder.FolderRead readTwinnable(Path folder) {
        io.cutover.folder.FolderRead read = io.cutover.folder.FolderReader.read(folder, catalog);
        io.cutover.inventory.Inventory inv = read.inventory();
        java.util.Set<String> pools = new java.util.HashSet<>();
        inv.pools().forEach(p -> pools.add(p.fqdn().toLowerCase(java.util.Locale.ROOT)));
        java.util.Set<String> sips = new java.util.HashSet<>();
        for (io.cutover.inventory.User u : inv.users()) {
            if (!sips.add(io.cutover.inventory.Inventory.key(u.sipAddress()))) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        folder.resolve("users.csv") + ": " + u.sipAddress()
                                + " is listed twice (SIP addresses compare case-insensitively); a twin needs each user once");
            }
            if (!pools.contains(u.pool().toLowerCase(java.util.Locale.ROOT))) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_POOL,
                        folder.resolve("users.csv") + ": " + u.sipAddress() + " is homed on pool '" + u.pool()
                                + "', which topology.xml lacks; run `cutover assess " + folder
                                + "` for every such reference");
            }
        }
        for (io.cutover.inventory.HomedObject o : inv.objects()) {
            if (!pools.contains(o.pool().toLowerCase(java.util.Locale.ROOT))) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_POOL,
                        folder.resolve("objects.csv") + ": " + o.kind() + " " + o.identity() + " is homed on pool '"
                                + o.pool() + "', which topology.xml lacks; run `cutover assess " + folder + "`");
            }
        }
        return read;
    }

    // ---- SIP lab: coexistence matrix, serve ---------------------------------------------------

    /**
     * Runs the coexistence matrix against the workspace's lab, whose pools serve SIP on loopback
     * while it runs (in memory when {@code inMemory}).
     */
    public MatrixRunner.Report labMatrix(int concurrency, boolean inMemory) {
        if (concurrency < 1 || concurrency > 1024) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--concurrency must be 1 to 1024, not " + concurrency);
        }
        try (Lab lab = openLab()) {
            if (!inMemory) {
                lab.startSip();
            }
            return new MatrixRunner(lab, concurrency).run(CoexistenceMatrix.of(lab.snapshot(), catalog));
        }
    }

    /**
     * Starts a lab in memory from a scenario (the bundled example when null) with its pools serving
     * SIP on loopback, for any SIP client to take part; the caller closes it.
     */
    public Serving serve(Path scenario, int usersPerPool) {
        Lab lab = Lab.inMemory(Scenario.parse(scenarioText(scenario), scenarioName(scenario)), clock);
        try {
            lab.startSip();
            return Serving.of(lab, usersPerPool);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    // ---- runbooks and the shell ------------------------------------------------------------

    /** Writes the plan as PowerShell runbooks into {@code outDir}: one script per phase, or only {@code phase}'s. */
    public Results.RunbookResult runbook(Path planFile, io.cutover.plan.Phase phase, Path outDir) {
        Path file = planFile == null ? workspace.plan() : planFile;
        Plan plan = readPlan(file);
        List<Runbook.Script> scripts = Runbook.of(plan, phase);
        if (scripts.isEmpty()) {
            throw new CutoverException(
                    ErrorCode.UNKNOWN_PHASE,
                    file + " has no step in phase " + phase + "; its phases are "
                            + plan.steps().stream()
                                    .map(s -> s.phase().name())
                                    .distinct()
                                    .toList());
        }
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--out " + outDir + " is a file, not a directory");
        }
        List<Results.RunbookFile> files = new ArrayList<>();
        for (Runbook.Script s : scripts) {
            Path target = outDir.resolve(s.fileName());
            writeAtomically(target, s.bytes());
            files.add(new Results.RunbookFile(target.toString(), s.phase().name(), s.steps()));
        }
        return new Results.RunbookResult(plan.checksum(), outDir.toString(), files);
    }

    /**
     * Imports the result rows a runbook wrote into the journal: each row becomes one attempt,
     * begun and ended. Every row is checked first; one bad row refuses the file, naming its line,
     * and nothing is written. Starts the run from the plan when the journal has none yet.
     */
    public Results.RecordResult record(Path planFile, Path csv) {
        List<RunbookRecord.Row> rows = RunbookRecord.read(csv);
        boolean journalExists = Files.exists(workspace.journal());
        Optional<RunRecord> existing = journalExists ? withJournal(Journal::currentRun) : Optional.empty();
        Plan plan;
        if (existing.isPresent()) {
            plan = PlanCodec.fromJson(existing.get().planJson(), "journal");
            if (planFile != null) {
                requireSameChecksum(readPlan(planFile), planFile, existing.get());
            }
        } else {
            plan = readPlan(planFile == null ? workspace.plan() : planFile);
        }
        Progress before = existing.isPresent()
                ? Progress.of(withJournal(j -> j.entries(existing.get().id())))
                : Progress.of(List.of());
        RunbookRecord.check(rows, plan, csv.toString());
        try (Journal journal = Journal.open(workspace.journal())) {
            RunRecord run = existing.isPresent()
                    ? existing.get()
                    : journal.startRun(
                            "run-" + clock.instant().toEpochMilli(),
                            plan.checksum(),
                            PlanCodec.toJson(plan),
                            "runbook",
                            clock.instant());
            List<Entry> entries = RunbookRecord.entries(rows, plan, run.id(), before);
            journal.append(entries);
            int ok = (int) rows.stream().filter(r -> r.outcome() == Outcome.OK).count();
            StatusReport status =
                    Status.of(plan, run.id(), journal.entries(run.id()), journal.latestRequest(run.id()), null);
            return new Results.RecordResult(run.id(), csv.toString(), rows.size(), ok, rows.size() - ok, status);
        }
    }

    // ---- control room: approvals, audit, views for the dashboard and the run report ---------

    /**
     * Records a person's approval of a gate that waits for one: the gate's checks must have passed.
     * A running executor (in this process or another) sees the journal row and goes on.
     */
    public Results.ApprovalResult approve(String stepId) {
        return audited("approve", stepId, () -> {
            RunContext ctx = existingRun();
            Step step = ctx.plan
                    .findStep(stepId)
                    .orElseThrow(() -> new CutoverException(
                            ErrorCode.UNKNOWN_STEP,
                            "no step '" + stepId + "' in the plan; `cutover status` lists the step ids"));
            if (!ctx.plan.options().needsApproval(step)) {
                throw new CutoverException(
                        ErrorCode.NOT_AWAITING_APPROVAL,
                        step.id() + " does not need approval: the plan marks the gates of phases "
                                + ctx.plan.options().approveGates() + " for approval (`cutover plan --approve-gates`)");
            }
            try (Journal journal = Journal.open(workspace.journal())) {
                Progress progress = Progress.of(journal.entries(ctx.run.id()));
                Progress.Status approval = progress.status(step.id(), Decide.APPROVAL);
                if (approval != null && approval.state() == io.cutover.journal.State.DONE) {
                    return new Results.ApprovalResult(
                            ctx.run.id(), step.id(), approval.last().actor(), approval.endedAt(), true);
                }
                if (!Decide.done(step, progress)) {
                    throw new CutoverException(
                            ErrorCode.NOT_AWAITING_APPROVAL,
                            step.id() + " has not passed its checks yet (it is "
                                    + progress.state(step.id(), null)
                                            .name()
                                            .toLowerCase(java.util.Locale.ROOT)
                                            .replace('_', ' ')
                                    + "); it can be approved once `cutover status` says it awaits approval");
                }
                java.time.Instant at = clock.instant();
                List<Entry> rows = new ArrayList<>();
                int attempt = approval == null
                        ? 1
                        : approval.attempts() + (approval.state() == io.cutover.journal.State.IN_DOUBT ? 0 : 1);
                if (approval == null || approval.state() != io.cutover.journal.State.IN_DOUBT) {
                    rows.add(Entry.begin(
                            ctx.run.id(),
                            step.id(),
                            Decide.APPROVAL,
                            Action.DO,
                            attempt,
                            null,
                            null,
                            "awaiting approval",
                            at,
                            actor));
                }
                rows.add(new Entry(
                        0,
                        ctx.run.id(),
                        step.id(),
                        Decide.APPROVAL,
                        Action.DO,
                        attempt,
                        io.cutover.journal.Event.END,
                        Outcome.OK,
                        null,
                        null,
                        "approved by " + actor + " (" + channel + ")",
                        at,
                        actor));
                journal.append(rows);
                return new Results.ApprovalResult(ctx.run.id(), step.id(), actor, at, false);
            }
        });
    }

    /** The latest {@code limit} actions people took, newest first. */
    public List<io.cutover.journal.AuditEntry> audit(int limit) {
        if (!Files.exists(workspace.journal())) {
            return List.of();
        }
        return withJournal(j -> j.auditLog(limit));
    }

    /** Records an action that was not a facade call of its own (a resume started by the server, say). */
    public void recordAction(String action, String target, String result, String detail) {
        try (Journal journal = Journal.open(workspace.journal())) {
            journal.audit(new io.cutover.journal.AuditEntry(
                    0, clock.instant(), actor, channel, action, target, result, detail));
        }
    }

    /**
     * Runs an action and writes its audit row: "ok", or "failed" when it failed while acting.
     */
    private <T> T audited(String action, String target, java.util.function.Supplier<T> body) {
        try {
            T result = body.get();
            auditQuietly(action, target, "ok", null);
            return result;
        } catch (CutoverException e) {
            // Refused as bad input, an action changes nothing, not even the audit log; one that
            // failed while acting is recorded.
            if (e.code().exitCode() != 2) {
                auditQuietly(action, target, "failed", e.code() + ": " + e.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            auditQuietly(action, target, "failed", String.valueOf(e));
            throw e;
        }
    }

    private void auditQuietly(String action, String target, String result, String detail) {
        if (!Files.exists(workspace.journal())) {
            // No migration here at all: there is no audit log to write to, and creating a journal
            // for a refused action would leave state behind.
            return;
        }
        recordAction(action, target, result, detail);
    }

    /** Every gate of the run with its latest evidence, and whether it waits for or has an approval. */
    public List<Results.GateView> gates() {
        RunContext ctx = existingRun();
        Progress progress = Progress.of(withJournal(j -> j.entries(ctx.run.id())));
        List<Results.GateView> gates = new ArrayList<>();
        for (Step step : ctx.plan.steps()) {
            if (step instanceof Step.Gate g) {
                gates.add(GateViews.of(ctx.plan, g, progress));
            }
        }
        return gates;
    }

    /** The coexistence matrix: every probe pair and modality of the coexistence gates, and how it went. */
    public List<Results.MatrixCell> coexistence() {
        RunContext ctx = existingRun();
        Progress progress = Progress.of(withJournal(j -> j.entries(ctx.run.id())));
        return GateViews.matrix(ctx.plan, progress);
    }

    /** When each phase of each pool ran, from the journal. */
    public List<Results.TimelineBar> timeline() {
        RunContext ctx = existingRun();
        return GateViews.timeline(ctx.plan, withJournal(j -> j.entries(ctx.run.id())));
    }

    /** The steps whose effects are (or may be) in place, latest first: what a rollback can go back to. */
    public List<String> startedSteps() {
        RunContext ctx = existingRun();
        Progress progress = Progress.of(withJournal(j -> j.entries(ctx.run.id())));
        List<String> ids = new ArrayList<>();
        for (int i = ctx.plan.steps().size() - 1; i >= 0; i--) {
            Step step = ctx.plan.steps().get(i);
            if (Decide.started(step, progress)) {
                ids.add(step.id());
            }
        }
        return ids;
    }

    // A live view is recomputed every second or so for days: it keeps the parsed plan of the run
    // and the journal rows read so far, and reads only the rows written since. The journal is
    // append-only, so the rows kept never change.
    private RunContext liveRun;
    private List<Entry> liveEntries = new ArrayList<>();
    private Progress liveProgress = Progress.of(List.of());

    /**
     * The whole live view in one pass over the journal; the deployment is asked for the pools as
     * they are now only when {@code withDeployment} (it is the slow part on a large deployment).
     */
    public synchronized Results.LiveView liveView(boolean withDeployment) {
        if (!Files.exists(workspace.journal())) {
            throw new CutoverException(
                    ErrorCode.NO_RUN, "no run in " + workspace.dir() + "; start one with `cutover run`");
        }
        try (Journal journal = Journal.open(workspace.journal())) {
            String runId = journal.currentRunId()
                    .orElseThrow(() -> new CutoverException(
                            ErrorCode.NO_RUN, "no run in " + workspace.dir() + "; start one with `cutover run`"));
            if (liveRun == null || !liveRun.run.id().equals(runId)) {
                RunRecord run = journal.currentRun().orElseThrow();
                liveRun = new RunContext(run, PlanCodec.fromJson(run.planJson(), "journal"));
                liveEntries = new ArrayList<>();
                liveProgress = Progress.of(List.of());
            }
            long seq = liveEntries.isEmpty()
                    ? 0
                    : liveEntries.get(liveEntries.size() - 1).seq();
            List<Entry> fresh = journal.entriesAfter(runId, seq);
            liveEntries.addAll(fresh);
            fresh.forEach(liveProgress::apply);
            Plan plan = liveRun.plan;
            List<Entry> entries = java.util.Collections.unmodifiableList(liveEntries);
            Progress progress = liveProgress;
            StatusReport status;
            try (Lab lab = withDeployment && Lab.exists(workspace.lab()) ? openLab() : null) {
                status = Status.of(plan, runId, entries, progress, journal.latestRequest(runId), lab);
            }
            List<Results.GateView> gates = new ArrayList<>();
            List<String> started = new ArrayList<>();
            for (int i = plan.steps().size() - 1; i >= 0; i--) {
                if (Decide.started(plan.steps().get(i), progress)) {
                    started.add(plan.steps().get(i).id());
                }
            }
            for (Step step : plan.steps()) {
                if (step instanceof Step.Gate g) {
                    gates.add(GateViews.of(plan, g, progress));
                }
            }
            return new Results.LiveView(
                    status,
                    gates,
                    GateViews.matrix(plan, progress),
                    GateViews.timeline(plan, entries, progress),
                    started,
                    journal.auditLog(200));
        }
    }

    /** Everything the run report shows, from the journal (and the lab, for the pools as they are now). */
    public Results.RunReport runReport() {
        RunContext ctx = existingRun();
        List<Entry> entries = withJournal(j -> j.entries(ctx.run.id()));
        Progress progress = Progress.of(entries);
        List<Results.GateView> gates = new ArrayList<>();
        List<Results.ObjectResult> objects = new ArrayList<>();
        for (Step step : ctx.plan.steps()) {
            if (step instanceof Step.Gate g) {
                gates.add(GateViews.of(ctx.plan, g, progress));
            } else if (step instanceof Step.MoveBatch b) {
                for (Move m : b.moves()) {
                    Progress.Status s = progress.status(b.id(), m.item());
                    String state = s == null
                            ? "pending"
                            : s.state() == io.cutover.journal.State.UNDONE
                                    ? "rolled back"
                                    : s.state()
                                            .name()
                                            .toLowerCase(java.util.Locale.ROOT)
                                            .replace('_', ' ');
                    objects.add(new Results.ObjectResult(
                            b.id(),
                            b.phase().name(),
                            b.site(),
                            m.subject().kind().name(),
                            m.subject().id(),
                            m.from(),
                            m.to(),
                            state,
                            s == null ? 0 : s.attempts(),
                            s == null ? null : s.endedAt() != null ? s.endedAt() : s.beganAt(),
                            s == null ? null : s.detail()));
                }
            }
        }
        List<Entry> rollbackLog = entries.stream()
                .filter(e -> e.action() == Action.UNDO && e.event() == io.cutover.journal.Event.END)
                .toList();
        return new Results.RunReport(
                clock.instant(),
                ctx.run.id(),
                ctx.plan.checksum(),
                ctx.plan.options().target(),
                ctx.plan.source(),
                ctx.run.createdAt(),
                status(),
                gates,
                GateViews.timeline(ctx.plan, entries),
                rollbackLog,
                audit(1000),
                objects);
    }

    // ---- files -----------------------------------------------------------------------------

    static String readFile(Path file) {
        try {
            if (Files.size(file) > 256L * 1024 * 1024) {
                throw new CutoverException(ErrorCode.BAD_INPUT, file + ": larger than 256 MB");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, file + ": cannot read: " + e.getMessage());
        }
    }

    static void writeAtomically(Path file, String text) {
        writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a file. */
    static void writeAtomically(Path file, byte[] bytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".plan", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
