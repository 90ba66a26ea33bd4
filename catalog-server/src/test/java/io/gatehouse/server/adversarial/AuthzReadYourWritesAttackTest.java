package io.gatehouse.server.adversarial;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A write's answer means its change decides the next request on this replica. The catch-up after
 * a write reads the change log in one statement and, when only tables changed, the writer applies
 * it itself; anything else is loaded in a transaction. Here a revoke, a rename and a drop are each
 * followed at once by the reader's own request, the name spelled in another case, and no old
 * answer may still stand: not the revoked grant, not the old name, not the grant of a table that
 * went away and whose name came back.
 */
@QuarkusTest
class AuthzReadYourWritesAttackTest {
  private static final String SQL = "/api/gatehouse/v1/sql";

  private static void sql(String statement) {
    Api.json().body(Map.of("statement", statement)).post(SQL).then().statusCode(200);
  }

  /** A new service principal and a token of its own. */
  private record Reader(String name, String token) {
    RequestSpecification request() {
      return Identities.as(token);
    }
  }

  private static Reader reader() {
    String appId = Api.unique("ryw");
    Identities.servicePrincipal(appId);
    String token = Api.json().body(Map.of("application_id", appId, "comment", "reader"))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(200).extract().path("token_value");
    return new Reader(appId, token);
  }

  /** A schema the reader may use, with table {@code name} in it; returns the schema's full name. */
  private static String schemaWithTable(Reader reader, String name) {
    String schema = Api.schema();
    String catalog = schema.substring(0, schema.indexOf('.'));
    table(schema, name);
    sql("GRANT USE CATALOG ON CATALOG " + catalog + " TO `" + reader.name() + "`");
    sql("GRANT USE SCHEMA ON SCHEMA " + schema + " TO `" + reader.name() + "`");
    return schema;
  }

  private static void table(String schema, String name) {
    String catalog = schema.substring(0, schema.indexOf('.'));
    Api.post("/tables", Api.externalTable(catalog, schema.substring(catalog.length() + 1), name,
        "s3://read-your-writes/" + Api.unique(name))).statusCode(200);
  }

  private static int get(Reader reader, String fullName) {
    return reader.request().get(Api.BASE + "/tables/" + fullName).then().extract().statusCode();
  }

  @Test
  void aRevokeRefusesTheVeryNextRead() {
    Reader reader = reader();
    String schema = schemaWithTable(reader, "t");
    String table = schema + ".t";
    for (int round = 0; round < 5; round++) {
      sql("GRANT SELECT ON TABLE " + table + " TO `" + reader.name() + "`");
      reader.request().get(Api.BASE + "/tables/" + table.toUpperCase(Locale.ROOT)).then().statusCode(200)
          .body("full_name", equalTo(table));
      sql("REVOKE SELECT ON TABLE " + table + " FROM `" + reader.name() + "`");
      reader.request().get(Api.BASE + "/tables/" + table.toUpperCase(Locale.ROOT)).then()
          .statusCode(anyOf(is(403), is(404)));
    }
  }

  /**
   * A rename is a change of tables only, applied by the writer from the rows it read: the old
   * name, in any case, is gone at once; the grant went with the table; and a new table under the
   * old name does not inherit the renamed one's grant.
   */
  @Test
  void aRenamedTablesOldNameIsGoneAtOnceAndANewTableThereHasNoGrant() {
    Reader reader = reader();
    String schema = schemaWithTable(reader, "t");
    sql("GRANT SELECT ON TABLE " + schema + ".t TO `" + reader.name() + "`");
    for (int round = 0; round < 3; round++) {
      String renamed = "r" + round;
      sql("ALTER TABLE " + schema + ".t RENAME TO " + renamed);
      assertStatus(get(reader, (schema + ".T").toUpperCase(Locale.ROOT)), 404);
      assertStatus(get(reader, schema + "." + renamed.toUpperCase(Locale.ROOT)), 200);
      table(schema, "t");
      assertStatus(get(reader, schema + ".T"), 403, 404);
      sql("DROP TABLE " + schema + ".t");
      sql("ALTER TABLE " + schema + "." + renamed + " RENAME TO t");
      assertStatus(get(reader, schema + ".t"), 200);
    }
  }

  /** A drop is loaded in a transaction: a table made again under the name has none of the old grants. */
  @Test
  void aTableDroppedAndMadeAgainIsNotReadWithTheOldGrant() {
    Reader reader = reader();
    String schema = schemaWithTable(reader, "t");
    for (int round = 0; round < 3; round++) {
      sql("GRANT SELECT ON TABLE " + schema + ".t TO `" + reader.name() + "`");
      assertStatus(get(reader, schema + ".t"), 200);
      sql("DROP TABLE " + schema + ".t");
      table(schema, "t");
      assertStatus(get(reader, (schema + ".t").toUpperCase(Locale.ROOT)), 403, 404);
    }
  }

  private static void assertStatus(int actual, Integer... allowed) {
    org.assertj.core.api.Assertions.assertThat(actual).isIn((Object[]) allowed);
  }
}
