package io.gatehouse.spark;

import static io.gatehouse.spark.SparkWorld.rows;
import static io.gatehouse.spark.SparkWorld.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.GatehouseServer.Principal;
import io.gatehouse.engines.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The world of the Delta command tests: a schema {@code sales} in the lake's warehouse, an owner
 * who may create tables in it, functions for a row filter (EMEA only) and an e-mail mask that
 * exempt a trusted group, and an engine acting for
 * <ul>
 *   <li>the editor: SELECT and MODIFY on each table, in the trusted group (exempt);</li>
 *   <li>the analyst: SELECT and MODIFY, filtered and masked;</li>
 *   <li>the auditor: SELECT only, exempt;</li>
 *   <li>the owner (whose own token gets no credentials for a filtered or masked table).</li>
 * </ul>
 * Principals are named with the test's prefix, so that tests sharing a lake do not meet.
 */
final class GovernedSales {
  static final List<String> ROWS = List.of("[1,EMEA,a@x.com,n1]", "[2,AMER,b@x.com,n2]", "[3,EMEA,c@x.com,n3]",
      "[4,APAC,d@x.com,n4]");

  final GatehouseServer server;
  final String warehouse;
  final Principal engine;
  final String asOwner;
  final String asOwnerThroughEngine;
  final String asEditor;
  final String asAnalyst;
  final String asAuditor;

  GovernedSales(String prefix) {
    Lake lake = Lake.get();
    server = lake.server;
    warehouse = lake.warehouse();
    server.post("/schemas", "{\"name\":\"sales\",\"catalog_name\":\"" + warehouse + "\"}");
    Principal owner = server.principal(prefix + "_owner");
    server.grant("catalog", warehouse, owner.name(), "USE CATALOG");
    server.grant("schema", warehouse + ".sales", owner.name(), "USE SCHEMA", "CREATE TABLE", "EXTERNAL USE SCHEMA");
    asOwner = SparkWorld.catalog(warehouse, owner.token(), null);
    String editor = server.user(prefix + "_editor");
    String analyst = server.user(prefix + "_analyst");
    String auditor = server.user(prefix + "_auditor");
    String trusted = server.group(prefix + "_trusted", server.scimId("Users", "userName", editor),
        server.scimId("Users", "userName", auditor));
    server.sql(warehouse, "sales", """
        CREATE FUNCTION %1$s.sales.emea_only(region STRING) RETURN is_account_group_member('%2$s') OR region = 'EMEA';
        CREATE FUNCTION %1$s.sales.hide_email(email STRING)
          RETURN CASE WHEN is_account_group_member('%2$s') THEN email ELSE '***' END;
        """.formatted(warehouse, trusted));
    for (String user : List.of(editor, analyst, auditor)) {
      SparkWorld.useSales(server, warehouse, user);
    }
    engine = server.principal(prefix + "_engine");
    server.join("engines", server.scimId("ServicePrincipals", "applicationId", engine.name()));
    asEditor = SparkWorld.catalog(warehouse, engine.token(), editor);
    asAnalyst = SparkWorld.catalog(warehouse, engine.token(), analyst);
    asAuditor = SparkWorld.catalog(warehouse, engine.token(), auditor);
    asOwnerThroughEngine = SparkWorld.catalog(warehouse, engine.token(), owner.name());
  }

  /** A new table with {@link #ROWS}, no filter or mask; the editor and analyst may write it, the auditor read it. */
  String plainTable() {
    String name = GatehouseServer.unique("people");
    sql("CREATE TABLE " + asOwner + ".sales." + name + " (id INT, region STRING, email STRING, note STRING) USING delta");
    sql("INSERT INTO " + asOwner + ".sales." + name + " VALUES (1, 'EMEA', 'a@x.com', 'n1'), (2, 'AMER', 'b@x.com', 'n2'),"
        + " (3, 'EMEA', 'c@x.com', 'n3'), (4, 'APAC', 'd@x.com', 'n4')");
    String fullName = warehouse + ".sales." + name;
    server.grant("table", fullName, SparkWorld.userOf(asEditor), "SELECT", "MODIFY");
    server.grant("table", fullName, SparkWorld.userOf(asAnalyst), "SELECT", "MODIFY");
    server.grant("table", fullName, SparkWorld.userOf(asAuditor), "SELECT");
    return name;
  }

  /** {@link #plainTable()} with the EMEA row filter on region and the mask on email. */
  String governedTable() {
    String name = plainTable();
    server.sql(warehouse, "sales", """
        ALTER TABLE %1$s.sales.%2$s SET ROW FILTER %1$s.sales.emea_only ON (region);
        ALTER TABLE %1$s.sales.%2$s ALTER COLUMN email SET MASK %1$s.sales.hide_email;
        """.formatted(warehouse, name));
    return name;
  }

  /** Every row of the table, as the editor (whom neither filter nor mask restricts) reads it. */
  List<String> stored(String table) {
    return rows("SELECT * FROM " + asEditor + ".sales." + table + " ORDER BY id");
  }

  /** The versions in the table's Delta log, newest first, with their operations. */
  List<String> history(String table) {
    return SparkWorld.session().sql("DESCRIBE HISTORY " + asEditor + ".sales." + table).select("version", "operation")
        .collectAsList().stream().map(Object::toString).toList();
  }

  /** The table as Gatehouse's REST API gives it to an admin. */
  JsonNode info(String table) {
    String body = server.call("GET", "/api/2.1/unity-catalog/tables/" + warehouse + ".sales." + table, null,
        server.adminToken).body();
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
