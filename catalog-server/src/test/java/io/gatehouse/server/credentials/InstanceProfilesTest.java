package io.gatehouse.server.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.gatehouse.credentials.testing.CephTestServer;
import io.gatehouse.server.catalog.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The instance-profiles API against radosgw: roles made with its IAM API, adding a profile checks
 * with a real AssumeRole that Gatehouse can assume its role, and only metastore admins may use it.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class InstanceProfilesTest {
  static final String API = "/api/2.0/instance-profiles";
  CephTestServer ceph;

  @BeforeEach
  void ceph() {
    ceph = CephTestServer.get();
    removeMetaProfiles();
  }

  /** A meta profile left by an interrupted run would carry every validation through its role. */
  static void removeMetaProfiles() {
    for (Map<String, Object> p : list()) {
      if (Boolean.TRUE.equals(p.get("is_meta_instance_profile"))) {
        Api.json().body(Map.of("instance_profile_arn", p.get("instance_profile_arn"))).post(API + "/remove").then()
            .statusCode(200);
      }
    }
  }

  static String profileArn(String name) {
    return "arn:aws:iam:::instance-profile/" + name;
  }

  static ValidatableResponse add(RequestSpecification as, String profile, String role, Boolean meta, Boolean skip) {
    Map<String, Object> body = new HashMap<>();
    body.put("instance_profile_arn", profile);
    if (role != null) {
      body.put("iam_role_arn", role);
    }
    if (meta != null) {
      body.put("is_meta_instance_profile", meta);
    }
    if (skip != null) {
      body.put("skip_validation", skip);
    }
    return as.body(body).post(API + "/add").then();
  }

  static ValidatableResponse add(String profile, String role) {
    return add(Api.json(), profile, role, null, null);
  }

  static List<Map<String, Object>> list() {
    List<Map<String, Object>> profiles = Api.json().get(API + "/list").then().statusCode(200).extract().path("instance_profiles");
    return profiles == null ? List.of() : profiles;
  }

  @Test
  void anAdminAddsAProfileWhoseRoleGatehouseCanAssumeAndListsIt() {
    String name = IamRoles.name("ip-readers");
    String role = IamRoles.role(ceph, name, List.of(IamRoles.CATALOG_USER), "nothing", "nothing");

    add(profileArn(name), null).statusCode(200);

    assertThat(list()).contains(Map.of("instance_profile_arn", profileArn(name), "iam_role_arn", role,
        "is_meta_instance_profile", false));
    List<Map<String, Object>> audit = Api.json().queryParam("action", "ADD_INSTANCE_PROFILE")
        .queryParam("securable", profileArn(name)).get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(audit).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("result", "SUCCEEDED").containsEntry("principal", "admin");
      assertThat((String) e.get("detail")).contains(role).contains("validated");
    });
  }

  @Test
  void aRoleGatehouseCannotAssumeIsRefusedWithStsErrorAndNothingIsStored() {
    String untrusting = IamRoles.name("ip-untrusting");
    IamRoles.role(ceph, untrusting, List.of("arn:aws:iam:::user/gatehouse-admin"), "nothing", "nothing");

    Api.error(add(profileArn(untrusting), null), 400, "INVALID_ARGUMENT")
        .body("message", allOf(containsString("AccessDenied"), containsString("HTTP 403"),
            containsString("arn:aws:iam:::role/" + untrusting), containsString("skip_validation"),
            not(containsString("Exception")), not(containsString("software.amazon")), not(containsString("\tat "))));
    String missing = IamRoles.name("ip-missing");
    Api.error(add(profileArn(missing), null), 400, "INVALID_ARGUMENT")
        .body("message", containsString("NoSuchEntity"));
    assertThat(list()).extracting(p -> p.get("instance_profile_arn")).doesNotContain(profileArn(untrusting), profileArn(missing));
    List<Map<String, Object>> audit = Api.json().queryParam("action", "ADD_INSTANCE_PROFILE")
        .queryParam("securable", profileArn(untrusting)).get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(audit).singleElement().satisfies(e -> assertThat(e).containsEntry("result", "FAILED"));

    // An administrator who knows better skips the check, as on the platform.
    add(Api.json(), profileArn(untrusting), null, false, true).statusCode(200);
    assertThat(list()).extracting(p -> p.get("instance_profile_arn")).contains(profileArn(untrusting));
  }

  @Test
  void arnsAreReadStrictly() {
    String name = IamRoles.name("ip-strict");
    String[] bad = {
        "arn:aws:iam:::instance-profile/" + name + "/",       // trailing slash
        "arn:aws:iam:::role/" + name,                          // a role is no instance profile
        "arn:aws:iam::12345678901:instance-profile/" + name,  // eleven digits
        "arn:aws:sts:::instance-profile/" + name,              // another service
        "arn:aws:iam:::instance-profile/" + name + "\n",
        "arn:aws:iam:::instance-profile/a b",
        "arn:aws:iam:::instance-profile/",
        " arn:aws:iam:::instance-profile/" + name,
    };
    for (String arn : bad) {
      Api.error(add(Api.json(), arn, null, false, true), 400, "INVALID_ARGUMENT")
          .body("message", containsString("instance_profile_arn"));
    }
    Api.error(add(Api.json(), profileArn(name), "arn:aws:iam:::role/" + name + "/", false, true), 400, "INVALID_ARGUMENT")
        .body("message", containsString("iam_role_arn"));
    Api.error(add(Api.json(), profileArn(name), "arn:aws-cn:iam:::role/" + name, false, true), 400, "INVALID_ARGUMENT")
        .body("message", containsString("partition and account"));
    // Other partitions are ARNs too.
    add(Api.json(), "arn:aws-us-gov:iam::123456789012:instance-profile/" + name, null, false, true).statusCode(200);
    assertThat(list()).contains(Map.of("instance_profile_arn", "arn:aws-us-gov:iam::123456789012:instance-profile/" + name,
        "iam_role_arn", "arn:aws-us-gov:iam::123456789012:role/" + name, "is_meta_instance_profile", false));
  }

  @Test
  void duplicatesConflictAndUnknownProfilesAreNotFound() {
    String name = IamRoles.name("ip-dup");
    add(Api.json(), profileArn(name), null, false, true).statusCode(200);
    Api.error(add(Api.json(), profileArn(name), null, false, true), 409, "ALREADY_EXISTS");
    Api.error(add(Api.json(), profileArn(name.toUpperCase()), null, false, true), 409, "ALREADY_EXISTS")
        .body("message", containsString("letter case"));

    String unknown = profileArn(IamRoles.name("ip-unknown"));
    Api.error(Api.json().body(Map.of("instance_profile_arn", unknown, "iam_role_arn", "arn:aws:iam:::role/x"))
        .post(API + "/edit").then(), 404, "NOT_FOUND");
    Api.error(Api.json().body(Map.of("instance_profile_arn", unknown)).post(API + "/remove").then(), 404, "NOT_FOUND");
    // Another spelling of a registered one is not it.
    Api.error(Api.json().body(Map.of("instance_profile_arn", profileArn(name.toUpperCase()))).post(API + "/remove").then(),
        404, "NOT_FOUND");
  }

  @Test
  void editValidatesTheNewRoleAndRemoveForgetsTheProfile() {
    String name = IamRoles.name("ip-edit");
    String first = IamRoles.role(ceph, name, List.of(IamRoles.CATALOG_USER), "nothing", "nothing");
    String untrusting = IamRoles.role(ceph, IamRoles.name("ip-edit-untrusting"), List.of("arn:aws:iam:::user/gatehouse-admin"),
        "nothing", "nothing");
    String second = IamRoles.role(ceph, IamRoles.name("ip-edit-second"), List.of(IamRoles.CATALOG_USER), "nothing", "nothing");
    add(profileArn(name), first).statusCode(200);

    Api.error(Api.json().body(Map.of("instance_profile_arn", profileArn(name), "iam_role_arn", untrusting))
        .post(API + "/edit").then(), 400, "INVALID_ARGUMENT").body("message", containsString("AccessDenied"));
    Api.json().body(Map.of("instance_profile_arn", profileArn(name), "iam_role_arn", second)).post(API + "/edit")
        .then().statusCode(200);
    assertThat(list()).contains(Map.of("instance_profile_arn", profileArn(name), "iam_role_arn", second,
        "is_meta_instance_profile", false));

    Api.json().body(Map.of("instance_profile_arn", profileArn(name))).post(API + "/remove").then().statusCode(200);
    assertThat(list()).extracting(p -> p.get("instance_profile_arn")).doesNotContain(profileArn(name));
    List<Map<String, Object>> audit = Api.json().queryParam("securable", profileArn(name))
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(audit).extracting(e -> e.get("action") + " " + e.get("result"))
        .contains("ADD_INSTANCE_PROFILE SUCCEEDED", "EDIT_INSTANCE_PROFILE FAILED", "EDIT_INSTANCE_PROFILE SUCCEEDED",
            "REMOVE_INSTANCE_PROFILE SUCCEEDED");
  }

  @Test
  void onlyMetastoreAdminsMayAddEditRemoveOrListProfiles() {
    String name = IamRoles.name("ip-admins");
    add(Api.json(), profileArn(name), null, false, true).statusCode(200);
    String user = Storage.user("ip_nonadmin");
    RequestSpecification asUser = Storage.as(user);

    String byUser = profileArn(IamRoles.name("ip-by-user"));
    Api.error(add(Storage.as(user), byUser, null, false, true), 403, "PERMISSION_DENIED")
        .body("message", containsString("metastore admins"));
    Api.error(Storage.as(user).body(Map.of("instance_profile_arn", profileArn(name), "iam_role_arn", "arn:aws:iam:::role/other",
        "skip_validation", true)).post(API + "/edit").then(), 403, "PERMISSION_DENIED");
    Api.error(Storage.as(user).body(Map.of("instance_profile_arn", profileArn(name))).post(API + "/remove").then(),
        403, "PERMISSION_DENIED");
    Api.error(asUser.get(API + "/list").then(), 403, "PERMISSION_DENIED");

    assertThat(list()).contains(Map.of("instance_profile_arn", profileArn(name), "iam_role_arn", "arn:aws:iam:::role/" + name,
        "is_meta_instance_profile", false));
    assertThat(list()).extracting(p -> p.get("instance_profile_arn")).doesNotContain(byUser);
    List<Map<String, Object>> refusals = Api.json().queryParam("action", "ADMIN_ONLY").queryParam("principal", user)
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(refusals).hasSize(4);
  }
}
