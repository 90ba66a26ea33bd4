package io.gatehouse.spark;

import static io.gatehouse.spark.SparkWorld.messages;
import static io.gatehouse.spark.SparkWorld.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.GatehouseServer.Principal;
import io.gatehouse.engines.Lake;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DDL from Spark runs as the session's user: an engine acting for a user creates, alters, renames
 * and drops with that user's rights (X-Gatehouse-On-Behalf-Of), what it creates belongs to the
 * user, and the engine's own rights, broader than the user's here, never stand in for them.
 */
class DdlOnBehalfTest {
  static Lake lake;
  static GatehouseServer server;
  static String warehouse;
  static String schema;
  static String builder;
  static String asBuilder;
  static String asBystander;

  @BeforeAll
  static void world() {
    lake = Lake.get();
    server = lake.server;
    SparkWorld.session();
    warehouse = lake.warehouse();
    schema = GatehouseServer.unique("ddl");
    server.post("/schemas", "{\"name\":\"" + schema + "\",\"catalog_name\":\"" + warehouse + "\"}");

    Principal engine = server.principal("ddl_engine");
    server.join("engines", server.scimId("ServicePrincipals", "applicationId", engine.name()));
    builder = server.user("builder");
    String bystander = server.user("bystander");
    for (String p : List.of(engine.name(), builder, bystander)) {
      server.grant("catalog", warehouse, p, "USE CATALOG");
      server.grant("schema", warehouse + "." + schema, p, "USE SCHEMA", "EXTERNAL USE SCHEMA");
    }
    // The engine may create tables itself; of the two users only the builder may.
    for (String p : List.of(engine.name(), builder)) {
      server.grant("schema", warehouse + "." + schema, p, "CREATE TABLE");
      server.grant("external_location", lake.location, p, "CREATE EXTERNAL TABLE");
    }
    server.grant("catalog", warehouse, engine.name(), "CREATE SCHEMA");
    asBuilder = SparkWorld.catalog(warehouse, engine.token(), builder);
    asBystander = SparkWorld.catalog(warehouse, engine.token(), bystander);
  }

  private static HttpResponse<String> table(String name) {
    return server.call("GET", "/api/2.1/unity-catalog/tables/" + warehouse + "." + schema + "." + name, null,
        server.adminToken);
  }

  private static JsonNode json(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aTableCreatedForAUserIsTheUsersAndOnlyItsOwnerAltersRenamesAndDropsIt() {
    String location = lake.url("warehouse/ext-" + warehouse + "/" + schema + "/built");
    assertThatThrownBy(() -> sql("CREATE TABLE " + asBystander + "." + schema + ".built (id INT) USING parquet LOCATION '"
        + location + "'")).satisfies(e -> assertThat(messages(e)).contains("PermissionDeniedException"));
    assertThat(table("built").statusCode()).isEqualTo(404);

    sql("CREATE TABLE " + asBuilder + "." + schema + ".built (id INT, note STRING) USING parquet LOCATION '" + location + "'");
    assertThat(GatehouseServer.field(table("built").body(), "owner")).isEqualTo(builder);

    // A property value with a quote and a backslash arrives as written.
    sql("ALTER TABLE " + asBuilder + "." + schema + ".built SET TBLPROPERTIES ('team' = 'it\\'s ours \\\\ all')");
    sql("COMMENT ON TABLE " + asBuilder + "." + schema + ".built IS 'built for the builder'");
    JsonNode altered = json(table("built").body());
    assertThat(altered.path("properties").path("team").asText()).isEqualTo("it's ours \\ all");
    assertThat(altered.path("comment").asText()).isEqualTo("built for the builder");

    assertThatThrownBy(() -> sql("ALTER TABLE " + asBystander + "." + schema + ".built SET TBLPROPERTIES ('team' = 'mine')"))
        .isNotNull();
    assertThatThrownBy(() -> sql("DROP TABLE " + asBystander + "." + schema + ".built")).isNotNull();
    assertThat(json(table("built").body()).path("properties").path("team").asText()).startsWith("it's ours");

    sql("ALTER TABLE " + asBuilder + "." + schema + ".built RENAME TO " + schema + ".built_renamed");
    assertThat(table("built").statusCode()).isEqualTo(404);
    assertThat(table("built_renamed").statusCode()).isEqualTo(200);

    sql("DROP TABLE " + asBuilder + "." + schema + ".built_renamed");
    assertThat(table("built_renamed").statusCode()).isEqualTo(404);
  }

  @Test
  void theEnginesOwnRightsCreateNoSchemaForAUserWithout() {
    String name = GatehouseServer.unique("ns");
    assertThatThrownBy(() -> sql("CREATE NAMESPACE " + asBuilder + "." + name))
        .satisfies(e -> assertThat(messages(e)).contains("PermissionDeniedException"));
    assertThat(server.call("GET", "/api/2.1/unity-catalog/schemas/" + warehouse + "." + name, null, server.adminToken)
        .statusCode()).isEqualTo(404);
  }
}
