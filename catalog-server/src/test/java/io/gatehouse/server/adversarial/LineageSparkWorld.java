package io.gatehouse.server.adversarial;

import io.gatehouse.lineage.LineageIds;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.gatehouse.server.lineage.SparkReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The recorded Spark pipeline (src/test/resources/lineage) replayed into a catalog of its own,
 * read by stewards who may browse part of it:
 *
 * <pre>
 *   s3://landing/hidden-feed.csv -> landing_loader -> raw.orders ----\
 *                                                                     +-> ...sales_customer_revenue -> sales.customer_revenue -> ... -> sales.revenue_by_country
 *                                                    raw.customers --/                                       ^
 *   s3://landing/visible-feed.csv -> landing_sales ----------------------------------------------------------/
 * </pre>
 *
 * <ul>
 *   <li>{@code sales}: BROWSE on schema {@code sales} only: both raw tables are hidden;
 *   <li>{@code nested}: the same BROWSE, through a group inside a group;
 *   <li>{@code denied}: BROWSE on the whole catalog and DENY ALL PRIVILEGES on {@code raw.orders};
 *   <li>{@code finance}: BROWSE on the whole catalog.
 * </ul>
 */
final class LineageSparkWorld {
  static final String SQL = "/api/gatehouse/v1/sql";
  static final String API = "/api/gatehouse/v1/lineage";
  static final String WRITES_ORDERS = "orders_pipeline.execute_insert_into_hadoop_fs_relation_command.raw_orders";
  static final String WRITES_CUSTOMERS = "orders_pipeline.execute_insert_into_hadoop_fs_relation_command.raw_customers";
  static final String JOINS_RAW = "orders_pipeline.adaptive_spark_plan.sales_customer_revenue";
  static final String READS_RAW = "orders_pipeline.map_partitions_parallel_collection";
  static final String BY_COUNTRY = "orders_pipeline.adaptive_spark_plan.sales_revenue_by_country";

  final String catalog;
  final String lake;
  final String jobs;
  final String landing;
  final String sales;
  final String nested;
  final String denied;
  final String finance;
  final UUID rawOrders;
  final UUID rawCustomers;

  private LineageSparkWorld(String catalog, String lake, String jobs, String landing, String sales, String nested,
      String denied, String finance, UUID rawOrders, UUID rawCustomers) {
    this.catalog = catalog;
    this.lake = lake;
    this.jobs = jobs;
    this.landing = landing;
    this.sales = sales;
    this.nested = nested;
    this.denied = denied;
    this.finance = finance;
    this.rawOrders = rawOrders;
    this.rawCustomers = rawCustomers;
  }

  static LineageSparkWorld build() {
    String c = Api.unique("leak");
    String lake = "/lake/" + c;
    String jobs = Api.unique("spark-etl");
    String landing = "s3://" + Api.unique("landing").replace('_', '-');
    String sales = Identities.email("sales");
    String nested = Identities.email("nested");
    String denied = Identities.email("denied");
    String finance = Identities.email("finance");
    Identities.user(sales);
    String nestedId = Identities.user(nested);
    Identities.user(denied);
    Identities.user(finance);
    String inner = Api.unique("inner");
    String outer = Api.unique("outer");
    Identities.group(outer, Identities.group(inner, nestedId));
    sql("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".raw; CREATE SCHEMA " + c + ".sales;"
        + " GRANT BROWSE ON SCHEMA " + c + ".sales TO `" + sales + "`;"
        + " GRANT BROWSE ON SCHEMA " + c + ".sales TO `" + outer + "`;"
        + " GRANT BROWSE ON CATALOG " + c + " TO `" + denied + "`;"
        + " GRANT BROWSE ON CATALOG " + c + " TO `" + finance + "`");
    List<String> ids = new ArrayList<>();
    for (String table : List.of("raw/orders", "raw/customers", "sales/customer_revenue", "sales/revenue_by_country")) {
      String[] parts = table.split("/");
      ids.add(Api.post("/tables", Api.externalTable(c, parts[0], parts[1], "file://" + lake + "/" + table))
          .statusCode(200).extract().path("table_id"));
    }
    sql("DENY ALL PRIVILEGES ON TABLE " + c + ".raw.orders TO `" + denied + "`");
    String token = pipelineToken();
    for (String event : SparkReplay.recorded()) {
      emit(token, event.replace(SparkReplay.RECORDED_LAKE, lake)
          .replace("\"namespace\":\"" + SparkReplay.RECORDED_NAMESPACE + "\"", "\"namespace\":\"" + jobs + "\""));
    }
    emit(token, runEvent(jobs, "landing_loader", landing, "hidden-feed.csv", "file", lake + "/raw/orders"));
    emit(token, runEvent(jobs, "landing_sales", landing, "visible-feed.csv", "file", lake + "/sales/customer_revenue"));
    return new LineageSparkWorld(c, lake, jobs, landing, TestIssuer.jwt(sales), TestIssuer.jwt(nested),
        TestIssuer.jwt(denied), TestIssuer.jwt(finance), UUID.fromString(ids.get(0)), UUID.fromString(ids.get(1)));
  }

