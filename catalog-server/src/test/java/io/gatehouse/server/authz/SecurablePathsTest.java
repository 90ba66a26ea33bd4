package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.Storage;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The view {@code securable_paths} (V12) that the policy snapshot and SHOW GRANTS TO read: every
 * kind of securable with its path of ids and its full name, and nothing for one that was dropped.
 */
@QuarkusTest
class SecurablePathsTest {
  private static final String SQL = "/api/gatehouse/v1/sql";

  @Inject AgroalDataSource dataSource;

  private static ValidatableResponse sql(String script) {
    return Api.json().body(Map.of("statement", script)).post(SQL).then();
  }

  private static void grant(String type, String name, String principal, String... privileges) {
    Storage.grant(type, name, principal, privileges);
  }

  @Test
  void showGrantsToNamesEveryKindOfSecurableByItsFullName() {
    String user = Storage.user("paths");
    String schema = Api.schema();
    String[] s = schema.split("\\.");
    String table = schema + ".t";
    Api.post("/tables", Api.externalTable(s[0], s[1], "t", "s3://paths/" + Api.unique("t"))).statusCode(200);
    Api.post("/volumes", Map.of("catalog_name", s[0], "schema_name", s[1], "name", "v", "volume_type", "EXTERNAL",
        "storage_location", "s3://paths/" + Api.unique("v"))).statusCode(200);
    sql("CREATE FUNCTION " + schema + ".f(r STRING) RETURN r = 'EU'").statusCode(200);
    String credential = Storage.credential("arn:aws:iam::123456789012:role/paths", null);
    String location = Storage.location("s3://paths-" + Api.unique("l").toLowerCase().replace('_', '-'), credential);

    sql("GRANT CREATE CATALOG ON METASTORE TO `" + user + "`").statusCode(200);
    grant("catalog", s[0], user, "USE CATALOG");
    grant("schema", schema, user, "USE SCHEMA");
    grant("table", table, user, "SELECT");
    grant("volume", schema + ".v", user, "READ VOLUME");
    grant("function", schema + ".f", user, "EXECUTE");
    grant("external_location", location, user, "READ FILES");
    grant("credential", credential, user, "CREATE EXTERNAL TABLE");

    String metastore = Api.get("/metastore_summary").statusCode(200).extract().path("name");
    sql("SHOW GRANTS TO `" + user + "`").statusCode(200).body("results[0].rows", containsInAnyOrder(
        List.of(user, "CREATE CATALOG", "METASTORE", metastore),
        List.of(user, "USE CATALOG", "CATALOG", s[0]),
        List.of(user, "USE SCHEMA", "SCHEMA", schema),
        List.of(user, "SELECT", "TABLE", table),
        List.of(user, "READ VOLUME", "VOLUME", schema + ".v"),
        List.of(user, "EXECUTE", "FUNCTION", schema + ".f"),
        List.of(user, "READ FILES", "EXTERNAL LOCATION", location),
        List.of(user, "CREATE EXTERNAL TABLE", "STORAGE CREDENTIAL", credential)));

    Api.delete("/tables/" + table).statusCode(200);
    sql("SHOW GRANTS TO `" + user + "`").statusCode(200)
        .body("results[0].rows.findAll { it[2] == 'TABLE' }", equalTo(List.of()))
        .body("results[0].rows.size()", equalTo(7));
  }

  @Test
  void aTableIsItsCatalogSchemaAndOwnIdAndADroppedOneIsGone() throws Exception {
    String schema = Api.schema();
    String[] s = schema.split("\\.");
    String catalogId = Api.get("/catalogs/" + s[0]).statusCode(200).extract().path("id");
    String schemaId = Api.get("/schemas/" + schema).statusCode(200).extract().path("schema_id");
    String tableId = Api.post("/tables", Api.externalTable(s[0], s[1], "t", "s3://paths/" + Api.unique("t")))
        .statusCode(200).extract().path("table_id");

    // The server's own connections (the application's role) read the view.
    assertThat(row(tableId)).containsExactly("TABLE", catalogId, schemaId, tableId, schema + ".t");
    assertThat(row(schemaId)).containsExactly("SCHEMA", catalogId, schemaId, null, schema);
    assertThat(row(catalogId)).containsExactly("CATALOG", catalogId, null, null, s[0]);

    Api.delete("/tables/" + schema + ".t").statusCode(200);
    assertThat(row(tableId)).isEmpty();
  }

  @Test
  void aGrantOnADroppedTableDoesNotCarryOverToANewTableOfTheSameName() {
    String email = Identities.email("carry");
    Identities.user(email);
    String schema = Api.schema();
    String[] s = schema.split("\\.");
    Api.post("/tables", Api.externalTable(s[0], s[1], "t", "s3://paths/" + Api.unique("t"))).statusCode(200);
    grant("catalog", s[0], email, "USE CATALOG");
    grant("schema", schema, email, "USE SCHEMA");
    grant("table", schema + ".t", email, "SELECT");
    Identities.as(TestIssuer.jwt(email)).accept("application/json").get(Api.BASE + "/tables/" + schema + ".t").then().statusCode(200);

    Api.delete("/tables/" + schema + ".t").statusCode(200);
    Api.post("/tables", Api.externalTable(s[0], s[1], "t", "s3://paths/" + Api.unique("t"))).statusCode(200);
    Identities.as(TestIssuer.jwt(email)).accept("application/json")
        .get(Api.BASE + "/tables/" + schema + ".t").then().statusCode(403);
  }

  /** The view's row for one securable: type, root, schema, object, full name; empty if there is none. */
  private List<String> row(String id) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement("SELECT securable_type, root_id::text, schema_id::text, object_id::text,"
            + " full_name FROM securable_paths WHERE securable_id = ?")) {
      q.setObject(1, UUID.fromString(id));
      try (ResultSet rs = q.executeQuery()) {
        List<String> row = new ArrayList<>();
        if (rs.next()) {
          for (int i = 1; i <= 5; i++) {
            row.add(rs.getString(i));
          }
          assertThat(rs.next()).as("one row per securable").isFalse();
        }
        return row;
      }
    }
  }
}
