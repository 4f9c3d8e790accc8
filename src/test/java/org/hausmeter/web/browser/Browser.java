package org.hausmeter.web.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for page tests, one browser per test class:
 * <pre>
 * &#64;QuarkusTest
 * class MyPageBrowserTest {
 *     &#64;RegisterExtension
 *     static final Browser browser = new Browser();
 *     &#64;TestHTTPResource("/")
 *     URL root;
 *
 *     &#64;Test
 *     void residentSeesTheirDashboard() {
 *         browser.login(root, "anna", "anna-demo");   // through the real login form
 *         browser.open(root, "/me");
 *         browser.screenshot("me-dashboard");         // target/screenshots/me-dashboard.png
 *     }
 * }
 * </pre>
 * Cookies are cleared before each test, so every test starts logged out. The browser asks for German
 * first (Accept-Language de), like most of the building's residents. Without /usr/bin/chromium and
 * /usr/bin/chromedriver the tests are skipped with a message, except on CI (environment CI=true),
 * where they fail.
 */
public final class Browser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    public static final Path CHROMIUM = Path.of(System.getProperty("hausmeter.test.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER =
            Path.of(System.getProperty("hausmeter.test.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ChromeDriver driver;
    private Path profile;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "Browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        System.err.println("SKIPPED " + context.getDisplayName() + ": " + message);
        Assumptions.abort(message);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (driver != null) {
            driver.manage().deleteAllCookies();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (profile != null) {
            try (Stream<Path> paths = Files.walk(profile)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // A leftover temporary profile is harmless.
            }
        }
    }

    /** The WebDriver, started on first use. */
    public WebDriver driver() {
        if (driver == null) {
            try {
                profile = Files.createTempDirectory("hausmeter-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-dev-shm-usage",
                    "--window-size=1280,900",
                    "--lang=de",
                    "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "de,en"));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        }
        return driver;
    }

    /** Loads {@code path} of the server at {@code root}. */
    public void open(URL root, String path) {
        driver().get(URI.create(root.toString()).resolve(path).toString());
    }

    /** Logs in through the login form and waits for the page after it. */
    public void login(URL root, String username, String password) {
        submitLogin(root, username, password);
        waitUntil(
                d -> !d.getCurrentUrl().contains("/login") && !d.getCurrentUrl().contains("j_security_check"));
    }

    /** Fills and submits the login form without expecting success. */
    public void submitLogin(URL root, String username, String password) {
        open(root, "/login");
        WebElement user = find(By.name("j_username"));
        user.clear();
        user.sendKeys(username);
        find(By.name("j_password")).sendKeys(password);
        String before = driver().getCurrentUrl();
        find(By.cssSelector("form[action='/j_security_check'] button[type=submit]"))
                .click();
        waitUntil(d -> !d.getCurrentUrl().equals(before) || d.getCurrentUrl().contains("error"));
    }

    public WebElement find(By by) {
        return new WebDriverWait(driver(), WAIT).until(d -> d.findElement(by));
    }

    /** Waits for a condition; an element gone stale because the page was replaced meanwhile is retried. */
    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver(), WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    public String text() {
        return driver().findElement(By.tagName("body")).getText();
    }

    /** The browser console's messages since the last call (CSP violations appear here). */
    public List<String> consoleMessages() {
        return driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves the current page as target/screenshots/NAME.png and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            driver();
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
