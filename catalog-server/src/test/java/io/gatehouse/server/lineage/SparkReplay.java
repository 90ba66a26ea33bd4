package io.gatehouse.server.lineage;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A real integration's output replayed: the events that Spark 3.5.7 with openlineage-spark
 * 1.53.0 recorded for a small pipeline (src/test/resources/lineage/README.md), sent one by one to
 * {@code POST /api/v1/lineage} as the listener's HTTP transport sends them. Paths and the job
 * namespace move to fresh names, so every replay is a pipeline of its own; the catalog registers
 * the four folders as external tables in schemas {@code raw} and {@code sales}; the sales steward
 * may browse schema {@code sales} only, the finance steward the whole catalog.
 *
 * <pre>
 *   raw.orders ----\
 *                   +-> ...sales_customer_revenue -> sales.customer_revenue -> ...sales_revenue_by_country -> sales.revenue_by_country
 *   raw.customers -/
 * </pre>
 */
public final class SparkReplay {
  public static final String RECORDED_LAKE = "/tmp/sparkol/lake";
  public static final String RECORDED_NAMESPACE = "spark-etl";

  final String catalog;
  final String lake;
  final String jobNamespace;
  final String salesToken;
  final String financeToken;

  private SparkReplay(String catalog, String lake, String jobNamespace, String salesToken, String financeToken) {
    this.catalog = catalog;
    this.lake = lake;
    this.jobNamespace = jobNamespace;
    this.salesToken = salesToken;
    this.financeToken = financeToken;
  }

  public static List<String> recorded() {
    try (InputStream in = SparkReplay.class.getResourceAsStream("/lineage/spark-orders-pipeline.ndjson")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Registers the tables and stewards, then replays every recorded event. */
  static SparkReplay replay() {
    String catalog = Api.unique("spark");
    String lake = "/lake/" + catalog;
    String jobNamespace = Api.unique("spark-etl");
    String sales = Identities.email("sales");
    String finance = Identities.email("finance");
    Identities.user(sales);
    Identities.user(finance);
    Lineage.sql("CREATE CATALOG " + catalog + "; CREATE SCHEMA " + catalog + ".raw; CREATE SCHEMA " + catalog + ".sales;"
        + " GRANT BROWSE ON SCHEMA " + catalog + ".sales TO `" + sales + "`;"
        + " GRANT BROWSE ON CATALOG " + catalog + " TO `" + finance + "`");
    for (String table : List.of("raw/orders", "raw/customers", "sales/customer_revenue", "sales/revenue_by_country")) {
      String[] parts = table.split("/");
      Api.post("/tables", Api.externalTable(catalog, parts[0], parts[1], "file://" + lake + "/" + table)).statusCode(200);
    }
    String token = Lineage.pipelineToken();
    for (String event : recorded()) {
      String moved = event.replace(RECORDED_LAKE, lake)
          .replace("\"namespace\":\"" + RECORDED_NAMESPACE + "\"", "\"namespace\":\"" + jobNamespace + "\"");
      Identities.as(token).contentType("application/json").body(moved).post("/api/v1/lineage").then().statusCode(201);
    }
    return new SparkReplay(catalog, lake, jobNamespace, TestIssuer.jwt(sales), TestIssuer.jwt(finance));
  }

  String table(String schemaAndName) {
    return catalog + "." + schemaAndName;
  }
}
