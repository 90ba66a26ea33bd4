package io.gatehouse.spark;

import static io.gatehouse.spark.SparkWorld.messages;
import static io.gatehouse.spark.SparkWorld.rows;
import static io.gatehouse.spark.SparkWorld.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.GatehouseServer.Principal;
import io.gatehouse.engines.Lake;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Iceberg tables through GatehouseCatalog (Iceberg's own catalog over Gatehouse's Iceberg REST
 * endpoint, loads decided by ResolveTable first), in the session the other connector tests use: a
 * managed Iceberg table created and written by its owner, read by an engine for users with
 * different grants and at an older snapshot, written by writers with and without MODIFY; its files
 * read directly are refused.
 */
class IcebergTablesTest {
  static final List<String> ALL = GovernedQueriesTest.ALL;
  static final List<String> ANALYST = GovernedQueriesTest.ANALYST;

  static Lake lake;
  static GatehouseServer server;
  static SparkSession spark;
  static String warehouse;
  static String asOwner;
  static String asAnalyst;
  static String asAuditor;
  static String asStranger;
  static String asWriter;
  static Principal engine;
  static String location;
  static long firstSnapshot;

  @BeforeAll
  static void world() {
    lake = Lake.get();
    server = lake.server;
    spark = SparkWorld.session();
    warehouse = lake.warehouse();
    server.post("/schemas", "{\"name\":\"sales\",\"catalog_name\":\"" + warehouse + "\"}");

    Principal owner = server.principal("ice_owner");
    server.grant("catalog", warehouse, owner.name(), "USE CATALOG");
    server.grant("schema", warehouse + ".sales", owner.name(), "USE SCHEMA", "CREATE TABLE", "EXTERNAL USE SCHEMA");
    asOwner = SparkWorld.catalog(warehouse, owner.token(), null);
    sql("CREATE TABLE " + orders(asOwner) + " (id INT, region STRING, email STRING, amount DOUBLE) USING iceberg");
    sql("INSERT INTO " + orders(asOwner) + " VALUES (1, 'EMEA', 'a@x.com', 10.0), (2, 'AMER', 'b@x.com', 20.0)");
    firstSnapshot = currentSnapshot();
    sql("INSERT INTO " + orders(asOwner) + " VALUES (3, 'EMEA', 'c@x.com', 30.0), (4, 'APAC', 'd@x.com', 40.0)");
    assertThat(rows("SELECT * FROM " + orders(asOwner) + " ORDER BY id")).isEqualTo(ALL);
    String table = server.call("GET", "/api/2.1/unity-catalog/tables/" + warehouse + ".sales.orders", null,
        server.adminToken).body();
    assertThat(GatehouseServer.field(table, "data_source_format")).isEqualTo("ICEBERG");
    location = GatehouseServer.field(table, "storage_location");

    SparkWorld.Readers readers = SparkWorld.governOrders(server, warehouse, "ice_");
    String writer = server.user("ice_writer");
    SparkWorld.useSales(server, warehouse, writer);
    server.grant("table", warehouse + ".sales.orders", writer, "SELECT", "MODIFY");
    engine = readers.engine();
    asAnalyst = SparkWorld.catalog(warehouse, engine.token(), readers.analyst());
    asAuditor = SparkWorld.catalog(warehouse, engine.token(), readers.auditor());
    asStranger = SparkWorld.catalog(warehouse, engine.token(), readers.stranger());
    asWriter = SparkWorld.catalog(warehouse, engine.token(), writer);
  }

