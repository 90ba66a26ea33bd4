package io.gatehouse.server.identity;

import static io.gatehouse.server.identity.Identities.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.network.Networks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workspace's token policy: tokens on or off, their longest lifetime, who may use them
 * (CAN_USE), how many one may hold, and admins revoking anyone's; each in force at the next request.
 */
@QuarkusTest
class TokenPolicyTest {
  private static final String CONF = "/api/2.0/workspace-conf";
  private static final String PERMISSIONS = "/api/2.0/permissions/authorization/tokens";

  @BeforeEach
  @AfterEach
  void defaults() {
    Networks.reset();
  }

  /** A new user: its SCIM id, JWT and a personal access token it created. */
  private record User(String email, String id, String jwt, String pat) {}

  private static User user(String prefix) {
    String email = Identities.email(prefix);
    String id = Identities.user(email);
    String jwt = TestIssuer.jwt(email);
    String pat = create(jwt, Map.of("comment", "mine")).statusCode(200).extract().path("token_value");
    return new User(email, id, jwt, pat);
  }

  private static ValidatableResponse create(String credential, Map<String, Object> body) {
    return as(credential).contentType("application/json").body(body).post("/api/2.0/token/create").then();
  }

  private static void conf(String key, String value) {
    Api.json().body(Map.of(key, value)).patch(CONF).then().statusCode(204);
  }

  private static ValidatableResponse permissions(String method, Object body) {
    var request = Api.json().body(body);
    return (method.equals("PUT") ? request.put(PERMISSIONS) : request.patch(PERMISSIONS)).then();
  }

  @Test
  void disablingTokensStopsEveryNonAdminTokenAtOnceAndEnablingBringsThemBack() {
    User alice = user("tok-off");
    Identities.whoami(alice.pat()).statusCode(200);
    conf("enableTokensConfig", "false");
    Identities.whoami(alice.pat()).statusCode(401).body("detail", containsString("disabled"));
    create(alice.jwt(), Map.of()).statusCode(403).body("message", containsString("disabled"));
    // Admins always may: the bootstrap admin's token still works, and so does creating one.
    Api.json().get(Api.BASE + "/catalogs").then().statusCode(200);
    Api.json().body(Map.of("lifetime_seconds", 60)).post("/api/2.0/token/create").then().statusCode(200);
    // A JWT is no personal access token: it still works.
    Identities.whoami(alice.jwt()).statusCode(200);
    Api.json().get(CONF + "?keys=enableTokensConfig").then().statusCode(200).body("enableTokensConfig", equalTo("false"));
    conf("enableTokensConfig", "true");
    Identities.whoami(alice.pat()).statusCode(200);
  }

