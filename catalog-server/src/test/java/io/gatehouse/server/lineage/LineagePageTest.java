package io.gatehouse.server.lineage;

import static io.gatehouse.server.lineage.Lineage.in;
import static io.gatehouse.server.lineage.Lineage.out;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.browser.HeadlessChromium;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.openlineage.client.OpenLineageClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's lineage view ({@code /ui/#/lineage?table=}) in real headless Chromium (Debian's
 * chromium and chromium-driver, installed by scripts/install-test-deps): sign in with a token,
 * open a table's lineage by its address, expand, open details, switch to column lineage; two
 * stewards with different grants see different redactions, over a hand-made pipeline and over the
 * events a real Spark job recorded. The older page's address leads here.
 * Screenshots go to target/screenshots. A missing browser fails the test.
 */
@QuarkusTest
class LineagePageTest {
  private static final Path SCREENSHOTS = Path.of("target/screenshots");

  private static String catalog;
  private static SparkReplay spark;
  private static String salesToken;
  private static String financeToken;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private HeadlessChromium browser;

  @BeforeEach
  void browser() throws Exception {
    if (catalog == null) {
      pipeline();
    }
    browser = HeadlessChromium.start(1500, 950);
    driver = browser.driver();
    // The page re-renders as answers arrive: an element read in one check may be replaced before
    // the next, and the check is simply asked again.
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterEach
  void close(org.junit.jupiter.api.TestInfo test) throws IOException {
    if (driver != null) {
      // What the page showed last, for a failure's post-mortem.
      String name = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
      screenshot("last-" + name);
      String status = driver.findElements(By.id("status")).stream().map(WebElement::getText).findFirst().orElse("");
      String details = driver.findElements(By.cssSelector("[data-testid=details]")).stream().map(WebElement::getText).findFirst()
          .orElse("");
      String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString)
          .collect(Collectors.joining("\n"));
      Files.writeString(SCREENSHOTS.resolve("lineage-last-" + name + ".txt"),
          "status: " + status + "\ndetails:\n" + details + "\nconsole:\n" + console + "\n");
      browser.close();
    }
  }

  /** The redaction test's pipeline, with a tagged, commented table and column lineage. */
  static void pipeline() throws Exception {
    String c = Api.unique("page");
    String salesSteward = Identities.email("sales");
    String financeSteward = Identities.email("finance");
    Identities.user(salesSteward);
    Identities.user(financeSteward);
    Lineage.sql("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".sales; CREATE SCHEMA " + c + ".hr;"
        + " CREATE TABLE " + c + ".sales.orders (id BIGINT, amount DOUBLE);"
        + " CREATE TABLE " + c + ".sales.margin (day DATE, margin DOUBLE) COMMENT 'daily margin';"
        + " CREATE TABLE " + c + ".hr.salaries (employee STRING, salary DOUBLE);"
        + " CREATE TABLE " + c + ".hr.costs (day DATE, cost DOUBLE);"
        + " ALTER TABLE " + c + ".sales.margin SET TAGS ('domain' = 'finance');"
        + " GRANT BROWSE ON SCHEMA " + c + ".sales TO `" + salesSteward + "`;"
        + " GRANT BROWSE ON CATALOG " + c + " TO `" + financeSteward + "`");
    String ns = "warehouse";
    String jobs = Lineage.ns("airflow");
    try (OpenLineageClient client = Lineage.client(Lineage.pipelineToken())) {
      Lineage.runJob(client, jobs, "ingest_orders", List.of(in("s3://landing", "orders.csv")),
          List.of(out(ns, c + ".sales.orders", List.of("id", "amount"), Map.of(
              "amount", List.<String[]>of(new String[] {"s3://landing", "orders.csv", "amount"})))));
      Lineage.runJob(client, jobs, "cost_rollup", List.of(in(ns, c + ".hr.salaries")),
          List.of(out(ns, c + ".hr.costs", List.of("day", "cost"), Map.of(
              "cost", List.<String[]>of(new String[] {ns, c + ".hr.salaries", "salary"})))));
      Lineage.runJob(client, jobs, "margin", List.of(in(ns, c + ".sales.orders"), in(ns, c + ".hr.costs")),
          List.of(out(ns, c + ".sales.margin", List.of("day", "margin"), Map.of(
              "margin", List.<String[]>of(new String[] {ns, c + ".sales.orders", "amount"},
                  new String[] {ns, c + ".hr.costs", "cost"})))));
    }
    salesToken = TestIssuer.jwt(salesSteward);
    financeToken = TestIssuer.jwt(financeSteward);
    catalog = c;
  }

