package io.cutover.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, through Debian's chromedriver: paths set explicitly so Selenium
 * never tries to download a driver. As a JUnit extension it saves a screenshot of every open
 * browser of a failed test under target/screenshots.
 */
final class Browser implements AfterTestExecutionCallback {
    /** What a browser test exposes so a failure can be photographed. */
    interface Holder {
        Iterable<WebDriver> browsers();
    }

    static WebDriver open(Path profile) {
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
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    /** Runs before @AfterEach, while the browsers are still open. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        Object test = context.getTestInstance().orElse(null);
        if (!(test instanceof Holder holder)) {
            return;
        }
        int n = 0;
        for (WebDriver driver : holder.browsers()) {
            try {
                byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
                Path dir = Path.of("target", "screenshots");
                Files.createDirectories(dir);
                Path file = dir.resolve(context.getRequiredTestClass().getSimpleName() + "."
                        + context.getRequiredTestMethod().getName() + "." + (n++) + ".png");
                Files.write(file, png);
                System.err.println("screenshot of the failed test: " + file.toAbsolutePath());
            } catch (IOException | RuntimeException e) {
                System.err.println("could not save a screenshot: " + e);
            }
        }
    }
}
