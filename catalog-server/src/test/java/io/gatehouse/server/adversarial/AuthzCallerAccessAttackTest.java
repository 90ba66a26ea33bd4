package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.AuthzAttacks.admin;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.adversarial.AuthzAttacks.Who;
import io.gatehouse.server.catalog.Api;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/gatehouse/v1/authz/access}, the caller's own access to an object it may see
 * (what the console asks before anything else), and {@code data-policies}, which BROWSE alone no
 * longer answers: the bound bodies of a table's filter and masks are for those who may read it.
 * Each boundary is tried through nested groups, other spellings, a DENY and another principal's
 * objects.
 */
@QuarkusTest
class AuthzCallerAccessAttackTest {
  private static final String ACCESS = "/api/gatehouse/v1/authz/access";
  private static final String DATA_POLICIES = "/api/gatehouse/v1/authz/data-policies";

  /** Catalog c, schema s, table t with a row filter and a mask whose bodies say secret things. */
  private static String world() {
    String c = Api.unique("access");
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".s;"
        + " CREATE FUNCTION " + c + ".s.only_emea(region STRING) RETURNS BOOLEAN RETURN region = 'EMEA_SECRET_REGION';"
        + " CREATE FUNCTION " + c + ".s.hide(e STRING) RETURNS STRING RETURN 'MASKED_BY_SECRET_RULE';"
        + " CREATE TABLE " + c + ".s.t (email STRING, region STRING);"
        + " ALTER TABLE " + c + ".s.t SET ROW FILTER " + c + ".s.only_emea ON (region);"
        + " ALTER TABLE " + c + ".s.t ALTER COLUMN email SET MASK " + c + ".s.hide");
    return c;
  }

  private static Response access(Who who, String type, String fullName) {
    return AuthzAttacks.as(who).queryParam("securable_type", type).queryParam("full_name", fullName).get(ACCESS);
  }

  private static JsonPath ok(Response r) {
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    return JsonPath.from(r.asString());
  }

  @Test
  void browseThroughANestedGroupIsBrowseOnlyAndGetsNoDataPolicies() {
    Who b = AuthzAttacks.user("browser");
    Who team = AuthzAttacks.group("team", b.id());
    Who stewards = AuthzAttacks.group("Stewards", team.id());
    Who others = AuthzAttacks.group("others", AuthzAttacks.user("someone-else").id());
    String c = world();
    admin("GRANT BROWSE ON CATALOG " + c + " TO `" + stewards.name().toUpperCase(Locale.ROOT) + "`");

    for (String[] o : new String[][] {{"catalog", c}, {"schema", c + ".s"}, {"table", c + ".s.t"},
        {"TABLE", (c + ".S.T").toUpperCase(Locale.ROOT)}, {"function", c + ".s.hide"}}) {
      JsonPath a = ok(access(b, o[0], o[1]));
      assertThat(a.getBoolean("browse_only")).as("%s %s", o[0], o[1]).isTrue();
      assertThat(a.getBoolean("manage")).isFalse();
      assertThat(a.getList("levels.manage", Boolean.class)).containsOnly(false);
      assertThat(a.getString("principal")).isEqualTo(b.name());
      // Her groups as decisions count them: the nested one too, and no one else's.
      assertThat(a.getList("groups", String.class)).extracting(g -> g.toLowerCase(Locale.ROOT))
          .contains(team.name().toLowerCase(Locale.ROOT), stewards.name().toLowerCase(Locale.ROOT))
          .doesNotContain(others.name().toLowerCase(Locale.ROOT));
    }
    // What her reads would be subject to is not hers to know: refused, and no body leaks.
    Response refused = AuthzAttacks.as(b).queryParam("full_name", c + ".s.t").get(DATA_POLICIES);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.asString()).doesNotContain("EMEA_SECRET_REGION").doesNotContain("MASKED_BY_SECRET_RULE");
    assertThat(AuthzAttacks.as(b).queryParam("full_name", (c + ".s.t").toUpperCase(Locale.ROOT))
        .queryParam("principal", b.name().toUpperCase(Locale.ROOT)).get(DATA_POLICIES).statusCode()).isEqualTo(403);
  }

  @Test
  void whoMayReadTheTableGetsItsDataPoliciesAndIsNotBrowseOnly() {
    Who r = AuthzAttacks.user("reader");
    Who readers = AuthzAttacks.group("readers", AuthzAttacks.group("inner", r.id()).id());
    String c = world();
    admin("GRANT USE CATALOG ON CATALOG " + c + " TO `" + readers.name() + "`;"
        + " GRANT USE SCHEMA, SELECT ON SCHEMA " + c + ".s TO `" + readers.name() + "`");
    JsonPath a = ok(access(r, "table", c + ".s.t"));
    assertThat(a.getBoolean("browse_only")).isFalse();
    assertThat(a.getBoolean("manage")).isFalse();
    JsonPath p = ok(AuthzAttacks.as(r).queryParam("full_name", c + ".s.t").get(DATA_POLICIES));
    assertThat(p.getString("row_filter")).contains("EMEA_SECRET_REGION");
  }

  @Test
  void manageFollowsOwnershipOfAContainerAndMANAGEThroughNestedGroups() {
    Who o = AuthzAttacks.user("schema-owner");
    Who m = AuthzAttacks.user("manager");
    Who managers = AuthzAttacks.group("managers", AuthzAttacks.group("mgr-inner", m.id()).id());
    String c = world();
    admin("GRANT USE CATALOG ON CATALOG " + c + " TO `" + o.name() + "`; ALTER SCHEMA " + c + ".s OWNER TO `" + o.name() + "`;"
        + " GRANT USE CATALOG ON CATALOG " + c + " TO `" + managers.name() + "`;"
        + " GRANT USE SCHEMA ON SCHEMA " + c + ".s TO `" + managers.name() + "`;"
        + " GRANT MANAGE ON TABLE " + c + ".s.t TO `" + managers.name() + "`");
    JsonPath owner = ok(access(o, "table", c + ".s.t"));
    assertThat(owner.getList("levels.securable_type", String.class)).containsExactly("catalog", "schema", "table");
    assertThat(owner.getList("levels.full_name", String.class)).containsExactly(c, c + ".s", c + ".s.t");
    assertThat(owner.getList("levels.manage", Boolean.class)).containsExactly(false, true, true);
    assertThat(owner.getBoolean("manage")).isTrue();
    JsonPath manager = ok(access(m, "table", c + ".s.t"));
    assertThat(manager.getList("levels.manage", Boolean.class)).containsExactly(false, false, true);
    // What it says agrees with what the server does: the policies of each level, for its managers only.
    for (int i = 0; i < 3; i++) {
      String type = owner.getString("levels[" + i + "].securable_type").toUpperCase(Locale.ROOT);
      String name = owner.getString("levels[" + i + "].full_name");
      for (var who : List.of(Map.entry(o, owner), Map.entry(m, manager))) {
        int status = AuthzAttacks.as(who.getKey()).get(Api.BASE + "/policies/" + type + "/" + name).statusCode();
        assertThat(status).as("%s on %s %s", who.getKey().name(), type, name)
            .isEqualTo(who.getValue().getBoolean("levels[" + i + "].manage") ? 200 : 403);
      }
    }
  }

  @Test
  void anObjectTheCallerMayNotSeeIsRefusedAsItsGetIsWhateverTheSpelling() {
    Who x = AuthzAttacks.user("outsider");
    String c = world();
    // BROWSE on schema s only: its table is hers to see, schema s2 and what it holds are not.
    admin("CREATE SCHEMA " + c + ".s2; CREATE TABLE " + c + ".s2.closed (secret STRING);"
        + " CREATE FUNCTION " + c + ".s2.closed_fn(x STRING) RETURNS STRING RETURN 'SECRET_BODY';"
        + " GRANT BROWSE ON SCHEMA " + c + ".s TO `" + x.name() + "`");
    JsonPath t = ok(access(x, "table", c + ".s.t"));
    assertThat(t.getBoolean("browse_only")).isTrue();
    assertThat(t.getList("levels.manage", Boolean.class)).containsOnly(false);
    for (String[] o : new String[][] {{"table", "/tables/", c + ".s2.closed"}, {"TABLE", "/tables/", (c + ".s2.closed").toUpperCase(Locale.ROOT)},
        {"table", "/tables/", c + ".S2.Closed"}, {"function", "/functions/", c + ".s2.closed_fn"}, {"schema", "/schemas/", c + ".s2"}}) {
      Response a = access(x, o[0], o[2]);
      int get = AuthzAttacks.as(x).queryParam("include_browse", true).get(Api.BASE + o[1] + o[2]).statusCode();
      assertThat(a.statusCode()).as(o[2]).isEqualTo(get).isIn(403, 404);
      assertThat(a.asString()).doesNotContain("browse_only").doesNotContain("levels").doesNotContain("SECRET");
    }
    // Another principal's table elsewhere, and one that does not exist: as GET answers them.
    String other = world();
    for (String name : List.of(other + ".s.t", other + ".s.nothing")) {
      int get = AuthzAttacks.as(x).queryParam("include_browse", true).get(Api.BASE + "/tables/" + name).statusCode();
      assertThat(access(x, "table", name).statusCode()).as(name).isEqualTo(get);
    }
    // Bad input: 400 in the error shape, never a 500.
    for (Map<String, String> bad : List.of(Map.of("full_name", c + ".s.t"), Map.of("securable_type", "table"),
        Map.of("securable_type", "tabel", "full_name", c + ".s.t"), Map.of("securable_type", "table", "full_name", "a\u0000b"))) {
      Response r = AuthzAttacks.as(x).queryParams(bad).get(ACCESS);
      assertThat(r.statusCode()).as("%s", bad).isIn(400, 404);
      assertThat(r.asString()).contains("error_code").doesNotContain("Exception");
    }
  }
}