  @Test
  void aStewardBrowsesTableAndColumnLineageWithHiddenNodesShownAsSuch() throws Exception {
    signIn(salesToken);
    open(catalog + ".sales.margin", "");
    List<Map<String, Object>> first = nodes();
    // hr.costs is hidden, and so is the margin job that reads it.
    assertThat(names(first)).contains(catalog + ".sales.margin", catalog + ".sales.orders").doesNotContain("margin");
    assertThat(first).filteredOn(n -> Boolean.TRUE.equals(n.get("redacted"))).isNotEmpty()
        .allSatisfy(n -> assertThat(n.get("name")).isIn("Hidden dataset", "Hidden job"));
    select(id(first, catalog + ".sales.margin"));
    waitForText(By.cssSelector("[data-testid=details-title]"), catalog + ".sales.margin");
    assertThat(text("[data-testid=details-owner]")).isEqualTo("admin");
    wait.until(d -> text("[data-testid=details-runs]").contains("COMPLETE"));
    screenshot("01-sales-steward-margin");

    // Expand upstream of orders, step by step.
    select(id(first, catalog + ".sales.orders"));
    waitForText(By.cssSelector("[data-testid=details-title]"), catalog + ".sales.orders");
    click("[data-testid=expand-upstream]");
    wait.until(d -> names(nodes()).contains("orders.csv"));
    assertThat(names(nodes())).contains("ingest_orders", "orders.csv");
    screenshot("02-sales-steward-expanded-upstream");

    // A hidden node says so and offers nothing to expand.
    select((String) nodes().stream().filter(n -> Boolean.TRUE.equals(n.get("redacted")) && "DATASET".equals(n.get("kind")))
        .findFirst().orElseThrow().get("id"));
    waitForText(By.cssSelector("[data-testid=details-title]"), "Hidden dataset");
    assertThat(driver.findElements(By.cssSelector("[data-testid=expand-upstream]"))).isEmpty();

    // Column lineage of margin.margin: orders.amount and orders.csv's amount, hr's column hidden.
    open(catalog + ".sales.margin", "&view=columns&column=margin");
    wait.until(d -> columns().stream().anyMatch(n -> String.valueOf(n.get("label")).startsWith("amount")));
    List<Map<String, Object>> columns = columns();
    assertThat(columns.stream().map(n -> String.valueOf(n.get("label"))).toList()).contains("margin : string", "amount : string",
        "hidden column");
    screenshot("03-sales-steward-column-lineage");
    assertThat(driver.getPageSource()).doesNotContain(catalog + ".hr").doesNotContain("cost_rollup");
    assertNoScriptErrors();
  }

