package io.gatehouse.server.lineage;

import static io.gatehouse.server.lineage.Lineage.in;
import static io.gatehouse.server.lineage.Lineage.out;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.openlineage.client.OpenLineageClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two stewards with different grants browse one pipeline: the sales steward may browse schema
 * sales only, the finance steward the whole catalog. Each sees the same shape; the sales steward
 * sees HR's tables, and the jobs that read or write them, as placeholders.
 *
 * <pre>
 *   s3://landing/orders.csv -> ingest_orders -> sales.orders ----------\
 *   hr.salaries -> cost_rollup -> hr.costs -------------------------> margin -> sales.margin
 * </pre>
 */
@QuarkusTest
class LineageRedactionTest {
  static String catalog;
  static String jobs;
  static String sales;
  static String finance;

  /** Once, lazily: Quarkus' test port is known when the first test runs, not in a static @BeforeAll. */
  @BeforeEach
  void pipelineOnce() throws Exception {
    if (catalog == null) {
      pipeline();
    }
  }

  static void pipeline() throws Exception {
    String catalog = Api.unique("redact");
    String jobs = Lineage.ns("airflow");
    String salesSteward = Identities.email("sales");
    String financeSteward = Identities.email("finance");
    Identities.user(salesSteward);
    Identities.user(financeSteward);
    String c = catalog;
    Lineage.sql("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".sales; CREATE SCHEMA " + c + ".hr;"
        + " CREATE TABLE " + c + ".sales.orders (id BIGINT, amount DOUBLE);"
        + " CREATE TABLE " + c + ".sales.margin (day DATE, margin DOUBLE) COMMENT 'daily margin';"
        + " CREATE TABLE " + c + ".hr.salaries (employee STRING, salary DOUBLE);"
        + " CREATE TABLE " + c + ".hr.costs (day DATE, cost DOUBLE);"
        + " ALTER TABLE " + c + ".sales.margin SET TAGS ('domain' = 'finance');"
        + " GRANT BROWSE ON SCHEMA " + c + ".sales TO `" + salesSteward + "`;"
        + " GRANT BROWSE ON CATALOG " + c + " TO `" + financeSteward + "`");
    String ns = "warehouse";
    try (OpenLineageClient client = Lineage.client(Lineage.pipelineToken())) {
      Lineage.runJob(client, jobs, "ingest_orders", List.of(in("s3://landing", "orders.csv")),
          List.of(out(ns, c + ".sales.orders")));
      Lineage.runJob(client, jobs, "cost_rollup", List.of(in(ns, c + ".hr.salaries")),
          List.of(out(ns, c + ".hr.costs", List.of("day", "cost"), Map.of(
              "cost", List.<String[]>of(new String[] {ns, c + ".hr.salaries", "salary"})))));
      Lineage.runJob(client, jobs, "margin", List.of(in(ns, c + ".sales.orders"), in(ns, c + ".hr.costs")),
          List.of(out(ns, c + ".sales.margin", List.of("day", "margin"), Map.of(
              "margin", List.<String[]>of(new String[] {ns, c + ".sales.orders", "amount"},
                  new String[] {ns, c + ".hr.costs", "cost"})))));
    }
    LineageRedactionTest.jobs = jobs;
    sales = TestIssuer.jwt(salesSteward);
    finance = TestIssuer.jwt(financeSteward);
    LineageRedactionTest.catalog = catalog;
  }

  private static RequestSpecification as(String token) {
    return Identities.as(token);
  }

  private static JsonPath upstreamOfMargin(String token) {
    return Lineage.graph(as(token), Map.of("table", catalog + ".sales.margin", "direction", "upstream", "depth", 5))
        .statusCode(200).extract().jsonPath();
  }

  private static JsonPath upstreamOfOrders(String token) {
    return Lineage.graph(as(token), Map.of("table", catalog + ".sales.orders", "direction", "upstream"))
        .statusCode(200).extract().jsonPath();
  }

