package io.cutover.app;

import io.cutover.assess.Assessment;
import io.cutover.catalog.Catalog;
import io.cutover.check.MatrixRunner;
import io.cutover.folder.CollectScript;
import io.cutover.journal.AuditEntry;
import io.cutover.journal.Claimant;
import io.cutover.journal.Control;
import io.cutover.journal.Store;
import io.cutover.journal.StoreCopy;
import io.cutover.lab.LabSummary;
import io.cutover.metrics.Meters;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RollbackImpact;
import io.cutover.run.RunSettings;
import io.cutover.run.StatusReport;
import io.cutover.run.Tick;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One method per verb, each a delegate to the verb's own class, where its documentation is. What a
 * verb needs is opened and closed inside it (one {@code Session}): a verb refused as bad input writes nothing.
 */
public final class Cutover {
    private final Context context;
    private final LiveCache live = new LiveCache();

    public Cutover(Workspace workspace, Clock clock, String actor) {
        this(workspace, clock, actor, "cli", Meters.none());
    }

    /** Who acts (journal, audit log), from where ("cli", "api"); {@code meters} for {@code /metrics}. */
    public Cutover(Workspace workspace, Clock clock, String actor, String channel, Meters meters) {
        this.context = new Context(workspace, clock, actor, channel, Catalog.bundled(), meters);
    }

    public Workspace workspace() {
        return context.workspace();
    }

    public LabSummary labCreate(Path scenario) {
        return new Labs(context).create(scenario);
    }

    public LabSummary labInspect() {
        return new Labs(context).inspect();
    }

    public LabSummary labInject(Path faults) {
        return new Labs(context).inject(faults);
    }

    public LabSummary labClear() {
        return new Labs(context).clear();
    }

    public Results.LabExportResult labExport(Path dir) {
        return new Twins(context).export(dir);
    }

    public LabSummary labImport(Path folder) {
        return new Twins(context).importFolder(folder);
    }

    public MatrixRunner.Report labMatrix(int concurrency, boolean inMemory) {
        return new Labs(context).matrix(concurrency, inMemory);
    }

    public Serving serve(Path scenario, int usersPerPool) {
        return new Labs(context).serve(scenario, usersPerPool);
    }

    public String collectScript() {
        return CollectScript.text();
    }

    public Assessment assess(Path folder, String target) {
        return new Twins(context).assess(folder, target);
    }

    public Results.PlanResult plan(PlanOptions options, Path out) {
        return new Plans(context).plan(options, out);
    }

    public Plan readPlan(Path file) {
        return Plans.read(file);
    }

    public Results.RunbookResult runbook(Path planFile, Phase phase, Path outDir) {
        return runbook(planFile, phase, outDir, io.cutover.shell.TestAccounts.NONE);
    }

    /** As {@link #runbook(Path, Phase, Path)}, the probes of pools without health monitoring run as these test accounts. */
    public Results.RunbookResult runbook(
            Path planFile, Phase phase, Path outDir, io.cutover.shell.TestAccounts accounts) {
        return new Plans(context).runbook(planFile, phase, outDir, accounts);
    }

    public Results.RecordResult record(Path planFile, Path csv) {
        return new Records(context).record(planFile, csv);
    }

    public Results.DryRun dryRun(Path planFile, RunSettings settings) {
        return new Runs(context).dryRun(planFile, settings);
    }

    public Results.RunResult run(Path planFile, RunSettings settings, boolean resume, Consumer<Tick> ticks) {
        return run(planFile, settings, resume, ticks, Target.lab());
    }

    public Results.RunResult run(
            Path planFile, RunSettings settings, boolean resume, Consumer<Tick> ticks, Target target) {
        return run(planFile, settings, io.cutover.run.Parallelism.NONE, resume, ticks, target);
    }

    /** As above, shared with other instances or over sites as {@code p} says (see {@link io.cutover.run.Parallelism}). */
    public Results.RunResult run(
            Path plan,
            RunSettings settings,
            io.cutover.run.Parallelism p,
            boolean resume,
            Consumer<Tick> t,
            Target to) {
        return new Runs(context).run(plan, settings, p, resume, t, to);
    }

    /** {@code store copy}: the workspace's journal copied into {@code to} and verified (see {@link StoreCopy#copy}). */
    public List<StoreCopy.Copied> storeCopy(Store to) {
        return StoreCopy.copy(context.workspace().store(), to, Claimant.thisProcess(context.actor()), context.clock());
    }

    public HeldRun holdRun() {
        return HeldRun.take(context);
    }

    public Rehearsal rehearse(
            Path scenario, Path faults, PlanOptions options, RunSettings settings, Consumer<Tick> ticks) {
        return new Rehearsals(context).fromScenario(scenario, faults, options, settings, ticks);
    }

    public Rehearsal rehearseFrom(
            Path folder, Path faults, PlanOptions options, RunSettings settings, Consumer<Tick> ticks) {
        return new Rehearsals(context).fromFolder(folder, faults, options, settings, ticks);
    }

    /** Where the run stands, from the plan and the journal alone: the deployment is not opened. */
    public StatusReport status() {
        return status(false);
    }

    /** As {@link #status()}; when {@code live}, with the lab's pools as they are now. */
    public StatusReport status(boolean live) {
        return new Views(context).status(live);
    }

    public Results.ControlResult request(Control.Request request) {
        return new Actions(context).request(request);
    }

    public Results.ApprovalResult approve(String stepId) {
        return new Actions(context).approve(stepId);
    }

    public Results.DecommissionResult decommission(String pool) {
        return new Actions(context).decommission(pool);
    }

    public RollbackImpact rollbackPreview(String toStep) {
        return rollbackPreview(toStep, Target.lab());
    }

    public RollbackImpact rollbackPreview(String toStep, Target target) {
        return new Rollbacks(context).preview(toStep, target);
    }

    public Results.RollbackResult rollback(String toStep, RunSettings settings, Predicate<RollbackImpact> confirm) {
        return rollback(toStep, settings, confirm, Target.lab());
    }

    public Results.RollbackResult rollback(
            String toStep, RunSettings settings, Predicate<RollbackImpact> confirm, Target target) {
        return new Rollbacks(context).rollback(toStep, settings, confirm, target);
    }

    public List<AuditEntry> audit(int limit) {
        return new Audit(context).latest(limit);
    }

    /** An action the actor was refused; identical attempts within a minute are one row with a count. */
    public void recordForbidden(String action, String detail) {
        new Audit(context).forbidden(action, detail);
    }

    public List<Results.GateView> gates() {
        return new Views(context).gates();
    }

    public List<Results.MatrixCell> coexistence() {
        return new Views(context).coexistence();
    }

    public List<Results.TimelineBar> timeline() {
        return new Views(context).timeline();
    }

    public List<String> startedSteps() {
        return new Views(context).startedSteps();
    }

    public Results.LiveView liveView(boolean withDeployment) {
        return live.view(context, withDeployment);
    }

    public Results.RunReport runReport() {
        return new RunReports(context).report();
    }
}
