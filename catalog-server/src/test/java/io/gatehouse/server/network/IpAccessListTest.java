package io.gatehouse.server.network;

import static io.gatehouse.server.network.Networks.ADMIN_HOST;
import static io.gatehouse.server.network.Networks.LISTS;
import static io.gatehouse.server.network.Networks.PROXY;
import static io.gatehouse.server.network.Networks.anonymousFrom;
import static io.gatehouse.server.network.Networks.from;
import static io.gatehouse.server.network.Networks.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IP access lists through the API, enforced on REST, gRPC and the pages, from several loopback addresses. */
@QuarkusTest
class IpAccessListTest {
  private static final String CATALOGS = Api.BASE + "/catalogs";

  @BeforeEach
  @AfterEach
  void noListsInForce() {
    Networks.reset();
  }

  private static void admitted(String host) {
    from(host).get(CATALOGS).then().statusCode(200);
  }

  private static void refused(String host) {
    from(host).get(CATALOGS).then().statusCode(403)
        .body("error_code", equalTo("PERMISSION_DENIED"))
        .body("message", containsString(host));
  }

  @Test
  void listsAreCreatedReadChangedAndDeletedInTheDatabricksShape() {
    String id = from(ADMIN_HOST).body(Map.of("label", "office", "list_type", "ALLOW",
            "ip_addresses", List.of("192.0.2.0/24", "2001:db8::/32", "198.51.100.7")))
        .post(LISTS).then().statusCode(200)
        .body("ip_access_list.label", equalTo("office"))
        .body("ip_access_list.list_type", equalTo("ALLOW"))
        .body("ip_access_list.address_count", equalTo(3))
        .body("ip_access_list.enabled", equalTo(true))
        .body("ip_access_list.created_by", equalTo("admin"))
        .extract().path("ip_access_list.list_id");
    from(ADMIN_HOST).get(LISTS).then().statusCode(200).body("ip_access_lists.list_id", hasItem(id));
    from(ADMIN_HOST).body(Map.of("enabled", false)).patch(LISTS + "/" + id).then().statusCode(200)
        .body("ip_access_list.enabled", equalTo(false))
        .body("ip_access_list.label", equalTo("office"));
    from(ADMIN_HOST).body(Map.of("label", "vpn", "list_type", "BLOCK", "ip_addresses", List.of("203.0.113.9"), "enabled", true))
        .put(LISTS + "/" + id).then().statusCode(200)
        .body("ip_access_list.list_type", equalTo("BLOCK"))
        .body("ip_access_list.ip_addresses", equalTo(List.of("203.0.113.9")));
    from(ADMIN_HOST).body(Map.of("label", "vpn")).put(LISTS + "/" + id).then().statusCode(400);
    from(ADMIN_HOST).delete(LISTS + "/" + id).then().statusCode(200);
    from(ADMIN_HOST).get(LISTS + "/" + id).then().statusCode(404).body("error_code", equalTo("NOT_FOUND"));
    from(ADMIN_HOST).get(LISTS + "/not-a-list").then().statusCode(404);
  }

  @Test
  void invalidAddressesAndTypesAreRefusedWithTheFieldNamed() {
    for (String bad : List.of("10.0.0.256", "10.0.0", "10.0.0.0/33", "2001:db8::/129", "not-an-address", "10.0.0.0/-1",
        "fe80::1%eth0", "", " 10.0.0.1", "example.com")) {
      from(ADMIN_HOST).body(Map.of("label", "bad", "list_type", "ALLOW", "ip_addresses", List.of(bad)))
          .post(LISTS).then().statusCode(400)
          .body("error_code", equalTo("INVALID_ARGUMENT"))
          .body("message", containsString("ip_addresses"));
    }
    from(ADMIN_HOST).body(Map.of("label", "bad", "list_type", "MAYBE", "ip_addresses", List.of("10.0.0.1")))
        .post(LISTS).then().statusCode(400).body("message", containsString("list_type"));
    from(ADMIN_HOST).body(Map.of("label", "bad", "list_type", "ALLOW", "ip_addresses", List.of()))
        .post(LISTS).then().statusCode(400);
  }

  @Test
  void onlyAdminsManageListsAndSettings() {
    String email = Identities.email("netuser");
    Identities.user(email);
    String jwt = TestIssuer.jwt(email);
    Networks.bind(Identities.as(jwt).contentType("application/json"), ADMIN_HOST).get(LISTS).then().statusCode(403);
    Networks.bind(Identities.as(jwt).contentType("application/json"), ADMIN_HOST)
        .body(Map.of("enableIpAccessLists", "true")).patch(Networks.CONF).then().statusCode(403);
  }