  /** The table's current snapshot, as Gatehouse's Iceberg REST catalog answers it. */
  static long currentSnapshot() {
    String metadata = server.call("GET", "/api/2.1/unity-catalog/iceberg/v1/" + warehouse + "/namespaces/sales/tables/orders",
        null, server.adminToken).body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"current-snapshot-id\"\\s*:\\s*(-?\\d+)").matcher(metadata);
    assertThat(m.find()).as("current-snapshot-id in %s", metadata).isTrue();
    return Long.parseLong(m.group(1));
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
    assertThat(rows("SELECT id FROM " + orders(asAnalyst) + " WHERE email = 'a@x.com'")).isEmpty();
    assertThat(rows("SELECT a.id, b.email FROM " + orders(asAnalyst) + " a JOIN " + orders(asAuditor)
        + " b ON a.id = b.id ORDER BY a.id")).containsExactly("[1,a@x.com]", "[3,c@x.com]");
    assertThat(spark.table(orders(asAnalyst)).orderBy("id").collectAsList()).extracting(Row::toString)
        .isEqualTo(ANALYST);
  }

  @Test
  void anOlderSnapshotIsFilteredAndMaskedToo() {
    assertThat(rows("SELECT * FROM " + orders(asAnalyst) + " VERSION AS OF " + firstSnapshot + " ORDER BY id"))
        .containsExactly("[1,EMEA,***,10.0]");
    assertThat(rows("SELECT * FROM " + orders(asAuditor) + " VERSION AS OF " + firstSnapshot + " ORDER BY id"))
        .containsExactly("[1,EMEA,a@x.com,10.0]", "[2,AMER,b@x.com,20.0]");
  }

  @Test
  void readingTheTablesFilesDirectlyIsRefused() {
    // The very credentials the engine was vended for the analyst, handed to the session directly.
    Map<String, String> keys = SparkWorld.vendedKeys(server, engine, warehouse + ".sales.orders",
        SparkWorld.userOf(asAnalyst));
    rows("SELECT count(*) FROM " + orders(asAnalyst)); // the location is known to be governed
    String files = location.replaceFirst("^s3://", "s3a://");
    // With keys that reach the table's files, the plan itself is refused: data and metadata alike.
    assertThatThrownBy(() -> spark.read().options(keys).parquet(files + "/data").collectAsList())
        .satisfies(e -> assertThat(messages(e)).contains("governed table's files"));
    assertThatThrownBy(() -> spark.read().options(keys).text(files + "/metadata").collectAsList())
        .satisfies(e -> assertThat(messages(e)).contains("governed table's files"));
    StringBuilder options = new StringBuilder("path '" + files + "/data'");
    keys.forEach((k, v) -> options.append(", '").append(k).append("' '").append(v).append("'"));
    assertThatThrownBy(() -> {
      sql("CREATE OR REPLACE TEMPORARY VIEW raw_iceberg_orders USING parquet OPTIONS (" + options + ")");
      sql("SELECT * FROM raw_iceberg_orders");
    }).satisfies(e -> assertThat(messages(e)).contains("governed table's files"));
  }

  @Test
  void writesNeedModifyAndCommitThroughGatehouse() {
    String events = asOwner + ".sales.events";
    sql("CREATE TABLE " + events + " (id INT, note STRING) USING iceberg");
    String writer = SparkWorld.userOf(asWriter);
    String analyst = SparkWorld.userOf(asAnalyst);
    server.grant("table", warehouse + ".sales.events", writer, "SELECT", "MODIFY");
    server.grant("table", warehouse + ".sales.events", analyst, "SELECT");

    sql("INSERT INTO " + asWriter + ".sales.events VALUES (1, 'written for the writer')");
    assertThat(rows("SELECT * FROM " + asAnalyst + ".sales.events")).containsExactly("[1,written for the writer]");
    assertThatThrownBy(() -> sql("INSERT INTO " + asAnalyst + ".sales.events VALUES (2, 'no MODIFY')"))
        .satisfies(e -> assertThat(messages(e)).contains("MODIFY"));
    // The filtered table takes a write from its writer, and its readers see it through their policy.
    sql("INSERT INTO " + asWriter + ".sales.events SELECT id, email FROM " + orders(asAnalyst));
    assertThat(rows("SELECT * FROM " + asWriter + ".sales.events ORDER BY id, note"))
        .containsExactly("[1,***]", "[1,written for the writer]", "[3,***]");
  }
}
