package io.gatehouse.spark;

import static io.gatehouse.spark.SparkWorld.messages;
import static io.gatehouse.spark.SparkWorld.rows;
import static io.gatehouse.spark.SparkWorld.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.GatehouseServer.Principal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DELETE, UPDATE, MERGE and DESCRIBE HISTORY on Delta tables through GatehouseCatalog (the session
 * the other connector tests use). Each table is made by its owner with four rows, then given the
 * row filter (EMEA only, the trusted group exempt) and the e-mail mask (same exemption); through
 * the engine, acting for
 * <ul>
 *   <li>the editor: SELECT and MODIFY, exempt from both: every statement runs;</li>
 *   <li>the analyst: SELECT and MODIFY, filtered and masked: every statement is refused;</li>
 *   <li>the auditor: SELECT without MODIFY, exempt: every statement is refused.</li>
 * </ul>
 * The rows in storage afterwards (read by the editor, who sees them all) are compared with what
 * each may do. Column changes (ADD, RENAME, DROP COLUMN) reach Gatehouse's columns and the Delta
 * log, for the owner only, never for a column the filter or a mask names.
 */
class DeltaRowLevelCommandsTest {
  static final List<String> ROWS = GovernedSales.ROWS;

  static GovernedSales world;
  static GatehouseServer server;
  static SparkSession spark;
  static String warehouse;
  static Principal engine;
  static String asOwner;
  static String asOwnerThroughEngine;
  static String asEditor;
  static String asAnalyst;
  static String asAuditor;

  @BeforeAll
  static void world() {
    spark = SparkWorld.session();
    world = new GovernedSales("dml");
    server = world.server;
    warehouse = world.warehouse;
    engine = world.engine;
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

  @Test
  void aWriterNoPolicyRestrictsDeletesUpdatesAndMerges() {
    String t = governedTable();
    String table = asEditor + ".sales." + t;
    sql("DELETE FROM " + table + " WHERE id = 2");
    // The editor reads raw values, and may copy them.
    sql("UPDATE " + table + " SET note = email WHERE region = 'EMEA'");
    // Other spellings of the same table: backquotes, another case.
    sql("UPDATE `" + asEditor + "`.`sales`.`" + t + "` SET note = 'apac' WHERE id = 4");
    sql("MERGE INTO " + asEditor + ".SALES." + t.toUpperCase(java.util.Locale.ROOT) + " AS t"
        + " USING (SELECT 3 AS id, 'EMEA' AS region, 'c2@x.com' AS email, 'm3' AS note"
        + " UNION ALL SELECT 5, 'AMER', 'e@x.com', 'm5') AS s ON t.id = s.id"
        + " WHEN MATCHED THEN UPDATE SET email = s.email, note = s.note"
        + " WHEN NOT MATCHED THEN INSERT *");
    assertThat(stored(t)).containsExactly("[1,EMEA,a@x.com,a@x.com]", "[3,EMEA,c2@x.com,m3]", "[4,APAC,d@x.com,apac]",
        "[5,AMER,e@x.com,m5]");
    // Delta's own history of the table: its creation, the owner's insert, the four statements.
    assertThat(history(t)).containsExactly("[5,MERGE]", "[4,UPDATE]", "[3,UPDATE]", "[2,DELETE]", "[1,WRITE]",
        "[0,WRITE]");
    // The analyst still reads only EMEA rows, masked, after the editor's changes.
    assertThat(rows("SELECT * FROM " + asAnalyst + ".sales." + t + " ORDER BY id"))
        .containsExactly("[1,EMEA,***,a@x.com]", "[3,EMEA,***,m3]");
  }

  @Test
  void aReaderWithoutModifyIsRefusedAndNothingChanges() {
    String t = governedTable();
    String table = asAuditor + ".sales." + t;
    Map<String, String> statements = new LinkedHashMap<>();
    statements.put("DELETE", "DELETE FROM " + table + " WHERE id = 2");
    statements.put("DELETE all", "DELETE FROM " + table);
    statements.put("UPDATE", "UPDATE " + table + " SET note = 'x'");
    statements.put("MERGE", "MERGE INTO " + table + " t USING (SELECT 1 AS id) s ON t.id = s.id"
        + " WHEN MATCHED THEN DELETE");
    SoftAssertions softly = new SoftAssertions();
    statements.forEach((name, statement) -> softly.assertThatThrownBy(() -> sql(statement)).as(name)
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("MODIFY")));
    softly.assertAll();
    assertThat(stored(t)).isEqualTo(ROWS);
    assertThat(history(t)).hasSize(2);
    // Reading it is still fine.
    assertThat(rows("SELECT * FROM " + table + " ORDER BY id")).isEqualTo(ROWS);
  }

