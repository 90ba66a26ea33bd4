package io.gatehouse.spark;

import static io.gatehouse.spark.SparkWorld.messages;
import static io.gatehouse.spark.SparkWorld.rows;
import static io.gatehouse.spark.SparkWorld.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.engines.GatehouseServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * REPLACE TABLE and CREATE OR REPLACE TABLE (with and without AS SELECT) of Delta tables through
 * GatehouseCatalog: the table keeps its id, owner, grants and policies in Gatehouse, its columns
 * become the new ones, and the Delta log gets Delta's replace commit. Users as in
 * {@link DeltaRowLevelCommandsTest}: the owner (acting through the engine on governed tables), the
 * editor (SELECT, MODIFY, exempt), the analyst (SELECT, MODIFY, filtered and masked), the auditor
 * (SELECT, exempt).
 */
class DeltaReplaceTableTest {
  static final List<String> ROWS = GovernedSales.ROWS;

  static GovernedSales world;
  static GatehouseServer server;
  static SparkSession spark;
  static String warehouse;
  static String asOwner;
  static String asOwnerThroughEngine;
  static String asEditor;
  static String asAnalyst;
  static String asAuditor;

  @BeforeAll
  static void world() {
    spark = SparkWorld.session();
    world = new GovernedSales("rpl");
    server = world.server;
    warehouse = world.warehouse;
    asOwner = world.asOwner;
    asOwnerThroughEngine = world.asOwnerThroughEngine;
    asEditor = world.asEditor;
    asAnalyst = world.asAnalyst;
    asAuditor = world.asAuditor;
  }

  static String plainTable() {
    return world.plainTable();
  }

  static String governedTable() {
    return world.governedTable();
  }

  static List<String> stored(String table) {
    return world.stored(table);
  }

  static List<String> history(String table) {
    return world.history(table);
  }

  static JsonNode info(String table) {
    return world.info(table);
  }

  static String gatehouseColumns(String table) {
    List<String> names = new ArrayList<>();
    info(table).path("columns").forEach(c -> names.add(c.path("name").asText() + " " + c.path("type_name").asText()));
    return String.join(",", names);
  }

  @Test
  void theOwnerReplacesATableWhichKeepsItsIdentityGrantsAndPolicies() {
    String t = governedTable();
    String tableId = info(t).path("table_id").asText();
    String owner = info(t).path("owner").asText();
    String table = asOwnerThroughEngine + ".sales." + t;
    int versions = history(t).size();

    sql("REPLACE TABLE " + table + " (id INT, region STRING, email STRING, score INT) USING delta");
    assertThat(gatehouseColumns(t)).isEqualTo("id INT,region STRING,email STRING,score INT");
    assertThat(stored(t)).isEmpty();
    assertThat(history(t)).hasSize(versions + 1).first().asString().contains("REPLACE TABLE");
    assertThat(info(t).path("table_id").asText()).isEqualTo(tableId);
    assertThat(info(t).path("owner").asText()).isEqualTo(owner);
    assertThat(spark.table(table).columns()).containsExactly("id", "region", "email", "score");

    // The analyst's grants hold, under the same filter and mask.
    sql("INSERT INTO " + asAnalyst + ".sales." + t + " VALUES (1, 'EMEA', 'a@x.com', 7), (2, 'AMER', 'b@x.com', 8)");
    assertThat(rows("SELECT * FROM " + asAnalyst + ".sales." + t + " ORDER BY id")).containsExactly("[1,EMEA,***,7]");
    assertThat(stored(t)).containsExactly("[1,EMEA,a@x.com,7]", "[2,AMER,b@x.com,8]");

    // CREATE OR REPLACE ... AS SELECT, spelled with backquotes and in upper case; a column retyped.
    sql("CREATE OR REPLACE TABLE `" + asOwnerThroughEngine + "`.`SALES`.`" + t.toUpperCase(Locale.ROOT) + "` USING DELTA"
        + " AS SELECT CAST(id AS BIGINT) AS id, region, email, 'x' AS note FROM VALUES (5, 'EMEA', 'e@x.com'),"
        + " (6, 'APAC', 'f@x.com') AS v(id, region, email)");
    assertThat(gatehouseColumns(t)).isEqualTo("region STRING,email STRING,id LONG,note STRING");
    assertThat(stored(t)).containsExactly("[5,EMEA,e@x.com,x]", "[6,APAC,f@x.com,x]");
    assertThat(history(t)).hasSize(versions + 3).first().asString().contains("CREATE OR REPLACE TABLE AS SELECT");
    assertThat(info(t).path("table_id").asText()).isEqualTo(tableId);
    assertThat(rows("SELECT * FROM " + asAnalyst + ".sales." + t + " ORDER BY id")).containsExactly("[5,EMEA,***,x]");
    // The older versions stay in the history.
    assertThat(rows("SELECT count(*) FROM " + asEditor + ".sales." + t + " VERSION AS OF " + (versions - 1)))
        .containsExactly("[4]");
  }

