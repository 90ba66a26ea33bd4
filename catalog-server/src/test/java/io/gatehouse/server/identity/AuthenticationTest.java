package io.gatehouse.server.identity;

import static io.gatehouse.server.identity.Identities.as;
import static io.gatehouse.server.identity.Identities.whoami;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every request needs valid credentials; every way of lacking them is a 401 that says which. */
@QuarkusTest
@QuarkusTestResource(TestIssuer.class)
class AuthenticationTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/2.1/unity-catalog/catalogs", "/api/2.0/token/list", "/api/2.0/scim/v2/Users", "/api/2.0/scim/v2/Me",
      "/q/metrics", "/api/openapi", "/api/2.1/unity-catalog/no-such-endpoint", "/anything-else"})
  void requestWithoutCredentialsIsRefusedWithAChallenge(String path) {
    RestAssured.given().get(path).then()
        .statusCode(401)
        .header("WWW-Authenticate", equalTo("Bearer realm=\"gatehouse\""));
  }

  @Test
  void unityCatalogEndpointsRefuseInTheirErrorShape() {
    RestAssured.given().get(Api.BASE + "/catalogs").then()
        .statusCode(401)
        .body("error_code", equalTo("UNAUTHENTICATED"))
        .body("details[0].reason", equalTo("UNAUTHENTICATED"));
  }

  @Test
  void scimEndpointsRefuseInTheScimErrorShape() {
    RestAssured.given().get(Identities.SCIM + "/Users").then()
        .statusCode(401)
        .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
        .body("status", equalTo("401"));
  }

  @Test
  void healthNeedsNoCredentials() {
    RestAssured.given().get("/q/health").then().statusCode(200);
    RestAssured.given().get("/q/health/ready").then().statusCode(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "Token abc", "Bearer a\tb", "bearer-gat_x"})
  void malformedAuthorizationHeaderIsAnInvalidRequest(String header) {
    RestAssured.given().header("Authorization", header).get(Api.BASE + "/catalogs").then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("error=\"invalid_request\""));
  }

  @Test
  void unknownTokenIsAnInvalidToken() {
    as("gat_thisTokenWasNeverIssuedByThisServer000000000000").get(Api.BASE + "/catalogs").then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
        .body("message", containsString("unknown or revoked"));
  }

  @Test
  void revokedTokenIsRefusedOnTheNextRequest() {
    var created = Api.json().body(Map.of("comment", "short")).post("/api/2.0/token/create").then().statusCode(200).extract();
    String token = created.path("token_value");
    String id = created.path("token_info.token_id");
    as(token).get(Api.BASE + "/catalogs").then().statusCode(200);
    Api.json().body(Map.of("token_id", id)).post("/api/2.0/token/delete").then().statusCode(200);
    as(token).get(Api.BASE + "/catalogs").then().statusCode(401);
  }

  @Test
  void expiredTokenIsRefused() throws InterruptedException {
    String token = Api.json().body(Map.of("lifetime_seconds", 1)).post("/api/2.0/token/create").then()
        .statusCode(200).extract().path("token_value");
    as(token).get(Api.BASE + "/catalogs").then().statusCode(200);
    Thread.sleep(1_200);
    as(token).get(Api.BASE + "/catalogs").then().statusCode(401).body("message", containsString("expired"));
  }

  @Test
  void firstRequestOfAFreshTokenMayCarryABody() {
    // A fresh token is verified on a worker thread; the request body must survive the wait.
    String token = Api.json().body(Map.of()).post("/api/2.0/token/create").then().statusCode(200).extract().path("token_value");
    String name = Api.unique("fresh");
    as(token).contentType("application/json").body(Map.of("name", name)).post(Api.BASE + "/catalogs").then()
        .statusCode(200)
        .body("name", equalTo(name));
  }

  @Test
  void oidcTokenAuthenticatesTheUserItNames() {
    String email = Identities.email("oidc");
    Identities.user(email);
    whoami(TestIssuer.jwt(email)).statusCode(200).body("userName", equalTo(email));
  }

  @Test
  void oidcTokenFromTheFileIssuerAuthenticatesByItsClaim() {
    String email = Identities.email("fileiss");
    Identities.user(email);
    var claims = new org.jose4j.jwt.JwtClaims();
    claims.setIssuer(TestIssuer.FILE_ISSUER);
    claims.setAudience(TestIssuer.AUDIENCE);
    claims.setExpirationTimeMinutesInTheFuture(5);
    claims.setClaim("preferred_username", email);
    whoami(TestIssuer.sign(claims, TestIssuer.FILE_KEY)).statusCode(200).body("userName", equalTo(email));
  }

  @Test
  void oidcGroupsClaimAddsGroupsForTheRequest() {
    String email = Identities.email("claimed");
    Identities.user(email);
    as(TestIssuer.jwt(email)).get("/api/2.0/token-management/tokens").then().statusCode(403);
    // The admin group counts only from an issuer trusted with it (issue 12): the file issuer is.
    as(TestIssuer.jwt(email, List.of("admins"))).get("/api/2.0/token-management/tokens").then().statusCode(403);
    as(TestIssuer.fileIssuerJwt(email, List.of("admins"))).get("/api/2.0/token-management/tokens").then().statusCode(200);
  }

  @Test
  void everyBrokenOidcTokenIsRefused() {
    String email = Identities.email("broken");
    Identities.user(email);
    List<String> refused = List.of(
        TestIssuer.jwt(email, c -> c.setExpirationTime(TestIssuer.minutesFromNow(-5))),
        TestIssuer.jwt(email, c -> c.setNotBefore(TestIssuer.minutesFromNow(5))),
        TestIssuer.jwt(email, c -> c.setAudience("another-service")),
        TestIssuer.jwt(email, c -> c.setIssuer("https://evil.example")),
        TestIssuer.jwt(Identities.email("nobody")),
        TestIssuer.sign(claimsFor(email), TestIssuer.STRANGER),
        unsigned(email),
        TestIssuer.jwt(email).replaceAll("\\.[^.]+$", ".AAAA"));
    for (String jwt : refused) {
      as(jwt).get(Api.BASE + "/catalogs").then()
          .statusCode(401)
          .header("WWW-Authenticate", startsWith("Bearer realm=\"gatehouse\", error=\"invalid_token\""));
    }
  }

  private static org.jose4j.jwt.JwtClaims claimsFor(String email) {
    var claims = new org.jose4j.jwt.JwtClaims();
    claims.setIssuer(TestIssuer.ISSUER);
    claims.setAudience(TestIssuer.AUDIENCE);
    claims.setExpirationTimeMinutesInTheFuture(5);
    claims.setClaim("email", email);
    claims.setClaim("email_verified", true);
    return claims;
  }

  private static String unsigned(String email) {
    var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
    String header = encoder.encodeToString("{\"alg\":\"none\"}".getBytes());
    String body = encoder.encodeToString(claimsFor(email).toJson().getBytes());
    return header + "." + body + ".";
  }
}