  @Test
  void aReaderWhomTheFilterOrMaskAppliesToIsRefusedEveryRowLevelCommand() {
    String t = governedTable();
    String table = asAnalyst + ".sales." + t;
    Map<String, String> statements = new LinkedHashMap<>();
    statements.put("DELETE every row", "DELETE FROM " + table);
    statements.put("DELETE hidden rows", "DELETE FROM " + table + " WHERE region = 'AMER'");
    statements.put("DELETE by a masked value", "DELETE FROM " + table + " WHERE email = 'a@x.com'");
    statements.put("UPDATE copying the masked column", "UPDATE " + table + " SET note = email");
    statements.put("UPDATE moving a hidden row into view", "UPDATE " + table + " SET region = 'EMEA' WHERE id = 2");
    statements.put("UPDATE a visible row", "UPDATE " + table + " SET note = 'x' WHERE id = 1");
    statements.put("MERGE probing hidden rows", "MERGE INTO " + table + " t USING (SELECT 2 AS id) s ON t.id = s.id"
        + " WHEN MATCHED THEN UPDATE SET note = 'found'");
    statements.put("MERGE joined on the masked column", "MERGE INTO " + table + " t USING (SELECT 'b@x.com' AS email) s"
        + " ON t.email = s.email WHEN MATCHED THEN DELETE");
    statements.put("MERGE inserting only", "MERGE INTO " + table + " t USING (SELECT 9 AS id) s ON t.id = s.id"
        + " WHEN NOT MATCHED THEN INSERT (id, region, email, note) VALUES (s.id, 'EMEA', 'z', 'z')");
    statements.put("backquoted", "DELETE FROM `" + asAnalyst + "`.`sales`.`" + t + "` WHERE id = 2");
    statements.put("upper case", "DELETE FROM " + asAnalyst + ".SALES." + t.toUpperCase(java.util.Locale.ROOT));
    statements.put("aliased", "DELETE FROM " + table + " AS x WHERE x.id = 2");
    statements.put("DESCRIBE HISTORY", "DESCRIBE HISTORY " + table);
    SoftAssertions softly = new SoftAssertions();
    statements.forEach((name, statement) -> softly.assertThatThrownBy(() -> sql(statement)).as(name)
        .satisfies(e -> assertThat(messages(e)).contains("row filter or column masks")));
    softly.assertAll();
    assertThat(stored(t)).isEqualTo(ROWS);
    assertThat(history(t)).hasSize(2);
  }

  @Test
  void aMergeSourceIsReadUnderItsOwnFilterAndMasks() {
    String governed = governedTable();
    String target = plainTable(); // no filter or mask: the analyst may change it
    String into = asAnalyst + ".sales." + target;
    String from = asAnalyst + ".sales." + governed;
    // Joined on the masked column: the source's e-mails are '***' for the analyst, so nothing matches.
    sql("MERGE INTO " + into + " t USING " + from + " s ON t.email = s.email"
        + " WHEN MATCHED THEN UPDATE SET note = 'matched'");
    assertThat(stored(target)).isEqualTo(ROWS);
    // Inserts what the analyst sees of the source: EMEA rows, masked.
    sql("MERGE INTO " + into + " t USING " + from + " s ON t.id = s.id + 100"
        + " WHEN NOT MATCHED THEN INSERT (id, region, email, note) VALUES (s.id + 100, s.region, s.email, s.note)");
    // Probing the source's hidden rows by the ON condition finds nothing either.
    sql("MERGE INTO " + into + " t USING " + from + " s ON t.id = s.id AND s.region = 'AMER'"
        + " WHEN MATCHED THEN UPDATE SET note = 'hidden'");
    assertThat(stored(target)).containsExactly(ROWS.get(0), ROWS.get(1), ROWS.get(2), ROWS.get(3),
        "[101,EMEA,***,n1]", "[103,EMEA,***,n3]");
  }

  @Test
  void rowLevelCommandsThroughAViewOrByPathAreRefused() {
    String t = governedTable();
    String location = GatehouseServer.field(server.call("GET", "/api/2.1/unity-catalog/tables/" + warehouse + ".sales." + t,
        null, server.adminToken).body(), "storage_location");
    sql("CREATE OR REPLACE TEMPORARY VIEW dml_view AS SELECT * FROM " + asEditor + ".sales." + t);
    assertThatThrownBy(() -> sql("DELETE FROM dml_view WHERE id = 2"));
    assertThatThrownBy(() -> sql("UPDATE dml_view SET note = 'x'"));
    // Delta's table by path, with the very credentials vended to the engine for the editor, and a
    // row-level command token of its own making among the options.
    Map<String, String> keys = new HashMap<>(SparkWorld.vendedKeys(server, engine, warehouse + ".sales." + t,
        SparkWorld.userOf(asEditor)));
    assertThatThrownBy(() -> DeltaTable.forPath(spark, location, keys).updateExpr("id = 1", Map.of("note", "'x'")))
        .satisfies(e -> assertThat(messages(e)).contains("Refused"));
    // With a command token of its own making, and a credential scope that lets Delta read the log:
    // Delta's table by path is refused when the statement is analyzed, before any command runs.
    keys.put(RowLevelCommands.TOKEN(), java.util.UUID.randomUUID().toString());
    keys.put(TableOptions.SCOPE, "forged");
    assertThatThrownBy(() -> DeltaTable.forPath(spark, location, keys).delete("id = 2"))
        .satisfies(e -> assertThat(messages(e)).contains("Refused"));
    // SQL on the path, the keys in the session's configuration.
    keys.remove(RowLevelCommands.TOKEN());
    keys.remove(TableOptions.SCOPE);
    keys.forEach((k, v) -> spark.conf().set(k, v));
    try {
      assertThatThrownBy(() -> sql("MERGE INTO delta.`" + location + "` t USING (SELECT 2 AS id) s ON t.id = s.id"
          + " WHEN MATCHED THEN DELETE")).satisfies(e -> assertThat(messages(e)).contains("Refused"));
      assertThatThrownBy(() -> sql("DELETE FROM delta.`" + location + "` WHERE id = 2"))
          .satisfies(e -> assertThat(messages(e)).contains("Refused"));
    } finally {
      keys.keySet().forEach(k -> spark.conf().unset(k));
    }
    assertThat(stored(t)).isEqualTo(ROWS);
    assertThat(history(t)).hasSize(2);
  }

