package io.gatehouse.server.credentials;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Storage credentials, external locations, principals and grants for the credential tests, made through the APIs. */
public final class Storage {
  private Storage() {}

  public static ValidatableResponse createCredential(String name, String roleArn, String accessMode) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("aws_iam_role", Map.of("role_arn", roleArn));
    if (accessMode != null) {
      body.put("access_mode", accessMode);
    }
    return Api.post("/credentials", body);
  }

  public static String credential(String roleArn, String accessMode) {
    String name = Api.unique("cred");
    createCredential(name, roleArn, accessMode).statusCode(200);
    return name;
  }

  public static ValidatableResponse createLocation(String name, String url, String credential) {
    return Api.post("/external-locations", Map.of("name", name, "url", url, "credential_name", credential));
  }

  public static String location(String url, String credential) {
    String name = Api.unique("loc");
    createLocation(name, url, credential).statusCode(200);
    return name;
  }

  /** A new user; returns its user name, which is also its email. */
  public static String user(String prefix) {
    String email = Identities.email(prefix);
    Identities.user(email);
    return email;
  }

  /** Adds user {@code userId} (a SCIM id) to group {@code group}, creating the group if this database has none yet. */
  public static void joinGroup(String group, String userId) {
    String groupId = Identities.scim().queryParam("filter", "displayName eq \"" + group + "\"")
        .get(Identities.SCIM + "/Groups").then().statusCode(200).extract().path("Resources[0].id");
    if (groupId == null) {
      Identities.group(group, userId);
      return;
    }
    Identities.scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            "Operations", List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", userId))))))
        .patch(Identities.SCIM + "/Groups/" + groupId).then().statusCode(200);
  }

  /** A request as {@code email}, authenticated with a JWT of the test OIDC issuer. */
  public static RequestSpecification as(String email) {
    return Identities.as(TestIssuer.jwt(email)).contentType("application/json").accept("application/json");
  }

  public static void grant(String type, String name, String principal, String... privileges) {
    Api.patch("/permissions/" + type + "/" + name,
        Map.of("changes", List.of(Map.of("principal", principal, "add", List.of(privileges), "remove", List.of()))))
        .statusCode(200);
  }

  public static String metastoreId() {
    return Api.get("/metastore_summary").statusCode(200).extract().path("metastore_id");
  }
}
