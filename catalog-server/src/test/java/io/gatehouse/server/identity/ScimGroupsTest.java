package io.gatehouse.server.identity;

import static io.gatehouse.server.identity.Identities.SCIM;
import static io.gatehouse.server.identity.Identities.as;
import static io.gatehouse.server.identity.Identities.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Groups: membership through Okta's and Entra's PATCH shapes, nesting, and refused cycles. */
@QuarkusTest
class ScimGroupsTest {
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private static Map<String, Object> patch(Map<String, Object>... operations) {
    return Map.of("schemas", List.of(PATCH_OP), "Operations", List.of(operations));
  }

  @Test
  void oktaGroupPushAddsAndRemovesMembersAndRenames() {
    String a = Identities.user(Identities.email("ga"));
    String b = Identities.user(Identities.email("gb"));
    String name = Api.unique("okta-group");
    String group = Identities.group(name);
    scim().body(patch(Map.of("op", "add", "path", "members", "value",
            List.of(Map.of("value", a, "display", "a"), Map.of("value", b, "display", "b")))))
        .patch(SCIM + "/Groups/" + group).then().statusCode(200).body("members.value", containsInAnyOrder(a, b));
    scim().body(patch(Map.of("op", "remove", "path", "members[value eq \"" + a + "\"]")))
        .patch(SCIM + "/Groups/" + group).then().statusCode(200).body("members.value", equalTo(List.of(b)));
    // Removing someone who is not a member is not an error: Okta retries removals.
    scim().body(patch(Map.of("op", "remove", "path", "members[value eq \"" + a + "\"]")))
        .patch(SCIM + "/Groups/" + group).then().statusCode(200);
    String renamed = Api.unique("renamed-group");
    scim().body(patch(Map.of("op", "replace", "value", Map.of("id", group, "displayName", renamed))))
        .patch(SCIM + "/Groups/" + group).then().statusCode(200).body("displayName", equalTo(renamed));
    scim().get(SCIM + "/Users/" + b).then().body("groups.value", hasItem(group)).body("groups.display", hasItem(renamed));
  }

  @Test
  void entraMembershipOpsUseValueLists() {
    String a = Identities.user(Identities.email("ea"));
    String b = Identities.user(Identities.email("eb"));
    String group = scim().body(Map.of(
            "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
            "externalId", "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
            "displayName", Api.unique("entra-group"),
            "members", List.of()))
        .post(SCIM + "/Groups").then().statusCode(201).extract().path("id");
    scim().body(patch(Map.of("op", "Add", "path", "members", "value", List.of(Map.of("value", a), Map.of("value", b)))))
        .patch(SCIM + "/Groups/" + group).then().statusCode(200);
    scim().body(patch(Map.of("op", "Remove", "path", "members", "value", List.of(Map.of("value", a)))))
        .patch(SCIM + "/Groups/" + group).then().statusCode(200).body("members.value", equalTo(List.of(b)));
    scim().queryParam("filter", "members.value eq \"" + b + "\"").queryParam("excludedAttributes", "members")
        .get(SCIM + "/Groups").then().statusCode(200)
        .body("Resources.id", hasItem(group))
        .body("Resources[0]", not(hasKey("members")));
  }

  @Test
  void meListsGroupsHeldThroughOtherGroupsAsIndirectAndUsersStayDirect() {
    String email = Identities.email("indirect");
    String user = Identities.user(email);
    String innerName = Api.unique("inner");
    String inner = Identities.group(innerName, user);
    String outerName = Api.unique("outer");
    String outer = Identities.group(outerName, inner);
    String topName = Api.unique("top");
    Identities.group(topName, outer, inner);
    String token = TestIssuer.jwt(email);
    var me = Identities.whoami(token).statusCode(200).extract();
    List<Map<String, String>> groups = me.path("groups");
    assertThat(groups).extracting(g -> g.get("display") + "/" + g.get("type"))
        .contains(innerName + "/direct", outerName + "/indirect", topName + "/indirect").doesNotContain(innerName + "/indirect");
    assertThat(groups).extracting(g -> g.get("display")).doesNotHaveDuplicates();
    // The user's resource, as identity providers read it, keeps its direct memberships only.
    scim().get(SCIM + "/Users/" + user).then().statusCode(200).body("groups.value", equalTo(List.of(inner)))
        .body("groups.type", equalTo(List.of("direct")));
  }

