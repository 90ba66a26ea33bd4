package io.gatehouse.spark;

import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.Lake;
import static io.gatehouse.spark.SparkWorld.messages;
import static io.gatehouse.spark.SparkWorld.rows;
import static io.gatehouse.spark.SparkWorld.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.engines.GatehouseServer.Principal;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark reads governed Parquet tables through GatehouseCatalog as different users, on behalf of
 * them by a trusted engine: an analyst sees only EMEA rows with masked e-mails, an auditor sees
 * everything, a stranger is refused; under every query shape, and escapes fail.
 */
class GovernedQueriesTest {
  static final List<String> ALL = List.of("[1,EMEA,a@x.com,10.0]", "[2,AMER,b@x.com,20.0]", "[3,EMEA,c@x.com,30.0]",
      "[4,APAC,d@x.com,40.0]");
  static final List<String> ANALYST = List.of("[1,EMEA,***,10.0]", "[3,EMEA,***,30.0]");

  static Lake lake;
  static GatehouseServer server;
  static SparkSession spark;
  static String warehouse;
  static Principal owner;
  static Principal engine;
  static String asOwner;
  static String asAnalyst;
  static String asAuditor;
  static String asStranger;
  static String ordersLocation;

  @BeforeAll
  static void world() {
    lake = Lake.get();
    server = lake.server;
    spark = SparkWorld.session();
    warehouse = lake.warehouse();
    server.post("/schemas", "{\"name\":\"sales\",\"catalog_name\":\"" + warehouse + "\"}");

    owner = server.principal("owner");
    server.grant("catalog", warehouse, owner.name(), "USE CATALOG");
    server.grant("schema", warehouse + ".sales", owner.name(), "USE SCHEMA", "CREATE TABLE", "EXTERNAL USE SCHEMA");
    server.grant("external_location", lake.location, owner.name(), "CREATE EXTERNAL TABLE");
    asOwner = SparkWorld.catalog(warehouse, owner.token(), null);
    ordersLocation = lake.url("warehouse/ext-" + warehouse + "/orders");
    sql("CREATE TABLE " + asOwner + ".sales.orders (id INT, region STRING, email STRING, amount DOUBLE) USING parquet"
        + " LOCATION '" + ordersLocation + "'");
    sql("INSERT INTO " + asOwner + ".sales.orders VALUES (1, 'EMEA', 'a@x.com', 10.0), (2, 'AMER', 'b@x.com', 20.0),"
        + " (3, 'EMEA', 'c@x.com', 30.0), (4, 'APAC', 'd@x.com', 40.0)");
    assertThat(rows("SELECT * FROM " + asOwner + ".sales.orders ORDER BY id")).isEqualTo(ALL);

    SparkWorld.Readers readers = SparkWorld.governOrders(server, warehouse, "");
    engine = readers.engine();
    asAnalyst = SparkWorld.catalog(warehouse, engine.token(), readers.analyst());
    asAuditor = SparkWorld.catalog(warehouse, engine.token(), readers.auditor());
    asStranger = SparkWorld.catalog(warehouse, engine.token(), readers.stranger());
  }

  static void outsideReader(String reader) {
    SparkWorld.useSales(server, warehouse, reader);
  }

  static String orders(String catalog) {
    return catalog + ".sales.orders";
  }

