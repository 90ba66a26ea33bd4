package io.gatehouse.server.adversarial;

import static io.gatehouse.server.identity.Identities.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.audit.RepeatedRefusals;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.gatehouse.server.store.EmbeddedDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of a session of token and refusal events: every token and client secret is
 * audited when created, first used, revoked and refused after expiry, never with its value; every
 * refusal is audited, admin-only endpoints included; a flood of bad credentials from one source
 * costs a bounded number of records whose counts add up to the flood.
 */
@QuarkusTest
class IdentityTokenAuditAttackTest {
  private static final String TRAIL = "/api/gatehouse/v1/audit";

  @Inject
  RepeatedRefusals refusals;

  private static List<Map<String, Object>> trail(String securable) {
    return Api.json().queryParam("securable", securable).queryParam("max_results", 100).get(TRAIL).then()
        .statusCode(200).extract().path("events");
  }

  private static Connection owner() throws Exception {
    return DriverManager.getConnection(EmbeddedDatabase.start(Path.of("target/test-data")).jdbcUrl());
  }

  @Test
  void personalAndOnBehalfOfTokensAreAuditedFromCreationToRevocation() throws Exception {
    var created = Api.json().body(Map.of("comment", "audited", "lifetime_seconds", 600)).post("/api/2.0/token/create").then()
        .statusCode(200).extract();
    String token = created.path("token_value");
    String id = created.path("token_info.token_id");
    for (int i = 0; i < 3; i++) {
      as(token).get(Api.BASE + "/catalogs").then().statusCode(200);
    }
    Api.json().body(Map.of("token_id", id)).post("/api/2.0/token/delete").then().statusCode(200);

    List<Map<String, Object>> events = trail(id);
    assertThat(events).filteredOn(e -> "CREATE_TOKEN".equals(e.get("action"))).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("principal", "admin").containsEntry("result", "SUCCEEDED")
            .containsEntry("securable_type", "TOKEN").containsKey("source_address"));
    assertThat(events).filteredOn(e -> "USE_TOKEN_FIRST_TIME".equals(e.get("action"))).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("principal", "admin").containsEntry("source_address", "127.0.0.1"));
    assertThat(events).filteredOn(e -> "REVOKE_TOKEN".equals(e.get("action"))).hasSize(1);

    String appId = Api.unique("audited-job");
    Identities.servicePrincipal(appId);
    String obo = Api.json().body(Map.of("application_id", appId, "lifetime_seconds", 600))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(200).extract().path("token_info.token_id");
    assertThat(trail(obo)).singleElement().satisfies(e -> assertThat(e).containsEntry("action", "CREATE_TOKEN")
        .containsEntry("principal", "admin"))
        .satisfies(e -> assertThat(e.get("detail").toString()).contains("on-behalf-of").contains(appId));
    assertNoValueInTheTrail(List.of(token));
  }

  @Test
  void clientSecretsAndOAuthTokensAreAuditedFromCreationToRevocation() throws Exception {
    String appId = Api.unique("oauth-job");
    Identities.servicePrincipal(appId);
    var secretCreated = Api.json().body(Map.of()).post("/api/2.0/service-principals/" + appId + "/credentials/secrets")
        .then().statusCode(200).extract();
    String secret = secretCreated.path("secret");
    String secretId = secretCreated.path("id");
    List<String> accessTokens = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      accessTokens.add(RestAssured.given().auth().preemptive().basic(appId, secret).formParam("grant_type", "client_credentials")
          .post("/oidc/v1/token").then().statusCode(200).extract().path("access_token"));
    }
    RestAssured.given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
        .delete("/api/2.0/service-principals/" + appId + "/credentials/secrets/" + secretId).then().statusCode(200);

    List<Map<String, Object>> events = trail(secretId);
    assertThat(events).extracting(e -> e.get("action"))
        .containsOnlyOnce("CREATE_SECRET", "USE_SECRET_FIRST_TIME", "REVOKE_SECRET");
    assertThat(events).filteredOn(e -> "USE_SECRET_FIRST_TIME".equals(e.get("action"))).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("principal", appId));
    List<Map<String, Object>> issued = Api.json().queryParam("principal", appId).queryParam("action", "CREATE_TOKEN")
        .get(TRAIL).then().statusCode(200).extract().path("events");
    assertThat(issued).hasSize(2).allSatisfy(e -> assertThat(e.get("detail").toString()).contains("OAUTH"));
    List<String> values = new ArrayList<>(accessTokens);
    values.add(secret);
    assertNoValueInTheTrail(values);
  }

  @Test
  void expiredTokensAndSecretsAreAuditedWhenRefused() throws Exception {
    var created = Api.json().body(Map.of("lifetime_seconds", 1)).post("/api/2.0/token/create").then().statusCode(200).extract();
    String token = created.path("token_value");
    String tokenId = created.path("token_info.token_id");
    String appId = Api.unique("expiring-job");
    Identities.servicePrincipal(appId);
    var secretCreated = Api.json().body(Map.of("lifetime_seconds", 1))
        .post("/api/2.0/service-principals/" + appId + "/credentials/secrets").then().statusCode(200).extract();
    Thread.sleep(1_200);
    as(token).get(Api.BASE + "/catalogs").then().statusCode(401);
    RestAssured.given().auth().preemptive().basic(appId, secretCreated.<String>path("secret"))
        .formParam("grant_type", "client_credentials").post("/oidc/v1/token").then().statusCode(401);
    refusals.flush();

    assertThat(trail(tokenId)).anySatisfy(e -> {
      assertThat(e).containsEntry("action", "AUTHENTICATE").containsEntry("result", "DENIED").containsEntry("principal", "admin");
      assertThat(e.get("detail").toString()).contains("expired");
    });
    assertThat(trail(secretCreated.path("id"))).anySatisfy(e -> {
      assertThat(e).containsEntry("action", "OAUTH_CLIENT_CREDENTIALS").containsEntry("result", "DENIED")
          .containsEntry("principal", appId);
      assertThat(e.get("detail").toString()).contains("expired client secret");
    });
  }

  @Test
  void adminOnlyEndpointRefusalsAreAudited() {
    String email = Identities.email("not-an-admin");
    Identities.user(email);
    for (String path : List.of("/api/2.0/token-management/tokens", TRAIL)) {
      as(TestIssuer.jwt(email)).get(path).then().statusCode(403);
    }
    List<Map<String, Object>> events = Api.json().queryParam("principal", email).queryParam("action", "ADMIN_ONLY")
        .get(TRAIL).then().statusCode(200).extract().path("events");
    assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("result", "DENIED"));
    assertThat(events).anySatisfy(e -> assertThat(e.get("detail").toString()).contains("read the audit trail"));
  }

  @Test
  void floodOfBadTokensFromOneSourceIsAFewRecordsWhoseCountsAddUp() throws Exception {
    refusals.flush();
    long before;
    try (Connection c = owner(); ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(max(id), 0) FROM audit_log")) {
      rs.next();
      before = rs.getLong(1);
    }
    int flood = 1_000;
    long started = System.nanoTime();
    for (int i = 0; i < flood; i++) {
      as("gat_floodTokenNeverIssued" + i + "x".repeat(30)).get(Api.BASE + "/catalogs").then().statusCode(401);
    }
    long elapsed = System.nanoTime() - started;
    refusals.flush();
    long rows = 0;
    long counted = 0;
    try (Connection c = owner();
        PreparedStatement q = c.prepareStatement("SELECT detail FROM audit_log WHERE id > ? AND action = 'AUTHENTICATE'"
            + " AND source_address = '127.0.0.1' AND detail LIKE '%unknown or revoked%'")) {
      q.setLong(1, before);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows++;
          String detail = rs.getString(1);
          assertThat(detail).startsWith("count=");
          counted += Long.parseLong(detail.substring("count=".length(), detail.indexOf(';')));
        }
      }
    }
    assertThat(counted).as("refusals recorded").isEqualTo(flood);
    // One record per window of repeats (and one for the first refusal): a slow machine that takes
    // longer over the flood gets a record more per window, never one per refusal.
    long window = org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getValue("gatehouse.audit.refusal-window", java.time.Duration.class).toNanos();
    long windows = elapsed / window + 1;
    assertThat(rows).as("records for %d refusals in %d windows", flood, windows)
        .isLessThanOrEqualTo(Math.max(20, 2 * windows + 2)).isLessThan(flood / 10);
  }

  private static void assertNoValueInTheTrail(List<String> values) throws Exception {
    try (Connection c = owner();
        PreparedStatement q = c.prepareStatement("SELECT count(*) FROM audit_log WHERE strpos(coalesce(detail, '')"
            + " || coalesce(securable_name, '') || coalesce(principal, '') || coalesce(request_id, ''), ?) > 0")) {
      for (String value : values) {
        for (String piece : List.of(value, value.substring(value.length() - 16))) {
          q.setString(1, piece);
          try (ResultSet rs = q.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).as("records holding a credential").isZero();
          }
        }
      }
    }
  }
}