  @Test
  void withAnAllowListOnlyListedAddressesMayCallAndTheRestAre403BeforeAuthentication() {
    list("ALLOW", "127.0.0.1", "127.0.0.2/32");
    admitted("127.0.0.4");
    Networks.enable();
    admitted(ADMIN_HOST);
    admitted("127.0.0.2");
    refused("127.0.0.4");
    // No credentials at all: the address is refused first, so 403 rather than 401.
    anonymousFrom("127.0.0.4").get(CATALOGS).then().statusCode(403);
    anonymousFrom("127.0.0.2").get(CATALOGS).then().statusCode(401);
    // The web pages too, while health probes pass.
    anonymousFrom("127.0.0.4").get("/ui/lineage").then().statusCode(403);
    anonymousFrom("127.0.0.4").get("/q/health/live").then().statusCode(200);
  }

  @Test
  void aBlockListWinsOverAnAllowList() {
    list("ALLOW", "127.0.0.0/8");
    list("BLOCK", "127.0.0.4");
    Networks.enable();
    refused("127.0.0.4");
    admitted("127.0.0.5");
  }

  @Test
  void blockListsAloneLetEveryOtherAddressIn() {
    list("BLOCK", "127.0.0.8/29");
    Networks.enable();
    admitted("127.0.0.7");
    refused("127.0.0.8");
    refused("127.0.0.15");
    admitted("127.0.0.16");
  }

  @Test
  void cidrRangesEndWhereTheirPrefixSays() {
    list("ALLOW", "127.0.0.0/30", "127.0.1.0/24");
    Networks.enable();
    admitted("127.0.0.3");
    refused("127.0.0.4");
    admitted("127.0.1.255");
    refused("127.0.2.0");
  }

  @Test
  void disabledListsAndTheSettingOffEnforceNothing() {
    list("ALLOW", "127.0.0.1");
    String block = list("BLOCK", "127.0.0.4");
    Networks.enable();
    refused("127.0.0.4");
    refused("127.0.0.6");
    from(ADMIN_HOST).body(Map.of("enabled", false)).patch(LISTS + "/" + block).then().statusCode(200);
    refused("127.0.0.4"); // still on no ALLOW list
    Networks.setting(ADMIN_HOST, "enableIpAccessLists", "false").statusCode(204);
    admitted("127.0.0.4");
    admitted("127.0.0.6");
    from(ADMIN_HOST).get(Networks.CONF + "?keys=enableIpAccessLists").then().statusCode(200)
        .body("enableIpAccessLists", equalTo("false"));
  }

  @Test
  void aChangeThatWouldLockOutTheCallingAdminIsRefused() {
    String mine = list("ALLOW", "127.0.0.1", "127.0.0.2");
    Networks.enable();
    // A BLOCK list naming the caller.
    from(ADMIN_HOST).body(Map.of("label", "oops", "list_type", "BLOCK", "ip_addresses", List.of("127.0.0.0/24")))
        .post(LISTS).then().statusCode(400)
        .body("message", containsString("lock out your own address 127.0.0.1"));
    // Removing the caller from its ALLOW list, disabling it, deleting it while another ALLOW list exists.
    list("ALLOW", "127.0.0.9");
    from(ADMIN_HOST).body(Map.of("ip_addresses", List.of("127.0.0.2"))).patch(LISTS + "/" + mine).then().statusCode(400)
        .body("message", containsString("127.0.0.1"));
    from(ADMIN_HOST).body(Map.of("enabled", false)).patch(LISTS + "/" + mine).then().statusCode(400);
    from(ADMIN_HOST).delete(LISTS + "/" + mine).then().statusCode(400);
    // The same change from an address that stays allowed is accepted.
    from("127.0.0.2").body(Map.of("ip_addresses", List.of("127.0.0.2"))).patch(LISTS + "/" + mine).then().statusCode(200);
    refused(ADMIN_HOST);
    // Nothing was half done: 127.0.0.2 still may call.
    admitted("127.0.0.2");
  }

  @Test
  void enablingTheSettingIsRefusedWhenTheCallerIsOnNoAllowList() {
    list("ALLOW", "127.0.0.2");
    Networks.setting(ADMIN_HOST, "enableIpAccessLists", "true").statusCode(400)
        .body("error_code", equalTo("INVALID_ARGUMENT"))
        .body("message", containsString("127.0.0.1"));
    admitted("127.0.0.4");
    Networks.setting("127.0.0.2", "enableIpAccessLists", "true").statusCode(204);
    refused("127.0.0.4");
  }