  @Test
  void eachReaderSeesWhatTheirGrantsAllow() {
    assertThat(rows("SELECT * FROM " + orders(asAnalyst) + " ORDER BY id")).isEqualTo(ANALYST);
    assertThat(rows("SELECT * FROM " + orders(asAuditor) + " ORDER BY id")).isEqualTo(ALL);
    assertThatThrownBy(() -> sql("SELECT * FROM " + orders(asStranger)))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("SELECT"));
    // The owner reading with their own token is an outside client: no files of a governed table.
    assertThatThrownBy(() -> sql("SELECT * FROM " + orders(asOwner)))
        .satisfies(e -> assertThat(messages(e)).contains("row filter or column masks"));
    assertThat(rows("SHOW TABLES IN " + asAnalyst + ".sales")).anyMatch(r -> r.contains("orders"));
    assertThat(rows("SHOW NAMESPACES IN " + asAnalyst)).contains("[sales]");
  }

  @Test
  void filtersOnMaskedColumnsSeeTheMaskedValue() {
    assertThat(rows("SELECT id FROM " + orders(asAnalyst) + " WHERE email = 'a@x.com'")).isEmpty();
    assertThat(rows("SELECT id FROM " + orders(asAnalyst) + " WHERE email = '***' ORDER BY id")).containsExactly("[1]", "[3]");
    assertThat(rows("SELECT id FROM " + orders(asAnalyst) + " WHERE region <> 'EMEA'")).isEmpty();
    assertThat(rows("SELECT region, count(*), sum(amount) FROM " + orders(asAnalyst) + " GROUP BY region"))
        .containsExactly("[EMEA,2,40.0]");
  }

  @Test
  void joinsSelfJoinsAndSubqueriesApplyEachReadersPolicy() {
    assertThat(rows("SELECT a.id, b.email FROM " + orders(asAnalyst) + " a JOIN " + orders(asAnalyst)
        + " b ON a.id = b.id ORDER BY a.id")).containsExactly("[1,***]", "[3,***]");
    assertThat(rows("SELECT a.id, b.email FROM " + orders(asAnalyst) + " a JOIN " + orders(asAuditor)
        + " b ON a.id = b.id ORDER BY a.id")).containsExactly("[1,a@x.com]", "[3,c@x.com]");
    assertThat(rows("SELECT count(*) FROM " + orders(asAuditor) + " WHERE id IN (SELECT id FROM " + orders(asAnalyst) + ")"))
        .containsExactly("[2]");
    assertThat(rows("SELECT (SELECT sum(amount) FROM " + orders(asAnalyst) + ")")).containsExactly("[40.0]");
    assertThat(rows("SELECT id FROM " + orders(asAuditor) + " o WHERE EXISTS (SELECT 1 FROM " + orders(asAnalyst)
        + " p WHERE p.email = o.email) ORDER BY id")).isEmpty();
    assertThat(rows("WITH c AS (SELECT * FROM " + orders(asAnalyst) + ") SELECT count(*) FROM c x JOIN c y ON x.id = y.id"))
        .containsExactly("[2]");
  }

  @Test
  void viewsAndDataFramesApplyThePolicyOnce() {
    sql("CREATE OR REPLACE TEMP VIEW analyst_orders AS SELECT * FROM " + orders(asAnalyst));
    assertThat(rows("SELECT * FROM analyst_orders ORDER BY id")).isEqualTo(ANALYST);
    assertThat(rows("SELECT count(*) FROM analyst_orders a JOIN analyst_orders b ON a.id = b.id")).containsExactly("[2]");

    Dataset<Row> df = spark.table(orders(asAnalyst));
    assertThat(df.filter("amount > 5").select("email").distinct().collectAsList()).extracting(Row::toString)
        .containsExactly("[***]");
    assertThat(df.union(df).count()).isEqualTo(4);
    assertThat(df.join(df, "id").count()).isEqualTo(2);
    df.createOrReplaceTempView("analyst_frame");
    assertThat(rows("SELECT * FROM analyst_frame ORDER BY id")).isEqualTo(ANALYST);
    assertThat(df.selectExpr("max(email)").collectAsList()).extracting(Row::toString).containsExactly("[***]");
    // A query's options cannot put another reader or other credentials under the table.
    Dataset<Row> overridden = spark.read().option("gatehouse.user", userOf(asAuditor))
        .option("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider")
        .table(orders(asAnalyst));
    assertThat(overridden.orderBy("id").collectAsList()).extracting(Row::toString).isEqualTo(ANALYST);
  }

  @Test
  void cachedResultsOfOneReaderNeverAnswerAnother() {
    Dataset<Row> analyst = spark.table(orders(asAnalyst));
    analyst.cache();
    try {
      assertThat(analyst.count()).isEqualTo(2);
      assertThat(rows("SELECT * FROM " + orders(asAuditor) + " ORDER BY id")).isEqualTo(ALL);
      assertThat(rows("SELECT * FROM " + orders(asAnalyst) + " ORDER BY id")).isEqualTo(ANALYST);
    } finally {
      analyst.unpersist();
    }
    sql("CACHE TABLE cached_analyst AS SELECT * FROM " + orders(asAnalyst));
    try {
      assertThat(rows("SELECT * FROM cached_analyst ORDER BY id")).isEqualTo(ANALYST);
      assertThat(rows("SELECT count(*) FROM " + orders(asAuditor))).containsExactly("[4]");
    } finally {
      sql("UNCACHE TABLE cached_analyst");
    }
  }

  @Test
  void writesCarryTheReadersViewNotTheRawRows() {
    String copyLocation = lake.url("warehouse/ext-" + warehouse + "/" + GatehouseServer.unique("copy"));
    String copy = asOwner + ".sales." + GatehouseServer.unique("copy");
    sql("CREATE TABLE " + copy + " USING parquet LOCATION '" + copyLocation + "' AS SELECT * FROM " + orders(asAnalyst));
    assertThat(rows("SELECT * FROM " + copy + " ORDER BY id")).isEqualTo(ANALYST);

    String summaryName = GatehouseServer.unique("summary");
    String summary = asOwner + ".sales." + summaryName;
    sql("CREATE TABLE " + summary + " (region STRING, email STRING) USING parquet LOCATION '"
        + lake.url("warehouse/ext-" + warehouse + "/" + summaryName) + "'");
    String analyst = server.scimId("Users", "userName", userOf(asAnalyst));
    assertThat(analyst).isNotEmpty();
    server.grant("table", warehouse + ".sales." + summaryName, userOf(asAnalyst), "SELECT", "MODIFY");
    sql("INSERT INTO " + asAnalyst + ".sales." + summaryName + " SELECT region, email FROM " + orders(asAnalyst));
    assertThat(rows("SELECT * FROM " + summary)).containsExactly("[EMEA,***]", "[EMEA,***]");
    // INSERT OVERWRITE replaces the rows, also when it reads the table it overwrites.
    sql("INSERT OVERWRITE " + asAnalyst + ".sales." + summaryName + " SELECT region, 'x' FROM " + orders(asAnalyst)
        + " WHERE id = 1");
    assertThat(rows("SELECT * FROM " + summary)).containsExactly("[EMEA,x]");
    sql("INSERT OVERWRITE " + asAnalyst + ".sales." + summaryName + " SELECT region, email FROM " + asAnalyst
        + ".sales." + summaryName + " UNION ALL SELECT 'AMER', 'z'");
    assertThat(rows("SELECT * FROM " + summary + " ORDER BY region")).containsExactly("[AMER,z]", "[EMEA,x]");

    // MODIFY is what a write needs: the auditor holds SELECT only on the summary.
    server.grant("table", warehouse + ".sales." + summaryName, userOf(asAuditor), "SELECT");
    assertThatThrownBy(() -> sql("INSERT INTO " + asAuditor + ".sales." + summaryName + " VALUES ('X', 'y')"))
        .satisfies(e -> assertThat(messages(e)).contains("MODIFY"));
    assertThatThrownBy(() -> sql("INSERT OVERWRITE " + asAuditor + ".sales." + summaryName + " VALUES ('X', 'y')"))
        .satisfies(e -> assertThat(messages(e)).contains("MODIFY"));
    assertThat(rows("SELECT count(*) FROM " + summary)).containsExactly("[2]");

    // MODIFY without SELECT: the engine writes for the user, and reads nothing for them.
    String writer = server.user("blind_writer");
    outsideReader(writer);
    server.grant("table", warehouse + ".sales." + summaryName, writer, "MODIFY");
    String asWriter = SparkWorld.catalog(warehouse, engine.token(), writer);
    sql("INSERT INTO " + asWriter + ".sales." + summaryName + " VALUES ('W', 'w@x.com')");
    assertThat(rows("SELECT * FROM " + summary + " WHERE region = 'W'")).containsExactly("[W,w@x.com]");
    assertThatThrownBy(() -> sql("SELECT * FROM " + asWriter + ".sales." + summaryName))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("SELECT"));
  }

  static String userOf(String sparkCatalog) {
    return SparkWorld.userOf(sparkCatalog);
  }

  @Test
  void readingTheFilesDirectlyIsRefused() {
    // The very credentials the engine was vended for the analyst, handed to the session directly.
    Map<String, String> adminKeys = SparkWorld.vendedKeys(server, engine, warehouse + ".sales.orders", userOf(asAnalyst));
    sql("SELECT count(*) FROM " + orders(asAnalyst)); // the location is known to be governed

    // Without credentials of its own the session cannot list the files at all.
    assertThatThrownBy(() -> spark.read().parquet(ordersLocation).collectAsList()).isNotNull();
    // With keys that reach the bucket, the plan itself is refused.
    assertThatThrownBy(() -> spark.read().options(adminKeys).parquet(ordersLocation).collectAsList())
        .satisfies(e -> assertThat(messages(e)).contains("governed table's files"));
    assertThatThrownBy(() -> spark.read().options(adminKeys).parquet(ordersLocation + "/").collectAsList())
        .satisfies(e -> assertThat(messages(e)).contains("governed table's files"));
    StringBuilder options = new StringBuilder("path '" + ordersLocation + "'");
    adminKeys.forEach((k, v) -> options.append(", '").append(k).append("' '").append(v).append("'"));
    assertThatThrownBy(() -> {
      sql("CREATE OR REPLACE TEMPORARY VIEW raw_orders USING parquet OPTIONS (" + options + ")");
      sql("SELECT * FROM raw_orders");
    }).satisfies(e -> assertThat(messages(e)).contains("governed table's files"));
  }

  @Test
  void aRevokedGrantTakesEffectOnTheNextQuery() throws InterruptedException {
    String reader = server.user("revoked");
    outsideReader(reader);
    server.grant("table", warehouse + ".sales.orders", reader, "SELECT");
    String asReader = SparkWorld.catalog(warehouse, engine.token(), reader);
    assertThat(rows("SELECT * FROM " + orders(asReader) + " ORDER BY id")).isEqualTo(ANALYST);
    // A DataFrame's temporary view keeps its analyzed plan, and with it the table it loaded.
    spark.table(orders(asReader)).createOrReplaceTempView("revoked_frame");
    assertThat(rows("SELECT count(*) FROM revoked_frame")).containsExactly("[2]");
    long analyzedAt = GatehouseCatalog.POLICY_VERSION.get();

    server.revoke("table", warehouse + ".sales.orders", reader, "SELECT");
    long deadline = System.nanoTime() + 10_000_000_000L;
    Throwable refused = null;
    while (refused == null && System.nanoTime() < deadline) {
      try {
        sql("SELECT * FROM " + orders(asReader));
        Thread.sleep(200);
      } catch (RuntimeException e) {
        refused = e;
      }
    }
    assertThat(refused).as("refused after the revoke").isNotNull();
    assertThat(messages(refused)).contains("SELECT");
    // The catalog follows WatchPolicyVersion: the view's plan is now older than the policy in force.
    while (GatehouseCatalog.POLICY_VERSION.get() <= analyzedAt && System.nanoTime() < deadline + 5_000_000_000L) {
      Thread.sleep(100);
    }
    assertThatThrownBy(() -> sql("SELECT count(*) FROM revoked_frame"))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("SELECT"));
  }

  @Test
  void credentialsAreRenewedBeforeTheyExpire() throws InterruptedException {
    // The server vends 15-minute credentials; renewing 897 s before expiry renews after 3 s.
    String reader = server.user("long_query");
    outsideReader(reader);
    server.grant("table", warehouse + ".sales.orders", reader, "SELECT");
    String asReader = SparkWorld.catalog(warehouse, engine.token(), reader, "credentials.renew-before-seconds", "897");
    Dataset<Row> df = spark.table(orders(asReader));
    long before = GatehouseCredentialsProvider.RENEWALS.get();
    Thread.sleep(4_000);
    assertThat(df.orderBy("id").collectAsList()).extracting(Row::toString).isEqualTo(ANALYST);
    assertThat(GatehouseCredentialsProvider.RENEWALS.get()).isGreaterThan(before);
  }

  @Test
  void aJobsLineageReachesGatehouseOnTheCatalogTables() throws InterruptedException {
    // Two governed tables read (orders and regions), a third written.
    String regions = GatehouseServer.unique("regions");
    sql("CREATE TABLE " + asOwner + ".sales." + regions + " (region STRING, manager STRING) USING parquet LOCATION '"
        + lake.url("warehouse/ext-" + warehouse + "/" + regions) + "'");
    sql("INSERT INTO " + asOwner + ".sales." + regions + " VALUES ('EMEA', 'Ada'), ('AMER', 'Bo'), ('APAC', 'Cy')");
    server.grant("table", warehouse + ".sales." + regions, userOf(asAuditor), "SELECT");
    String name = GatehouseServer.unique("lineage");
    String target = asOwner + ".sales." + name;
    sql("CREATE TABLE " + target + " (id INT, region STRING, amount DOUBLE, manager STRING) USING parquet LOCATION '"
        + lake.url("warehouse/ext-" + warehouse + "/" + name) + "'");
    server.grant("table", warehouse + ".sales." + name, userOf(asAuditor), "SELECT", "MODIFY");
    sql("INSERT INTO " + asAuditor + ".sales." + name + " SELECT o.id, o.region, o.amount * 2, r.manager FROM "
        + orders(asAuditor) + " o JOIN " + asAuditor + ".sales." + regions + " r ON o.region = r.region");
    assertThat(rows("SELECT id, manager FROM " + target + " ORDER BY id"))
        .containsExactly("[1,Ada]", "[2,Bo]", "[3,Ada]", "[4,Cy]");

    String table = warehouse + ".sales." + name;
    String graph = "";
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      graph = server.call("GET", "/api/gatehouse/v1/lineage/graph?table=" + table + "&direction=UPSTREAM&depth=1", null,
          server.adminToken).body();
      if (graph.contains(warehouse + ".sales.orders") && graph.contains(warehouse + ".sales." + regions)) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(graph).as("the job's inputs, mapped to their catalog tables").contains(warehouse + ".sales.orders")
        .contains(warehouse + ".sales." + regions);
    String amount = server.call("GET", "/api/gatehouse/v1/lineage/columns?table=" + table
        + "&column=amount&direction=UPSTREAM", null, server.adminToken).body();
    assertThat(amount).as("the column edge from orders.amount").contains("\"field\":\"amount\"")
        .contains(warehouse + ".sales.orders").doesNotContain(regions);
    String manager = server.call("GET", "/api/gatehouse/v1/lineage/columns?table=" + table
        + "&column=manager&direction=UPSTREAM", null, server.adminToken).body();
    assertThat(manager).as("the column edge from regions.manager").contains("\"field\":\"manager\"")
        .contains(warehouse + ".sales." + regions).doesNotContain(warehouse + ".sales.orders");
  }

}
