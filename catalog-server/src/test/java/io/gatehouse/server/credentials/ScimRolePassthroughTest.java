package io.gatehouse.server.credentials;

import static io.gatehouse.server.credentials.LakeWorld.status;
import static io.gatehouse.server.credentials.LakeWorld.tableCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SCIM passthrough driven by SCIM roles against radosgw: roles made with its IAM API, each
 * reaching its own prefix; instance profiles assigned to (nested) groups as an identity provider
 * assigns them; users get credentials of the role they hold, which read their prefix and nothing
 * else; a user leaving the group loses the role on its next request.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class ScimRolePassthroughTest {
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  LakeWorld lake;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get();
    InstanceProfilesTest.removeMetaProfiles();
  }

  /** Two data roles on their own prefixes, their profiles, one credential serving both, two tables. */
  final class World {
    final String base = Api.unique("scimroles");
    final String roleA;
    final String roleB;
    final String profileA;
    final String profileB;
    final String tableA = Api.unique("ta");
    final String tableB = Api.unique("tb");
    final String idA;
    final String idB;
    final String credential = Api.unique("cred");

    World() {
      String nameA = IamRoles.name("analysts");
      String nameB = IamRoles.name("engineers");
      roleA = IamRoles.role(lake.ceph, nameA, List.of(IamRoles.CATALOG_USER), lake.bucket, base + "/a");
      roleB = IamRoles.role(lake.ceph, nameB, List.of(IamRoles.CATALOG_USER), lake.bucket, base + "/b");
      profileA = "arn:aws:iam:::instance-profile/" + nameA;
      profileB = "arn:aws:iam:::instance-profile/" + nameB;
      InstanceProfilesTest.add(profileA, null).statusCode(200);
      InstanceProfilesTest.add(profileB, null).statusCode(200);
      Api.post("/credentials", Map.of("name", credential, "aws_iam_role", Map.of("role_arn", roleA),
          "access_mode", "SCIM_PASSTHROUGH", "data_role_arns", List.of(roleB))).statusCode(200);
      Storage.location(lake.url(base), credential);
      idA = lake.table(tableA, base + "/a/" + tableA);
      idB = lake.table(tableB, base + "/b/" + tableB);
    }

    String keyA() {
      return base + "/a/" + tableA + "/part-0.parquet";
    }

    String keyB() {
      return base + "/b/" + tableB + "/part-0.parquet";
    }

    /** A user allowed to read both tables (the catalog says yes); which files it reaches is the role's business. */
    String reader(String prefix) {
      String email = Identities.email(prefix);
      String id = Identities.user(email);
      lake.outsideEngine(email);
      Storage.grant("table", lake.fullName(tableA), email, "SELECT");
      Storage.grant("table", lake.fullName(tableB), email, "SELECT");
      return id;
    }
  }

  static String group(String name, String... members) {
    return Identities.group(Api.unique(name), members);
  }

  static void patch(String endpoint, String id, Map<String, Object> operation) {
    Identities.scim().body(Map.of("schemas", List.of(PATCH_OP), "Operations", List.of(operation)))
        .patch(Identities.SCIM + "/" + endpoint + "/" + id).then().statusCode(200);
  }

  static String email(String userId) {
    return Identities.scim().get(Identities.SCIM + "/Users/" + userId).then().statusCode(200).extract().path("userName");
  }

  static ValidatableResponse credentials(String email, String tableId, String roleArn) {
    Map<String, Object> body = new HashMap<>();
    body.put("table_id", tableId);
    body.put("operation", "READ");
    if (roleArn != null) {
      body.put("role_arn", roleArn);
    }
    return Storage.as(email).body(body).post(Api.BASE + "/temporary-table-credentials").then();
  }

  @Test
  void usersInGroupsWithDifferentRolesReadExactlyTheirPrefix() {
    World w = new World();
    String ann = w.reader("ann");
    String bob = w.reader("bob");
    // Okta pushes the groups; the role sits on a parent group and is inherited by nesting.
    String analysts = group("analysts", ann);
    String parent = group("data_readers", analysts);
    patch("Groups", parent, Map.of("op", "add", "path", "roles", "value", List.of(Map.of("value", w.profileA))));
    String engineers = group("engineers", bob);
    patch("Groups", engineers, Map.of("op", "add", "value", Map.of("roles", List.of(Map.of("value", w.profileB)))));

    S3Client annOnA = lake.s3(tableCredentials(Storage.as(email(ann)), w.idA, "READ"));
    assertThat(lake.read(annOnA, w.keyA())).isEqualTo("rows of " + w.tableA);
    assertThat(status(() -> lake.read(annOnA, w.keyB()))).isEqualTo(403);
    // Ann may read table B in the catalog, but her role reaches only prefix a: STS hands out nothing that reads b.
    S3Client annOnB = lake.s3(tableCredentials(Storage.as(email(ann)), w.idB, "READ"));
    assertThat(status(() -> lake.read(annOnB, w.keyB()))).isEqualTo(403);
    assertThat(status(() -> lake.read(annOnB, w.keyA()))).isEqualTo(403);

    S3Client bobOnB = lake.s3(tableCredentials(Storage.as(email(bob)), w.idB, "READ"));
    assertThat(lake.read(bobOnB, w.keyB())).isEqualTo("rows of " + w.tableB);
    assertThat(status(() -> lake.read(bobOnB, w.keyA()))).isEqualTo(403);

    List<Map<String, Object>> events = Api.json().queryParam("securable", lake.fullName(w.tableB))
        .queryParam("result", "SUCCEEDED").get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(events).anySatisfy(e -> assertThat(e.get("detail").toString()).contains("role " + w.roleB));
  }

  @Test
  void aUserRemovedFromTheGroupIsRefusedOnItsNextRequest() {
    World w = new World();
    String cat = w.reader("cat");
    String groupName = Api.unique("analysts_leaving");
    String analysts = Identities.group(groupName, cat);
    patch("Groups", analysts, Map.of("op", "add", "path", "roles", "value", List.of(Map.of("value", w.profileA))));
    lake.s3(tableCredentials(Storage.as(email(cat)), w.idA, "READ"));

    // Entra removes the member by listing it.
    patch("Groups", analysts, Map.of("op", "Remove", "path", "members", "value", List.of(Map.of("value", cat))));

    Api.error(tableCredentials(Storage.as(email(cat)), w.idA, "READ"), 403, "PERMISSION_DENIED")
        .body("message", allOf(containsString("holds no instance profile"), containsString(w.roleA)));
    // A token asserting the group (an OIDC groups claim) is no SCIM membership: it brings no role.
    var asserting = Identities.as(TestIssuer.jwt(email(cat), List.of(groupName))).contentType("application/json")
        .accept("application/json");
    Api.error(tableCredentials(asserting, w.idA, "READ"), 403, "PERMISSION_DENIED");
  }

  @Test
  void severalRolesNeedOneNamedAndOnlyAHeldOneSpelledExactlyServes() {
    World w = new World();
    String dan = w.reader("dan");
    patch("Users", dan, Map.of("op", "add", "path", "roles",
        "value", List.of(Map.of("value", w.profileA), Map.of("value", w.profileB))));
    String danEmail = email(dan);

    Api.error(credentials(danEmail, w.idB, null), 400, "FAILED_PRECONDITION")
        .body("message", allOf(containsString("several data roles"), containsString("role_arn"),
            containsString(w.roleA), containsString(w.roleB)));
    S3Client danOnB = lake.s3(credentials(danEmail, w.idB, w.roleB));
    assertThat(lake.read(danOnB, w.keyB())).isEqualTo("rows of " + w.tableB);
    assertThat(status(() -> lake.read(danOnB, w.keyA()))).isEqualTo(403);

    // Other spellings of a held role, and a role the principal does not hold, serve nothing.
    String unheld = IamRoles.role(lake.ceph, IamRoles.name("unheld"), List.of(IamRoles.CATALOG_USER), lake.bucket, w.base);
    for (String named : List.of(w.roleB.toUpperCase(), w.roleB + "/", w.roleB.replace("arn:aws:", "arn:aws-cn:"),
        " " + w.roleB, unheld)) {
      Api.error(credentials(danEmail, w.idB, named), 403, "PERMISSION_DENIED")
          .body("message", containsString("holds no instance profile of role"));
    }
    // A role the principal holds but the credential does not serve gives nothing, though it could read the files.
    String wide = IamRoles.name("wide");
    IamRoles.role(lake.ceph, wide, List.of(IamRoles.CATALOG_USER), lake.bucket, w.base);
    String wideProfile = "arn:aws:iam:::instance-profile/" + wide;
    InstanceProfilesTest.add(wideProfile, null).statusCode(200);
    String fay = w.reader("fay");
    patch("Users", fay, Map.of("op", "add", "path", "roles", "value", List.of(Map.of("value", wideProfile))));
    Api.error(credentials(email(fay), w.idA, null), 403, "PERMISSION_DENIED")
        .body("message", allOf(containsString("holds no instance profile"), containsString(w.roleA)));
    Api.error(credentials(email(fay), w.idA, "arn:aws:iam:::role/" + wide), 403, "PERMISSION_DENIED");

    // With one role left, none needs naming.
    patch("Users", dan, Map.of("op", "remove", "path", "roles[value eq \"" + w.profileA + "\"]"));
    credentials(danEmail, w.idB, null).statusCode(200);
  }

  @Test
  void dataRolesAreAssumedThroughTheMetaInstanceProfile() {
    String base = Api.unique("metaroles");
    String metaName = IamRoles.name("meta");
    String metaRole = IamRoles.role(lake.ceph, metaName, List.of(IamRoles.CATALOG_USER), lake.bucket, null);
    String dataName = IamRoles.name("through-meta");
    // The data role trusts the meta role only: Gatehouse's own identity cannot assume it directly.
    String dataRole = IamRoles.role(lake.ceph, dataName, List.of(metaRole), lake.bucket, base);
    String metaProfile = "arn:aws:iam:::instance-profile/" + metaName;
    String dataProfile = "arn:aws:iam:::instance-profile/" + dataName;
    Api.error(InstanceProfilesTest.add(dataProfile, null), 400, "INVALID_ARGUMENT")
        .body("message", containsString("AccessDenied"));
    InstanceProfilesTest.add(Api.json(), metaProfile, null, true, null).statusCode(200);
    try {
      InstanceProfilesTest.add(dataProfile, null).statusCode(200); // validated through the meta profile
      String credential = Storage.credential(dataRole, "SCIM_PASSTHROUGH");
      Storage.location(lake.url(base), credential);
      String t = Api.unique("tm");
      String id = lake.table(t, base + "/" + t);
      String email = Identities.email("eve");
      String eve = Identities.user(email);
      lake.outsideEngine(email);
      Storage.grant("table", lake.fullName(t), email, "SELECT");
      patch("Groups", group("meta_users", eve), Map.of("op", "add", "path", "roles",
          "value", List.of(Map.of("value", dataProfile))));

      S3Client s3 = lake.s3(tableCredentials(Storage.as(email), id, "READ"));
      assertThat(lake.read(s3, base + "/" + t + "/part-0.parquet")).isEqualTo("rows of " + t);
      // The meta profile itself is no data role: holding it gives nothing.
      String malloryEmail = Identities.email("mallory");
      String mallory = Identities.user(malloryEmail);
      lake.outsideEngine(malloryEmail);
      Storage.grant("table", lake.fullName(t), malloryEmail, "SELECT");
      patch("Users", mallory, Map.of("op", "add", "path", "roles", "value", List.of(Map.of("value", metaProfile))));
      Api.error(tableCredentials(Storage.as(malloryEmail), id, "READ"), 403, "PERMISSION_DENIED")
          .body("message", containsString("holds no instance profile"));
    } finally {
      Api.json().body(Map.of("instance_profile_arn", metaProfile)).post("/api/2.0/instance-profiles/remove").then()
          .statusCode(200);
    }
  }
}
