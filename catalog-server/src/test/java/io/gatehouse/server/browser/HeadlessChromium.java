package io.gatehouse.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven through its ChromeDriver (both installed by
 * scripts/install-test-deps), with a profile of its own that {@link #close} deletes, and the
 * browser's console log kept for the tests to read. A missing browser fails the test.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final Path profile;
  private final ChromeDriver driver;

  private HeadlessChromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** A new browser with a window of {@code width} x {@code height}. */
  public static HeadlessChromium start(int width, int height) throws IOException {
    assertThat(CHROMIUM).as("Chromium; scripts/install-test-deps installs it").isExecutable();
    assertThat(CHROMEDRIVER).as("ChromeDriver; scripts/install-test-deps installs it").isExecutable();
    Path profile = Files.createTempDirectory("gatehouse-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new HeadlessChromium(profile, new ChromeDriver(service, options));
  }

  public ChromeDriver driver() {
    return driver;
  }

  /**
   * Whether {@code element} has left the page (a reload replaced it): Chromium may say so as a
   * stale element or as a node that left the document, depending on when it is asked.
   */
  public static boolean gone(org.openqa.selenium.WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (org.openqa.selenium.WebDriverException e) {
      return true;
    }
  }

  /** Quits the browser and deletes its profile. */
  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