  @Test
  void underLoadEveryRequestStartedAfterTokensWereDisabledIsRefused() throws Exception {
    User frank = user("tok-load");
    record Seen(long startedAt, int status) {}
    java.util.Queue<Seen> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 4; i++) {
        pool.submit(() -> {
          while (running.get()) {
            long started = System.nanoTime();
            seen.add(new Seen(started, Identities.whoami(frank.pat()).extract().statusCode()));
          }
          return null;
        });
      }
      Thread.sleep(300);
      conf("enableTokensConfig", "false");
      long disabledAt = System.nanoTime();
      Thread.sleep(500);
      running.set(false);
      pool.shutdown();
      assertThat(pool.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(seen).extracting(Seen::status).containsOnly(200, 401);
      assertThat(seen).filteredOn(x -> x.startedAt() > disabledAt).isNotEmpty()
          .allSatisfy(x -> assertThat(x.status()).isEqualTo(401));
      assertThat(seen).filteredOn(x -> x.status() == 200).isNotEmpty();
    } finally {
      running.set(false);
      pool.shutdownNow();
    }
  }

  @Test
  void theMaximumLifetimeCapsNewTokensAndIsGivenToThoseAskingForNone() {
    User bob = user("tok-life");
    conf("maxTokenLifetimeDays", "1");
    create(bob.jwt(), Map.of("lifetime_seconds", 2 * 86_400)).statusCode(400)
        .body("error_code", equalTo("INVALID_ARGUMENT"))
        .body("message", containsString("1 days"));
    var capped = create(bob.jwt(), Map.of()).statusCode(200).extract();
    long created = capped.path("token_info.creation_time");
    long expires = capped.path("token_info.expiry_time");
    assertThat(expires - created).isEqualTo(86_400_000L);
    create(bob.jwt(), Map.of("lifetime_seconds", 3600)).statusCode(200);
    Api.json().body(Map.of("maxTokenLifetimeDays", "-1")).patch(CONF).then().statusCode(400);
    Api.json().body(Map.of("maxTokenLifetimeDays", "100000")).patch(CONF).then().statusCode(400);
    conf("maxTokenLifetimeDays", "0");
    create(bob.jwt(), Map.of()).statusCode(200).body("token_info.expiry_time", equalTo(-1));
  }

  @Test
  void onlyHoldersOfCanUseCreateAndUseTokensOnceAdminsRestrictThem() {
    User member = user("tok-member");
    User other = user("tok-other");
    String group = Api.unique("token-users");
    Identities.group(group, member.id());
    permissions("PUT", Map.of("access_control_list", List.of(Map.of("group_name", group, "permission_level", "CAN_USE"))))
        .statusCode(200)
        .body("object_id", equalTo("authorization/tokens"))
        .body("access_control_list.group_name", hasItem(group))
        .body("access_control_list.group_name", hasItem("admins"));
    Identities.whoami(member.pat()).statusCode(200);
    Identities.whoami(other.pat()).statusCode(401).body("detail", containsString("CAN_USE"));
    create(other.jwt(), Map.of()).statusCode(403).body("error_code", equalTo("PERMISSION_DENIED"));
    create(member.jwt(), Map.of()).statusCode(200);
    // Admins always may.
    Api.json().get(Api.BASE + "/catalogs").then().statusCode(200);

    permissions("PATCH", Map.of("access_control_list", List.of(Map.of("user_name", other.email(), "permission_level", "CAN_USE"))))
        .statusCode(200)
        .body("access_control_list.user_name", hasItem(other.email()));
    Identities.whoami(other.pat()).statusCode(200);

    // Back to everyone: the all-users group.
    permissions("PUT", Map.of("access_control_list", List.of(Map.of("group_name", "users", "permission_level", "CAN_USE"))))
        .statusCode(200);
    Api.json().get(PERMISSIONS).then().statusCode(200).body("access_control_list.group_name", hasItem("account users"));
  }

  @Test
  void tokenPermissionsRefuseUnknownPrincipalsOtherLevelsAndNonAdmins() {
    User carol = user("tok-perm");
    permissions("PATCH", Map.of("access_control_list", List.of(Map.of("user_name", "nobody@example.com", "permission_level", "CAN_USE"))))
        .statusCode(400).body("message", containsString("does not exist"));
    permissions("PATCH", Map.of("access_control_list", List.of(Map.of("user_name", carol.email(), "permission_level", "CAN_MANAGE"))))
        .statusCode(400).body("message", containsString("permission_level"));
    permissions("PATCH", Map.of("access_control_list", List.of(Map.of("permission_level", "CAN_USE"))))
        .statusCode(400);
    as(carol.jwt()).contentType("application/json").get(PERMISSIONS).then().statusCode(403);
    as(carol.jwt()).contentType("application/json").body(Map.of("enableTokensConfig", "false")).patch(CONF).then().statusCode(403);
    Api.json().get(PERMISSIONS + "/permissionLevels").then().statusCode(200)
        .body("permission_levels.permission_level", hasItem("CAN_USE"));
  }

  @Test
  void anAdminRevokingSomeonesTokenStopsItAtTheNextRequest() {
    User dave = user("tok-revoke");
    Identities.whoami(dave.pat()).statusCode(200);
    String id = Api.json().queryParam("created_by_id", dave.id()).get("/api/2.0/token-management/tokens").then().statusCode(200)
        .extract().path("token_infos[0].token_id");
    Api.json().delete("/api/2.0/token-management/tokens/" + id).then().statusCode(200);
    Identities.whoami(dave.pat()).statusCode(401);
  }

  @Test
  void aUserMayHoldOnlySoManyTokens() {
    User erin = user("tok-limit");
    conf("maxTokensPerUser", "2");
    create(erin.jwt(), Map.of()).statusCode(200);
    create(erin.jwt(), Map.of()).statusCode(400).body("message", containsString("the most allowed (2)"));
    // Admins are not held to it.
    Api.json().body(Map.of("lifetime_seconds", 60)).post("/api/2.0/token/create").then().statusCode(200);
    Api.json().body(Map.of("maxTokensPerUser", "0")).patch(CONF).then().statusCode(400);
  }

  @Test
  void tokenSettingsAndPermissionsAreAudited() {
    conf("maxTokenLifetimeDays", "30");
    Api.json().queryParam("action", "UPDATE_WORKSPACE_CONF").queryParam("max_results", 100)
        .get("/api/gatehouse/v1/audit").then().statusCode(200).body(containsString("maxTokenLifetimeDays=30"));
    permissions("PATCH", Map.of("access_control_list", List.of(Map.of("group_name", "users", "permission_level", "CAN_USE"))))
        .statusCode(200);
    Api.json().queryParam("action", "UPDATE_TOKEN_PERMISSIONS").queryParam("max_results", 100)
        .get("/api/gatehouse/v1/audit").then().statusCode(200).body(containsString("account users"));
  }
}