  String table(String schemaAndName) {
    return catalog + "." + schemaAndName;
  }

  /** Every string that names or locates raw.orders, or a job around it, or its id, however spelled. */
  List<String> ordersTokens() {
    return List.of(lake + "/raw/orders", catalog + ".raw.orders", "raw_orders", "hidden-feed", "landing_loader",
        JOINS_RAW, "FROM orders o JOIN customers", "sum(o.amount)", rawOrders.toString(),
        LineageIds.datasetId("file", lake + "/raw/orders").toString(),
        LineageIds.jobId(jobs, WRITES_ORDERS).toString(), LineageIds.jobId(jobs, JOINS_RAW).toString(),
        LineageIds.jobId(jobs, READS_RAW).toString(), LineageIds.jobId(jobs, "landing_loader").toString());
  }

  /** Besides {@link #ordersTokens()}: everything that names or locates raw.customers. */
  List<String> rawTokens() {
    List<String> all = new ArrayList<>(ordersTokens());
    all.addAll(List.of(lake + "/raw", catalog + ".raw", "raw_customers", rawCustomers.toString(),
        LineageIds.datasetId("file", lake + "/raw/customers").toString(),
        LineageIds.jobId(jobs, WRITES_CUSTOMERS).toString()));
    return all;
  }

  static void sql(String script) {
    Api.json().body(Map.of("statement", script)).post(SQL).then().statusCode(200);
  }

  private static String pipelineToken() {
    String appId = Api.unique("pipeline");
    Identities.servicePrincipal(appId);
    sql("GRANT EMIT LINEAGE ON METASTORE TO `" + appId + "`");
    return Api.json().body(Map.of("application_id", appId, "comment", "lineage"))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(200).extract().path("token_value");
  }

  private static void emit(String token, String event) {
    Identities.as(token).contentType("application/json").body(event).post("/api/v1/lineage").then().statusCode(201);
  }

  /** One COMPLETE event of a job reading one dataset and writing another. */
  private static String runEvent(String jobs, String job, String inNamespace, String inName, String outNamespace,
      String outName) {
    return """
        {"eventType":"COMPLETE","eventTime":"2026-11-21T10:00:00Z","producer":"https://github.com/gatehouse/tests",
         "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run":{"runId":"%s"},
         "job":{"namespace":"%s","name":"%s","facets":{"sql":{"_producer":"https://github.com/gatehouse/tests",
           "_schemaURL":"https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json","query":"COPY INTO %s FROM '%s/%s'"}}},
         "inputs":[{"namespace":"%s","name":"%s"}],
         "outputs":[{"namespace":"%s","name":"%s"}]}
        """.formatted(UUID.randomUUID(), jobs, job, outName, inNamespace, inName, inNamespace, inName, outNamespace,
        outName);
  }
}
