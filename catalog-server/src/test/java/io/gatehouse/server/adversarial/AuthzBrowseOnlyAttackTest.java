package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.AuthzAttacks.admin;
import static io.gatehouse.server.adversarial.AuthzAttacks.column;
import static io.gatehouse.server.adversarial.AuthzAttacks.get;
import static io.gatehouse.server.adversarial.AuthzAttacks.listAuthorized;
import static io.gatehouse.server.adversarial.AuthzAttacks.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.server.adversarial.AuthzAttacks.Who;
import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BROWSE shows metadata only where the caller asks for it with {@code include_browse=true}, as in
 * Unity Catalog. Before the fix, a principal with only BROWSE got a table's full metadata from a
 * plain {@code GET /tables/{full_name}}.
 */
@QuarkusTest
class AuthzBrowseOnlyAttackTest {

  /** A catalog with schema s holding table t, volume v and function f; BROWSE on the catalog to {@code b}. */
  private static String world(Who b) {
    String c = Api.unique("browse");
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".s;"
        + " CREATE TABLE " + c + ".s.t (id INT) LOCATION 's3://browse/" + c + "/t';"
        + " CREATE VOLUME " + c + ".s.v;"
        + " CREATE FUNCTION " + c + ".s.f(x INT) RETURN x + 1;"
        + " GRANT BROWSE ON CATALOG " + c + " TO `" + b.name() + "`");
    return c;
  }

  private static final String[][] GETS = {
    {"/catalogs/", ""}, {"/schemas/", ".s"}, {"/tables/", ".s.t"}, {"/volumes/", ".s.v"}, {"/functions/", ".s.f"}};

  @Test
  void getsRefuseBrowseOnlyUnlessIncludeBrowseIsAsked() {
    Who b = AuthzAttacks.user("browser");
    String c = world(b);
    for (String[] g : GETS) {
      Api.error(get(b, g[0] + c + g[1]), 403, "PERMISSION_DENIED");
      get(b, g[0] + c + g[1] + "?include_browse=false").statusCode(403);
      get(b, g[0] + c + g[1] + "?include_browse=true").statusCode(200);
    }
    get(b, "/tables/" + c + ".s.t?include_browse=maybe").statusCode(400);
  }

  @Test
  void listsShowBrowseOnlyItemsOnlyWithIncludeBrowse() {
    Who b = AuthzAttacks.user("lister");
    String c = world(b);
    for (String kind : List.of("tables", "volumes", "functions")) {
      assertThat(list(b, kind, c, false)).as(kind).isEmpty();
      assertThat(list(b, kind, c, true)).as(kind).hasSize(1);
    }
    assertThat(AuthzAttacks.as(b).queryParam("catalog_name", c).get(Api.BASE + "/schemas").then().statusCode(200)
        .extract().<List<String>>path("schemas.name")).isEmpty();
    assertThat(AuthzAttacks.as(b).queryParam("catalog_name", c).queryParam("include_browse", true).get(Api.BASE + "/schemas")
        .then().statusCode(200).extract().<List<String>>path("schemas.name")).containsExactly("s");
    assertThat(catalogs(b, false)).doesNotContain(c);
    assertThat(catalogs(b, true)).contains(c);
  }

  @Test
  void sqlAndGrpcDoNotShowBrowseOnlyObjects() {
    Who b = AuthzAttacks.user("sqlbrowser");
    String c = world(b);
    sql(b, "DESCRIBE TABLE " + c + ".s.t").statusCode(403);
    sql(b, "DESCRIBE SCHEMA " + c + ".s").statusCode(403);
    assertThat(column(b, "SHOW TABLES IN " + c + ".s", 1)).isEmpty();
    assertThat(column(b, "SHOW CATALOGS", 0)).doesNotContain(c);
    assertThat(listAuthorized(b, SecurableType.TABLE, c + ".s")).isEmpty();
    assertThat(listAuthorized(b, SecurableType.CATALOG, "")).doesNotContain(c);
  }

  @Test
  void useOnTheContainersWithBrowseIsStillBrowseOnlyForTheTable() {
    Who b = AuthzAttacks.user("user-and-browse");
    String c = world(b);
    admin("GRANT USE CATALOG ON CATALOG " + c + " TO `" + b.name() + "`; GRANT USE SCHEMA ON SCHEMA " + c + ".s TO `" + b.name() + "`");
    get(b, "/catalogs/" + c).statusCode(200);
    get(b, "/schemas/" + c + ".s").statusCode(200);
    get(b, "/tables/" + c + ".s.t").statusCode(403);
    assertThat(list(b, "tables", c, false)).isEmpty();
    admin("GRANT SELECT ON TABLE " + c + ".s.t TO `" + b.name() + "`");
    get(b, "/tables/" + c + ".s.t").statusCode(200);
    assertThat(list(b, "tables", c, false)).containsExactly("t");
  }

  private static List<String> list(Who b, String kind, String c, boolean includeBrowse) {
    return AuthzAttacks.as(b).queryParam("catalog_name", c).queryParam("schema_name", "s").queryParam("include_browse", includeBrowse)
        .get(Api.BASE + "/" + kind).then().statusCode(200).extract().path(kind + ".name");
  }

  private static List<String> catalogs(Who b, boolean includeBrowse) {
    return AuthzAttacks.as(b).queryParam("max_results", 1000).queryParam("include_browse", includeBrowse).get(Api.BASE + "/catalogs")
        .then().statusCode(200).extract().path("catalogs.name");
  }
}
