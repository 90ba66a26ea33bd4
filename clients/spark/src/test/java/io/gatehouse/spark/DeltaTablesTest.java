package io.gatehouse.spark;

import static io.gatehouse.spark.SparkWorld.messages;
import static io.gatehouse.spark.SparkWorld.rows;
import static io.gatehouse.spark.SparkWorld.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.GatehouseServer.Principal;
import io.gatehouse.engines.Lake;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delta tables through GatehouseCatalog, in the session GovernedQueriesTest uses: a managed Delta
 * table Gatehouse places, written by its owner, read by an engine for users with different grants
 * (also at older versions), written by writers with and without MODIFY; reads of its files, its
 * log or Delta's table by path fail.
 */
class DeltaTablesTest {
  static final List<String> ALL = GovernedQueriesTest.ALL;
  static final List<String> ANALYST = GovernedQueriesTest.ANALYST;

  static Lake lake;
  static GatehouseServer server;
  static SparkSession spark;
  static String warehouse;
  static Principal engine;
  static String asOwner;
  static String asAnalyst;
  static String asAuditor;
  static String asStranger;
  static String ordersLocation;
  static java.time.Instant versionOneAt;

  @BeforeAll
  static void world() {
    lake = Lake.get();
    server = lake.server;
    spark = SparkWorld.session();
    warehouse = lake.warehouse();
    server.post("/schemas", "{\"name\":\"sales\",\"catalog_name\":\"" + warehouse + "\"}");

    Principal owner = server.principal("delta_owner");
    server.grant("catalog", warehouse, owner.name(), "USE CATALOG");
    server.grant("schema", warehouse + ".sales", owner.name(), "USE SCHEMA", "CREATE TABLE", "EXTERNAL USE SCHEMA");
    server.grant("external_location", lake.location, owner.name(), "CREATE EXTERNAL TABLE");
    asOwner = SparkWorld.catalog(warehouse, owner.token(), null);
    // Managed: no LOCATION, Gatehouse places it under the catalog's storage root.
    sql("CREATE TABLE " + orders(asOwner) + " (id INT, region STRING, email STRING, amount DOUBLE) USING delta");
    sql("INSERT INTO " + orders(asOwner) + " VALUES (1, 'EMEA', 'a@x.com', 10.0), (2, 'AMER', 'b@x.com', 20.0),"
        + " (3, 'EMEA', 'c@x.com', 30.0), (4, 'APAC', 'd@x.com', 40.0)");
    assertThat(rows("SELECT * FROM " + orders(asOwner) + " ORDER BY id")).isEqualTo(ALL);
    ordersLocation = GatehouseServer.field(server.call("GET", "/api/2.1/unity-catalog/tables/" + warehouse + ".sales.orders",
        null, server.adminToken).body(), "storage_location");
    // Delta dates a version by its commit file's modification time: version 1's, as S3 lists it.
    String prefix = ordersLocation.substring(("s3://" + lake.bucket + "/").length());
    versionOneAt = lake.admin.listObjectsV2Paginator(b -> b.bucket(lake.bucket).prefix(prefix + "/_delta_log/")).contents()
        .stream().filter(o -> o.key().endsWith("00000000000000000001.json")).findFirst().orElseThrow().lastModified();

    SparkWorld.Readers readers = SparkWorld.governOrders(server, warehouse, "delta_");
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

  static String userOf(String sparkCatalog) {
    return SparkWorld.userOf(sparkCatalog);
  }

  @Test
  void aManagedDeltaTableLivesUnderTheCatalogsStorageRoot() {
    assertThat(ordersLocation).startsWith(lake.url("warehouse/" + warehouse + "/"));
    String prefix = ordersLocation.substring(("s3://" + lake.bucket + "/").length());
    assertThat(lake.keys(prefix)).anyMatch(k -> k.endsWith("_delta_log/00000000000000000000.json"))
        .anyMatch(k -> k.endsWith("_delta_log/00000000000000000001.json"))
        .anyMatch(k -> k.endsWith(".parquet"));
    assertThat(rows("SHOW TABLES IN " + asAnalyst + ".sales")).anyMatch(r -> r.contains("orders"));
  }

  @Test
  void eachReaderSeesWhatTheirGrantsAllow() {
    assertThat(rows("SELECT * FROM " + orders(asAnalyst) + " ORDER BY id")).isEqualTo(ANALYST);
    assertThat(rows("SELECT * FROM " + orders(asAuditor) + " ORDER BY id")).isEqualTo(ALL);
    assertThatThrownBy(() -> sql("SELECT * FROM " + orders(asStranger)))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("SELECT"));
    assertThat(rows("SELECT id FROM " + orders(asAnalyst) + " WHERE email = 'a@x.com'")).isEmpty();
    assertThat(rows("SELECT a.id, b.email FROM " + orders(asAnalyst) + " a JOIN " + orders(asAuditor)
        + " b ON a.id = b.id ORDER BY a.id")).containsExactly("[1,a@x.com]", "[3,c@x.com]");
    assertThat(spark.table(orders(asAnalyst)).orderBy("id").collectAsList()).extracting(Row::toString)
        .isEqualTo(ANALYST);
  }

