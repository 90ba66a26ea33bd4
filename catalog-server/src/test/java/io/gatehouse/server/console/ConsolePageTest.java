package io.gatehouse.server.console;

import static io.gatehouse.server.lineage.Lineage.in;
import static io.gatehouse.server.lineage.Lineage.out;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.browser.HeadlessChromium;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.gatehouse.server.lineage.Lineage;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The steward's console, /ui/, in real headless Chromium (Debian's chromium and chromium-driver,
 * from scripts/install-test-deps): two stewards with different grants walk the explorer, the
 * permissions view and lineage; what one may not see is never in the page; a grant made in the
 * console holds on the next API call; data that looks like markup stays text; axe-core (fetched by
 * scripts/install-test-deps) finds no serious or critical violation. Screenshots go to
 * target/screenshots/console-*.png. A missing browser or axe-core fails the test.
 */
@QuarkusTest
class ConsolePageTest {
  private static final Path SCREENSHOTS = Path.of("target/screenshots");
  private static final String XSS = "<img src=x onerror=\"window.__xss=1\">";

  private static String c;
  private static String sally;
  private static String fin;
  private static String bea;
  private static String stewards;
  private static String sallyToken;
  private static String finToken;
  private static String beaToken;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private HeadlessChromium browser;

  static Path axe() {
    String given = System.getenv("GATEHOUSE_AXE_JS");
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
    return Path.of(cache, "gatehouse", "axe-core-4.10.2", "axe.min.js");
  }

  /** Two stewards: Sally owns sales.orders and reads sales; Fin reads hr and may only use sales. */
  static void catalog() throws Exception {
    c = Api.unique("console");
    sally = Identities.email("sally");
    fin = Identities.email("fin");
    user(sally, "Sally Sales");
    user(fin, "Fin Ance");
    // Bea may only BROWSE the catalog, through a group nested in another: stewards > team > Bea.
    bea = Identities.email("bea");
    String team = Identities.group(Api.unique("team"), user(bea, "Bea Browse"));
    stewards = Api.unique("Stewards");
    Identities.group(stewards, team);
    Lineage.sql("CREATE CATALOG " + c + " COMMENT 'Governed data of the console test';"
        + " CREATE SCHEMA " + c + ".sales COMMENT 'Orders and margins'; CREATE SCHEMA " + c + ".hr;"
        + " CREATE FUNCTION " + c + ".sales.mask_email(e STRING) RETURNS STRING RETURN '***';"
        + " CREATE FUNCTION " + c + ".sales.us_only(region STRING) RETURNS BOOLEAN RETURN region = 'US';"
        + " CREATE TABLE " + c + ".sales.orders (id BIGINT NOT NULL COMMENT 'order id', amount DOUBLE,"
        + "   email STRING COMMENT 'customer e-mail', region STRING) COMMENT 'Every order, one row each'"
        + "   TBLPROPERTIES ('quality' = 'gold');"
        + " CREATE TABLE " + c + ".sales.margin (day DATE, margin DOUBLE) COMMENT 'Daily margin';"
        + " CREATE TABLE " + c + ".sales.notes (note STRING COMMENT 'x') COMMENT '" + XSS.replace("'", "\\'") + "';"
        + " CREATE TABLE " + c + ".hr.salaries (employee STRING, salary DOUBLE) COMMENT 'secret pay';"
        + " ALTER TABLE " + c + ".sales.orders ALTER COLUMN email SET TAGS ('pii' = 'email');"
        + " ALTER TABLE " + c + ".sales.orders ALTER COLUMN email SET MASK " + c + ".sales.mask_email;"
        + " ALTER TABLE " + c + ".sales.orders SET ROW FILTER " + c + ".sales.us_only ON (region);"
        + " ALTER TABLE " + c + ".sales.orders SET TAGS ('domain' = 'sales');"
        + " ALTER TABLE " + c + ".sales.notes SET TAGS ('note' = '" + XSS.replace("'", "\\'") + "');"
        + " ALTER TABLE " + c + ".sales.orders OWNER TO `" + sally + "`;"
        + " GRANT USE CATALOG ON CATALOG " + c + " TO `" + sally + "`;"
        + " GRANT USE SCHEMA, SELECT, EXECUTE ON SCHEMA " + c + ".sales TO `" + sally + "`;"
        + " GRANT USE CATALOG ON CATALOG " + c + " TO `" + fin + "`;"
        + " GRANT USE SCHEMA, SELECT ON SCHEMA " + c + ".hr TO `" + fin + "`;"
        + " GRANT USE SCHEMA ON SCHEMA " + c + ".sales TO `" + fin + "`;"
        + " GRANT BROWSE ON CATALOG " + c + " TO `" + stewards.toLowerCase(java.util.Locale.ROOT) + "`;"
        // Policies that match nothing yet: shown in the Policies tab, deciding nothing.
        + " CREATE POLICY no_secret_writes ON CATALOG " + c + " DENY MODIFY TO `" + fin + "` FOR TABLES WHEN hasTag('secret');"
        + " CREATE POLICY audit_read ON TABLE " + c + ".sales.orders GRANT SELECT TO `" + fin + "` EXCEPT `" + sally + "`"
        + " FOR TABLES WHEN hasTagValue('domain', 'audit')");
    String ns = "warehouse";
    String jobs = Lineage.ns("airflow");
    try (OpenLineageClient client = Lineage.client(Lineage.pipelineToken())) {
      Lineage.runJob(client, jobs, "ingest_orders_from_the_landing_bucket_every_night", List.of(in("s3://landing", "orders.csv")),
          List.of(out(ns, c + ".sales.orders", List.of("id", "amount"), Map.of(
              "amount", List.<String[]>of(new String[] {"s3://landing", "orders.csv", "amount"})))));
      Lineage.runJob(client, jobs, "cost_rollup", List.of(in(ns, c + ".hr.salaries")),
          List.of(out(ns, c + ".sales.margin", List.of("day", "margin"), Map.of())));
      Lineage.runJob(client, jobs, "margin", List.of(in(ns, c + ".sales.orders")),
          List.of(out(ns, c + ".sales.margin", List.of("day", "margin"), Map.of(
              "margin", List.<String[]>of(new String[] {ns, c + ".sales.orders", "amount"})))));
    }
    sallyToken = TestIssuer.jwt(sally);
    finToken = TestIssuer.jwt(fin);
    beaToken = TestIssuer.jwt(bea);
  }

