package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.AuthzAttacks.admin;
import static io.gatehouse.server.adversarial.AuthzAttacks.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.adversarial.AuthzAttacks.Who;
import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's search ({@code GET /api/gatehouse/v1/search}) answers only with what the caller
 * may see, decided as a GET of each object would be: a hidden object whose name, comment, tag or
 * column matches is never named, counted or hinted at, whatever the spelling of the text, and
 * the search agrees with GET object by object, through nested groups, BROWSE and DENY.
 */
@QuarkusTest
class AuthzCatalogSearchAttackTest {
  private static final String SEARCH = "/api/gatehouse/v1/search";

  /**
   * A catalog whose schema {@code open} holds a table, a view, a volume, a function and a model,
   * and whose schema {@code closed} holds a table, each carrying {@code marker} in a different
   * field; the caller's group (nested in another) gets USE and SELECT on {@code open} only.
   */
  private record World(String catalog, String marker, Who reader, Who stranger) {}

  private static World world(String prefix) {
    String c = Api.unique(prefix);
    String m = "zq" + Long.toString(System.nanoTime(), 36);
    Who reader = AuthzAttacks.user(prefix + "-reader");
    Who stranger = AuthzAttacks.user(prefix + "-stranger");
    Who inner = AuthzAttacks.group(prefix + "-inner", reader.id());
    Who outer = AuthzAttacks.group(prefix + "-outer", inner.id());
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".open; CREATE SCHEMA " + c + ".closed;"
        + " CREATE TABLE " + c + ".open.orders_" + m + " (id INT) LOCATION 's3://search/" + c + "/orders';"
        + " CREATE TABLE " + c + ".open.people (id INT, contact STRING COMMENT 'reach at " + m + "') LOCATION 's3://search/" + c + "/people';"
        + " ALTER TABLE " + c + ".open.people ALTER COLUMN id SET TAGS ('class_" + m + "' = 'x');"
        + " CREATE TABLE " + c + ".open.plain (id INT) COMMENT 'nothing here' LOCATION 's3://search/" + c + "/plain';"
        + " ALTER TABLE " + c + ".open.plain SET TAGS ('domain' = 'Sales_" + m.toUpperCase(Locale.ROOT) + "');"
        + " CREATE VOLUME " + c + ".open.files COMMENT 'files of " + m + "';"
        + " CREATE FUNCTION " + c + ".open.f_" + m + "(x INT) RETURN x + 1;"
        + " CREATE TABLE " + c + ".closed.secret_" + m + " (" + m + "_col STRING COMMENT '" + m + "')"
        + " COMMENT '" + m + "' LOCATION 's3://search/" + c + "/secret';"
        + " ALTER TABLE " + c + ".closed.secret_" + m + " SET TAGS ('" + m + "' = '" + m + "');"
        + " CREATE VOLUME " + c + ".closed.hidden_files COMMENT 'hidden " + m + "';"
        + " GRANT USE CATALOG ON CATALOG " + c + " TO `" + outer.name() + "`;"
        + " GRANT USE SCHEMA, SELECT, READ VOLUME, EXECUTE ON SCHEMA " + c + ".open TO `" + outer.name() + "`");
    Api.post("/models", Map.of("catalog_name", c, "schema_name", "open", "name", "model_" + m)).statusCode(200);
    Api.post("/models", Map.of("catalog_name", c, "schema_name", "closed", "name", "hidden_model_" + m)).statusCode(200);
    return new World(c, m, reader, stranger);
  }

  private static ValidatableResponse search(Who who, String q) {
    return AuthzAttacks.as(who).queryParam("q", q).queryParam("max_results", 200).get(SEARCH).then();
  }

  private static List<String> names(Who who, String q) {
    return search(who, q).statusCode(200).extract().path("results.full_name");
  }

  @Test
  void findsWhatTheReaderMaySeeByEveryFieldAndNothingElse() {
    World w = world("srch");
    String c = w.catalog();
    String m = w.marker();
    ValidatableResponse found = search(w.reader(), m).statusCode(200);
    assertThat(found.extract().<List<String>>path("results.full_name")).containsExactlyInAnyOrder(
        c + ".open.orders_" + m, c + ".open.people", c + ".open.plain", c + ".open.files", c + ".open.f_" + m,
        c + ".open.model_" + m);
    String body = found.extract().asString();
    assertThat(body).doesNotContain("closed", "secret", "hidden");
    assertThat(found.extract().<Boolean>path("truncated")).isFalse();
    // Each result says where it matched; name matches come first.
    assertThat(found.extract().<List<String>>path("results[0].matches.field")).contains("name");
    assertThat(found.extract().<List<String>>path("results.find { it.full_name == '" + c + ".open.people' }.matches.field"))
        .containsExactlyInAnyOrder("column_comment", "column_tag");
    assertThat(found.extract().<List<String>>path("results.find { it.full_name == '" + c + ".open.plain' }.matches.tag_value"))
        .containsExactly("Sales_" + m.toUpperCase(Locale.ROOT));
    assertThat(found.extract().<String>path("results.find { it.full_name == '" + c + ".open.model_" + m + "' }.securable_type"))
        .isEqualTo("REGISTERED_MODEL");
    // Someone with no grant at all finds nothing, and is told nothing more than that.
    ValidatableResponse none = search(w.stranger(), m).statusCode(200);
    assertThat(none.extract().<List<String>>path("results")).isEmpty();
    assertThat(none.extract().<Boolean>path("truncated")).isFalse();
    // The admin finds the hidden ones too.
    assertThat(Api.json().queryParam("q", m).queryParam("max_results", 200).get(SEARCH).then().statusCode(200)
        .extract().<List<String>>path("results.full_name"))
        .contains(c + ".closed.secret_" + m, c + ".closed.hidden_files", c + ".closed.hidden_model_" + m);
  }

  @Test
  void otherSpellingsOfTheTextFindNoMoreAndWildcardsAreLiteral() {
    World w = world("spell");
    String m = w.marker();
    List<String> plain = names(w.reader(), m);
    assertThat(names(w.reader(), m.toUpperCase(Locale.ROOT))).containsExactlyInAnyOrderElementsOf(plain);
    assertThat(names(w.reader(), "  " + m + "\t")).containsExactlyInAnyOrderElementsOf(plain);
    for (String q : List.of("secret_" + m, m + "_col", "hidden_" + m, "closed", "SECRET_" + m.toUpperCase(Locale.ROOT))) {
      assertThat(names(w.reader(), q)).as(q).noneMatch(n -> n.contains(".closed"));
    }
    // LIKE's wildcards and SQL's quotes are text, not syntax.
    for (String q : List.of("%", "_", "\\", "%" + m + "%", "' OR '1'='1", "'); DROP TABLE tables; --", m.charAt(0) + "%" + m.substring(2))) {
      search(w.reader(), q).statusCode(200);
      assertThat(names(w.reader(), q)).as(q).noneMatch(n -> n.contains(".closed"));
    }
    assertThat(names(w.reader(), m.charAt(0) + "%" + m.substring(2))).isEmpty();
    assertThat(names(w.reader(), "_" + m.substring(1))).isEmpty();
  }

  @Test
  void searchAgreesWithGetAfterDenyBrowseAndRevoke() {
    World w = world("agree");
    String c = w.catalog();
    String m = w.marker();
    // A DENY through another nested group takes the orders table away; BROWSE on the closed
    // schema shows its objects' metadata, as GET with include_browse=true does.
    Who denied = AuthzAttacks.group("agree-deny", w.reader().id());
    admin("DENY SELECT ON TABLE " + c + ".open.orders_" + m + " TO `" + denied.name() + "`;"
        + " GRANT BROWSE ON SCHEMA " + c + ".closed TO `" + w.reader().name() + "`");
    List<String> found = names(w.reader(), m);
    List<String> expected = new ArrayList<>();
    for (String[] object : new String[][] {
        {"/tables/", ".open.orders_" + m}, {"/tables/", ".open.people"}, {"/tables/", ".open.plain"},
        {"/volumes/", ".open.files"}, {"/functions/", ".open.f_" + m}, {"/models/", ".open.model_" + m},
        {"/tables/", ".closed.secret_" + m}, {"/volumes/", ".closed.hidden_files"}, {"/models/", ".closed.hidden_model_" + m}}) {
      int status = get(w.reader(), object[0] + c + object[1] + "?include_browse=true").extract().statusCode();
      assertThat(status).as(object[1]).isIn(200, 403);
      if (status == 200) {
        expected.add(c + object[1]);
      }
    }
    assertThat(expected).doesNotContain(c + ".open.orders_" + m).contains(c + ".closed.secret_" + m);
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    // Taking the grants back: the next search no longer finds them.
    admin("REVOKE BROWSE ON SCHEMA " + c + ".closed FROM `" + w.reader().name() + "`");
    assertThat(names(w.reader(), m)).noneMatch(n -> n.contains(".closed"));
  }

  @Test
  void aFullPageSaysMoreMayMatchOnlyAboutVisibleObjects() {
    World w = world("trunc");
    String m = w.marker();
    ValidatableResponse page = AuthzAttacks.as(w.reader()).queryParam("q", m).queryParam("max_results", 2).get(SEARCH).then()
        .statusCode(200);
    assertThat(page.extract().<List<String>>path("results")).hasSize(2);
    assertThat(page.extract().<Boolean>path("truncated")).isTrue();
    // The stranger's answer to the same page is empty and not truncated: hidden matches do not count.
    ValidatableResponse none = AuthzAttacks.as(w.stranger()).queryParam("q", m).queryParam("max_results", 1).get(SEARCH).then()
        .statusCode(200);
    assertThat(none.extract().<Boolean>path("truncated")).isFalse();
  }

  @Test
  void badInputIsA400AndNoCredentialsA401() {
    World w = world("badq");
    for (String q : List.of("", "   ", "x".repeat(201), "a\u0000b")) {
      Api.error(search(w.reader(), q), 400, "INVALID_ARGUMENT");
    }
    Api.error(AuthzAttacks.as(w.reader()).get(SEARCH).then(), 400, "INVALID_ARGUMENT");
    for (String n : List.of("0", "201", "-1", "ten", "1e3", "99999999999")) {
      Api.error(AuthzAttacks.as(w.reader()).queryParam("q", "x").queryParam("max_results", n).get(SEARCH).then(), 400,
          "INVALID_ARGUMENT");
    }
    io.restassured.RestAssured.given().queryParam("q", w.marker()).get(SEARCH).then().statusCode(401);
  }
}