  @Test
  void timeTravelIsFilteredAndMasked() {
    assertThat(rows("SELECT * FROM " + orders(asAnalyst) + " VERSION AS OF 1 ORDER BY id")).isEqualTo(ANALYST);
    assertThat(rows("SELECT * FROM " + orders(asAnalyst) + " VERSION AS OF 0")).isEmpty();
    assertThat(rows("SELECT * FROM " + orders(asAnalyst) + " TIMESTAMP AS OF '" + Timestamp.from(versionOneAt)
        + "' ORDER BY id")).isEqualTo(ANALYST);
    assertThat(rows("SELECT * FROM " + orders(asAnalyst) + " TIMESTAMP AS OF '"
        + Timestamp.from(versionOneAt.minusMillis(1)) + "'")).isEmpty();
    assertThat(spark.read().option("versionAsOf", "1").table(orders(asAnalyst)).orderBy("id").collectAsList())
        .extracting(Row::toString).isEqualTo(ANALYST);
    assertThat(rows("SELECT * FROM " + orders(asAuditor) + " VERSION AS OF 1 ORDER BY id")).isEqualTo(ALL);
    assertThatThrownBy(() -> sql("SELECT * FROM " + orders(asStranger) + " VERSION AS OF 1"))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused"));
  }

  @Test
  void writesNeedModifyAndCarryTheReadersView() throws InterruptedException {
    // CTAS into a new managed Delta table: what the analyst may see, nothing more.
    String copy = GatehouseServer.unique("copy");
    sql("CREATE TABLE " + asOwner + ".sales." + copy + " USING delta AS SELECT * FROM " + orders(asAnalyst));
    assertThat(rows("SELECT * FROM " + asOwner + ".sales." + copy + " ORDER BY id")).isEqualTo(ANALYST);

    // An external Delta table at a location of the lake.
    String summary = GatehouseServer.unique("summary");
    sql("CREATE TABLE " + asOwner + ".sales." + summary + " (region STRING, email STRING) USING delta LOCATION '"
        + lake.url("warehouse/ext-" + warehouse + "/" + summary) + "'");
    server.grant("table", warehouse + ".sales." + summary, userOf(asAnalyst), "SELECT", "MODIFY");
    server.grant("table", warehouse + ".sales." + summary, userOf(asAuditor), "SELECT");
    String asAnalystSummary = asAnalyst + ".sales." + summary;
    sql("INSERT INTO " + asAnalystSummary + " SELECT region, email FROM " + orders(asAnalyst));
    assertThat(rows("SELECT * FROM " + asAnalystSummary)).containsExactly("[EMEA,***]", "[EMEA,***]");
    sql("INSERT OVERWRITE " + asAnalystSummary + " SELECT region, 'x' FROM " + orders(asAnalyst) + " WHERE id = 1");
    assertThat(rows("SELECT * FROM " + asAnalystSummary)).containsExactly("[EMEA,x]");
    // The overwritten rows are still in the table's history, read as any reader reads.
    assertThat(rows("SELECT count(*) FROM " + asAnalystSummary + " VERSION AS OF 1")).containsExactly("[2]");
    // A write that reads its own target: the target is still loaded for writing.
    sql("INSERT INTO " + asAnalystSummary + " SELECT region, 'y' FROM " + asAnalystSummary);
    assertThat(rows("SELECT * FROM " + asAnalystSummary + " ORDER BY email")).containsExactly("[EMEA,x]", "[EMEA,y]");

    // The writes' lineage reaches Gatehouse on the catalog tables, the Delta target included.
    assertThat(upstreamOf(warehouse + ".sales." + summary)).contains(warehouse + ".sales.orders");

    // The auditor holds SELECT without MODIFY on the summary: no append, no overwrite.
    String asAuditorSummary = asAuditor + ".sales." + summary;
    assertThatThrownBy(() -> sql("INSERT INTO " + asAuditorSummary + " VALUES ('X', 'y')"))
        .satisfies(e -> assertThat(messages(e)).contains("MODIFY"));
    assertThatThrownBy(() -> sql("INSERT OVERWRITE " + asAuditorSummary + " VALUES ('X', 'y')"))
        .satisfies(e -> assertThat(messages(e)).contains("MODIFY"));
    assertThat(rows("SELECT * FROM " + asAuditorSummary + " ORDER BY email")).containsExactly("[EMEA,x]", "[EMEA,y]");
  }

