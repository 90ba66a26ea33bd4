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
 * A DENY takes away; it never shows. Before the fix, the visibility pass of listings counted deny
 * rows as grants: after {@code DENY SELECT ON SCHEMA c.hr TO x}, x listed every table of c.hr.
 */
@QuarkusTest
class AuthzDenyVisibilityAttackTest {

  /** A catalog with schema hr holding tables t1 and t2; {@code x} may use both containers. */
  private static String world(Who x) {
    String c = Api.unique("denyvis");
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".hr;"
        + " CREATE TABLE " + c + ".hr.t1 (id INT) LOCATION 's3://denyvis/" + c + "/t1';"
        + " CREATE TABLE " + c + ".hr.t2 (id INT) LOCATION 's3://denyvis/" + c + "/t2';"
        + " GRANT USE CATALOG ON CATALOG " + c + " TO `" + x.name() + "`;"
        + " GRANT USE SCHEMA ON SCHEMA " + c + ".hr TO `" + x.name() + "`");
    return c;
  }

  private static List<String> restTables(Who x, String c, boolean includeBrowse) {
    return AuthzAttacks.as(x).queryParam("catalog_name", c).queryParam("schema_name", "hr")
        .queryParam("include_browse", includeBrowse).get(Api.BASE + "/tables").then().statusCode(200)
        .extract().path("tables.name");
  }

  private static void seesNoTable(Who x, String c) {
    assertThat(restTables(x, c, false)).isEmpty();
    assertThat(restTables(x, c, true)).isEmpty();
    assertThat(column(x, "SHOW TABLES IN " + c + ".hr", 1)).isEmpty();
    assertThat(listAuthorized(x, SecurableType.TABLE, c + ".hr")).isEmpty();
    get(x, "/tables/" + c + ".hr.t1").statusCode(403);
    get(x, "/tables/" + c + ".hr.t1?include_browse=true").statusCode(403);
    sql(x, "DESCRIBE TABLE " + c + ".hr.t1").statusCode(403);
  }

  @Test
  void aDenyOnTheSchemaShowsNoneOfItsTables() {
    Who x = AuthzAttacks.user("denied");
    String c = world(x);
    seesNoTable(x, c);
    admin("DENY SELECT ON SCHEMA " + c + ".hr TO `" + x.name() + "`");
    seesNoTable(x, c);
  }

  @Test
  void aDenyToANestedGroupSpelledOtherwiseShowsNothingEither() {
    Who x = AuthzAttacks.user("nested");
    Who inner = AuthzAttacks.group("inner", x.id());
    Who outer = AuthzAttacks.group("outer", inner.id());
    String c = world(x);
    admin("DENY SELECT, MODIFY ON SCHEMA `" + c.toUpperCase() + "`.`HR` TO `" + outer.name().toUpperCase() + "`");
    seesNoTable(x, c);
    admin("DENY ALL PRIVILEGES ON CATALOG " + c + " TO `" + inner.name() + "`");
    assertThat(column(x, "SHOW CATALOGS", 0)).doesNotContain(c);
    assertThat(listAuthorized(x, SecurableType.CATALOG, "")).doesNotContain(c);
    sql(x, "SHOW SCHEMAS IN " + c).statusCode(403);
  }

  @Test
  void aDenyOfUseSchemaOnTheCatalogShowsNoSchema() {
    Who x = AuthzAttacks.user("noschemas");
    String c = Api.unique("denyuse");
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".a; CREATE SCHEMA " + c + ".b;"
        + " GRANT USE CATALOG ON CATALOG " + c + " TO `" + x.name() + "`;"
        + " DENY USE SCHEMA ON CATALOG " + c + " TO `" + x.name() + "`");
    assertThat(AuthzAttacks.as(x).queryParam("catalog_name", c).get(Api.BASE + "/schemas").then().statusCode(200)
        .extract().<List<String>>path("schemas.name")).isEmpty();
    assertThat(column(x, "SHOW SCHEMAS IN " + c, 0)).isEmpty();
    assertThat(listAuthorized(x, SecurableType.SCHEMA, c)).isEmpty();
    get(x, "/schemas/" + c + ".a").statusCode(403);
  }

  @Test
  void aDenyOnACatalogDoesNotListTheCatalog() {
    Who x = AuthzAttacks.user("nocatalog");
    String c = Api.unique("denycat");
    admin("CREATE CATALOG " + c + "; DENY USE CATALOG, BROWSE ON CATALOG " + c + " TO `" + x.name() + "`");
    List<String> listed = Api.pageThrough("/catalogs", java.util.Map.of("include_browse", "true"), "catalogs", 1000);
    assertThat(listed).contains(c); // the admin sees it
    assertThat(AuthzAttacks.as(x).queryParam("max_results", 1000).queryParam("include_browse", true).get(Api.BASE + "/catalogs")
        .then().statusCode(200).extract().<List<String>>path("catalogs.name")).doesNotContain(c);
    assertThat(column(x, "SHOW CATALOGS", 0)).doesNotContain(c);
    assertThat(listAuthorized(x, SecurableType.CATALOG, "")).doesNotContain(c);
    get(x, "/catalogs/" + c).statusCode(403);
  }

  @Test
  void aGrantThatADenyCancelsNoLongerShowsItsObject() {
    Who x = AuthzAttacks.user("cancelled");
    String c = world(x);
    admin("GRANT SELECT ON TABLE " + c + ".hr.t1 TO `" + x.name() + "`");
    assertThat(restTables(x, c, false)).containsExactly("t1");
    admin("DENY SELECT ON TABLE " + c + ".hr.t1 TO `" + x.name() + "`");
    seesNoTable(x, c);
  }

  @Test
  void aDenyOnOneTableHidesItFromAGrantOnItsSchema() {
    Who x = AuthzAttacks.user("partly");
    String c = world(x);
    admin("GRANT SELECT ON SCHEMA " + c + ".hr TO `" + x.name() + "`; DENY SELECT ON TABLE " + c + ".hr.t2 TO `" + x.name() + "`");
    assertThat(restTables(x, c, false)).containsExactly("t1");
    assertThat(restTables(x, c, true)).containsExactly("t1");
    assertThat(column(x, "SHOW TABLES IN " + c + ".hr", 1)).containsExactly("t1");
    assertThat(listAuthorized(x, SecurableType.TABLE, c + ".hr")).containsExactly(c + ".hr.t1");
    get(x, "/tables/" + c + ".hr.t2").statusCode(403);
    get(x, "/tables/" + c + ".hr.t1").statusCode(200);
  }
}