  /** The columns Gatehouse keeps for the table. */
  static String gatehouseColumns(String table) {
    List<String> names = new java.util.ArrayList<>();
    world.info(table).path("columns").forEach(c -> names.add(c.path("name").asText()));
    return String.join(",", names);
  }

  @Test
  void columnChangesReachGatehouseAndTheDeltaLog() {
    String t = plainTable();
    String table = asOwner + ".sales." + t;
    sql("ALTER TABLE " + table + " ADD COLUMNS (score INT COMMENT 'points')");
    assertThat(gatehouseColumns(t)).isEqualTo("id,region,email,note,score");
    sql("INSERT INTO " + table + " VALUES (5, 'EMEA', 'e@x.com', 'n5', 7)");
    assertThat(rows("SELECT id, score FROM " + table + " WHERE id >= 4 ORDER BY id")).containsExactly("[4,null]", "[5,7]");

    // Without column mapping Delta renames nothing: refused before either side changes.
    assertThatThrownBy(() -> sql("ALTER TABLE " + table + " RENAME COLUMN note TO remark"))
        .satisfies(e -> assertThat(messages(e)).contains("column mapping"));
    assertThat(gatehouseColumns(t)).isEqualTo("id,region,email,note,score");
    sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
    sql("ALTER TABLE " + table + " RENAME COLUMN note TO remark");
    sql("ALTER TABLE " + table + " DROP COLUMN score");
    assertThat(gatehouseColumns(t)).isEqualTo("id,region,email,remark");
    assertThat(rows("SELECT id, remark FROM " + table + " ORDER BY id")).containsExactly("[1,n1]", "[2,n2]", "[3,n3]",
        "[4,n4]", "[5,n5]");
    assertThat(spark.table(table).columns()).containsExactly("id", "region", "email", "remark");

    // The editor holds SELECT and MODIFY but not MANAGE: refused, and the log keeps its columns.
    assertThatThrownBy(() -> sql("ALTER TABLE " + asEditor + ".sales." + t + " ADD COLUMNS (x INT)"))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("MANAGE"));
    assertThat(gatehouseColumns(t)).isEqualTo("id,region,email,remark");
    assertThat(spark.table(table).columns()).containsExactly("id", "region", "email", "remark");
  }

  @Test
  void aColumnTheFilterOrMaskNamesIsNeitherRenamedNorDropped() {
    String t = governedTable();
    String table = asOwnerThroughEngine + ".sales." + t;
    sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
    int versions = history(t).size();
    Map<String, String> statements = new LinkedHashMap<>();
    statements.put("rename the filter's column", "ALTER TABLE " + table + " RENAME COLUMN region TO area");
    statements.put("drop the filter's column", "ALTER TABLE " + table + " DROP COLUMN region");
    statements.put("rename the masked column", "ALTER TABLE " + table + " RENAME COLUMN email TO contact");
    statements.put("drop the masked column", "ALTER TABLE " + table + " DROP COLUMN email");
    statements.put("upper case", "ALTER TABLE " + asOwnerThroughEngine + ".SALES." + t.toUpperCase(java.util.Locale.ROOT)
        + " DROP COLUMN EMAIL");
    SoftAssertions softly = new SoftAssertions();
    statements.forEach((name, statement) -> softly.assertThatThrownBy(() -> sql(statement)).as(name)
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("first")));
    softly.assertAll();
    assertThat(gatehouseColumns(t)).isEqualTo("id,region,email,note");
    assertThat(history(t)).hasSize(versions);
    // A column no policy names changes; the analyst still reads through the filter and mask.
    sql("ALTER TABLE " + table + " RENAME COLUMN note TO remark");
    assertThat(rows("SELECT * FROM " + asAnalyst + ".sales." + t + " ORDER BY id"))
        .containsExactly("[1,EMEA,***,n1]", "[3,EMEA,***,n3]");
    assertThat(spark.table(asAnalyst + ".sales." + t).columns()).containsExactly("id", "region", "email", "remark");
  }
}