  @Test
  void deltaPropertiesGivenAtCreationAreInTheLogAndDeltaObeysThem() {
    String events = GatehouseServer.unique("events");
    String table = asOwner + ".sales." + events;
    sql("CREATE TABLE " + table + " (id INT, kind STRING) USING delta"
        + " TBLPROPERTIES ('delta.appendOnly' = 'true', 'team' = 'sales')");
    // Gatehouse keeps every property; Delta keeps its own in the log's metadata, and obeys them there
    // (the log's objects belong to the engines' role sessions: read through Delta, not by the test).
    String info = server.call("GET", "/api/2.1/unity-catalog/tables/" + warehouse + ".sales." + events, null, server.adminToken).body();
    assertThat(info).containsPattern("\"delta.appendOnly\":\\s*\"true\"").containsPattern("\"team\":\\s*\"sales\"");
    // Delta obeys it: appends go in, an overwrite is refused by Delta itself (had the property stayed in
    // Gatehouse only, the overwrite would replace the row).
    sql("INSERT INTO " + table + " VALUES (1, 'a')");
    assertThatThrownBy(() -> sql("INSERT OVERWRITE " + table + " VALUES (2, 'b')"))
        .satisfies(e -> assertThat(messages(e)).containsIgnoringCase("append"));
    assertThat(rows("SELECT * FROM " + table)).containsExactly("[1,a]");

    // ALTER TABLE changes them in the log too: unset, the overwrite goes through; set again, refused.
    sql("ALTER TABLE " + table + " UNSET TBLPROPERTIES ('delta.appendOnly')");
    sql("INSERT OVERWRITE " + table + " VALUES (2, 'b')");
    assertThat(rows("SELECT * FROM " + table)).containsExactly("[2,b]");
    sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('delta.appendOnly' = 'true')");
    assertThatThrownBy(() -> sql("INSERT OVERWRITE " + table + " VALUES (3, 'c')"))
        .satisfies(e -> assertThat(messages(e)).containsIgnoringCase("append"));
    // A value Delta would refuse is refused before Gatehouse stores it.
    assertThatThrownBy(() -> sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('delta.appendOnly' = 'maybe')"));
    assertThat(server.call("GET", "/api/2.1/unity-catalog/tables/" + warehouse + ".sales." + events, null, server.adminToken)
        .body()).containsPattern("\"delta.appendOnly\":\\s*\"true\"");
  }

  /** The lineage graph upstream of {@code table}, once it names a table other than itself (or after 30 s). */
  static String upstreamOf(String table) throws InterruptedException {
    String graph = "";
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      graph = server.call("GET", "/api/gatehouse/v1/lineage/graph?table=" + table + "&direction=UPSTREAM&depth=2", null,
          server.adminToken).body();
      if (graph.replace(table, "").contains(warehouse + ".sales.")) {
        break;
      }
      Thread.sleep(500);
    }
    return graph;
  }

  @Test
  void readingTheFilesTheLogOrDeltasTableByPathIsRefused() {
    // The very credentials the engine was vended for the analyst, handed to the session directly.
    Map<String, String> keys = SparkWorld.vendedKeys(server, engine, warehouse + ".sales.orders", userOf(asAnalyst));
    sql("SELECT count(*) FROM " + orders(asAnalyst)); // the location is known to be governed

    // Each escape on its own: every one of them must be refused (the keys do reach the files).
    Map<String, ThrowingCallable> escapes = new java.util.LinkedHashMap<>();
    escapes.put("format(delta).load", () -> spark.read().format("delta").options(keys).load(ordersLocation).collectAsList());
    escapes.put("format(delta).load at version 1", () -> spark.read().format("delta").options(keys)
        .option("versionAsOf", "1").load(ordersLocation).collectAsList());
    escapes.put("DeltaTable.forPath", () -> DeltaTable.forPath(spark, ordersLocation, keys).toDF().collectAsList());
    escapes.put("the log as JSON", () -> spark.read().options(keys).schema("add STRING, commitInfo STRING")
        .json(ordersLocation + "/_delta_log/").collectAsList());
    escapes.put("a commit as text", () -> spark.read().options(keys)
        .text(ordersLocation + "/_delta_log/00000000000000000001.json").collectAsList());
    escapes.put("the data files as Parquet", () -> spark.read().options(keys).parquet(ordersLocation).collectAsList());
    // SQL on the path: the keys can only come from the session's configuration.
    escapes.put("delta.`path`", () -> sqlWithKeys(keys, "SELECT * FROM delta.`" + ordersLocation + "`"));
    escapes.put("delta.`path` VERSION AS OF 1", () -> sqlWithKeys(keys, "SELECT * FROM delta.`" + ordersLocation
        + "` VERSION AS OF 1"));
    SoftAssertions softly = new SoftAssertions();
    escapes.forEach((name, escape) -> softly.assertThatThrownBy(escape).as(name)
        .satisfies(e -> assertThat(messages(e)).contains("governed table's files")));
    softly.assertAll();
  }

  private static void sqlWithKeys(Map<String, String> keys, String query) {
    keys.forEach((k, v) -> spark.conf().set(k, v));
    try {
      sql(query);
    } finally {
      keys.keySet().forEach(k -> spark.conf().unset(k));
    }
  }
}
