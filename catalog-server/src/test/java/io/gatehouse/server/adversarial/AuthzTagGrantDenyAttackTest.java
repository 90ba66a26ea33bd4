package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.AuthzAttacks.admin;
import static io.gatehouse.server.adversarial.AuthzAttacks.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.server.adversarial.AuthzAttacks.Who;
import io.gatehouse.server.authz.PolicyVersionHeader;
import io.gatehouse.server.catalog.Api;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * GRANT and DENY policies by tag under attack: tag keys in other spellings and look-alikes, a tag
 * on a column instead of the table, exemptions through nested groups, a denied principal trying to
 * lift its deny (unsetting the tag, dropping or moving the table, dropping or replacing the
 * policy), a GRANT policy trying to lift a deny, and decisions racing tag changes. What engines
 * receive is read where they read it: gRPC ResolveTable and ListAuthorized, the REST table API,
 * the Iceberg REST catalog and SHOW TABLES.
 */
@QuarkusTest
class AuthzTagGrantDenyAttackTest {
  private static final String ICEBERG = "/api/2.1/unity-catalog/iceberg/v1/";

  /** A catalog c with schemas s and s2, table s.t, a governed tag key, and a group of analysts holding {@code member}. */
  private record World(String c, String key, Who analysts) {
    String t() {
      return c + ".s.t";
    }
  }

