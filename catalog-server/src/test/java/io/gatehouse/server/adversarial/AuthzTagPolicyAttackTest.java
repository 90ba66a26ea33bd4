package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.AuthzAttacks.admin;
import static io.gatehouse.server.adversarial.AuthzAttacks.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.proto.v1.ColumnMask;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.server.adversarial.AuthzAttacks.Who;
import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Governed tags and attribute-based policies under attack: values and keys in other spellings,
 * assigning without ASSIGN, managers creating policies without MANAGE or EXECUTE, exemptions
 * reached through nested groups, and tag keys in another case dodging a policy.
 */
@QuarkusTest
class AuthzTagPolicyAttackTest {

  /** A catalog owned by {@code owner} (so it may manage everything in it), table t, and a governed tag. */
  private static String[] world(Who owner) {
    String c = Api.unique("tagattack");
    String key = Api.unique("pii");
    Api.json().body(Map.of("tag_key", key, "values", List.of(Map.of("name", "ssn"), Map.of("name", "email"))))
        .post("/api/2.1/tag-policies").then().statusCode(200);
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".s;"
        + " CREATE TABLE " + c + ".s.t (id INT, ssn STRING) LOCATION 's3://tagattack/" + c + "/t';"
        + " CREATE FUNCTION " + c + ".s.hide(v STRING) RETURN 'x';"
        + " GRANT USE CATALOG, USE SCHEMA, SELECT ON CATALOG " + c + " TO `account users`;"
        + " ALTER CATALOG " + c + " OWNER TO `" + owner.name() + "`");
    return new String[] {c, key};
  }

  private static void allowAssign(String key, String principal) {
    Api.json().body(Map.of("changes", List.of(Map.of("principal", principal, "add", List.of("ASSIGN")))))
        .patch("/api/gatehouse/v1/tag-policies/" + key + "/permissions").then().statusCode(200);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> columnTags(String table, String column) {
    List<Map<String, Object>> columns = Api.get("/tables/" + table).statusCode(200).extract().path("columns");
    return columns.stream().filter(c -> column.equals(c.get("name"))).findFirst()
        .map(c -> (Map<String, String>) c.getOrDefault("tags", Map.of())).orElseThrow();
  }

  @Test
  void anOwnerWithoutAssignCannotSetOrUnsetAGovernedTagInAnySpellingOfItsKey() {
    Who owner = AuthzAttacks.user("tag-owner");
    String[] w = world(owner);
    String t = w[0] + ".s.t";
    for (String key : List.of(w[1], w[1].toUpperCase(), Character.toUpperCase(w[1].charAt(0)) + w[1].substring(1))) {
      Api.error(sql(owner, "ALTER TABLE " + t + " ALTER COLUMN ssn SET TAGS ('" + key + "' = 'ssn')"), 403, "PERMISSION_DENIED")
          .body("message", org.hamcrest.Matchers.containsString("ASSIGN"));
      Api.error(sql(owner, "ALTER TABLE " + t + " SET TAGS ('" + key + "' = 'ssn')"), 403, "PERMISSION_DENIED");
    }
    // An ungoverned tag is still the owner's to set.
    sql(owner, "ALTER TABLE " + t + " SET TAGS ('team' = 'a')").statusCode(200);

    admin("ALTER TABLE " + t + " ALTER COLUMN ssn SET TAGS ('" + w[1] + "' = 'ssn')");
    Api.error(sql(owner, "ALTER TABLE " + t + " ALTER COLUMN ssn UNSET TAGS ('" + w[1].toUpperCase() + "')"), 403,
        "PERMISSION_DENIED");
    assertThat(columnTags(t, "ssn")).containsEntry(w[1], "ssn");
  }

  /**
   * Databricks' other spelling, {@code SET TAG ON} and {@code UNSET TAG ON}, with the key and value
   * as names or strings: checked exactly as SET TAGS is (ASSIGN, allowed values, one key whatever
   * its case), and covered by policies at once.
   */
  @Test
  void setTagOnIsCheckedAndMatchedAsSetTags() {
    Who owner = AuthzAttacks.user("settag-owner");
    Who reader = AuthzAttacks.user("settag-reader");
    String[] w = world(owner);
    String c = w[0];
    String t = c + ".s.t";
    admin("CREATE POLICY m ON CATALOG " + c + " COLUMN MASK " + c + ".s.hide TO `account users` FOR TABLES"
        + " MATCH COLUMNS has_tag_value('" + w[1] + "', 'ssn') AS s ON COLUMN s");
    for (String statement : List.of("SET TAG ON COLUMN " + t + ".ssn `" + w[1] + "` = `ssn`",
        "set tag on column `" + c + "`.`s`.`t`.`ssn` " + w[1].toUpperCase() + " = ssn",
        "SET TAG ON TABLE " + t + " '" + w[1] + "' = 'ssn'")) {
      Api.error(sql(owner, statement), 403, "PERMISSION_DENIED").body("message", org.hamcrest.Matchers.containsString("ASSIGN"));
    }
    assertThat(masks(reader, t)).isEmpty();
    admin("SET TAG ON COLUMN " + t + ".ssn `" + w[1].toUpperCase() + "` = `ssn`");
    assertThat(columnTags(t, "ssn")).containsExactly(Map.entry(w[1], "ssn"));
    assertThat(masks(reader, t)).containsExactly(Map.entry("ssn", "'x'"));
    Api.error(sql(owner, "UNSET TAG ON COLUMN " + t + ".ssn " + w[1]), 403, "PERMISSION_DENIED");
    Api.error(Api.json().body(Map.of("statement", "SET TAG ON COLUMN " + t + ".ssn " + w[1] + " = SSN"))
        .post("/api/gatehouse/v1/sql").then(), 400, "INVALID_ARGUMENT");
    assertThat(masks(reader, t)).containsExactly(Map.entry("ssn", "'x'"));
    admin("UNSET TAG ON COLUMN " + t + ".ssn `" + w[1] + "`");
    assertThat(columnTags(t, "ssn")).isEmpty();
    assertThat(masks(reader, t)).isEmpty();
    // An ungoverned key, without a value, on a table; kinds without tags and bare column names are refused.
    sql(owner, "SET TAG ON TABLE " + t + " team").statusCode(200);
    Api.get("/tables/" + t).statusCode(200).body("tags.team", org.hamcrest.Matchers.equalTo(""));
    sql(owner, "UNSET TAG ON TABLE " + t + " TEAM").statusCode(200);
    Api.error(sql(owner, "SET TAG ON FUNCTION " + c + ".s.hide team"), 400, "INVALID_ARGUMENT");
    Api.error(sql(owner, "SET TAG ON COLUMN ssn team"), 400, "INVALID_ARGUMENT");
  }

  @Test
  void assignThroughANestedGroupAllowsOnlyTheAllowedValuesExactlyAsSpelled() {
    Who owner = AuthzAttacks.user("tag-assigner");
    Who inner = AuthzAttacks.group("taggers-inner", owner.id());
    Who outer = AuthzAttacks.group("taggers", inner.id());
    String[] w = world(owner);
    String t = w[0] + ".s.t";
    allowAssign(w[1], outer.name());
    for (String value : List.of("SSN", "Ssn", " ssn", "ssn ", "ssn\u200b", "phone", "")) {
      Api.error(sql(owner, "ALTER TABLE " + t + " ALTER COLUMN ssn SET TAGS ('" + w[1] + "' = '" + value + "')"), 400,
          "INVALID_ARGUMENT").body("message", org.hamcrest.Matchers.containsString("not allowed"));
    }
    Api.error(sql(owner, "ALTER TABLE " + t + " ALTER COLUMN ssn SET TAGS ('" + w[1].toUpperCase() + "')"), 400,
        "INVALID_ARGUMENT");
    // Allowed, in another spelling of the key: stored under the governed spelling, once.
    sql(owner, "ALTER TABLE " + t + " ALTER COLUMN ssn SET TAGS ('" + w[1].toUpperCase() + "' = 'ssn')").statusCode(200);
    assertThat(columnTags(t, "ssn")).containsExactly(Map.entry(w[1], "ssn"));
    sql(owner, "ALTER TABLE " + t + " ALTER COLUMN ssn UNSET TAGS ('" + w[1] + "')").statusCode(200);
    assertThat(columnTags(t, "ssn")).isEmpty();
  }

  @Test
  void creatingAPolicyNeedsManageOnItsSecurableAndExecuteOnItsFunction() {
    Who owner = AuthzAttacks.user("policy-owner");
    Who outsider = AuthzAttacks.user("policy-outsider");
    String[] w = world(owner);
    String c = w[0];
    String create = "CREATE POLICY p ON SCHEMA " + c + ".s COLUMN MASK " + c + ".s.hide TO `account users` FOR TABLES"
        + " MATCH COLUMNS hasTag('" + w[1] + "') AS m ON COLUMN m";
    // SELECT on everything, but no MANAGE: refused, over SQL and REST.
    Api.error(sql(outsider, create), 403, "PERMISSION_DENIED");
    Api.error(AuthzAttacks.as(outsider).body(Map.of("name", "p", "on_securable_type", "SCHEMA", "on_securable_fullname", c + ".s",
            "policy_type", "POLICY_TYPE_ROW_FILTER", "to_principals", List.of("account users"),
            "row_filter", Map.of("function_name", c + ".s.hide", "using", List.of(Map.of("constant", "'a'")))))
        .post("/api/2.1/unity-catalog/policies").then(), 403, "PERMISSION_DENIED");
    // MANAGE on the schema, and on a function of another catalog (so it sees it), but no EXECUTE on it.
    String other = Api.unique("tagattackfn");
    admin("CREATE CATALOG " + other + "; CREATE SCHEMA " + other + ".s; CREATE FUNCTION " + other + ".s.hide(v STRING) RETURN 'y';"
        + " GRANT USE CATALOG, USE SCHEMA ON CATALOG " + other + " TO `" + outsider.name() + "`;"
        + " GRANT MANAGE ON FUNCTION " + other + ".s.hide TO `" + outsider.name() + "`;"
        + " GRANT MANAGE ON SCHEMA " + c + ".s TO `" + outsider.name() + "`");
    Api.error(sql(outsider, create.replace(c + ".s.hide", other + ".s.hide")), 403, "PERMISSION_DENIED")
        .body("message", org.hamcrest.Matchers.containsString("missing EXECUTE"));
    admin("GRANT EXECUTE ON FUNCTION " + other + ".s.hide TO `" + outsider.name() + "`");
    sql(outsider, create.replace(c + ".s.hide", other + ".s.hide")).statusCode(200);
    // Reading policies needs the same MANAGE.
    Who reader = AuthzAttacks.user("policy-reader");
    Api.error(sql(reader, "SHOW POLICIES ON SCHEMA " + c + ".s"), 403, "PERMISSION_DENIED");
    Api.error(sql(reader, "DROP POLICY p ON SCHEMA " + c + ".s"), 403, "PERMISSION_DENIED");
  }

  private static Map<String, String> masks(Who who, String table) {
    ResolveTableResponse r = AuthzAttacks.tables(who.token())
        .resolveTable(ResolveTableRequest.newBuilder().setFullName(table).build());
    return r.getColumnMasksList().stream().collect(Collectors.toMap(ColumnMask::getColumn, ColumnMask::getExpression));
  }

  @Test
  void exceptReachesMembersOfNestedGroupsInAnySpellingAndNoOneElse() {
    Who owner = AuthzAttacks.user("except-owner");
    Who exempt = AuthzAttacks.user("except-member");
    Who other = AuthzAttacks.user("except-other");
    Who inner = AuthzAttacks.group("auditors-inner", exempt.id());
    Who outer = AuthzAttacks.group("Auditors", inner.id());
    String[] w = world(owner);
    String t = w[0] + ".s.t";
    admin("ALTER TABLE " + t + " ALTER COLUMN ssn SET TAGS ('" + w[1] + "' = 'ssn');"
        + " CREATE POLICY m ON CATALOG " + w[0] + " COLUMN MASK " + w[0] + ".s.hide TO `account users`"
        + " EXCEPT `" + outer.name().toUpperCase() + "` FOR TABLES MATCH COLUMNS hasTagValue('" + w[1] + "', 'ssn') AS s ON COLUMN s");
    assertThat(masks(exempt, t)).isEmpty();
    assertThat(masks(other, t)).containsExactly(Map.entry("ssn", "'x'"));
    // Leaving the group ends the exemption at once.
    AuthzAttacks.setMembers(inner.id());
    assertThat(masks(exempt, t)).containsExactly(Map.entry("ssn", "'x'"));
  }

  /**
   * An owner that a row filter or mask policy applies to (through a nested group, named in another
   * case) cannot move its table to another schema, out of a schema's policy, through the Iceberg
   * REST catalog's rename (SQL moves nothing across schemas); an owner the policy does not apply to,
   * and a metastore admin, may. A rename within the schema keeps the table under its policies.
   */
  @Test
  void aGovernedOwnerCannotMoveItsTableOutOfAPolicysSchema() {
    Who owner = AuthzAttacks.user("move-owner");
    Who inner = AuthzAttacks.group("movers-inner", owner.id());
    Who outer = AuthzAttacks.group("Movers", inner.id());
    Who reader = AuthzAttacks.user("move-reader");
    String[] w = world(owner);
    String c = w[0];
    admin("CREATE SCHEMA " + c + ".s2;"
        + " CREATE TABLE " + c + ".s.u (id INT, ssn STRING) USING ICEBERG LOCATION 's3://tagattack/" + c + "/u';"
        + " ALTER TABLE " + c + ".s.u ALTER COLUMN ssn SET TAGS ('" + w[1] + "' = 'ssn');"
        + " ALTER TABLE " + c + ".s.u OWNER TO `" + owner.name() + "`;"
        + " GRANT CREATE TABLE ON SCHEMA " + c + ".s2 TO `" + owner.name() + "`;"
        + " CREATE POLICY m ON SCHEMA " + c + ".s COLUMN MASK " + c + ".s.hide TO `" + outer.name().toUpperCase() + "`"
        + " FOR TABLES MATCH COLUMNS hasTagValue('" + w[1] + "', 'ssn') AS s ON COLUMN s");
    assertThat(masks(owner, c + ".s.u")).containsExactly(Map.entry("ssn", "'x'"));
    icebergMove(owner, c, "s", "u", "s2", "u").statusCode(403)
        .body("error.message", org.hamcrest.Matchers.containsString("policy m on schema"));
    sql(owner, "ALTER TABLE " + c + ".s.u RENAME TO u2").statusCode(200);
    assertThat(masks(owner, c + ".s.u2")).containsExactly(Map.entry("ssn", "'x'"));
    // Out of the group, the policy no longer applies to the owner: it may move the table.
    AuthzAttacks.setMembers(inner.id());
    icebergMove(owner, c, "s", "u2", "s2", "u2").statusCode(204);
    assertThat(masks(reader, c + ".s2.u2")).isEmpty();
    // A table of a policy applying to its owner, moved by a metastore admin.
    admin("CREATE TABLE " + c + ".s.v (id INT, ssn STRING) USING ICEBERG LOCATION 's3://tagattack/" + c + "/v';"
        + " ALTER TABLE " + c + ".s.v ALTER COLUMN ssn SET TAGS ('" + w[1] + "' = 'ssn');"
        + " ALTER TABLE " + c + ".s.v OWNER TO `" + reader.name() + "`;"
        + " GRANT CREATE TABLE ON SCHEMA " + c + ".s2 TO `" + reader.name() + "`;"
        + " CREATE OR REPLACE POLICY m ON SCHEMA " + c + ".s COLUMN MASK " + c + ".s.hide TO `account users`"
        + " FOR TABLES MATCH COLUMNS hasTagValue('" + w[1] + "', 'ssn') AS s ON COLUMN s");
    icebergMove(reader, c, "s", "v", "s2", "v").statusCode(403)
        .body("error.message", org.hamcrest.Matchers.containsString("policy m on schema"));
    Api.json().body(Map.of("source", Map.of("namespace", List.of("s"), "name", "v"),
        "destination", Map.of("namespace", List.of("s2"), "name", "v")))
        .post("/api/2.1/unity-catalog/iceberg/v1/" + c + "/tables/rename").then().statusCode(204);
  }

  private static io.restassured.response.ValidatableResponse icebergMove(Who who, String catalog, String from, String name,
      String to, String newName) {
    return AuthzAttacks.as(who).body(Map.of("source", Map.of("namespace", List.of(from), "name", name),
        "destination", Map.of("namespace", List.of(to), "name", newName)))
        .post("/api/2.1/unity-catalog/iceberg/v1/" + catalog + "/tables/rename").then();
  }

  @Test
  void aTagKeyInAnotherCaseDoesNotDodgeAPolicy() {
    Who owner = AuthzAttacks.user("case-owner");
    Who reader = AuthzAttacks.user("case-reader");
    String[] w = world(owner);
    String t = w[0] + ".s.t";
    admin("CREATE POLICY secrets ON CATALOG " + w[0] + " COLUMN MASK " + w[0] + ".s.hide TO `account users`"
        + " FOR TABLES MATCH COLUMNS hasTag('secret') AS s ON COLUMN s");
    // The owner tags in another case, hoping the policy will not see it; and cannot keep both spellings.
    sql(owner, "ALTER TABLE " + t + " ALTER COLUMN ssn SET TAGS ('SeCrEt')").statusCode(200);
    assertThat(masks(reader, t)).containsExactly(Map.entry("ssn", "'x'"));
    sql(owner, "ALTER TABLE " + t + " ALTER COLUMN ssn SET TAGS ('secret' = 'v')").statusCode(200);
    assertThat(columnTags(t, "ssn")).containsExactly(Map.entry("secret", "v"));
    sql(owner, "ALTER TABLE " + t + " ALTER COLUMN ssn UNSET TAGS ('SECRET')").statusCode(200);
    assertThat(masks(reader, t)).isEmpty();
  }
}
