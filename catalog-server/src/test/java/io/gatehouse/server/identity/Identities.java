package io.gatehouse.server.identity;

import static io.gatehouse.server.catalog.Api.given;

import io.gatehouse.server.catalog.Api;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Principals made through SCIM as an identity provider makes them, and requests as them. */
public final class Identities {
  public static final String SCIM = "/api/2.0/scim/v2";

  private Identities() {}

  public static RequestSpecification scim() {
    return given().contentType("application/scim+json").accept("application/scim+json");
  }

  /** A new active user; returns its SCIM id. */
  public static String user(String userName) {
    return scim()
        .body(Map.of(
            "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
            "userName", userName,
            "name", Map.of("givenName", "Test", "familyName", "User"),
            "emails", List.of(Map.of("value", userName, "type", "work", "primary", true)),
            "active", true))
        .post(SCIM + "/Users")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  public static String group(String displayName, String... memberIds) {
    return scim()
        .body(Map.of(
            "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
            "displayName", displayName,
            "members", java.util.Arrays.stream(memberIds).map(id -> Map.of("value", id)).toList()))
        .post(SCIM + "/Groups")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  public static String servicePrincipal(String applicationId) {
    return scim()
        .body(Map.of(
            "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"),
            "applicationId", applicationId,
            "displayName", "job " + applicationId))
        .post(SCIM + "/ServicePrincipals")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  public static String email(String prefix) {
    return Api.unique(prefix) + "@example.com";
  }

  /** A request authenticated with {@code token}, not as the admin. */
  public static RequestSpecification as(String token) {
    return io.restassured.RestAssured.given().header("Authorization", "Bearer " + token);
  }

  /** Whether {@code token} is accepted: 200 on an endpoint every authenticated caller may read. */
  public static ValidatableResponse whoami(String token) {
    return as(token).accept("application/scim+json").get(SCIM + "/Me").then();
  }
}