  private static World world(Who... members) {
    String c = Api.unique("gdattack");
    String key = Api.unique("sensitivity");
    Api.json().body(Map.of("tag_key", key, "values", List.of(Map.of("name", "high"), Map.of("name", "low"))))
        .post("/api/2.1/tag-policies").then().statusCode(200);
    Who analysts = AuthzAttacks.group("analysts", java.util.Arrays.stream(members).map(Who::id).toArray(String[]::new));
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".s; CREATE SCHEMA " + c + ".s2;"
        + " CREATE TABLE " + c + ".s.t (id INT, secret STRING) USING ICEBERG LOCATION 's3://gdattack/" + c + "/t';"
        + " GRANT USE CATALOG, USE SCHEMA, SELECT ON CATALOG " + c + " TO `account users`");
    return new World(c, key, analysts);
  }

  private static void denyPolicy(World w, String name, String scope, String except) {
    admin("CREATE POLICY " + name + " ON " + scope + " COMMENT 'no sensitive data for analysts'"
        + " DENY SELECT TO `" + w.analysts().name() + "`" + (except == null ? "" : " EXCEPT `" + except + "`")
        + " FOR TABLES WHEN hasTagValue('" + w.key() + "', 'high')");
  }

  private static boolean resolves(Who who, String table) {
    try {
      AuthzAttacks.tables(who.token()).resolveTable(ResolveTableRequest.newBuilder().setFullName(table).build());
      return true;
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      return false;
    }
  }

  private static String resolveRefusal(Who who, String table) {
    try {
      AuthzAttacks.tables(who.token()).resolveTable(ResolveTableRequest.newBuilder().setFullName(table).build());
      return null;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getDescription();
    }
  }

  /** Moves {@code catalog.from.name} to schema {@code to} through the Iceberg REST catalog's rename, as {@code who}. */
  private static io.restassured.response.ValidatableResponse icebergMove(Who who, String catalog, String from, String name,
      String to) {
    return AuthzAttacks.as(who).body(Map.of("source", Map.of("namespace", List.of(from), "name", name),
        "destination", Map.of("namespace", List.of(to), "name", name))).post(ICEBERG + catalog + "/tables/rename").then();
  }

  private static List<String> showTables(Who who, String schema) {
    return AuthzAttacks.column(who, "SHOW TABLES IN " + schema, 1);
  }

  private static List<String> restTables(Who who, String catalog, String schema) {
    return AuthzAttacks.as(who).queryParam("catalog_name", catalog).queryParam("schema_name", schema)
        .get(Api.BASE + "/tables").then().statusCode(200).extract().path("tables.name");
  }

  private static List<String> icebergTables(Who who, String catalog, String schema) {
    return AuthzAttacks.as(who).get(ICEBERG + catalog + "/namespaces/" + schema + "/tables").then().statusCode(200)
        .extract().path("identifiers.name");
  }

  private static int icebergLoad(Who who, String catalog, String schema, String table) {
    return AuthzAttacks.as(who).get(ICEBERG + catalog + "/namespaces/" + schema + "/tables/" + table).then().extract()
        .statusCode();
  }

  /** Every engine-facing read of {@code w.t()} agrees: {@code readable} or refused and hidden. */
  private static void everyEngineSees(Who who, World w, boolean readable) {
    assertThat(resolves(who, w.t())).as("ResolveTable").isEqualTo(readable);
    int rest = AuthzAttacks.get(who, "/tables/" + w.t()).extract().statusCode();
    assertThat(rest).as("REST GET table").isEqualTo(readable ? 200 : 403);
    assertThat(showTables(who, w.c() + ".s").contains("t")).as("SHOW TABLES").isEqualTo(readable);
    assertThat(restTables(who, w.c(), "s").contains("t")).as("REST list").isEqualTo(readable);
    assertThat(AuthzAttacks.listAuthorized(who, SecurableType.TABLE, w.c() + ".s").contains(w.t()))
        .as("gRPC ListAuthorized").isEqualTo(readable);
    assertThat(icebergTables(who, w.c(), "s").contains("t")).as("Iceberg list").isEqualTo(readable);
    // Allowed, loadTable gets as far as the metadata (none was written: 404); refused, it stops at SELECT.
    assertThat(icebergLoad(who, w.c(), "s", "t")).as("Iceberg loadTable").isEqualTo(readable ? 404 : 403);
  }

  @Test
  void aDenyPolicyWrittenInDatabricksSqlReachesEveryEngineAndFollowsTagsAtOnce() {
    Who analyst = AuthzAttacks.user("gd-analyst");
    Who steward = AuthzAttacks.user("gd-steward");
    Who outsider = AuthzAttacks.user("gd-outsider");
    World w = world(analyst, steward);
    Who stewardsInner = AuthzAttacks.group("stewards-inner", steward.id());
    Who stewards = AuthzAttacks.group("Stewards", stewardsInner.id());
    denyPolicy(w, "no_pii", "CATALOG " + w.c(), stewards.name().toUpperCase());
    everyEngineSees(analyst, w, true);

    admin("ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'high')");
    everyEngineSees(analyst, w, false);
    assertThat(resolveRefusal(analyst, w.t())).contains("no_pii");
    everyEngineSees(steward, w, true);
    everyEngineSees(outsider, w, true);

    admin("ALTER TABLE " + w.t() + " UNSET TAGS ('" + w.key() + "')");
    everyEngineSees(analyst, w, true);

    // Tagged through the schema: inherited, covered at once; lifted at once.
    admin("ALTER SCHEMA " + w.c() + ".s SET TAGS ('" + w.key() + "' = 'high')");
    everyEngineSees(analyst, w, false);
    admin("ALTER SCHEMA " + w.c() + ".s SET TAGS ('" + w.key() + "' = 'low')");
    everyEngineSees(analyst, w, true);
    // The table's own value is the nearest: it wins over the schema's.
    admin("ALTER SCHEMA " + w.c() + ".s SET TAGS ('" + w.key() + "' = 'high');"
        + " ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'low')");
    everyEngineSees(analyst, w, true);
  }

  @Test
  void showGrantsListsPolicyGrantsAndDeniesWhileTheirConditionHoldsToThoseWhoMayKnow() {
    Who analyst = AuthzAttacks.user("sg-analyst");
    Who outsider = AuthzAttacks.user("sg-outsider");
    World w = world(analyst);
    denyPolicy(w, "no_high", "CATALOG " + w.c(), null);
    admin("CREATE POLICY extra_read ON SCHEMA " + w.c() + ".s GRANT MODIFY TO `" + outsider.name() + "`"
        + " FOR TABLES WHEN hasTagValue('" + w.key() + "', 'high')");
    String show = "SHOW GRANTS ON TABLE " + w.t();
    assertThat(policyRows(Api.json().body(Map.of("statement", show)).post(AuthzAttacks.SQL).then())).isEmpty();

    admin("ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'high')");
    String analysts = w.analysts().name().toLowerCase(java.util.Locale.ROOT);
    String outsiderName = outsider.name().toLowerCase(java.util.Locale.ROOT);
    // The admin sees both, keyed by the policy and where it is set.
    assertThat(policyRows(Api.json().body(Map.of("statement", show)).post(AuthzAttacks.SQL).then())).containsExactlyInAnyOrder(
        List.of(analysts, "DENY SELECT", "POLICY", "no_high on catalog " + w.c()),
        List.of(outsiderName, "MODIFY", "POLICY", "extra_read on schema " + w.c() + ".s"));
    // Someone who may not manage the table sees only the rows about itself and its groups; the
    // denied analyst may not see the table at all.
    assertThat(policyRows(sql(outsider, show))).extracting(r -> r.get(0)).containsExactly(outsiderName);
    sql(analyst, show).statusCode(403);
    // ... and asking for another principal by name shows nothing of it.
    assertThat(policyRows(sql(outsider, "SHOW GRANTS `" + w.analysts().name() + "` ON TABLE " + w.t()))).isEmpty();

    admin("ALTER TABLE " + w.t() + " UNSET TAGS ('" + w.key() + "')");
    assertThat(policyRows(Api.json().body(Map.of("statement", show)).post(AuthzAttacks.SQL).then())).isEmpty();
    // SHOW POLICIES gives a GRANT or DENY policy's privileges their own column, and no function.
    List<java.util.Map<String, Object>> shown = Api.json().body(Map.of("statement", "SHOW POLICIES ON CATALOG " + w.c()))
        .post(AuthzAttacks.SQL).then().statusCode(200).extract().path("results[0].rows.collect { ['name': it[0], 'f': it[4], 'p': it[8]] }");
    assertThat(shown).singleElement().satisfies(r -> {
      assertThat(r.get("name")).isEqualTo("no_high");
      assertThat(r.get("f")).isNull();
      assertThat(r.get("p")).isEqualTo("SELECT");
    });
  }

  private static List<List<String>> policyRows(io.restassured.response.ValidatableResponse response) {
    List<List<String>> rows = response.statusCode(200).extract().path("results[-1].rows");
    return rows.stream().filter(r -> "POLICY".equals(r.get(2))).toList();
  }

  @Test
  void aDeniedTableWithOtherPrivilegesStaysListedAsWithAPlainDeny() {
    Who analyst = AuthzAttacks.user("gd-modifier");
    World w = world(analyst);
    admin("GRANT MODIFY ON TABLE " + w.t() + " TO `" + analyst.name() + "`;"
        + " ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'high')");
    denyPolicy(w, "no_pii", "SCHEMA " + w.c() + ".s", null);
    assertThat(resolves(analyst, w.t())).isFalse();
    assertThat(showTables(analyst, w.c() + ".s")).contains("t");
    assertThat(restTables(analyst, w.c(), "s")).contains("t");
    // The same as a plain DENY of SELECT to the same principal.
    admin("DROP POLICY no_pii ON SCHEMA " + w.c() + ".s; DENY SELECT ON TABLE " + w.t() + " TO `" + analyst.name() + "`");
    assertThat(resolves(analyst, w.t())).isFalse();
    assertThat(showTables(analyst, w.c() + ".s")).contains("t");
  }

  @Test
  void tagKeysInOtherSpellingsAreOneKeyButLookAlikesAndColumnTagsDoNotMatch() {
    Who analyst = AuthzAttacks.user("gd-spelling");
    World w = world(analyst);
    // The condition names the key in upper case; the tag is set in mixed case: one key.
    admin("CREATE POLICY no_pii ON CATALOG " + w.c() + " DENY SELECT TO `" + w.analysts().name() + "` FOR TABLES"
        + " WHEN hasTagValue('" + w.key().toUpperCase() + "', 'high')");
    admin("ALTER TABLE " + w.t() + " SET TAGS ('" + Character.toUpperCase(w.key().charAt(0)) + w.key().substring(1) + "' = 'high')");
    assertThat(resolves(analyst, w.t())).isFalse();
    admin("ALTER TABLE " + w.t() + " UNSET TAGS ('" + w.key() + "')");
    assertThat(resolves(analyst, w.t())).isTrue();
    // A Cyrillic look-alike of the key is another tag, and a tag on a column does not tag the table.
    String lookAlike = w.key().replace('e', '\u0435');
    admin("ALTER TABLE " + w.t() + " SET TAGS ('" + lookAlike + "' = 'high');"
        + " ALTER TABLE " + w.t() + " ALTER COLUMN secret SET TAGS ('" + w.key() + "' = 'high')");
    assertThat(resolves(analyst, w.t())).isTrue();
    // Values compare exactly: a governed tag refuses 'High' and ' high', so they cannot be set to dodge.
    for (String value : List.of("High", " high", "high ")) {
      Api.error(AuthzAttacks.as(adminWho()).body(Map.of("statement", "ALTER TABLE " + w.t() + " SET TAGS ('" + w.key()
          + "' = '" + value + "')")).post(AuthzAttacks.SQL).then(), 400, "INVALID_ARGUMENT");
    }
    admin("ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'high')");
    assertThat(resolves(analyst, w.t())).isFalse();
  }

  private static Who adminWho() {
    return new Who("admin", null, Api.ADMIN_TOKEN);
  }

  @Test
  void aDeniedOwnerCannotLiftItsDenyByUntaggingDroppingOrMovingTheTable() {
    Who owner = AuthzAttacks.user("gd-owner");
    World w = world(owner);
    // The owner may manage the table, create in s2, and even assign the governed tag.
    Api.json().body(Map.of("changes", List.of(Map.of("principal", owner.name(), "add", List.of("ASSIGN")))))
        .patch("/api/gatehouse/v1/tag-policies/" + w.key() + "/permissions").then().statusCode(200);
    admin("ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'high'); ALTER TABLE " + w.t() + " OWNER TO `"
        + owner.name() + "`; GRANT CREATE TABLE ON SCHEMA " + w.c() + ".s2 TO `" + owner.name() + "`;"
        + " ALTER SCHEMA " + w.c() + ".s OWNER TO `" + owner.name() + "`");
    denyPolicy(w, "no_pii", "CATALOG " + w.c(), null);
    assertThat(resolves(owner, w.t())).as("ownership does not beat a DENY policy").isFalse();

    for (String attempt : List.of(
        "ALTER TABLE " + w.t() + " UNSET TAGS ('" + w.key() + "')",
        "ALTER TABLE " + w.t() + " UNSET TAGS ('" + w.key().toUpperCase() + "')",
        "ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'low')",
        "ALTER SCHEMA " + w.c() + ".s SET TAGS ('" + w.key() + "' = 'low')",
        "DROP TABLE " + w.t(),
        "DROP SCHEMA " + w.c() + ".s CASCADE")) {
      Api.error(sql(owner, attempt), 403, "PERMISSION_DENIED").body("message", containsString("no_pii"));
    }
    // Moving it to another schema (only the Iceberg catalog moves tables) would change its scope and inherited tags.
    icebergMove(owner, w.c(), "s", "t", "s2").statusCode(403).body("error.message", containsString("no_pii"));
    assertThat(resolves(owner, w.t())).isFalse();
    // Renaming within the schema keeps the table (and its tags) covered.
    sql(owner, "ALTER TABLE " + w.t() + " RENAME TO " + w.c() + ".s.t2").statusCode(200);
    assertThat(resolves(owner, w.c() + ".s.t2")).isFalse();
    // An admin may.
    admin("ALTER TABLE " + w.c() + ".s.t2 UNSET TAGS ('" + w.key() + "')");
    assertThat(resolves(owner, w.c() + ".s.t2")).isTrue();
  }

  @Test
  void aTableMovedOutOfThePolicysScopeByAnAdminIsNoLongerCoveredAndOneMovedInIs() {
    Who analyst = AuthzAttacks.user("gd-mover");
    World w = world(analyst);
    admin("ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'high')");
    denyPolicy(w, "no_pii", "SCHEMA " + w.c() + ".s", null);
    assertThat(resolves(analyst, w.t())).isFalse();
    Who admin = adminWho();
    icebergMove(admin, w.c(), "s", "t", "s2").statusCode(204);
    assertThat(resolves(analyst, w.c() + ".s2.t")).isTrue();
    icebergMove(admin, w.c(), "s2", "t", "s").statusCode(204);
    assertThat(resolves(analyst, w.t())).isFalse();
  }

  @Test
  void aTableOwnerCannotDropOrReplaceADenyPolicyAnAdminSetAbove() {
    Who owner = AuthzAttacks.user("gd-policy-owner");
    Who manager = AuthzAttacks.user("gd-policy-manager");
    World w = world(owner);
    admin("ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'high'); ALTER TABLE " + w.t() + " OWNER TO `"
        + owner.name() + "`; GRANT MANAGE ON TABLE " + w.t() + " TO `" + manager.name() + "`");
    denyPolicy(w, "no_pii", "CATALOG " + w.c(), null);
    denyPolicy(w, "on_table", "TABLE " + w.t(), null);
    Api.error(sql(owner, "DROP POLICY no_pii ON CATALOG " + w.c()), 403, "PERMISSION_DENIED");
    Api.error(sql(owner, "CREATE OR REPLACE POLICY no_pii ON CATALOG " + w.c() + " DENY SELECT TO `nobody-at-all`"
        + " FOR TABLES WHEN hasTag('none')"), 403, "PERMISSION_DENIED");
    Api.error(AuthzAttacks.as(owner).delete(Api.BASE + "/policies/CATALOG/" + w.c() + "/no_pii").then(), 403,
        "PERMISSION_DENIED");
    // On its own table it may manage policies, but not lift or rewrite a DENY policy that applies to itself.
    Api.error(sql(owner, "DROP POLICY on_table ON TABLE " + w.t()), 403, "PERMISSION_DENIED")
        .body("message", containsString("applies to the caller"));
    Api.error(sql(owner, "CREATE OR REPLACE POLICY ON_TABLE ON TABLE " + w.t() + " GRANT SELECT TO `"
        + owner.name() + "` FOR TABLES"), 403, "PERMISSION_DENIED");
    Api.error(AuthzAttacks.as(owner).delete(Api.BASE + "/policies/TABLE/" + w.t() + "/on_table").then(), 403,
        "PERMISSION_DENIED");
    assertThat(resolves(owner, w.t())).isFalse();
    // A manager it does not apply to may.
    sql(manager, "DROP POLICY on_table ON TABLE " + w.t()).statusCode(200);
    admin("DROP POLICY no_pii ON CATALOG " + w.c());
    assertThat(resolves(owner, w.t())).isTrue();
  }

  @Test
  void aDenyOfManageAccessControlStopsAnOwnerGrantingOnTheTableWhileTagged() {
    Who owner = AuthzAttacks.user("gd-mac-owner");
    Who friend = AuthzAttacks.user("gd-mac-friend");
    World w = world(owner);
    admin("ALTER TABLE " + w.t() + " OWNER TO `" + owner.name() + "`; ALTER TABLE " + w.t() + " SET TAGS ('" + w.key()
        + "' = 'high'); CREATE POLICY no_mac ON SCHEMA " + w.c() + ".s DENY MANAGE ACCESS CONTROL TO `"
        + w.analysts().name() + "` FOR TABLES WHEN hasTagValue('" + w.key() + "', 'high')");
    Api.error(sql(owner, "GRANT MODIFY ON TABLE " + w.t() + " TO `" + friend.name() + "`"), 403, "PERMISSION_DENIED")
        .body("message", containsString("no_mac"));
    admin("ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'low')");
    sql(owner, "GRANT MODIFY ON TABLE " + w.t() + " TO `" + friend.name() + "`").statusCode(200);
  }

  /** Explain as the admin for {@code who}: whether it holds the privilege, and the policy that decided (or null). */
  private static Object[] explain(Who who, String privilege, String type, String fullName) {
    var r = Api.json().queryParam("principal", who.name()).queryParam("privilege", privilege)
        .queryParam("securable_type", type).queryParam("full_name", fullName)
        .get("/api/gatehouse/v1/authz/explain").then().statusCode(200).extract();
    return new Object[] {r.path("allowed"), r.path("decided_by")};
  }

  @Test
  void policiesForSchemasAndVolumesMatchTheirOwnAndInheritedTagsAndFollowThemAtOnce() {
    Who analyst = AuthzAttacks.user("gd-schemas");
    World w = world(analyst);
    String v = w.c() + ".s.v";
    admin("CREATE EXTERNAL VOLUME " + v + " LOCATION 's3://gdattack/" + w.c() + "/v';"
        + " GRANT READ VOLUME ON CATALOG " + w.c() + " TO `account users`;"
        + " CREATE POLICY no_hi_schemas ON CATALOG " + w.c() + " DENY SELECT, USE SCHEMA TO `" + w.analysts().name()
        + "` FOR SCHEMAS WHEN hasTagValue('" + w.key() + "', 'high');"
        + " CREATE POLICY no_hi_volumes ON CATALOG " + w.c() + " DENY READ VOLUME TO `" + w.analysts().name()
        + "` FOR VOLUMES WHEN hasTagValue('" + w.key() + "', 'high')");
    assertThat(explain(analyst, "READ VOLUME", "volume", v)).containsExactly(true, null);
    // A volume tagged later is covered at once (V30 moves the version on a volume's tags).
    admin("ALTER VOLUME " + v + " SET TAGS ('" + w.key() + "' = 'high')");
    assertThat(explain(analyst, "READ VOLUME", "volume", v))
        .containsExactly(false, "policy no_hi_volumes on catalog " + w.c());
    assertThat(resolves(analyst, w.t())).as("a volume policy does not reach tables").isTrue();
    // A schema tagged: the deny on the schema reaches its tables, as a plain DENY on a schema does.
    admin("ALTER SCHEMA " + w.c() + ".s SET TAGS ('" + w.key() + "' = 'high')");
    assertThat(resolves(analyst, w.t())).isFalse();
    assertThat(explain(analyst, "USE SCHEMA", "schema", w.c() + ".s"))
        .containsExactly(false, "policy no_hi_schemas on catalog " + w.c());
    assertThat(explain(analyst, "USE SCHEMA", "schema", w.c() + ".s2")).as("another schema").containsExactly(true, null);
    admin("ALTER SCHEMA " + w.c() + ".s UNSET TAGS ('" + w.key() + "'); ALTER VOLUME " + v + " SET TAGS ('" + w.key()
        + "' = 'low')");
    assertThat(resolves(analyst, w.t())).isTrue();
    assertThat(explain(analyst, "READ VOLUME", "volume", v)).containsExactly(true, null);
  }

  @Test
  void aGrantPolicyNeverLiftsADenyAndDeniesAddUp() {
    Who reader = AuthzAttacks.user("gd-grantee");
    World w = world(reader);
    String c2 = Api.unique("gdgrant");
    admin("CREATE CATALOG " + c2 + "; CREATE SCHEMA " + c2 + ".s;"
        + " CREATE TABLE " + c2 + ".s.t (id INT) LOCATION 's3://gdattack/" + c2 + "/t';"
        + " GRANT USE CATALOG, USE SCHEMA ON CATALOG " + c2 + " TO `account users`;"
        + " ALTER TABLE " + c2 + ".s.t SET TAGS ('open', '" + w.key() + "' = 'high')");
    assertThat(resolves(reader, c2 + ".s.t")).isFalse();
    admin("CREATE POLICY open_read ON CATALOG " + c2 + " GRANT SELECT, MODIFY TO `" + w.analysts().name()
        + "` FOR TABLES WHEN hasTag('open')");
    assertThat(resolves(reader, c2 + ".s.t")).isTrue();
    // A plain DENY wins over the GRANT policy.
    admin("DENY SELECT ON SCHEMA " + c2 + ".s TO `" + reader.name() + "`");
    assertThat(resolves(reader, c2 + ".s.t")).isFalse();
    admin("REVOKE DENY SELECT ON SCHEMA " + c2 + ".s FROM `" + reader.name() + "`");
    assertThat(resolves(reader, c2 + ".s.t")).isTrue();
    // A DENY policy wins over the GRANT policy, and over a plain grant, both at once.
    admin("GRANT SELECT ON TABLE " + c2 + ".s.t TO `" + reader.name() + "`;"
        + " CREATE POLICY closed ON CATALOG " + c2 + " DENY ALL PRIVILEGES TO `account users` FOR TABLES"
        + " WHEN hasTagValue('" + w.key() + "', 'high')");
    assertThat(resolves(reader, c2 + ".s.t")).isFalse();
    // Another GRANT policy naming the reader itself lifts nothing either.
    admin("CREATE POLICY me ON TABLE " + c2 + ".s.t GRANT ALL PRIVILEGES TO `" + reader.name() + "` FOR TABLES");
    assertThat(resolves(reader, c2 + ".s.t")).isFalse();
    admin("DROP POLICY closed ON CATALOG " + c2);
    assertThat(resolves(reader, c2 + ".s.t")).isTrue();
  }

  @Test
  void badGrantAndDenyPoliciesAreRefusedWithAClearMessage() {
    Who analyst = AuthzAttacks.user("gd-bad");
    World w = world(analyst);
    String on = " ON CATALOG " + w.c() + " ";
    Map<String, String> bad = Map.of(
        "CREATE POLICY p" + on + "DENY SELECT TO `account users` FOR TABLES WHEN hasTag('x') MATCH COLUMNS hasTag('y') AS c",
        "MATCH COLUMNS",
        "CREATE POLICY p" + on + "DENY SELECT TO `account users` FOR FUNCTIONS",
        "FOR FUNCTIONS",
        "CREATE POLICY p" + on + "DENY FLY TO `account users` FOR TABLES",
        "FLY",
        "CREATE POLICY p" + on + "DENY READ VOLUME TO `account users` FOR TABLES",
        "READ VOLUME",
        "CREATE POLICY p" + on + "DENY SELECT TO `nobody-at-all-here` FOR TABLES",
        "nobody-at-all-here",
        "CREATE POLICY p" + on + "DENY SELECT TO `account users` FOR TABLES WHEN hasTag(",
        "");
    for (var e : bad.entrySet()) {
      var response = sql(adminWho(), e.getKey());
      int status = response.extract().statusCode();
      assertThat(status).as(e.getKey()).isBetween(400, 404);
      response.body("message", containsString(e.getValue()));
    }
    var rest = Api.json().body(Map.of("name", "p", "on_securable_type", "CATALOG", "on_securable_fullname", w.c(),
        "policy_type", "POLICY_TYPE_DENY", "to_principals", List.of("account users"), "privileges", List.of("SELECT"),
        "for_securable_type", "TABLE", "match_columns", List.of(Map.of("condition", "hasTag('x')", "alias", "c"))))
        .post(Api.BASE + "/policies").then();
    Api.error(rest, 400, "INVALID_ARGUMENT").body("message", containsString("match_columns"));
    Api.error(Api.json().body(Map.of("name", "p", "on_securable_type", "CATALOG", "on_securable_fullname", w.c(),
        "policy_type", "POLICY_TYPE_DENY", "to_principals", List.of("account users")))
        .post(Api.BASE + "/policies").then(), 400, "INVALID_ARGUMENT").body("message", containsString("privileges"));
  }

  @Test
  void theRestApiCreatesReadsAndDropsADenyPolicyAndExplainAndWhoCanNameIt() {
    Who analyst = AuthzAttacks.user("gd-rest");
    World w = world(analyst);
    admin("ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'high')");
    Api.json().body(Map.of("name", "no_pii", "on_securable_type", "catalog", "on_securable_fullname", w.c(),
            "policy_type", "POLICY_TYPE_DENY", "to_principals", List.of(w.analysts().name()),
            "privileges", List.of("select"), "for_securable_type", "TABLES",
            "when_condition", "has_tag_value('" + w.key() + "', 'high')", "comment", "by REST"))
        .post(Api.BASE + "/policies").then().statusCode(200)
        .body("policy_type", org.hamcrest.Matchers.equalTo("POLICY_TYPE_DENY"))
        .body("privileges", org.hamcrest.Matchers.contains("SELECT"))
        .body("for_securable_type", org.hamcrest.Matchers.equalTo("TABLE"));
    assertThat(resolves(analyst, w.t())).isFalse();
    Api.json().get(Api.BASE + "/policies/CATALOG/" + w.c() + "/NO_PII").then().statusCode(200)
        .body("privileges", org.hamcrest.Matchers.contains("SELECT"));
    AuthzAttacks.as(analyst).queryParam("privilege", "SELECT").queryParam("securable_type", "table")
        .queryParam("full_name", w.t()).get("/api/gatehouse/v1/authz/explain").then().statusCode(200)
        .body("allowed", org.hamcrest.Matchers.equalTo(false))
        .body("decided_by", org.hamcrest.Matchers.equalTo("policy no_pii on catalog " + w.c()));
    Api.json().queryParam("privilege", "SELECT").queryParam("securable_type", "table").queryParam("full_name", w.t())
        .get("/api/gatehouse/v1/authz/who-can").then().statusCode(200)
        .body("denied.via", org.hamcrest.Matchers.hasItem(containsString("policy no_pii")));
    List<String> described = AuthzAttacks.column(adminWho(), "DESCRIBE POLICY no_pii ON CATALOG " + w.c(), 1);
    assertThat(described).contains("DENY", "SELECT", "TABLE");
    Api.json().delete(Api.BASE + "/policies/CATALOG/" + w.c() + "/no_pii").then().statusCode(200);
    assertThat(resolves(analyst, w.t())).isTrue();
  }

  @Test
  void aDecisionSeesATagChangeWhollyOrNotAtAllAndEveryWriteIsSeenAtOnce() throws Exception {
    Who analyst = AuthzAttacks.user("gd-race");
    World w = world(analyst);
    denyPolicy(w, "no_pii", "CATALOG " + w.c(), null);
    // One version, one answer: readers record (version, status) while the tag comes and goes.
    Map<Long, Set<Integer>> answers = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> readers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Thread reader = new Thread(() -> {
        while (running.get()) {
          var r = AuthzAttacks.get(analyst, "/tables/" + w.t()).extract();
          String version = r.header(PolicyVersionHeader.HEADER);
          if (version != null) {
            answers.computeIfAbsent(Long.parseLong(version), v -> new TreeSet<>()).add(r.statusCode());
          }
        }
      });
      reader.start();
      readers.add(reader);
    }
    try {
      for (int i = 0; i < 8; i++) {
        admin("ALTER TABLE " + w.t() + " SET TAGS ('" + w.key() + "' = 'high')");
        assertThat(resolves(analyst, w.t())).as("covered as soon as tagged").isFalse();
        admin("ALTER TABLE " + w.t() + " UNSET TAGS ('" + w.key() + "')");
        assertThat(resolves(analyst, w.t())).as("lifted as soon as untagged").isTrue();
      }
    } finally {
      running.set(false);
      for (Thread t : readers) {
        t.join(30_000);
      }
    }
    assertThat(answers).isNotEmpty();
    answers.forEach((version, statuses) -> assertThat(statuses).as("version %d", version).hasSize(1));
    assertThat(answers.values().stream().flatMap(Set::stream).distinct().sorted().toList()).containsExactly(200, 403);
  }
}
