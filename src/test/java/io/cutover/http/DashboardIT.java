package io.cutover.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cutover.app.Cutover;
import io.cutover.app.Results;
import io.cutover.app.Workspace;
import io.cutover.check.Check;
import io.cutover.journal.AuditEntry;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import io.cutover.run.RunSettings;
import io.cutover.run.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in a real browser (Debian's chromium, headless) on a lab migration running in
 * this JVM, slowed down by a latency fault so that it can be watched.
 */
class DashboardIT implements Browser.Holder {
    static final String OPERATOR = "op-token-0123456789abcdef";
    static final String VIEWER = "view-token-0123456789abcdef";
    static final String TARGET = "Skype for Business Server Subscription Edition";

    @RegisterExtension
    final Browser screenshots = new Browser();

    @TempDir
    Path dir;

    final List<WebDriver> browsers = new ArrayList<>();
    Server server;
    Workspace workspace;
    CompletableFuture<Results.RunResult> run;

    @Override
    public Iterable<WebDriver> browsers() {
        return browsers;
    }

    @AfterEach
    void stop() throws Exception {
        browsers.forEach(WebDriver::quit);
        if (run != null && !run.isDone()) {
            new Cutover(workspace, Clock.systemUTC(), "cleanup").request(io.cutover.journal.Control.Request.ABORT);
            run.handle((r, e) -> null).get(60, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    private Cutover facade(String who) {
        return new Cutover(workspace, Clock.systemUTC(), who);
    }

    /** A lab with these faults, planned with approval at the federation gates. */
    private void lab(String faults) throws Exception {
        lab(faults, List.of(Phase.Federation));
    }

    private void lab(String faults, List<Phase> approveGates) throws Exception {
        workspace = new Workspace(dir.resolve("ws"));
        facade("setup").labCreate(null);
        Path file = dir.resolve("faults.yaml");
        Files.writeString(file, faults);
        facade("setup").labInject(file);
        facade("setup").plan(PlanOptions.defaults(TARGET).withApproveGates(approveGates), null);
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "olga operator " + OPERATOR + "\nvic viewer " + VIEWER + "\n");
        server = Server.start(
                new ServerSettings(
                        workspace,
                        "127.0.0.1",
                        0,
                        tokens,
                        Duration.ofMillis(150),
                        new RunSettings(2, 5, Duration.ofMillis(1), null, "server")),
                Clock.systemUTC());
    }

    private void startRun() {
        run = CompletableFuture.supplyAsync(() -> facade("runner")
                .run(null, new RunSettings(2, 5, Duration.ofMillis(1), null, "runner"), false, t -> {}));
    }

    private WebDriver signIn(String token) {
        WebDriver driver = Browser.open(dir.resolve("profile-" + browsers.size()));
        browsers.add(driver);
        driver.get(server.url());
        // Not signed in: the dashboard sends us to the sign-in page.
        await().atMost(20, TimeUnit.SECONDS).until(() -> driver.getCurrentUrl().endsWith("/signin"));
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("signin")).click();
        await().atMost(20, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> !driver.findElement(By.id("who")).getText().isEmpty());
        return driver;
    }

    /** The element's text; the page re-renders on every pushed view, so a read may meet a replaced element and is tried again. */
    private static String text(WebDriver driver, String id) {
        return fresh(() -> driver.findElement(By.id(id)).getText());
    }

    /** Clicks the element found by {@code by}, found again when the page replaced it first. */
    private static void click(WebDriver driver, By by) {
        fresh(() -> {
            driver.findElement(by).click();
            return null;
        });
    }

    /**
     * What {@code read} gives, tried again when it met an element the page replaced between
     * finding it and using it (a stale element was not acted on, so trying again repeats nothing).
     */
    private static <T> T fresh(java.util.function.Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    private static int usersMoved(WebDriver driver) {
        return Integer.parseInt(text(driver, "users-moved"));
    }

    @Test
    void an_operator_sees_progress_advance_approves_a_gate_pauses_and_resumes_without_reloading() throws Exception {
        lab("seed: 1\ninject:\n  - {type: latency, operation: move, millis: 40}\n");
        startRun();
        WebDriver driver = signIn(OPERATOR);
        assertThat(text(driver, "who")).isEqualTo("olga (operator)");

        // The first federation gate: its checks passed, it waits for a person.
        await().atMost(90, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> driver.findElement(By.id("awaiting")).isDisplayed());
        assertThat(text(driver, "state")).isEqualTo("awaiting approval");
        By approve = By.cssSelector("#awaiting button.approve");
        String gate = fresh(() -> driver.findElement(approve).getAttribute("data-step"));
        assertThat(gate).endsWith("/federation");
        int atGate = usersMoved(driver);
        click(driver, approve);
        await().atMost(30, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> text(driver, "action-result").contains(gate + " approved by olga"));

        // Production waves go on; the page updates itself (no reload: the same document throughout).
        Object document = ((JavascriptExecutor) driver).executeScript("return window.performance.timeOrigin");
        await().atMost(60, TimeUnit.SECONDS).ignoreExceptions().until(() -> usersMoved(driver) > atGate + 20);
        int before = usersMoved(driver);
        await().atMost(30, TimeUnit.SECONDS).ignoreExceptions().until(() -> usersMoved(driver) > before);
        await().atMost(10, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> driver.findElement(By.cssSelector(".gate[data-step='" + gate + "'] .tag"))
                        .getText()
                        .equals("approved"));

        click(driver, By.id("pause"));
        await().atMost(30, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> text(driver, "state").equals("paused"));
        assertThat(run.get(30, TimeUnit.SECONDS).outcome()).isEqualTo("paused");
        int paused = usersMoved(driver);

        click(driver, By.id("resume"));
        await().atMost(30, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> text(driver, "runner").equals("running"));
        await().atMost(60, TimeUnit.SECONDS).ignoreExceptions().until(() -> usersMoved(driver) > paused);
        click(driver, By.id("abort"));
        await().atMost(30, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> text(driver, "runner").equals("idle"));

        assertThat(((JavascriptExecutor) driver).executeScript("return window.performance.timeOrigin"))
                .isEqualTo(document);
        List<AuditEntry> audit = facade("reader").audit(20);
        assertThat(audit).extracting(AuditEntry::action).containsSubsequence("abort", "resume", "pause", "approve");
        assertThat(audit)
                .filteredOn(a -> !a.action().equals("abort") || a.actor().equals("olga"))
                .allSatisfy(a -> assertThat(a.channel()).isEqualTo("api"));
        await().atMost(10, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> driver.findElement(By.id("audit-table")).getText().contains("approve"));
        String auditShown = text(driver, "audit-table");
        assertThat(auditShown)
                .contains("olga")
                .contains("pause")
                .contains("resume")
                .contains(gate);
    }

    @Test
    void a_viewer_sees_the_run_but_cannot_act_and_a_forced_request_is_refused() throws Exception {
        lab("seed: 1\ninject:\n  - {type: latency, operation: move, millis: 40}\n");
        startRun();
        WebDriver driver = signIn(VIEWER);
        assertThat(text(driver, "who")).isEqualTo("vic (viewer)");

        await().atMost(90, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> driver.findElement(By.id("awaiting")).isDisplayed());
        for (String id : List.of("pause", "resume", "abort")) {
            assertThat(fresh(() -> driver.findElement(By.id(id)).isEnabled()))
                    .as(id)
                    .isFalse();
        }
        By approve = By.cssSelector("#awaiting button.approve");
        assertThat(fresh(() -> driver.findElement(approve).isEnabled())).isFalse();
        assertThat(fresh(() -> driver.findElement(approve).getAttribute("title")))
                .isEqualTo("only an operator may do this");

        // Going around the page: the server refuses, whatever the page shows.
        @SuppressWarnings("unchecked")
        Map<String, Object> forced = (Map<String, Object>) ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch('/api/session').then(r => r.json()).then(s => fetch('/api/approve', {method: 'POST',"
                                + " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf}, body: JSON.stringify({step: arguments[0]})}))"
                                + ".then(r => r.json().then(b => done({status: r.status, error: b.error})));",
                        fresh(() -> driver.findElement(approve).getAttribute("data-step")));
        assertThat(forced).containsEntry("status", 403L).containsEntry("error", "FORBIDDEN");
        assertThat(facade("reader").status().state()).isEqualTo(RunState.AWAITING_APPROVAL);
        assertThat(facade("reader").audit(10)).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("vic");
            assertThat(a.result()).isEqualTo("forbidden");
        });
    }

    @Test
    void the_coexistence_heat_map_marks_the_failing_probe_and_its_hover_shows_the_error() throws Exception {
        // A scratch plan of the same example names the users the pilot validation will probe.
        Cutover scratch = new Cutover(new Workspace(dir.resolve("scratch")), Clock.systemUTC(), "setup");
        scratch.labCreate(null);
        Plan plan = scratch.readPlan(
                Path.of(scratch.plan(PlanOptions.defaults(TARGET), null).file()));
        // The example's new pools have nobody on them before the pilot, so the pilot validation is
        // where the two versions first talk to each other.
        Step.Gate coexistence = plan.steps().stream()
                .filter(s -> s instanceof Step.Gate g
                        && g.phase() == Phase.PilotValidation
                        && g.checks().stream().anyMatch(c -> c instanceof Check.Communication))
                .map(Step.Gate.class::cast)
                .findFirst()
                .orElseThrow();
        String user = coexistence.checks().stream()
                .filter(c -> c instanceof Check.Communication)
                .map(Check.Communication.class::cast)
                .findFirst()
                .orElseThrow()
                .pairs()
                .get(0)
                .from()
                .text();
        lab("seed: 1\ninject:\n  - {type: probeFailure, users: [\"" + user + "\"], probe: Im}\n");
        Results.RunResult result =
                facade("runner").run(null, new RunSettings(4, 5, Duration.ofMillis(1), null, "runner"), false, t -> {});
        assertThat(result.outcome()).isEqualTo("gate-failed");
        assertThat(result.stoppedAt()).isEqualTo(coexistence.id());

        WebDriver driver = signIn(VIEWER);
        await().atMost(30, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> !driver.findElements(By.cssSelector("#matrix-grid .cell.failed"))
                        .isEmpty());
        By failed = By.cssSelector("#matrix-grid .cell.failed");
        List<String> cell = fresh(() -> {
            WebElement shown = driver.findElement(failed);
            new Actions(driver).moveToElement(shown).perform();
            return List.of(
                    shown.getAttribute("data-modality"),
                    shown.getAttribute("data-direction"),
                    shown.getAttribute("title"));
        });
        assertThat(cell.get(0)).isEqualTo("Im");
        assertThat(cell.get(1)).isEqualTo("new → legacy");
        assertThat(cell.get(2)).startsWith("Test-CsIM " + user).contains("Failure");
        assertThat(driver.findElements(By.cssSelector("#matrix-grid .cell.passed")))
                .isNotEmpty();
        assertThat(text(driver, "state")).isEqualTo("stopped at a gate");
        assertThat(text(driver, "failure")).contains("Gate failed");
    }

    @Test
    void an_operator_previews_a_rollback_confirms_it_and_the_pilot_goes_back() throws Exception {
        lab(Files.readString(Path.of("examples/contoso/faults-pilot.yaml")), List.of());
        Results.RunResult failed =
                facade("runner").run(null, new RunSettings(8, 5, Duration.ofMillis(1), null, "runner"), false, t -> {});
        assertThat(failed.stoppedAt()).isEqualTo("Redmond/lyncpool01.contoso.com/pilot-validation");
        WebDriver driver = signIn(OPERATOR);
        await().atMost(20, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> text(driver, "state").equals("stopped at a gate"));

        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("rollback-to")))
                .selectByValue("Redmond/lyncpool01.contoso.com/pilot");
        click(driver, By.id("rollback-preview"));
        await().atMost(20, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> text(driver, "impact-users").equals("20"));
        assertThat(facade("reader").status().usersRolledBack())
                .as("a preview changes nothing")
                .isZero();

        click(driver, By.id("rollback-confirm"));
        org.openqa.selenium.Alert confirm = driver.switchTo().alert();
        assertThat(confirm.getText()).contains("moving 20 users back");
        confirm.accept();
        await().atMost(30, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> text(driver, "action-result").startsWith("rolled back"));

        assertThat(facade("reader").status().usersRolledBack()).isEqualTo(20);
        assertThat(facade("reader").audit(5)).first().satisfies(a -> {
            assertThat(a.action()).isEqualTo("rollback");
            assertThat(a.actor()).isEqualTo("olga");
            assertThat(a.target()).isEqualTo("Redmond/lyncpool01.contoso.com/pilot");
            assertThat(a.result()).isEqualTo("ok");
        });
    }
}
