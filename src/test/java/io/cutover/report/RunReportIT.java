package io.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The run report of the example run (its pilot gate failed and the pilot rolled back, as in the
 * README), written by the CLI and opened in headless chromium.
 */
class RunReportIT {
    @TempDir
    Path dir;

    WebDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static int cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return Cli.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void the_report_of_the_example_run_opens_in_chromium_and_shows_every_section() throws Exception {
        String ws = dir.resolve("ws").toString();
        assertThat(cli(
                        "report",
                        "--workspace",
                        ws,
                        "--html",
                        dir.resolve("early.html").toString()))
                .as("no run yet")
                .isEqualTo(2);
        assertThat(dir.resolve("early.html")).doesNotExist();
        assertThat(cli("rehearse", "--workspace", ws, "--faults", "examples/contoso/faults-pilot.yaml"))
                .isEqualTo(3);
        assertThat(cli("rollback", "--workspace", ws, "--to", "Redmond/lyncpool01.contoso.com/pilot", "--yes"))
                .isEqualTo(4);
        Path html = dir.resolve("out").resolve("report.html");
        Path csv = dir.resolve("out").resolve("csv");
        assertThat(cli("report", "--workspace", ws)).as("nothing asked for").isEqualTo(2);
        assertThat(cli("report", "--workspace", ws, "--html", html.toString(), "--csv", csv.toString()))
                .isZero();

        driver = chromium();
        try {
            driver.get(html.toUri().toString());
            assertThat(driver.getTitle()).startsWith("cutover run report run-");
            for (String id : List.of("summary", "timeline", "pools", "checks", "retained", "rollback-log", "audit")) {
                WebElement section = driver.findElement(By.id(id));
                assertThat(section.isDisplayed()).as(id).isTrue();
                assertThat(section.findElement(By.tagName("h2")).getText())
                        .as(id)
                        .isNotBlank();
            }
            assertThat(driver.findElement(By.id("summary")).getText())
                    .contains("Skype for Business Server Subscription Edition")
                    .contains("20 rolled back");
            // The chart: one drawn bar per phase that ran, the rolled-back pilot among them.
            List<WebElement> bars = driver.findElements(By.cssSelector("#timeline-chart rect.bar"));
            assertThat(bars).hasSizeGreaterThan(10);
            assertThat(bars).allSatisfy(b -> assertThat(b.getSize().getWidth()).isPositive());
            assertThat(driver.findElement(By.id("timeline-chart")).getText())
                    .contains("lyncpool01.contoso.com · Pilot (stopped)");
            assertThat(driver.findElements(By.cssSelector("#pools table.pool-table")))
                    .hasSizeGreaterThan(3);
            assertThat(driver.findElement(By.id("pools-now")).getText())
                    .contains("sfb19pool-dub.contoso.com")
                    .contains("Decommissioned");
            String checks = driver.findElement(By.id("checks")).getText();
            assertThat(checks)
                    .contains("policy parity of 20 users")
                    .contains("failed")
                    .contains("ConferencingPolicy");
            assertThat(driver.findElements(By.cssSelector("#retained tr"))).hasSizeGreaterThan(1);
            assertThat(driver.findElement(By.id("retained")).getText()).contains("lyncpool01.contoso.com");
            // The header and the 20 pilot users moved back (the failed validation had nothing to undo).
            assertThat(driver.findElements(By.cssSelector("#rollback-log tr"))).hasSize(1 + 20);
            assertThat(driver.findElement(By.id("rollback-log")).getText()).contains("back on lyncpool01.contoso.com");
            assertThat(driver.findElement(By.id("audit")).getText())
                    .contains("rollback")
                    .contains("Redmond/lyncpool01.contoso.com/pilot");
        } catch (AssertionError | RuntimeException e) {
            Path shot = Path.of("target", "screenshots", "RunReportIT.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            throw e;
        }

        List<String> objects = Files.readAllLines(csv.resolve("objects.csv"));
        assertThat(objects.get(0)).startsWith("run_id,step,phase,site,kind,subject,from_pool,to_pool,state");
        assertThat(objects).filteredOn(l -> l.contains(",rolled back,")).hasSize(20);
        assertThat(objects).filteredOn(l -> l.contains(",done,")).hasSizeGreaterThan(1000);
        List<String> checks = Files.readAllLines(csv.resolve("checks.csv"));
        assertThat(checks)
                .anySatisfy(l -> assertThat(l).contains("pilot-validation").contains(",false,"));
    }

    private WebDriver chromium() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--user-data-dir=" + dir.resolve("profile").toAbsolutePath());
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return d;
    }
}