  @Test
  void stewardsSeeTheSameShapeWithDifferentRedactions() {
    JsonPath asSales = upstreamOfMargin(sales);
    JsonPath asFinance = upstreamOfMargin(finance);

    assertThat(asSales.getList("nodes.id")).isEqualTo(asFinance.getList("nodes.id"));
    assertThat(asSales.getList("edges")).isEqualTo(asFinance.getList("edges"));
    assertThat(asSales.getList("nodes")).hasSize(8);

    assertThat(asFinance.getList("nodes.findAll { it.redacted }")).isEmpty();
    assertThat(asFinance.getList("nodes.name", String.class)).contains(catalog + ".hr.costs", catalog + ".hr.salaries");

    List<Map<String, Object>> hidden = asSales.getList("nodes.findAll { it.redacted }");
    assertThat(hidden).hasSize(4).allSatisfy(n -> assertThat(n).containsOnlyKeys("id", "kind", "depth", "redacted"));
    assertThat(hidden).extracting(n -> n.get("kind")).containsExactlyInAnyOrder("DATASET", "DATASET", "JOB", "JOB");
    assertThat(asSales.getList("nodes.name", String.class)).contains(catalog + ".sales.orders", "orders.csv",
        "ingest_orders").doesNotContain("cost_rollup", "margin");
    assertThat(asSales.prettify()).doesNotContain(".hr.");
  }

  @Test
  void aStartTheCallerMayNotSeeIsNotFoundWithoutNamingItsTable() {
    Lineage.graph(as(sales), Map.of("table", catalog + ".hr.costs")).statusCode(404)
        .body("message", not(containsString("hr")));
    Lineage.graph(as(sales), Map.of("namespace", "warehouse", "name", catalog + ".hr.costs")).statusCode(404)
        .body("message", not(containsString("hr")));
    Lineage.graph(as(finance), Map.of("table", catalog + ".hr.costs")).statusCode(200);
  }

  @Test
  void columnLineageRedactsTheColumnsOfHiddenTables() {
    JsonPath columns = as(sales).accept("application/json")
        .queryParams(Map.of("table", catalog + ".sales.margin", "column", "margin", "direction", "upstream", "depth", 3))
        .get(Lineage.GRAPH + "/columns").then().statusCode(200).extract().jsonPath();
    assertThat(columns.getList("columns")).hasSize(4);
    assertThat(columns.getList("columns.findAll { !it.redacted }.field", String.class))
        .containsExactlyInAnyOrder("margin", "amount");
    assertThat(columns.prettify()).doesNotContain("salary").doesNotContain("\"cost\"");
  }

  @Test
  void searchLeavesOutWhatTheCallerMayNotSee() {
    assertThat(search(sales, catalog + ".hr")).isEmpty();
    assertThat(search(finance, catalog + ".hr")).containsExactlyInAnyOrder(catalog + ".hr.costs", catalog + ".hr.salaries");
    assertThat(search(sales, catalog + ".sales.mar")).containsExactly(catalog + ".sales.margin");
    assertThat(search(sales, "cost_rollup")).isEmpty();
    assertThat(search(sales, "ingest_orders")).contains("ingest_orders");
  }

  private static List<String> search(String token, String text) {
    return as(token).accept("application/json").queryParam("q", text).get(Lineage.GRAPH + "/search")
        .then().statusCode(200).extract().jsonPath().getList("nodes.name", String.class);
  }