  @Test
  void aStewardWhoMayBrowseTheWholeCatalogSeesNothingHidden() throws Exception {
    signIn(financeToken);
    open(catalog + ".sales.margin", "");
    assertThat(nodes()).noneMatch(n -> Boolean.TRUE.equals(n.get("redacted")));
    assertThat(names(nodes())).contains(catalog + ".hr.costs");
    screenshot("04-finance-steward-margin");
    wait.until(d -> !busy());
    assertNoScriptErrors();
    driver.findElement(By.id("signout")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    assertThat(js("return sessionStorage.getItem('gatehouse.lineage.token')")).isNull();
    // Signing out draws no view without a token on its way out (no refused API call).
    assertNoScriptErrors();
  }

  @Test
  void sparksRecordedPipelineIsBrowsedByTwoStewardsWithDifferentGrants() throws Exception {
    if (spark == null) {
      spark = SparkReplay.replay();
    }
    String customerRevenue = spark.table("sales.customer_revenue");
    String upstreamJob = "orders_pipeline.adaptive_spark_plan.sales_customer_revenue";

    signIn(spark.salesToken);
    open(spark.table("sales.revenue_by_country"), "");
    select(id(nodes(), customerRevenue));
    waitForText(By.cssSelector("[data-testid=details-title]"), customerRevenue);
    click("[data-testid=expand-upstream]");
    // The raw tables and the job that joins them are hidden: its name and SQL describe them.
    wait.until(d -> nodes().stream().filter(n -> Boolean.TRUE.equals(n.get("redacted"))).count() == 3);
    assertThat(names(nodes())).doesNotContain(upstreamJob);
    screenshot("06-spark-sales-steward");
    open(spark.table("sales.customer_revenue"), "&view=columns&column=revenue");
    wait.until(d -> columns().stream().anyMatch(n -> String.valueOf(n.get("label")).startsWith("revenue")));
    wait.until(d -> columns().stream().anyMatch(n -> Boolean.TRUE.equals(n.get("redacted"))));
    assertThat(columns().stream().map(n -> String.valueOf(n.get("label"))).toList()).contains("revenue : decimal(14,2)");
    screenshot("07-spark-sales-steward-column-lineage");
    assertThat(driver.getPageSource()).doesNotContain("/raw/").doesNotContain(".raw.").doesNotContain(upstreamJob)
        .doesNotContain("JOIN customers");
    assertNoScriptErrors();
    driver.findElement(By.id("signout")).click();

    signIn(spark.financeToken);
    open(spark.table("sales.revenue_by_country"), "");
    select(id(nodes(), customerRevenue));
    waitForText(By.cssSelector("[data-testid=details-title]"), customerRevenue);
    click("[data-testid=expand-upstream]");
    wait.until(d -> names(nodes()).contains(spark.table("raw.orders")));
    assertThat(nodes()).noneMatch(n -> Boolean.TRUE.equals(n.get("redacted")));
    screenshot("08-spark-finance-steward");
    assertNoScriptErrors();
  }

  @Test
  void theOlderPageAddressLeadsToTheConsolesLineage() {
    for (String path : List.of("/ui/lineage", "/ui/lineage/", "/ui/lineage/index.html", "/ui/lineage/lineage.js")) {
      RestAssured.given().redirects().follow(false).get(path).then().statusCode(302)
          .header("Location", org.hamcrest.Matchers.endsWith("/ui/#/lineage"));
    }
    driver.get(base() + "/ui/lineage/");
    wait.until(ExpectedConditions.urlToBe(base() + "/ui/#/lineage"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
  }

  // --- steps -----------------------------------------------------------------------------------

  private String base() {
    return "http://127.0.0.1:" + RestAssured.port;
  }

  private void signIn(String token) {
    driver.get(base() + "/ui/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(token);
    driver.findElement(By.id("signin-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("who-name")));
    wait.until(d -> !busy() && d.findElements(By.cssSelector("[data-testid=title]")).size() > 0);
  }

  /** Opens the console's lineage view of a table (its own address), with more of the address after it. */
  private void open(String table, String more) {
    driver.get(base() + "/ui/#/lineage?table=" + table + more);
    if (more.isEmpty()) {
      wait.until(d -> !busy() && names(nodes()).contains(table));
    }
  }

  private void select(String id) {
    js("window.gatehouseLineageView.select(arguments[0])", id);
  }

  private void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  private String text(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css))).getText();
  }

  private void waitForText(By by, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  private boolean busy() {
    return Boolean.TRUE.equals(js("return !window.gatehouseConsole || window.gatehouseConsole.busy()"));
  }

  /** The nodes the graph draws (the console's test hook), without reading pixels. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> nodes() {
    return (List<Map<String, Object>>) js("return window.gatehouseLineageView ? window.gatehouseLineageView.nodes() : []");
  }

  private List<Map<String, Object>> columns() {
    return nodes().stream().filter(n -> "COLUMN".equals(n.get("kind"))).toList();
  }

  /** Each node's name, whole (a card's label is broken over lines and carries the owner). */
  private static List<String> names(List<Map<String, Object>> nodes) {
    return nodes.stream().map(n -> (String) n.get("name")).toList();
  }

  private static String id(List<Map<String, Object>> nodes, String name) {
    return (String) nodes.stream().filter(n -> name.equals(n.get("name"))).findFirst().orElseThrow().get("id");
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void screenshot(String name) throws IOException {
    Files.write(SCREENSHOTS.resolve("lineage-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  private void assertNoScriptErrors() {
    List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .collect(Collectors.toList());
    assertThat(severe).as("browser console errors").isEmpty();
  }
}