  @Test
  void unknownSettingsAndInvalidValuesAreRefused() {
    Networks.setting(ADMIN_HOST, "enableIpAccessLists", "yes").statusCode(400);
    Networks.setting(ADMIN_HOST, "enableSomethingElse", "true").statusCode(400).body("message", containsString("Unknown"));
    from(ADMIN_HOST).body(Map.of("enableIpAccessLists", true)).patch(Networks.CONF).then().statusCode(400);
    from(ADMIN_HOST).get(Networks.CONF + "?keys=enableIpAccessLists,nope").then().statusCode(400);
    from(ADMIN_HOST).get(Networks.CONF + "?keys=enableIpAccessLists,maxTokenLifetimeDays").then().statusCode(200)
        .body("$", org.hamcrest.Matchers.hasKey("maxTokenLifetimeDays"));
  }

  @Test
  void grpcCallsFromAnAddressTheListsKeepOutArePermissionDeniedBeforeTheirCredentialIsRead() throws Exception {
    list("ALLOW", "127.0.0.1");
    list("BLOCK", "127.0.0.4");
    Networks.enable();
    ManagedChannel blocked = Networks.grpcFrom("127.0.0.4");
    ManagedChannel allowed = Networks.grpcFrom(ADMIN_HOST);
    try {
      assertThatThrownBy(() -> AuthorizationServiceGrpc.newBlockingStub(blocked).withDeadlineAfter(20, TimeUnit.SECONDS)
              .authorize(AuthorizeRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(e.getStatus().getDescription()).contains("127.0.0.4");
          });
      assertThatThrownBy(() -> AuthorizationServiceGrpc.newBlockingStub(allowed).withDeadlineAfter(20, TimeUnit.SECONDS)
              .authorize(AuthorizeRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    } finally {
      blocked.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      allowed.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void behindATrustedProxyTheForwardedClientAddressDecidesIncludingIpv6() {
    list("ALLOW", "127.0.0.1", "::1", "2001:db8::/32");
    list("BLOCK", "2001:db8::bad/128");
    Networks.enable();
    from(PROXY).header("X-Forwarded-For", "::1").get(CATALOGS).then().statusCode(200);
    from(PROXY).header("X-Forwarded-For", "2001:db8::1").get(CATALOGS).then().statusCode(200);
    from(PROXY).header("X-Forwarded-For", "2001:db8::bad").get(CATALOGS).then().statusCode(403)
        .body("message", containsString("2001:db8"));
    from(PROXY).header("X-Forwarded-For", "127.0.0.4").get(CATALOGS).then().statusCode(403)
        .body("message", containsString("127.0.0.4"));
    // The proxy itself is not on the lists: a request it makes without the header is its own.
    from(PROXY).get(CATALOGS).then().statusCode(403).body("message", containsString(PROXY));
  }

  @Test
  void aChangeAnotherReplicaWroteIsInForceOnceItsNotificationArrives() throws Exception {
    // Written straight into PostgreSQL, as another replica would: no reload on this one but the listener's.
    io.agroal.api.AgroalDataSource db = io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get();
    try (java.sql.Connection c = db.getConnection(); java.sql.Statement s = c.createStatement()) {
      s.execute("INSERT INTO ip_access_lists (list_id, label, list_type, ip_addresses, enabled, created_at, created_by,"
          + " updated_at, updated_by) VALUES (gen_random_uuid(), 'other replica', 'BLOCK', '{127.0.0.12}', true, now(), 'x', now(), 'x');"
          + " INSERT INTO workspace_conf (key, value, updated_at, updated_by) VALUES ('enableIpAccessLists', 'true', now(), 'x')");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
    int status = 0;
    while (System.nanoTime() < deadline && (status = from("127.0.0.12").get(CATALOGS).statusCode()) != 403) {
      Thread.sleep(20);
    }
    assertThat(status).isEqualTo(403);
    admitted("127.0.0.13");
  }

  @Test
  void changesAndRefusalsAreAudited() throws InterruptedException {
    String id = list("BLOCK", "127.0.0.11");
    audit("CREATE_IP_ACCESS_LIST").body(containsString(id));
    Networks.enable();
    audit("UPDATE_WORKSPACE_CONF").body(containsString("enableIpAccessLists=true"));
    refused("127.0.0.11");
    for (int i = 0; i < 100 && !audit("IP_ACCESS_DENIED").extract().asString().contains("127.0.0.11"); i++) {
      Thread.sleep(50);
    }
    audit("IP_ACCESS_DENIED").body(containsString("127.0.0.11"));
  }

  private static io.restassured.response.ValidatableResponse audit(String action) {
    return from(ADMIN_HOST).queryParam("action", action).queryParam("max_results", 100)
        .get("/api/gatehouse/v1/audit").then().statusCode(200);
  }
}
