package io.gatehouse.server.identity;

import static io.gatehouse.server.identity.Identities.SCIM;
import static io.gatehouse.server.identity.Identities.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SCIM {@code roles} (registered instance profiles) and {@code entitlements} on users, groups and
 * service principals, set by POST and PUT and changed by PATCH in the shapes Okta and Entra ID
 * send; what an attacker with a SCIM client might try is refused or matches nothing.
 */
@QuarkusTest
class ScimRolesTest {
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /** A registered instance profile (validation skipped: these tests never assume its role). */
  static String profile(String prefix) {
    String arn = "arn:aws:iam::123456789012:instance-profile/" + Api.unique(prefix).replace('_', '-');
    Api.json().body(Map.of("instance_profile_arn", arn, "skip_validation", true)).post("/api/2.0/instance-profiles/add")
        .then().statusCode(200);
    return arn;
  }

  @SafeVarargs
  static ValidatableResponse patch(String endpoint, String id, Map<String, Object>... operations) {
    return scim().body(Map.of("schemas", List.of(PATCH_OP), "Operations", List.of(operations)))
        .patch(SCIM + "/" + endpoint + "/" + id).then();
  }

  static List<String> values(String endpoint, String id, String attribute) {
    List<String> values = scim().get(SCIM + "/" + endpoint + "/" + id).then().statusCode(200).extract()
        .path(attribute + ".value");
    return values == null ? List.of() : values;
  }

  static Map<String, Object> op(String op, String path, Object value) {
    Map<String, Object> operation = new java.util.HashMap<>();
    operation.put("op", op);
    if (path != null) {
      operation.put("path", path);
    }
    if (value != null) {
      operation.put("value", value);
    }
    return operation;
  }

  static List<Map<String, String>> items(String... values) {
    return java.util.Arrays.stream(values).map(v -> Map.of("value", v)).toList();
  }