  @Test
  void detailsOfADatasetShowItsTableAndTheJobsAroundIt() {
    JsonPath graph = upstreamOfMargin(sales);
    String marginId = graph.getString("nodes.find { it.depth == 0 }.id");
    JsonPath details = as(sales).accept("application/json").get(Lineage.GRAPH + "/datasets/" + marginId)
        .then().statusCode(200).extract().jsonPath();
    assertThat(details.getString("table.full_name")).isEqualTo(catalog + ".sales.margin");
    assertThat(details.getString("table.comment")).isEqualTo("daily margin");
    assertThat(details.getList("table.columns.name", String.class)).containsExactly("day", "margin");
    assertThat(details.getString("table.tags.domain")).isEqualTo("finance");
    assertThat(details.getString("table.owner")).isEqualTo("admin");
    // The margin job reads hr.costs: the sales steward sees that a hidden job writes margin, and when.
    assertThat(details.getList("producers.node.redacted", Boolean.class)).containsExactly(true);
    assertThat(details.getString("producers[0].last_run.state")).isEqualTo("COMPLETE");

    String hiddenId = graph.getString("nodes.find { it.redacted && it.kind == 'DATASET' }.id");
    as(sales).accept("application/json").get(Lineage.GRAPH + "/datasets/" + hiddenId).then().statusCode(404);
    as(finance).accept("application/json").get(Lineage.GRAPH + "/datasets/" + hiddenId).then().statusCode(200);

    String marginJob = graph.getString("nodes.find { it.redacted && it.kind == 'JOB' && it.depth == 1 }.id");
    as(sales).accept("application/json").get(Lineage.GRAPH + "/jobs/" + marginJob).then().statusCode(404);
    String jobId = upstreamOfMargin(finance).getString("nodes.find { it.name == 'margin' && it.kind == 'JOB' }.id");
    assertThat(jobId).isEqualTo(marginJob);
    JsonPath job = as(finance).accept("application/json").get(Lineage.GRAPH + "/jobs/" + jobId)
        .then().statusCode(200).extract().jsonPath();
    assertThat(job.getString("job.latest_run.state")).isEqualTo("COMPLETE");
    assertThat(job.getList("inputs")).hasSize(2);
    assertThat(job.getList("inputs.findAll { it.node.redacted }")).isEmpty();
    assertThat(job.getList("outputs.node.name", String.class)).containsExactly(catalog + ".sales.margin");

    String ingest = upstreamOfOrders(sales).getString("nodes.find { it.name == 'ingest_orders' }.id");
    JsonPath visibleJob = as(sales).accept("application/json").get(Lineage.GRAPH + "/jobs/" + ingest)
        .then().statusCode(200).extract().jsonPath();
    assertThat(visibleJob.getList("inputs.node.name", String.class)).containsExactly("orders.csv");
    assertThat(visibleJob.getList("outputs.node.name", String.class)).containsExactly(catalog + ".sales.orders");
  }

  @Test
  void aTableCreatedAfterItsEventsIsMappedInTheBackground() throws Exception {
    String late = catalog + ".sales.late_" + Api.unique("t");
    try (OpenLineageClient client = Lineage.client(Lineage.pipelineToken())) {
      Lineage.runJob(client, jobs, "late_writer", List.of(in("warehouse", catalog + ".sales.orders")),
          List.of(out("warehouse", late)));
    }
    JsonPath before = Lineage.graph(Map.of("namespace", "warehouse", "name", late)).statusCode(200).extract().jsonPath();
    assertThat(before.getString("nodes[0].table")).isNull();

    Lineage.sql("CREATE TABLE " + late + " (id BIGINT)");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String mapped = null;
    while (mapped == null && System.nanoTime() < deadline) {
      Thread.sleep(100);
      mapped = Lineage.graph(Map.of("namespace", "warehouse", "name", late)).statusCode(200).extract()
          .jsonPath().getString("nodes[0].table.full_name");
    }
    assertThat(mapped).isEqualToIgnoringCase(late);
    Lineage.graph(as(sales), Map.of("table", late, "direction", "upstream")).statusCode(200);
  }

  @Test
  void aDatasetWhoseTableWasDroppedCountsAsUnmapped() throws Exception {
    String gone = catalog + ".hr.gone_" + Api.unique("t");
    Lineage.sql("CREATE TABLE " + gone + " (id BIGINT)");
    try (OpenLineageClient client = Lineage.client(Lineage.pipelineToken())) {
      Lineage.runJob(client, jobs, "gone_writer", List.of(in("warehouse", catalog + ".sales.orders")),
          List.of(out("warehouse", gone)));
    }
    Lineage.graph(as(sales), Map.of("namespace", "warehouse", "name", gone)).statusCode(404);
    Lineage.sql("DROP TABLE " + gone);
    JsonPath after = Lineage.graph(as(sales), Map.of("namespace", "warehouse", "name", gone)).statusCode(200)
        .extract().jsonPath();
    assertThat(after.getString("nodes[0].name")).isEqualTo(gone);
    assertThat(after.getString("nodes[0].table")).isNull();
  }
}
