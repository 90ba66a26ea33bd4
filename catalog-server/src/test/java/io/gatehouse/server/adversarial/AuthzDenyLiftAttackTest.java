package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.AuthzAttacks.admin;
import static io.gatehouse.server.adversarial.AuthzAttacks.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.adversarial.AuthzAttacks.Who;
import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nobody lifts a deny that applies to them. Before the fix, the owner of a schema lifted a
 * {@code DENY SELECT} on it that named itself with {@code REVOKE DENY} (200).
 */
@QuarkusTest
class AuthzDenyLiftAttackTest {

  /** A catalog and schema s, with x allowed to use both and table t in s. */
  private static String world(Who x) {
    String c = Api.unique("denylift");
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".s;"
        + " CREATE TABLE " + c + ".s.t (id INT) LOCATION 's3://denylift/" + c + "/t';"
        + " GRANT USE CATALOG ON CATALOG " + c + " TO `" + x.name() + "`;"
        + " GRANT USE SCHEMA ON SCHEMA " + c + ".s TO `" + x.name() + "`");
    return c;
  }

  /** Whether {@code who} may SELECT from c.s.t, as explain says to the admin. */
  private static boolean maySelect(Who who, String c) {
    return Api.json().queryParam("principal", who.name()).queryParam("privilege", "SELECT")
        .queryParam("securable_type", "table").queryParam("full_name", c + ".s.t")
        .get("/api/gatehouse/v1/authz/explain").then().statusCode(200).extract().path("allowed");
  }

  @Test
  void theOwnerOfASchemaCannotLiftADenyThatNamesItself() {
    Who x = AuthzAttacks.user("owner");
    String c = world(x);
    admin("ALTER SCHEMA " + c + ".s OWNER TO `" + x.name() + "`; DENY SELECT ON SCHEMA " + c + ".s TO `" + x.name() + "`");
    assertThat(maySelect(x, c)).isFalse();

    Api.error(sql(x, "REVOKE DENY SELECT ON SCHEMA " + c + ".s FROM `" + x.name() + "`"), 403, "PERMISSION_DENIED");
    Api.error(sql(x, "REVOKE DENY SELECT ON SCHEMA `" + c.toUpperCase() + "`.`S` FROM `" + x.name().toUpperCase() + "`"),
        403, "PERMISSION_DENIED");
    // Writing the same deny again (a rewrite) is refused too, and the PATCH API lifts no deny.
    sql(x, "DENY SELECT ON SCHEMA " + c + ".s TO `" + x.name() + "`").statusCode(403);
    AuthzAttacks.as(x).body(Map.of("changes", List.of(Map.of("principal", x.name(), "remove", List.of("SELECT")))))
        .patch(Api.BASE + "/permissions/schema/" + c + ".s").then().statusCode(200);
    assertThat(maySelect(x, c)).isFalse();
  }

  @Test
  void aManagerCannotLiftADenyToANestedGroupItIsIn() {
    Who x = AuthzAttacks.user("manager");
    Who inner = AuthzAttacks.group("team", x.id());
    Who outer = AuthzAttacks.group("division", inner.id());
    String c = world(x);
    admin("GRANT MANAGE ON SCHEMA " + c + ".s TO `" + x.name() + "`; DENY SELECT ON SCHEMA " + c + ".s TO `" + outer.name() + "`");
    assertThat(maySelect(x, c)).isFalse();
    Api.error(sql(x, "REVOKE DENY SELECT ON SCHEMA " + c + ".s FROM `" + outer.name() + "`"), 403, "PERMISSION_DENIED");
    sql(x, "REVOKE DENY SELECT ON SCHEMA " + c + ".s FROM `" + outer.name().toUpperCase() + "`").statusCode(403);
    assertThat(maySelect(x, c)).isFalse();
  }

  @Test
  void ownershipThroughAGroupOrTransferredToItDoesNotEscapeTheDeny() {
    Who x = AuthzAttacks.user("escaper");
    Who owners = AuthzAttacks.group("owners", x.id());
    String c = world(x);
    admin("ALTER SCHEMA " + c + ".s OWNER TO `" + x.name() + "`; DENY SELECT ON SCHEMA " + c + ".s TO `" + x.name() + "`");
    sql(x, "ALTER SCHEMA " + c + ".s OWNER TO `" + owners.name() + "`").statusCode(200);
    assertThat(maySelect(x, c)).isFalse();
    Api.error(sql(x, "REVOKE DENY SELECT ON SCHEMA " + c + ".s FROM `" + x.name() + "`"), 403, "PERMISSION_DENIED");
    // MANAGE given to a group x is in changes nothing either.
    sql(x, "GRANT MANAGE, SELECT ON SCHEMA " + c + ".s TO `" + owners.name() + "`").statusCode(200);
    sql(x, "REVOKE DENY SELECT ON SCHEMA " + c + ".s FROM `" + x.name() + "`").statusCode(403);
    assertThat(maySelect(x, c)).isFalse();
  }

  @Test
  void droppingWhatADenyIsSetOnIsRefusedToThoseItAppliesTo() {
    Who x = AuthzAttacks.user("dropper");
    String c = world(x);
    admin("ALTER SCHEMA " + c + ".s OWNER TO `" + x.name() + "`; DENY SELECT ON TABLE " + c + ".s.t TO `" + x.name() + "`");
    Api.error(AuthzAttacks.as(x).delete(Api.BASE + "/tables/" + c + ".s.t").then(), 403, "PERMISSION_DENIED");
    sql(x, "DROP TABLE " + c + ".s.t").statusCode(403);
    AuthzAttacks.as(x).queryParam("force", true).delete(Api.BASE + "/schemas/" + c + ".s").then().statusCode(403);
    Api.get("/tables/" + c + ".s.t").statusCode(200);
    assertThat(maySelect(x, c)).isFalse();
  }

  @Test
  void aManagerTheDenyDoesNotApplyToMayLiftIt() {
    Who x = AuthzAttacks.user("bound");
    Who y = AuthzAttacks.user("steward");
    String c = world(x);
    admin("ALTER SCHEMA " + c + ".s OWNER TO `" + y.name() + "`; GRANT USE CATALOG ON CATALOG " + c + " TO `" + y.name() + "`;"
        + " DENY SELECT ON SCHEMA " + c + ".s TO `" + x.name() + "`;"
        + " GRANT SELECT ON SCHEMA " + c + ".s TO `" + x.name() + "`");
    assertThat(maySelect(x, c)).isFalse();
    sql(y, "REVOKE DENY SELECT ON SCHEMA " + c + ".s FROM `" + x.name() + "`").statusCode(200);
    assertThat(maySelect(x, c)).isTrue();
    sql(y, "DENY SELECT ON SCHEMA " + c + ".s TO `" + x.name() + "`").statusCode(200);
    assertThat(maySelect(x, c)).isFalse();
    // A manager may not deny itself either: only someone outside the deny decides it.
    sql(y, "DENY MODIFY ON SCHEMA " + c + ".s TO `" + y.name() + "`").statusCode(403);
  }
}