  @Test
  void rolesAndEntitlementsAreSetByPostAndPutAndReturnedByGetAndList() {
    String readers = profile("ip_readers");
    String writers = profile("ip_writers");
    String email = Identities.email("roles");
    String id = scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", email,
            "roles", List.of(Map.of("value", readers, "display", "Readers", "primary", false)),
            "entitlements", items("allow-cluster-create", "workspace-access")))
        .post(SCIM + "/Users").then().statusCode(201)
        .body("roles", equalTo(items(readers)))
        .body("entitlements.value", equalTo(List.of("allow-cluster-create", "workspace-access")))
        .extract().path("id");

    assertThat(values("Users", id, "roles")).containsExactly(readers);
    scim().queryParam("filter", "userName eq \"" + email + "\"").get(SCIM + "/Users").then().statusCode(200)
        .body("Resources[0].roles.value", equalTo(List.of(readers)))
        .body("Resources[0].entitlements.value", equalTo(List.of("allow-cluster-create", "workspace-access")));
    scim().queryParam("filter", "userName eq \"" + email + "\"").queryParam("attributes", "userName")
        .get(SCIM + "/Users").then().statusCode(200).body("Resources[0].roles", equalTo(null));

    // PUT replaces the resource: roles and entitlements absent from it are gone.
    scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", email,
            "roles", items(writers)))
        .put(SCIM + "/Users/" + id).then().statusCode(200).body("roles.value", equalTo(List.of(writers)));
    assertThat(values("Users", id, "entitlements")).isEmpty();

    // Groups and service principals hold them too.
    String group = scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
            "displayName", Api.unique("role_group"), "roles", items(readers), "entitlements", items("databricks-sql-access")))
        .post(SCIM + "/Groups").then().statusCode(201).body("roles.value", equalTo(List.of(readers))).extract().path("id");
    assertThat(values("Groups", group, "entitlements")).containsExactly("databricks-sql-access");
    scim().get(SCIM + "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group").then().statusCode(200)
        .body("attributes.name", org.hamcrest.Matchers.hasItems("roles", "entitlements"));
    String sp = Identities.servicePrincipal(Api.unique("role_sp"));
    patch("ServicePrincipals", sp, op("add", "roles", items(writers))).statusCode(200);
    assertThat(values("ServicePrincipals", sp, "roles")).containsExactly(writers);
  }

  @Test
  void oktaPatchesAGroupsRolesWithPathsFiltersAndPathlessValues() {
    String a = profile("ip_okta_a");
    String b = profile("ip_okta_b");
    String group = Identities.group(Api.unique("okta_roles"));

    patch("Groups", group, op("add", "roles", items(a))).statusCode(200);
    patch("Groups", group, op("add", "roles", items(a, b))).statusCode(200); // re-adding changes nothing
    assertThat(values("Groups", group, "roles")).containsExactly(a, b);
    patch("Groups", group, op("remove", "roles[value eq \"" + a + "\"]", null)).statusCode(200);
    assertThat(values("Groups", group, "roles")).containsExactly(b);
    patch("Groups", group, op("replace", "roles", items(a))).statusCode(200);
    assertThat(values("Groups", group, "roles")).containsExactly(a);
    patch("Groups", group, op("add", null, Map.of("roles", items(b)))).statusCode(200);
    assertThat(values("Groups", group, "roles")).containsExactly(a, b);
    patch("Groups", group, op("replace", "roles[value eq \"" + b + "\"]", Map.of("value", b))).statusCode(200);
    patch("Groups", group, op("remove", "roles", null)).statusCode(200);
    assertThat(values("Groups", group, "roles")).isEmpty();
  }

  @Test
  void entraPatchesAUsersRolesAndEntitlementsWithValueArraysAndCapitalisedOps() {
    String a = profile("ip_entra_a");
    String b = profile("ip_entra_b");
    String user = Identities.user(Identities.email("entra_roles"));

    patch("Users", user, op("Add", "roles", items(a, b)),
        op("Add", "entitlements", items("databricks-sql-access"))).statusCode(200);
    assertThat(values("Users", user, "roles")).containsExactly(a, b);
    patch("Users", user, op("Remove", "roles", items(a))).statusCode(200);
    assertThat(values("Users", user, "roles")).containsExactly(b);
    patch("Users", user, op("Replace", "entitlements", items("Workspace-Access", "allow-instance-pool-create")))
        .statusCode(200);
    assertThat(values("Users", user, "entitlements")).containsExactly("allow-instance-pool-create", "workspace-access");
    patch("Users", user, op("Remove", "entitlements[value eq \"workspace-access\"]", null)).statusCode(200);
    assertThat(values("Users", user, "entitlements")).containsExactly("allow-instance-pool-create");
  }

  @Test
  void onlyRegisteredInstanceProfilesSpelledExactlyMayBeAssigned() {
    String registered = profile("ip_exact");
    String user = Identities.user(Identities.email("exact_roles"));
    patch("Users", user, op("add", "roles", items(registered))).statusCode(200);
    String name = registered.substring(registered.lastIndexOf('/') + 1);
    String[] others = {
        "arn:aws:iam::123456789012:instance-profile/" + name.toUpperCase(),
        registered + "/",
        "arn:aws-cn:iam::123456789012:instance-profile/" + name,
        "arn:aws:iam::123456789012:role/" + name,
        "arn:aws:iam::123456789012:instance-profile/never-registered",
        " " + registered,
    };
    for (String other : others) {
      patch("Users", user, op("add", "roles", items(other))).statusCode(400)
          .body("scimType", equalTo("invalidValue")).body("detail", containsString("not a registered instance profile"));
      scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
              "displayName", Api.unique("bad_role_group"), "roles", items(other)))
          .post(SCIM + "/Groups").then().statusCode(400).body("scimType", equalTo("invalidValue"));
    }
    patch("Users", user, op("add", "entitlements", items("admin"))).statusCode(400)
        .body("scimType", equalTo("invalidValue")).body("detail", containsString("allow-cluster-create"));
    patch("Users", user, op("add", "roles", List.of(Map.of("display", "no value")))).statusCode(400);
    patch("Users", user, op("add", "roles", "not-an-array-item")).statusCode(400);
    // A failed PATCH changes nothing.
    assertThat(values("Users", user, "roles")).containsExactly(registered);
    assertThat(values("Users", user, "entitlements")).isEmpty();
  }

  @Test
  void filterInjectionInPatchPathsMatchesNothingOrIsRefused() {
    String a = profile("ip_inject_a");
    String b = profile("ip_inject_b");
    String user = Identities.user(Identities.email("inject_roles"));
    patch("Users", user, op("add", "roles", items(a, b))).statusCode(200);

    String[] matchNothing = {
        "roles[value eq \"x\\\" or value pr or value eq \\\"y\"]", // quotes escaped: one literal value
        "roles[value eq \"' OR '1'='1\"]",
        "roles[value sw \"arn:aws:iam::999\"]",
    };
    for (String path : matchNothing) {
      patch("Users", user, op("remove", path, null)).statusCode(200);
      assertThat(values("Users", user, "roles")).as(path).containsExactly(a, b);
    }
    String[] malformed = {
        "roles[value eq \"" + a + "\"] or true",
        "roles[value eq \"" + a + "\"]]",
        "roles[value eq \"" + a + "\"];DROP TABLE principal_roles",
        "roles[value eq \"" + a + "\"",
        "roles[value eq " + a + "]",
    };
    for (String path : malformed) {
      patch("Users", user, op("remove", path, null)).statusCode(400).body("scimType", equalTo("invalidPath"));
      assertThat(values("Users", user, "roles")).as(path).containsExactly(a, b);
    }
    // A filtered replace cannot smuggle in an unregistered role either.
    patch("Users", user, op("replace", "roles[value eq \"" + a + "\"]", Map.of("value", a + "-evil"))).statusCode(400)
        .body("scimType", equalTo("invalidValue"));
    assertThat(values("Users", user, "roles")).containsExactly(a, b);
  }

  @Test
  void nonAdminsCannotAssignRolesAndRemovedProfilesLeaveEveryone() {
    String a = profile("ip_nonadmin");
    String email = Identities.email("nonadmin_roles");
    String user = Identities.user(email);
    String token = TestIssuer.jwt(email);
    Identities.as(token).contentType("application/scim+json")
        .body(Map.of("schemas", List.of(PATCH_OP), "Operations", List.of(op("add", "roles", items(a)))))
        .patch(SCIM + "/Users/" + user).then().statusCode(403);
    assertThat(values("Users", user, "roles")).isEmpty();

    patch("Users", user, op("add", "roles", items(a))).statusCode(200);
    Api.json().body(Map.of("instance_profile_arn", a)).post("/api/2.0/instance-profiles/remove").then().statusCode(200);
    assertThat(values("Users", user, "roles")).isEmpty();
  }
}
