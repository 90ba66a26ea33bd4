package io.gatehouse.server.fuzz;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 500s the endpoint sweep found, each kept as the 400 it is now. */
@QuarkusTest
class FuzzFindingsTest {
  private static final String NUL = "a\u0000b";

  @Test
  void aScimAttributeHoldingNulIsRefusedNotAServerError() {
    Identities.scim().body(Map.of("applicationId", java.util.UUID.randomUUID().toString(), "nickname", NUL))
        .post(Identities.SCIM + "/ServicePrincipals").then().statusCode(400).body(containsString("U+0000"));
  }

  @Test
  void aTokenCommentHoldingNulIsRefusedNotAServerError() {
    String email = Identities.email("nul-comment");
    Identities.user(email);
    Identities.as(TestIssuer.jwt(email)).contentType("application/json").body(Map.of("comment", NUL, "lifetime_seconds", 600))
        .post("/api/2.0/token/create").then().statusCode(400).body("error_code", org.hamcrest.Matchers.equalTo("INVALID_ARGUMENT"));
  }

  @Test
  void aLineageSearchForNulIsRefusedNotAServerError() {
    Api.given().queryParam("q", NUL).get("/api/gatehouse/v1/lineage/search").then().statusCode(400)
        .body("message", containsString("U+0000"));
  }

  @Test
  void aFormBodyWithAStrayPercentIsRefusedNotAServerError() {
    RestAssured.given().contentType("application/x-www-form-urlencoded").body("grant_type=client_credentials&client_id=%")
        .post("/oidc/v1/token").then().statusCode(400).body(not(containsString("URLUtils")));
  }

  @Test
  void aServicePrincipalNameHoldingNulNamesNobody() {
    Api.given().urlEncodingEnabled(false).get("/api/2.0/service-principals/a%00b/credentials/secrets").then().statusCode(404);
    Api.given().urlEncodingEnabled(false).delete("/api/2.0/service-principals/a%00b/credentials/secrets/x").then()
        .statusCode(404);
  }
}
