package io.gatehouse.server.identity;

import static io.gatehouse.server.identity.Identities.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Personal access tokens, tokens on behalf of service principals, and OAuth client credentials. */
@QuarkusTest
class TokenApiTest {

  private static String userToken(String email) {
    Identities.user(email);
    return as(TestIssuer.jwt(email)).contentType("application/json").body(Map.of("comment", "mine"))
        .post("/api/2.0/token/create").then().statusCode(200).extract().path("token_value");
  }

  @Test
  void createdTokenIsShownOnceAndListedWithoutItsValue() {
    var created = Api.json().body(Map.of("comment", "ci", "lifetime_seconds", 3600)).post("/api/2.0/token/create")
        .then().statusCode(200)
        .body("token_value", startsWith("gat_"))
        .body("token_info.comment", equalTo("ci"))
        .body("token_info.expiry_time", notNullValue())
        .extract();
    String id = created.path("token_info.token_id");
    String value = created.path("token_value");
    String list = Api.json().get("/api/2.0/token/list").then().statusCode(200)
        .body("token_infos.token_id", hasItem(id)).extract().asString();
    assertThat(list).doesNotContain(value);
  }

  @Test
  void tokenLifetimeOutOfRangeIsRefused() {
    Api.json().body(Map.of("lifetime_seconds", 0)).post("/api/2.0/token/create").then().statusCode(400);
    Api.json().body(Map.of("lifetime_seconds", 10L * 365 * 24 * 3600)).post("/api/2.0/token/create").then().statusCode(400);
  }

  @Test
  void usersSeeAndRevokeOnlyTheirOwnTokens() {
    String alice = userToken(Identities.email("alice"));
    String adminTokenId = Api.json().body(Map.of()).post("/api/2.0/token/create").then().statusCode(200)
        .extract().path("token_info.token_id");
    as(alice).get("/api/2.0/token/list").then().statusCode(200).body("token_infos.token_id", not(hasItem(adminTokenId)));
    as(alice).contentType("application/json").body(Map.of("token_id", adminTokenId)).post("/api/2.0/token/delete")
        .then().statusCode(404);
  }

  @Test
  void adminCreatesTokenOnBehalfOfServicePrincipalWhichThenActsAsIt() {
    String appId = Api.unique("etl-job");
    Identities.servicePrincipal(appId);
    var created = Api.json().body(Map.of("application_id", appId, "comment", "nightly", "lifetime_seconds", 600))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(200)
        .body("token_info.owner_name", equalTo(appId))
        .body("token_info.created_by_username", equalTo("admin"))
        .extract();
    String token = created.path("token_value");
    Identities.whoami(token).statusCode(200).body("applicationId", equalTo(appId));
    String id = created.path("token_info.token_id");
    Api.json().get("/api/2.0/token-management/tokens/" + id).then().statusCode(200).body("token_info.owner_name", equalTo(appId));
    Api.json().delete("/api/2.0/token-management/tokens/" + id).then().statusCode(200);
    Identities.whoami(token).statusCode(401);
  }

  @Test
  void onlyAdminsManageOtherPrincipalsTokens() {
    String alice = userToken(Identities.email("notadmin"));
    String appId = Api.unique("job");
    Identities.servicePrincipal(appId);
    as(alice).contentType("application/json").body(Map.of("application_id", appId))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(403)
        .body("error_code", equalTo("PERMISSION_DENIED"));
    as(alice).get("/api/2.0/token-management/tokens").then().statusCode(403);
  }

  @Test
  void onBehalfOfUnknownServicePrincipalIs404() {
    Api.json().body(Map.of("application_id", Api.unique("ghost"))).post("/api/2.0/token-management/on-behalf-of/tokens")
        .then().statusCode(404);
  }

  @Test
  void servicePrincipalExchangesClientSecretForShortLivedToken() {
    String appId = Api.unique("spark-engine");
    Identities.servicePrincipal(appId);
    String secret = Api.json().body(Map.of()).post("/api/2.0/service-principals/" + appId + "/credentials/secrets")
        .then().statusCode(200).body("status", equalTo("ACTIVE")).extract().path("secret");

    var basic = io.restassured.RestAssured.given().auth().preemptive().basic(appId, secret)
        .formParam("grant_type", "client_credentials").formParam("scope", "all-apis")
        .post("/oidc/v1/token").then().statusCode(200)
        .body("token_type", equalTo("Bearer"))
        .body("expires_in", equalTo(3600))
        .extract();
    Identities.whoami(basic.path("access_token")).statusCode(200).body("applicationId", equalTo(appId));

    String viaForm = io.restassured.RestAssured.given()
        .formParams(Map.of("grant_type", "client_credentials", "client_id", appId, "client_secret", secret))
        .post("/oidc/v1/token").then().statusCode(200).extract().path("access_token");
    Identities.whoami(viaForm).statusCode(200);
  }

  @Test
  void tokenEndpointRefusesBadClientsAsOAuthDoes() {
    String appId = Api.unique("client");
    Identities.servicePrincipal(appId);
    io.restassured.RestAssured.given().auth().preemptive().basic(appId, "gas_wrong")
        .formParam("grant_type", "client_credentials").post("/oidc/v1/token").then()
        .statusCode(401).body("error", equalTo("invalid_client"));
    io.restassured.RestAssured.given().auth().preemptive().basic(Api.unique("nobody"), "x")
        .formParam("grant_type", "client_credentials").post("/oidc/v1/token").then()
        .statusCode(401).body("error", equalTo("invalid_client"));
    io.restassured.RestAssured.given().formParam("grant_type", "password").post("/oidc/v1/token").then()
        .statusCode(400).body("error", equalTo("unsupported_grant_type"));
    io.restassured.RestAssured.given().formParam("scope", "x").post("/oidc/v1/token").then()
        .statusCode(400).body("error", equalTo("invalid_request"));
  }

  @Test
  void deletedSecretNoLongerBuysTokens() {
    String appId = Api.unique("rotating");
    Identities.servicePrincipal(appId);
    var created = Api.json().body(Map.of()).post("/api/2.0/service-principals/" + appId + "/credentials/secrets")
        .then().statusCode(200).extract();
    Api.json().get("/api/2.0/service-principals/" + appId + "/credentials/secrets").then().statusCode(200)
        .body("secrets.id", hasItem((String) created.path("id")))
        .body("secrets.secret", not(hasItem(notNullValue())));
    Api.json().delete("/api/2.0/service-principals/" + appId + "/credentials/secrets/" + created.path("id")).then().statusCode(200);
    io.restassured.RestAssured.given().auth().preemptive().basic(appId, created.path("secret"))
        .formParam("grant_type", "client_credentials").post("/oidc/v1/token").then().statusCode(401);
  }

  @Test
  void deactivatedServicePrincipalLosesItsTokenAndCannotGetNewOnes() {
    String appId = Api.unique("retired");
    String id = Identities.servicePrincipal(appId);
    String token = Api.json().body(Map.of("application_id", appId)).post("/api/2.0/token-management/on-behalf-of/tokens")
        .then().statusCode(200).extract().path("token_value");
    Identities.whoami(token).statusCode(200);
    Identities.scim().body(Map.of(
            "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            "Operations", List.of(Map.of("op", "replace", "path", "active", "value", false))))
        .patch(Identities.SCIM + "/ServicePrincipals/" + id).then().statusCode(200);
    Identities.whoami(token).statusCode(401);
  }
}