  @Test
  void aReplaceWithoutTheFilterOrMaskColumnsIsRefusedAndNothingChanges() {
    String t = governedTable();
    String table = asOwnerThroughEngine + ".sales." + t;
    String columns = gatehouseColumns(t);
    List<String> before = history(t);
    Map<String, String> statements = new LinkedHashMap<>();
    statements.put("no filter column", "REPLACE TABLE " + table + " (id INT, email STRING, note STRING) USING delta");
    statements.put("no masked column", "REPLACE TABLE " + table + " (id INT, region STRING, note STRING) USING delta");
    statements.put("masked column retyped", "REPLACE TABLE " + table + " (id INT, region STRING, email INT) USING delta");
    statements.put("upper case, or replace", "CREATE OR REPLACE TABLE " + asOwnerThroughEngine + ".SALES."
        + t.toUpperCase(Locale.ROOT) + " (ID INT, REGION STRING) USING delta");
    statements.put("as select", "CREATE OR REPLACE TABLE " + table + " USING delta AS SELECT 1 AS id, 'EMEA' AS region");
    SoftAssertions softly = new SoftAssertions();
    statements.forEach((name, statement) -> softly.assertThatThrownBy(() -> sql(statement)).as(name)
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("first")));
    softly.assertAll();
    assertThat(gatehouseColumns(t)).isEqualTo(columns);
    assertThat(history(t)).isEqualTo(before);
    assertThat(stored(t)).isEqualTo(ROWS);
  }

  @Test
  void aReplaceNeedsManageAndModify() {
    String t = plainTable();
    String columns = gatehouseColumns(t);
    List<String> before = history(t);
    // The editor holds SELECT and MODIFY, not MANAGE; the auditor SELECT only.
    assertThatThrownBy(() -> sql("REPLACE TABLE " + asEditor + ".sales." + t + " (id INT) USING delta"))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("MANAGE"));
    assertThatThrownBy(() -> sql("CREATE OR REPLACE TABLE " + asEditor + ".sales." + t + " (id INT, region STRING,"
        + " email STRING, note STRING) USING delta"))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("MANAGE"));
    assertThatThrownBy(() -> sql("REPLACE TABLE " + asAuditor + ".sales." + t + " (id INT) USING delta"))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("MODIFY"));
    assertThatThrownBy(() -> sql("REPLACE TABLE " + asOwner + ".sales." + t + " (id INT) USING parquet"))
        .satisfies(e -> assertThat(messages(e)).contains("USING delta"));
    assertThat(gatehouseColumns(t)).isEqualTo(columns);
    assertThat(history(t)).isEqualTo(before);
    assertThat(stored(t)).isEqualTo(ROWS);

    // With MANAGE the editor may.
    server.grant("table", warehouse + ".sales." + t, SparkWorld.userOf(asEditor), "MANAGE");
    sql("REPLACE TABLE " + asEditor + ".sales." + t + " (id INT, note STRING) USING delta");
    assertThat(gatehouseColumns(t)).isEqualTo("id INT,note STRING");

    // CREATE OR REPLACE of a table that does not exist creates it: CREATE TABLE on the schema.
    String fresh = GatehouseServer.unique("fresh");
    assertThatThrownBy(() -> sql("CREATE OR REPLACE TABLE " + asEditor + ".sales." + fresh + " (id INT) USING delta"))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused"));
    sql("CREATE OR REPLACE TABLE " + asOwner + ".sales." + fresh + " (id INT) USING delta");
    assertThat(gatehouseColumns(fresh)).isEqualTo("id INT");
  }

  @Test
  void anIcebergTableIsNotReplaced() {
    String t = GatehouseServer.unique("ice");
    sql("CREATE TABLE " + asOwner + ".sales." + t + " (id INT, note STRING) USING iceberg");
    sql("INSERT INTO " + asOwner + ".sales." + t + " VALUES (1, 'n1')");
    assertThatThrownBy(() -> sql("REPLACE TABLE " + asOwner + ".sales." + t + " (id INT) USING delta"))
        .satisfies(e -> assertThat(messages(e)).contains("served for DELTA tables").contains("ICEBERG"));
    assertThatThrownBy(() -> sql("CREATE OR REPLACE TABLE " + asOwner + ".sales." + t + " USING iceberg AS SELECT 2 AS id"))
        .satisfies(e -> assertThat(messages(e)).contains("served for DELTA tables"));
    assertThat(gatehouseColumns(t)).isEqualTo("id INT,note STRING");
    assertThat(rows("SELECT * FROM " + asOwner + ".sales." + t)).containsExactly("[1,n1]");
  }

  @Test
  void aReplaceAsSelectByAFilteredReaderWritesWhatTheReaderSees() {
    String source = governedTable();
    String target = plainTable();
    server.grant("table", warehouse + ".sales." + target, SparkWorld.userOf(asAnalyst), "MANAGE");
    sql("CREATE OR REPLACE TABLE " + asAnalyst + ".sales." + target + " USING delta AS SELECT * FROM " + asAnalyst
        + ".sales." + source);
    assertThat(stored(target)).containsExactly("[1,EMEA,***,n1]", "[3,EMEA,***,n3]");
    sql("REPLACE TABLE " + asAnalyst + ".sales." + target + " USING delta AS SELECT id, email FROM " + asAnalyst
        + ".sales." + source + " WHERE region <> 'EMEA'");
    assertThat(stored(target)).isEmpty();
    assertThat(gatehouseColumns(target)).isEqualTo("id INT,email STRING");
  }
}
