package io.gatehouse.server.identity;

import static io.gatehouse.server.identity.Identities.SCIM;
import static io.gatehouse.server.identity.Identities.scim;
import static io.gatehouse.server.identity.Identities.whoami;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * User and group lifecycles as Okta and Microsoft Entra ID drive them, with the request shapes
 * their SCIM documentation shows.
 */
@QuarkusTest
class ScimProvisioningTest {
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static Map<String, Object> patch(Map<String, Object>... operations) {
    return Map.of("schemas", List.of(PATCH_OP), "Operations", List.of(operations));
  }

  @Test
  void oktaUserLifecycleEndsWithTheUserLockedOut() {
    String email = Identities.email("okta");
    // Okta first looks the user up, then creates it.
    scim().queryParam("filter", "userName eq \"" + email + "\"").queryParam("startIndex", 1).queryParam("count", 100)
        .get(SCIM + "/Users").then().statusCode(200).body("totalResults", equalTo(0)).body("Resources", equalTo(List.of()));
    String id = scim().body(Map.of(
            "schemas", List.of(USER_SCHEMA),
            "userName", email,
            "name", Map.of("givenName", "Ada", "familyName", "Lovelace"),
            "emails", List.of(Map.of("primary", true, "value", email, "type", "work")),
            "displayName", "Ada Lovelace",
            "locale", "en-US",
            "externalId", "00u1abcd",
            "groups", List.of(),
            "password", "never-stored-1!",
            "active", true))
        .post(SCIM + "/Users").then().statusCode(201)
        .header("Location", notNullValue())
        .header("ETag", notNullValue())
        .body("id", notNullValue())
        .body("userName", equalTo(email))
        .body("name.givenName", equalTo("Ada"))
        .body("$", not(hasKey("password")))
        .body("meta.resourceType", equalTo("User"))
        .extract().path("id");
    scim().queryParam("filter", "userName eq \"" + email.toUpperCase() + "\"").get(SCIM + "/Users").then()
        .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));

    String token = TestIssuer.jwt(email);
    whoami(token).statusCode(200).body("userName", equalTo(email));

    // Okta's profile push is a PUT of the whole user.
    scim().body(Map.of(
            "schemas", List.of(USER_SCHEMA), "id", id, "userName", email,
            "name", Map.of("givenName", "Ada", "familyName", "King"),
            "emails", List.of(Map.of("primary", true, "value", email, "type", "work")),
            "active", true))
        .put(SCIM + "/Users/" + id).then().statusCode(200).body("name.familyName", equalTo("King"));

    // Deactivation: replace with a value object and no path.
    scim().body(patch(Map.of("op", "replace", "value", Map.of("active", false))))
        .patch(SCIM + "/Users/" + id).then().statusCode(200).body("active", equalTo(false));
    whoami(token).statusCode(401);
    Api.json().get(SCIM + "/Users/" + id).then().statusCode(200).body("active", equalTo(false));

    // Reactivation lets the same credentials in again.
    scim().body(patch(Map.of("op", "replace", "value", Map.of("active", true))))
        .patch(SCIM + "/Users/" + id).then().statusCode(200);
    whoami(token).statusCode(200);
  }

  @Test
  void entraUserPatchesWithCapitalisedOpsStringBooleansAndEmailFilters() {
    String email = Identities.email("entra");
    String id = scim().body(Map.of(
            "schemas", List.of(USER_SCHEMA, ENTERPRISE),
            "externalId", "a0b1c2",
            "userName", email,
            "active", true,
            "displayName", "Grace Hopper",
            "emails", List.of(Map.of("primary", true, "type", "work", "value", email)),
            "name", Map.of("formatted", "Grace Hopper", "familyName", "Hopper", "givenName", "Grace"),
            ENTERPRISE, Map.of("employeeNumber", "701984", "department", "Navy")))
        .post(SCIM + "/Users").then().statusCode(201)
        .body("'" + ENTERPRISE + "'.department", equalTo("Navy"))
        .extract().path("id");

    String other = Api.unique("grace") + "@example.org";
    scim().body(patch(
            Map.of("op", "Replace", "path", "displayName", "value", "Rear Admiral Hopper"),
            Map.of("op", "Replace", "path", "emails[type eq \"work\"].value", "value", other),
            Map.of("op", "Add", "path", "name.givenName", "value", "G.")))
        .patch(SCIM + "/Users/" + id).then().statusCode(200)
        .body("displayName", equalTo("Rear Admiral Hopper"))
        .body("emails[0].value", equalTo(other))
        .body("name.givenName", equalTo("G."));

    scim().queryParam("filter", "emails.value co \"" + other.substring(0, 8) + "\" and active eq true")
        .get(SCIM + "/Users").then().statusCode(200).body("Resources.id", hasItem(id));
    scim().queryParam("filter", "externalId eq \"a0b1c2\"").get(SCIM + "/Users").then().body("Resources.id", hasItem(id));

    scim().body(patch(Map.of("op", "Replace", "path", "active", "value", "False")))
        .patch(SCIM + "/Users/" + id).then().statusCode(200).body("active", equalTo(false));
  }

  @Test
  void deletedUserIsLockedOutAndGone() {
    String email = Identities.email("leaver");
    String id = Identities.user(email);
    String token = TestIssuer.jwt(email);
    whoami(token).statusCode(200);
    scim().delete(SCIM + "/Users/" + id).then().statusCode(204);
    whoami(token).statusCode(401);
    scim().get(SCIM + "/Users/" + id).then().statusCode(404)
        .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
        .body("status", equalTo("404"));
  }

  @Test
  void duplicateUserNameIsAUniquenessConflict() {
    String email = Identities.email("twice");
    Identities.user(email);
    scim().body(Map.of("schemas", List.of(USER_SCHEMA), "userName", email.toUpperCase()))
        .post(SCIM + "/Users").then().statusCode(409)
        .body("scimType", equalTo("uniqueness"))
        .body("status", equalTo("409"));
  }

  @Test
  void invalidInputGetsTheRfcErrorTypes() {
    scim().body(Map.of("schemas", List.of(USER_SCHEMA), "userName", "not-an-email")).post(SCIM + "/Users").then()
        .statusCode(400).body("scimType", equalTo("invalidValue"));
    scim().queryParam("filter", "userName eq").get(SCIM + "/Users").then()
        .statusCode(400).body("scimType", equalTo("invalidFilter"));
    scim().queryParam("filter", "password eq \"x\"").get(SCIM + "/Users").then()
        .statusCode(400).body("scimType", equalTo("invalidFilter"));
    String id = Identities.user(Identities.email("patchy"));
    scim().body(Map.of("Operations", List.of(Map.of("op", "replace", "path", "active", "value", false))))
        .patch(SCIM + "/Users/" + id).then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
    scim().body(patch(Map.of("op", "replace", "path", "id", "value", "mine")))
        .patch(SCIM + "/Users/" + id).then().statusCode(400).body("scimType", equalTo("mutability"));
    scim().body("{not json").post(SCIM + "/Users").then().statusCode(400).body("status", equalTo("400"));
  }

  @Test
  void staleEtagIsRefusedWithPreconditionFailed() {
    String id = Identities.user(Identities.email("etag"));
    String etag = scim().get(SCIM + "/Users/" + id).then().statusCode(200).extract().header("ETag");
    scim().header("If-Match", etag).body(patch(Map.of("op", "replace", "path", "displayName", "value", "one")))
        .patch(SCIM + "/Users/" + id).then().statusCode(200);
    scim().header("If-Match", etag).body(patch(Map.of("op", "replace", "path", "displayName", "value", "two")))
        .patch(SCIM + "/Users/" + id).then().statusCode(412);
    scim().get(SCIM + "/Users/" + id).then().body("displayName", equalTo("one"));
  }

  @Test
  void pagingAndProjection() {
    String prefix = Api.unique("page").toLowerCase();
    for (int i = 0; i < 5; i++) {
      Identities.user(prefix + i + "@example.com");
    }
    scim().queryParam("filter", "userName sw \"" + prefix + "\"").queryParam("startIndex", 2).queryParam("count", 2)
        .queryParam("attributes", "userName").get(SCIM + "/Users").then().statusCode(200)
        .body("totalResults", equalTo(5))
        .body("startIndex", equalTo(2))
        .body("itemsPerPage", equalTo(2))
        .body("Resources[0].userName", equalTo(prefix + "1@example.com"))
        .body("Resources[0]", not(hasKey("emails")))
        .body("Resources[0]", hasKey("id"));
    scim().queryParam("filter", "userName sw \"" + prefix + "\"").queryParam("excludedAttributes", "emails,name")
        .get(SCIM + "/Users").then().body("Resources[0]", not(hasKey("emails"))).body("Resources[0]", hasKey("userName"));
  }

  @Test
  void onlyAdminsProvision() {
    String email = Identities.email("plain");
    Identities.user(email);
    Identities.as(TestIssuer.jwt(email)).contentType("application/scim+json")
        .body(Map.of("schemas", List.of(USER_SCHEMA), "userName", Identities.email("sneaky")))
        .post(SCIM + "/Users").then().statusCode(403).body("status", equalTo("403"));
  }
}
