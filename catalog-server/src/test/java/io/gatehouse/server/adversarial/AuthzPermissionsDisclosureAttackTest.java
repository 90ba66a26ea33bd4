package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.AuthzAttacks.admin;
import static io.gatehouse.server.adversarial.AuthzAttacks.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.adversarial.AuthzAttacks.Who;
import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who holds what is a manager's business: a non-manager reads only its own grants and its
 * groups'. Owners set over REST are existing principals. Before the fix, effective permissions
 * showed everyone's grants to anyone who could see the object, and PATCH accepted any owner name.
 */
@QuarkusTest
class AuthzPermissionsDisclosureAttackTest {

  @Test
  void effectivePermissionsShowANonManagerOnlyItsOwnAndItsGroupsRows() {
    Who reader = AuthzAttacks.user("reader");
    Who team = AuthzAttacks.group("readers", reader.id());
    Who other = AuthzAttacks.user("other");
    Who manager = AuthzAttacks.user("manager");
    String c = Api.unique("effperm");
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".s;"
        + " CREATE TABLE " + c + ".s.t (id INT) LOCATION 's3://effperm/" + c + "/t';"
        + " GRANT USE CATALOG ON CATALOG " + c + " TO `" + team.name() + "`;"
        + " GRANT USE SCHEMA ON SCHEMA " + c + ".s TO `" + reader.name() + "`;"
        + " GRANT SELECT ON TABLE " + c + ".s.t TO `" + reader.name() + "`;"
        + " GRANT USE CATALOG, USE SCHEMA ON CATALOG " + c + " TO `" + other.name() + "`;"
        + " GRANT MODIFY ON TABLE " + c + ".s.t TO `" + other.name() + "`;"
        + " DENY SELECT ON SCHEMA " + c + ".s TO `" + other.name() + "`;"
        + " GRANT USE CATALOG, USE SCHEMA ON CATALOG " + c + " TO `" + manager.name() + "`;"
        + " GRANT MANAGE ON TABLE " + c + ".s.t TO `" + manager.name() + "`");

    List<String> seen = get(reader, "/effective-permissions/table/" + c + ".s.t").statusCode(200)
        .extract().path("privilege_assignments.principal");
    assertThat(seen).containsExactlyInAnyOrder(reader.name().toLowerCase(), team.name().toLowerCase());
    assertThat(get(reader, "/effective-permissions/table/" + c + ".s.t?principal=" + other.name()).statusCode(200)
        .extract().<List<Object>>path("privilege_assignments")).isEmpty();
    assertThat(get(reader, "/permissions/table/" + c + ".s.t").statusCode(200)
        .extract().<List<String>>path("privilege_assignments.principal")).containsExactly(reader.name().toLowerCase());
    assertThat(get(reader, "/permissions/table/" + c + ".s.t?principal=" + other.name()).statusCode(200)
        .extract().<List<Object>>path("privilege_assignments")).isEmpty();

    List<String> managed = get(manager, "/effective-permissions/table/" + c + ".s.t").statusCode(200)
        .extract().path("privilege_assignments.principal");
    assertThat(managed).contains(reader.name().toLowerCase(), other.name().toLowerCase(), team.name().toLowerCase());
  }

  @Test
  void ownersSetOverRestMustExist() {
    String c = Api.unique("owners");
    Who real = AuthzAttacks.user("realowner");
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".s;"
        + " CREATE TABLE " + c + ".s.t (id INT) LOCATION 's3://owners/" + c + "/t';"
        + " CREATE VOLUME " + c + ".s.v; CREATE FUNCTION " + c + ".s.f(x INT) RETURN x");
    String ghost = "ghost-" + Api.unique("p") + "@example.com";
    Map<String, String> paths = Map.of("/catalogs/", c, "/schemas/", c + ".s", "/tables/", c + ".s.t",
        "/volumes/", c + ".s.v", "/functions/", c + ".s.f");
    for (var e : paths.entrySet()) {
      Api.error(Api.patch(e.getKey() + e.getValue(), Map.of("owner", ghost)), 404, "NOT_FOUND");
      assertThat(Api.get(e.getKey() + e.getValue()).statusCode(200).extract().<String>path("owner")).isNotEqualTo(ghost);
      Api.patch(e.getKey() + e.getValue(), Map.of("owner", real.name().toUpperCase())).statusCode(200)
          .extract().path("owner");
      assertThat(Api.get(e.getKey() + e.getValue()).statusCode(200).extract().<String>path("owner")).isEqualTo(real.name());
    }
    // A user created later under the refused name owns nothing.
    Who late = new Who(ghost, io.gatehouse.server.identity.Identities.user(ghost),
        io.gatehouse.server.identity.TestIssuer.jwt(ghost));
    get(late, "/tables/" + c + ".s.t").statusCode(403);
  }
}