  private static String user(String userName, String displayName) {
    return Identities.scim().body(Map.of(
            "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
            "userName", userName, "displayName", displayName,
            "emails", List.of(Map.of("value", userName, "type", "work", "primary", true)), "active", true))
        .post(Identities.SCIM + "/Users").then().statusCode(201).extract().path("id");
  }

  @BeforeEach
  void browser() throws Exception {
    if (c == null) {
      catalog();
    }
    browser = HeadlessChromium.start(1440, 900);
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
      String name = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
      screenshot("last-" + name);
      String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString)
          .collect(Collectors.joining("\n"));
      String view = driver.findElements(By.id("view")).stream().map(WebElement::getText).findFirst().orElse("");
      Files.writeString(SCREENSHOTS.resolve("console-last-" + name + ".txt"), "url: " + driver.getCurrentUrl()
          + "\nview:\n" + view + "\nconsole:\n" + console + "\n");
      browser.close();
    }
  }

  @Test
  void aStewardWalksTheExplorerAndSeesOnlyWhatHerGrantsShow() throws Exception {
    signIn(sallyToken);
    assertThat(driver.findElement(By.id("who-name")).getText()).isEqualTo("Sally Sales");
    screenshot("01-sally-home");

    // The tree: the catalog, then its schemas; hr is not there for Sally.
    treeItem("catalog", c).findElement(By.cssSelector(".row")).click();
    waitForTitle(c);
    WebElement sales = wait.until(d -> treeItem("schema", "sales"));
    assertThat(driver.findElements(By.cssSelector("[data-testid=tree-schema][data-name=hr]"))).isEmpty();
    sales.findElement(By.cssSelector(".row")).click();
    waitForTitle(c + ".sales");
    wait.until(d -> treeItem("table", "orders"));
    assertThat(text("[data-testid=objects]")).contains("orders", "margin", "notes", "mask_email");
    screenshot("02-sally-schema");

    // The table page: columns with PII marked, mask and row filter, owner, properties.
    treeItem("table", "orders").findElement(By.cssSelector(".row")).click();
    waitForTitle(c + ".sales.orders");
    assertThat(driver.getCurrentUrl()).endsWith("/ui/#/catalogs/" + c + "/sales/orders");
    assertThat(text("[data-testid=owner]")).isEqualTo(sally);
    assertThat(text("[data-testid=columns]")).contains("email", "customer e-mail", "PII", "pii = email", "masked by " + c + ".sales.mask_email");
    assertThat(driver.findElements(By.cssSelector("[data-testid=columns] tr.pii[data-column=email]"))).hasSize(1);
    assertThat(text("[data-testid=policies]")).contains(c + ".sales.us_only ON (region)");
    assertThat(text("[data-testid=properties]")).contains("quality", "gold");
    assertThat(text("[data-testid=details]")).contains("domain = sales");
    screenshot("03-sally-table");

    // A function's page, from the tree.
    treeItem("function", "mask_email").findElement(By.cssSelector(".row")).click();
    waitForTitle(c + ".sales.mask_email");
    assertThat(driver.getCurrentUrl()).endsWith("/ui/#/functions/" + c + "/sales/mask_email");

    // Search by tag finds the column; hr's table is not found even by its comment.
    search("pii");
    wait.until(d -> text("[data-testid=results]").contains(c + ".sales.orders"));
    assertThat(text("[data-testid=results]")).contains("pii = email");
    screenshot("04a-sally-search-pii");
    search("secret pay");
    waitForText(By.cssSelector("[data-testid=title]"), "Search: secret pay");
    wait.until(d -> !busy());
    assertThat(driver.findElement(By.id("view")).getText()).contains("Nothing that you may see matches");
    screenshot("04-sally-search");

    // Keyboard: the tree is one tab stop and arrow keys move in it.
    driver.get(base() + "/ui/#/");
    waitForTitle("Catalogs");
    WebElement catalogItem = treeItem("catalog", c);
    js("arguments[0].focus()", catalogItem);
    catalogItem.sendKeys(Keys.ENTER);
    waitForTitle(c);
    driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
    assertThat(driver.switchTo().activeElement().getAttribute("data-name")).isEqualTo("sales");
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    waitForTitle(c + ".sales");

    assertThat(driver.getPageSource()).doesNotContain("salaries").doesNotContain("secret pay").doesNotContain(c + ".hr");
    assertNoScriptErrors();
  }

  @Test
  void anotherStewardSeesHrButNotSalesTablesAndNoChangeButtons() throws Exception {
    signIn(finToken);
    assertThat(driver.findElement(By.id("who-name")).getText()).isEqualTo("Fin Ance");
    driver.get(base() + "/ui/#/catalogs/" + c + "/hr");
    waitForTitle(c + ".hr");
    wait.until(d -> treeItem("table", "salaries"));
    driver.get(base() + "/ui/#/catalogs/" + c + "/sales");
    waitForTitle(c + ".sales");
    wait.until(d -> !busy());
    assertThat(driver.findElement(By.id("view")).getText()).contains("Nothing here you may see");
    screenshot("05-fin-sales-empty");
    driver.get(base() + "/ui/#/catalogs/" + c + "/hr/salaries?tab=permissions");
    waitForTitle(c + ".hr.salaries");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=effective]")));
    assertThat(text("[data-testid=effective]")).contains(fin, "you", "SELECT", "inherited from", c + ".hr");
    assertThat(driver.findElements(By.cssSelector("[data-testid=grant-form]"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("[data-testid=who-can-form]"))).isEmpty();
    // Why can I? Fin asks about himself.
    driver.findElement(By.cssSelector("[data-testid=explain]")).click();
    waitForText(By.cssSelector("[data-testid=explain-result]"), "may SELECT");
    screenshot("06-fin-permissions");
    assertThat(driver.getPageSource()).doesNotContain("Every order, one row each").doesNotContain("mask_email");
    assertNoScriptErrors();
  }

  @Test
  void aGrantMadeInTheConsoleHoldsOnTheNextApiCall() throws Exception {
    String orders = c + ".sales.orders";
    Identities.as(finToken).get(Api.BASE + "/tables/" + orders).then().statusCode(org.hamcrest.Matchers.either(
        org.hamcrest.Matchers.is(403)).or(org.hamcrest.Matchers.is(404)));
    signIn(sallyToken);
    driver.get(base() + "/ui/#/catalogs/" + c + "/sales/orders?tab=permissions");
    waitForTitle(orders);
    WebElement principal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("grant-principal")));
    principal.sendKeys(fin);
    waitForText(By.cssSelector("[data-testid=grant-preview]"), "GRANT SELECT ON TABLE `" + c + "`.`sales`.`orders` TO `" + fin + "`");
    driver.findElement(By.cssSelector("[data-testid=grant]")).click();
    waitForText(By.cssSelector("[data-testid=sql-log]"), "Ran");
    wait.until(d -> text("[data-testid=grants]").contains(fin));
    screenshot("07-sally-granted");
    Identities.as(finToken).get(Api.BASE + "/tables/" + orders).then().statusCode(200);

    // Who can read it now; why Fin may.
    driver.findElement(By.cssSelector("[data-testid=who-can]")).click();
    waitForText(By.cssSelector("[data-testid=who-can-result]"), fin);
    driver.findElement(By.id("why-principal")).sendKeys(fin);
    driver.findElement(By.cssSelector("[data-testid=explain]")).click();
    waitForText(By.cssSelector("[data-testid=explain-result]"), "may SELECT");
    screenshot("08-sally-who-can-and-why");

    // Revoke it again, confirming the SQL shown.
    driver.findElement(By.cssSelector("[data-principal='" + fin + "'] [data-testid=revoke]")).click();
    assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("REVOKE SELECT ON TABLE");
    driver.switchTo().alert().accept();
    wait.until(d -> d.findElements(By.cssSelector("[data-testid=grants] [data-principal='" + fin + "']")).isEmpty()
        && d.findElements(By.cssSelector("[data-testid=sql-log]")).stream().anyMatch(e -> e.getText().contains("REVOKE")));
    Identities.as(finToken).get(Api.BASE + "/tables/" + orders).then().statusCode(org.hamcrest.Matchers.either(
        org.hamcrest.Matchers.is(403)).or(org.hamcrest.Matchers.is(404)));
    assertNoScriptErrors();
  }

  /**
   * Bea may only BROWSE the catalog (through a nested group): every page she opens asks only what
   * she may know, so the browser logs no refusal; her group is marked though she holds it only
   * through another; what applies to reads (bound filter and mask bodies) is not hers to see.
   */
  @Test
  void aStewardWhoMayOnlyBrowseWalksEveryViewWithoutAConsoleError() throws Exception {
    signIn(beaToken);
    assertThat(driver.findElement(By.id("who-name")).getText()).isEqualTo("Bea Browse");
    treeItem("catalog", c).findElement(By.cssSelector(".row")).click();
    waitForTitle(c);
    assertThat(text("[data-testid=browse-only]")).isEqualTo("Browse only");
    screenshot("20-bea-catalog");

    // The permissions of the catalog: her nested group's BROWSE, marked as hers.
    driver.get(base() + "/ui/#/catalogs/" + c + "?tab=permissions");
    waitForTitle(c);
    wait.until(d -> lower(text("[data-testid=effective]")).contains(lower(stewards)));
    assertThat(lower(text("[data-testid=effective]"))).contains(lower(stewards) + " your group", "browse");
    assertThat(driver.findElements(By.cssSelector("[data-testid=grant-form]"))).isEmpty();
    assertThat(text("[data-testid=browse-only-note]")).contains("BROWSE only");
    driver.get(base() + "/ui/#/catalogs/" + c + "?tab=policies");
    wait.until(d -> text("[data-testid=policies-hidden]").contains("catalog " + c));

    // The schema, then the table: its page, columns, permissions, policies and lineage.
    driver.get(base() + "/ui/#/catalogs/" + c + "/sales");
    waitForTitle(c + ".sales");
    wait.until(d -> text("[data-testid=objects]").contains("orders"));
    driver.get(base() + "/ui/#/catalogs/" + c + "/sales/orders");
    waitForTitle(c + ".sales.orders");
    assertThat(text("[data-testid=columns]")).contains("email", "PII", "masked by " + c + ".sales.mask_email");
    assertThat(text("[data-testid=policies]")).contains(c + ".sales.us_only ON (region)").doesNotContain("For you");
    assertThat(driver.findElement(By.id("view")).getText()).contains("You may browse it only");
    screenshot("21-bea-table");
    for (String tab : List.of("columns", "permissions", "policies", "lineage")) {
      driver.get(base() + "/ui/#/catalogs/" + c + "/sales/orders?tab=" + tab);
      waitForTitle(c + ".sales.orders");
      wait.until(d -> !busy() && d.findElements(By.cssSelector("[aria-current=page][data-tab=" + tab + "]")).size() == 1);
    }
    wait.until(d -> nodes().stream().anyMatch(n -> (c + ".sales.margin").equals(n.get("name"))));
    driver.get(base() + "/ui/#/catalogs/" + c + "/sales/orders?tab=permissions");
    wait.until(d -> lower(text("[data-testid=effective]")).contains(lower(stewards)));
    assertThat(lower(text("[data-testid=effective]"))).contains(lower(stewards) + " your group", "inherited from");
    screenshot("22-bea-permissions");

    // Lineage: the graph, every column at once, one column, the impact list.
    driver.get(base() + "/ui/#/lineage?table=" + c + ".sales.margin");
    wait.until(d -> nodes().stream().anyMatch(n -> (c + ".sales.orders").equals(n.get("name"))));
    driver.get(base() + "/ui/#/lineage?table=" + c + ".sales.margin&view=columns");
    wait.until(d -> nodes().stream().anyMatch(n -> "COLUMN".equals(n.get("kind")) && String.valueOf(n.get("label")).startsWith("amount")));
    screenshot("23-bea-all-columns");
    driver.get(base() + "/ui/#/lineage?table=" + c + ".sales.orders&view=impact");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=impact]")));
    driver.get(base() + "/ui/#/catalogs/" + c + "/hr/salaries");
    waitForTitle(c + ".hr.salaries");
    search("pii");
    wait.until(d -> text("[data-testid=results]").contains(c + ".sales.orders"));
    wait.until(d -> !busy());
    // The filter and mask bodies are for those who may read the table.
    assertThat(driver.getPageSource()).doesNotContain("region = 'US'").doesNotContain("'***'");
    assertNoScriptErrors();
  }

  /**
   * Every view as a steward would judge it, at 1440x900 and 1024x768: nothing scrolls sideways,
   * no button or field leaves its card, no date wraps, no text is under 12 px; screenshots of each.
   */
  @Test
  void everyViewFitsItsPanelsAtBothSizes() throws Exception {
    signIn(sallyToken);
    Map<String, String> views = new java.util.LinkedHashMap<>();
    views.put("home", "#/");
    views.put("catalog", "#/catalogs/" + c);
    views.put("schema", "#/catalogs/" + c + "/sales");
    views.put("table", "#/catalogs/" + c + "/sales/orders");
    views.put("columns", "#/catalogs/" + c + "/sales/orders?tab=columns");
    views.put("permissions", "#/catalogs/" + c + "/sales/orders?tab=permissions");
    views.put("policies", "#/catalogs/" + c + "/sales/orders?tab=policies");
    views.put("table-lineage", "#/catalogs/" + c + "/sales/orders?tab=lineage");
    views.put("lineage", "#/lineage?table=" + c + ".sales.orders");
    views.put("lineage-columns", "#/lineage?table=" + c + ".sales.margin&view=columns");
    views.put("impact", "#/lineage?table=" + c + ".sales.orders&view=impact");
    views.put("lineage-search", "#/lineage?q=orders");
    views.put("search", "#/search?q=pii");
    for (Dimension size : List.of(new Dimension(1440, 900), new Dimension(1024, 768))) {
      driver.manage().window().setSize(size);
      for (Map.Entry<String, String> v : views.entrySet()) {
        driver.get(base() + "/ui/" + v.getValue());
        wait.until(d -> !busy() && d.findElements(By.cssSelector("[data-testid=title]")).size() > 0
            && d.findElements(By.cssSelector("#view p.muted")).stream().noneMatch(e -> e.getText().startsWith("Loading")));
        if (v.getKey().contains("lineage") && !v.getKey().equals("lineage-search")) {
          wait.until(d -> !nodes().isEmpty());
        }
        screenshot("30-" + size.getWidth() + "-" + v.getKey());
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) js(LAYOUT_PROBLEMS);
        assertThat(problems).as("%s at %s", v.getKey(), size).isEmpty();
      }
    }
    // Keyboard: the skip link first, then the graph is one stop whose arrows follow the edges.
    driver.manage().window().setSize(new Dimension(1440, 900));
    driver.get(base() + "/ui/#/lineage?table=" + c + ".sales.orders");
    wait.until(d -> !nodes().isEmpty() && text("[data-testid=details-title]").contains(c + ".sales.orders"));
    // A fresh load starts at the top: the first Tab reaches the skip link, which leads to the page.
    driver.navigate().refresh();
    wait.until(d -> !nodes().isEmpty() && text("[data-testid=details-title]").contains(c + ".sales.orders"));
    new org.openqa.selenium.interactions.Actions(driver).sendKeys(Keys.TAB).perform();
    assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
    assertThat(driver.getCurrentUrl()).endsWith("/ui/#/lineage?table=" + c + ".sales.orders");
    js("document.getElementById('graph').focus()");
    driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    wait.until(d -> text("[data-testid=details-title]").equals("margin"));
    driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    wait.until(d -> text("[data-testid=details-title]").replace("\n", "").equals(c + ".sales.margin"));
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    waitForTitle(c + ".sales.margin");
    assertNoScriptErrors();
  }

  /** What a steward would call unfinished, found in the DOM of the current view. */
  private static final String LAYOUT_PROBLEMS = String.join("\n",
      "const out = [];",
      "const main = document.getElementById('main');",
      "if (main.scrollWidth > main.clientWidth + 1) out.push('the page scrolls sideways: ' + main.scrollWidth + ' > ' + main.clientWidth);",
      "if (document.documentElement.scrollWidth > window.innerWidth) out.push('the window scrolls sideways');",
      "const inside = (e, box) => { const r = e.getBoundingClientRect(); const b = box.getBoundingClientRect();",
      "  return !r.width || (r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1); };",
      "document.querySelectorAll('#view .card button, #view .card .button, #view .card input, #view .card select').forEach((e) => {",
      "  if (!inside(e, e.closest('.card'))) out.push('outside its card: ' + (e.textContent || e.id || e.tagName)); });",
      "document.querySelectorAll('.topbar button, .topbar input').forEach((e) => { const r = e.getBoundingClientRect();",
      "  if (r.width && r.right > window.innerWidth) out.push('outside the window: ' + (e.textContent || e.id)); });",
      "document.querySelectorAll('time').forEach((t) => { if (t.getClientRects().length > 1 || t.getBoundingClientRect().height > 24)",
      "  out.push('a date wraps: ' + t.textContent); });",
      // A type, badge, short tag or date on two lines is a word broken in the middle.
      "document.querySelectorAll('#view td.type, #view .badge:not(.wrap), #view .tag:not(.long), #view .chip, #view time').forEach((e) => {",
      "  const range = document.createRange(); range.selectNodeContents(e);",
      "  const rects = [...range.getClientRects()].filter((r) => r.width > 0).sort((a, b) => a.top - b.top);",
      "  let lines = rects.length ? 1 : 0;",
      "  for (let i = 1; i < rects.length; i++) { if (rects[i].top >= rects[i - 1].bottom - 2) lines++; }",
      "  if (lines > 1) out.push('breaks inside a word: ' + e.textContent); });",
      "const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);",
      "while (walk.nextNode()) { const n = walk.currentNode; const e = n.parentElement;",
      "  if (!n.textContent.trim() || !e || e.closest('[hidden], .visually-hidden, .skip, script, style')) continue;",
      "  if (!e.getBoundingClientRect().width) continue;",
      "  const size = parseFloat(getComputedStyle(e).fontSize);",
      "  if (size < 12) out.push('text under 12 px (' + size + '): ' + n.textContent.trim().slice(0, 40)); }",
      "return out;");

  @Test
  void markupInCommentsAndTagsIsShownAsText() throws Exception {
    signIn(sallyToken);
    driver.get(base() + "/ui/#/catalogs/" + c + "/sales/notes");
    waitForTitle(c + ".sales.notes");
    assertThat(text("[data-testid=comment]")).isEqualTo(XSS);
    assertThat(text("[data-testid=details]")).contains("note = " + XSS);
    assertThat(driver.findElements(By.cssSelector("#view img"))).isEmpty();
    driver.get(base() + "/ui/#/catalogs/" + c + "/sales");
    waitForTitle(c + ".sales");
    wait.until(d -> text("[data-testid=objects]").contains("notes"));
    assertThat(driver.findElements(By.cssSelector("#view img"))).isEmpty();
    assertThat(js("return window.__xss === undefined")).isEqualTo(true);
    screenshot("09-xss-as-text");
    assertNoScriptErrors();
  }

  @Test
  void theOwnerOfATableSeesThePoliciesOnItAndIsToldWhichLevelsAreForTheirManagers() throws Exception {
    signIn(sallyToken);
    driver.get(base() + "/ui/#/catalogs/" + c + "/sales/orders?tab=policies");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=policies-list]")));
    assertThat(driver.findElements(By.cssSelector("[data-testid=policy]"))).extracting(e -> e.getAttribute("data-policy"))
        .containsExactly("audit_read");
    assertThat(text("[data-testid=policies-list]")).contains("grant", "SELECT", fin, "except " + sally, "hasTagValue");
    // The catalog's DENY policy is for those who manage the catalog: named as a level, never its content.
    assertThat(text("[data-testid=policies-hidden]")).contains("catalog " + c, "schema " + c + ".sales");
    assertThat(driver.getPageSource()).doesNotContain("no_secret_writes");
    screenshot("15-sally-policies");
  }

  @Test
  void lineageIsReadableAndTheImpactListHasDepthsAndOwners() throws Exception {
    signIn(sallyToken);
    driver.get(base() + "/ui/#/lineage?table=" + c + ".sales.orders");
    wait.until(d -> nodes().stream().anyMatch(n -> (c + ".sales.margin").equals(n.get("name"))));
    List<Map<String, Object>> nodes = nodes();
    assertThat(nodes).anyMatch(n -> (c + ".sales.orders").equals(n.get("name")) && String.valueOf(n.get("label")).replace("\n", "").contains(sally));
    // Labels are drawn at 14 px: the first view never zooms them below 12 px.
    assertThat(((Number) js("return window.gatehouseLineageView.zoom()")).doubleValue() * 14).isGreaterThanOrEqualTo(11.99);
    // The long job name is shown whole, broken over lines rather than cut.
    assertThat(nodes).anyMatch(n -> String.valueOf(n.get("label")).replace("\n", "").contains("ingest_orders_from_the_landing_bucket_every_night"));
    screenshot("10-sally-lineage");

    driver.get(base() + "/ui/#/lineage?table=" + c + ".sales.orders&view=impact");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=impact]")));
    assertThat(text("[data-testid=impact]")).contains(c + ".sales.margin", "margin");
    screenshot("11-sally-impact");

    // Column lineage of margin.margin reaches orders.amount.
    driver.get(base() + "/ui/#/lineage?table=" + c + ".sales.margin&view=columns&column=margin");
    wait.until(d -> nodes().stream().anyMatch(n -> "COLUMN".equals(n.get("kind")) && String.valueOf(n.get("label")).startsWith("amount")));
    screenshot("11b-sally-column-lineage");

    // margin is also written by a job that reads hr.salaries: hidden from Sally, never named.
    driver.get(base() + "/ui/#/lineage?table=" + c + ".sales.margin&direction=UPSTREAM");
    wait.until(d -> nodes().stream().anyMatch(n -> Boolean.TRUE.equals(n.get("redacted"))));
    screenshot("12-sally-lineage-hidden");
    js("window.gatehouseLineageView.select(arguments[0])", nodes().stream().filter(n -> (c + ".sales.margin").equals(n.get("name")))
        .findFirst().orElseThrow().get("id"));
    wait.until(d -> text("[data-testid=details-runs]").toLowerCase(java.util.Locale.ROOT).contains("written by"));
    assertThat(text("[data-testid=details-runs]")).contains("Hidden job", "COMPLETE");
    screenshot("12b-sally-lineage-details");
    assertThat(driver.getPageSource()).doesNotContain("salaries").doesNotContain("cost_rollup");
    assertNoScriptErrors();
  }

  @Test
  void theConsoleHasNoSeriousAccessibilityViolationsAt1440And1024() throws Exception {
    assertThat(axe()).as("axe-core; scripts/install-test-deps fetches it").isRegularFile();
    String axe = Files.readString(axe());
    driver.get(base() + "/ui/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    assertNoSeriousViolations(axe, "sign-in");
    signIn(sallyToken);
    for (String page : List.of("#/", "#/catalogs/" + c + "/sales", "#/catalogs/" + c + "/sales/orders",
        "#/catalogs/" + c + "/sales/orders?tab=permissions", "#/lineage?table=" + c + ".sales.orders",
        "#/lineage?table=" + c + ".sales.orders&view=impact", "#/search?q=pii")) {
      driver.get(base() + "/ui/" + page);
      wait.until(d -> !busy() && d.findElements(By.cssSelector("[data-testid=title]")).size() > 0);
      assertNoSeriousViolations(axe, page);
    }
    driver.manage().window().setSize(new Dimension(1024, 768));
    driver.get(base() + "/ui/#/catalogs/" + c + "/sales/orders?tab=permissions");
    waitForTitle(c + ".sales.orders");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=effective]")));
    screenshot("13-1024-permissions");
    assertThat((Long) js("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1024L);
    driver.get(base() + "/ui/#/catalogs/" + c + "/sales/orders");
    waitForTitle(c + ".sales.orders");
    screenshot("14-1024-table");
    assertThat((Long) js("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1024L);
    assertNoScriptErrors();
  }

  @Test
  void aWrongTokenIsRefusedAndTheOldLineageAddressStillWorks() throws Exception {
    driver.get(base() + "/ui");
    wait.until(ExpectedConditions.urlToBe(base() + "/ui/"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys("gat_not-a-real-token");
    driver.findElement(By.id("signin-button")).click();
    waitForText(By.id("signin-error"), "Sign-in failed");
    assertThat(driver.findElement(By.id("app")).isDisplayed()).isFalse();
    screenshot("00-signin-refused");
    RestAssured.given().redirects().follow(false).get("/ui/lineage").then().statusCode(302);
    RestAssured.given().get("/ui/").then().statusCode(200)
        .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"));
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

  private static String lower(String text) {
    return text.toLowerCase(java.util.Locale.ROOT);
  }

  private WebElement treeItem(String kind, String name) {
    List<WebElement> found = driver.findElements(By.cssSelector("#tree [data-testid=tree-" + kind + "][data-name='" + name + "']"));
    return found.isEmpty() ? null : found.get(0);
  }

  private void search(String q) {
    WebElement box = driver.findElement(By.id("q"));
    box.clear();
    box.sendKeys(q);
    driver.findElement(By.id("search-button")).click();
    waitForText(By.cssSelector("[data-testid=title]"), "Search: " + q);
  }

  private void waitForTitle(String title) {
    wait.until(d -> !busy() && d.findElements(By.cssSelector("[data-testid=title]")).stream().anyMatch(e -> e.getText().equals(title)));
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

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> nodes() {
    return (List<Map<String, Object>>) js("return window.gatehouseLineageView ? window.gatehouseLineageView.nodes() : []");
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  @SuppressWarnings("unchecked")
  private void assertNoSeriousViolations(String axe, String page) {
    js(axe);
    Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,"
        + " help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))).catch(e => done([{ id: 'error', impact: 'critical', help: String(e) }]));");
    List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
    assertThat(violations).as("axe-core violations on " + page)
        .filteredOn(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))).isEmpty();
  }

  private void screenshot(String name) throws IOException {
    Files.write(SCREENSHOTS.resolve("console-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  private void assertNoScriptErrors() {
    List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .collect(Collectors.toList());
    assertThat(severe).as("browser console errors").isEmpty();
  }
}