  @Test
  void membershipThroughNestedGroupsMakesAnAdmin() {
    String email = Identities.email("nested");
    String user = Identities.user(email);
    String inner = Identities.group(Api.unique("inner"), user);
    String outer = Identities.group(Api.unique("outer"), inner);
    String token = TestIssuer.jwt(email);
    as(token).get("/api/2.0/token-management/tokens").then().statusCode(403);

    String admins = scim().queryParam("filter", "displayName eq \"admins\"").get(SCIM + "/Groups").then()
        .statusCode(200).extract().path("Resources[0].id");
    scim().body(patch(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", outer)))))
        .patch(SCIM + "/Groups/" + admins).then().statusCode(200);
    try {
      as(token).get("/api/2.0/token-management/tokens").then().statusCode(200);
      // Taking the user out of the innermost group takes the admin right away with it.
      scim().body(patch(Map.of("op", "remove", "path", "members[value eq \"" + user + "\"]")))
          .patch(SCIM + "/Groups/" + inner).then().statusCode(200);
      as(token).get("/api/2.0/token-management/tokens").then().statusCode(403);
    } finally {
      scim().body(patch(Map.of("op", "remove", "path", "members[value eq \"" + outer + "\"]")))
          .patch(SCIM + "/Groups/" + admins).then().statusCode(200);
    }
  }

  @Test
  void cyclesAreRefused() {
    String a = Identities.group(Api.unique("cycle-a"));
    String b = Identities.group(Api.unique("cycle-b"), a);
    String c = Identities.group(Api.unique("cycle-c"), b);
    scim().body(patch(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", c)))))
        .patch(SCIM + "/Groups/" + a).then().statusCode(400).body("scimType", equalTo("invalidValue"));
    scim().body(patch(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", a)))))
        .patch(SCIM + "/Groups/" + a).then().statusCode(400);
    scim().get(SCIM + "/Groups/" + a).then().body("members", equalTo(List.of()));
  }

  @Test
  void unknownMemberIsRefusedAndNothingChanges() {
    String group = Identities.group(Api.unique("strict"));
    scim().body(patch(Map.of("op", "add", "path", "members", "value",
            List.of(Map.of("value", "7e0e3d3b-0000-4000-8000-000000000000")))))
        .patch(SCIM + "/Groups/" + group).then().statusCode(400).body("scimType", equalTo("invalidValue"));
    scim().get(SCIM + "/Groups/" + group).then().body("members", equalTo(List.of()));
  }

  @Test
  void groupNamesShareOneNamespaceWithUsersAndServicePrincipals() {
    String name = Api.unique("shared-name");
    Identities.servicePrincipal(name);
    scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"), "displayName", name))
        .post(SCIM + "/Groups").then().statusCode(409).body("scimType", equalTo("uniqueness"));
  }

  @Test
  void discoveryDocumentsDescribeTheService() {
    scim().get(SCIM + "/ServiceProviderConfig").then().statusCode(200)
        .body("patch.supported", equalTo(true))
        .body("filter.supported", equalTo(true))
        .body("etag.supported", equalTo(true));
    scim().get(SCIM + "/ResourceTypes").then().statusCode(200)
        .body("Resources.name", containsInAnyOrder("User", "Group", "ServicePrincipal"));
    scim().get(SCIM + "/Schemas").then().statusCode(200).body("totalResults", equalTo(4));
    scim().get(SCIM + "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").then().statusCode(200)
        .body("attributes.name", hasItem("userName"));
  }

  /**
   * Identity providers push memberships of one group from several workers at once: each PATCH
   * either applies or loses the race with a 409 the provider retries, never a 500; and what was
   * answered as applied is there.
   */
  @Test
  void concurrentMemberPatchesOfOneGroupApplyOrAskForARetry() throws Exception {
    String group = Identities.group(Api.unique("race"));
    List<String> users = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      users.add(Identities.user(Identities.email("race")));
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
      for (String user : users) {
        statuses.add(pool.submit(() -> scim()
            .body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                "Operations", List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", user))))))
            .patch(SCIM + "/Groups/" + group).then().extract().statusCode()));
      }
      List<String> applied = new java.util.ArrayList<>();
      for (int i = 0; i < users.size(); i++) {
        int status = statuses.get(i).get(1, java.util.concurrent.TimeUnit.MINUTES);
        org.assertj.core.api.Assertions.assertThat(status).isIn(200, 204, 409);
        if (status != 409) {
          applied.add(users.get(i));
        }
      }
      List<String> members = scim().get(SCIM + "/Groups/" + group).then().statusCode(200).extract().path("members.value");
      org.assertj.core.api.Assertions.assertThat(members).containsAll(applied);
    } finally {
      pool.shutdownNow();
    }
  }
}
