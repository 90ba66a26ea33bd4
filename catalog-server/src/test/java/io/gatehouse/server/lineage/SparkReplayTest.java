package io.gatehouse.server.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.identity.Identities;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spark's recorded events, replayed and read back as the two stewards would. */
@QuarkusTest
class SparkReplayTest {
  private static SparkReplay spark;

  @BeforeEach
  void replayOnce() {
    if (spark == null) {
      spark = SparkReplay.replay();
    }
  }

  private static JsonPath upstream(String token, String table, int depth) {
    return Lineage.graph(Identities.as(token), Map.of("table", table, "direction", "upstream", "depth", depth))
        .statusCode(200).extract().jsonPath();
  }

  @Test
  void sparksFoldersMapToTheirTablesByLocation() {
    JsonPath graph = upstream(spark.financeToken, spark.table("sales.revenue_by_country"), 2);
    assertThat(graph.getList("nodes.table.full_name", String.class)).contains(
        spark.table("sales.revenue_by_country"), spark.table("sales.customer_revenue"),
        spark.table("raw.orders"), spark.table("raw.customers"));
    assertThat(graph.getList("nodes.findAll { it.kind == 'JOB' }.name", String.class)).containsExactlyInAnyOrder(
        "orders_pipeline.adaptive_spark_plan.sales_revenue_by_country",
        "orders_pipeline.adaptive_spark_plan.sales_customer_revenue");
    assertThat(graph.getList("nodes.findAll { it.kind == 'JOB' }.latest_run.state", String.class)).containsOnly("COMPLETE");
    assertThat(graph.getList("nodes.findAll { it.redacted }")).isEmpty();
  }

  @Test
  void theSalesStewardSeesTheRawTablesAndTheJobReadingThemAsPlaceholders() {
    JsonPath graph = upstream(spark.salesToken, spark.table("sales.revenue_by_country"), 2);
    assertThat(graph.getList("nodes")).hasSize(6);
    List<Map<String, Object>> hidden = graph.getList("nodes.findAll { it.redacted }");
    // Both raw tables, and the job that joins them into customer_revenue (its name and SQL describe them).
    assertThat(hidden).hasSize(3).allSatisfy(n -> assertThat(n).containsOnlyKeys("id", "kind", "depth", "redacted"));
    assertThat(hidden).extracting(n -> n.get("kind")).containsExactlyInAnyOrder("DATASET", "DATASET", "JOB");
    assertThat(graph.prettify()).doesNotContain("/raw/").doesNotContain(".raw.").doesNotContain("sales_customer_revenue");
  }

  @Test
  void columnLineageFollowsRevenueBackToTheOrdersAmount() {
    Map<String, Object> q = Map.of("table", spark.table("sales.revenue_by_country"), "column", "revenue",
        "direction", "upstream", "depth", 5);
    JsonPath finance = Identities.as(spark.financeToken).accept("application/json").queryParams(q)
        .get(Lineage.GRAPH + "/columns").then().statusCode(200).extract().jsonPath();
    assertThat(finance.getList("columns.collect { it.table.full_name + '.' + it.field }", String.class)).containsExactly(
        spark.table("sales.revenue_by_country") + ".revenue", spark.table("sales.customer_revenue") + ".revenue",
        spark.table("raw.orders") + ".amount");
    JsonPath sales = Identities.as(spark.salesToken).accept("application/json").queryParams(q)
        .get(Lineage.GRAPH + "/columns").then().statusCode(200).extract().jsonPath();
    assertThat(sales.getList("columns.redacted", Boolean.class)).containsExactly(false, false, true);
  }

  @Test
  void replayingTheSameEventsAgainChangesNothing() {
    JsonPath before = upstream(spark.financeToken, spark.table("sales.revenue_by_country"), 5);
    String token = Lineage.pipelineToken();
    for (String event : SparkReplay.recorded()) {
      String moved = event.replace(SparkReplay.RECORDED_LAKE, spark.lake)
          .replace("\"namespace\":\"" + SparkReplay.RECORDED_NAMESPACE + "\"", "\"namespace\":\"" + spark.jobNamespace + "\"");
      Identities.as(token).contentType("application/json").body(moved).post("/api/v1/lineage").then().statusCode(201)
          .body("duplicate", org.hamcrest.Matchers.equalTo(true));
    }
    JsonPath after = upstream(spark.financeToken, spark.table("sales.revenue_by_country"), 5);
    assertThat(after.getList("nodes")).isEqualTo(before.getList("nodes"));
    assertThat(after.getList("edges")).isEqualTo(before.getList("edges"));
  }
}
