package io.gatehouse.server.adversarial;

import static io.gatehouse.server.network.Networks.ADMIN_HOST;
import static io.gatehouse.server.network.Networks.LISTS;
import static io.gatehouse.server.network.Networks.PROXY;
import static io.gatehouse.server.network.Networks.from;
import static io.gatehouse.server.network.Networks.list;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.network.Networks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the IP access lists' idea of where a request comes from: forwarding headers from a
 * peer that is no trusted proxy, hops a client wrote left of the proxy's own, the forwarding
 * header the proxy does not write, and other spellings of an address (IPv4-mapped IPv6, leading
 * zeros that some readers take for octal, short and integer forms, overlong prefixes) meant to
 * slip past a BLOCK list or into an ALLOW list. The test profile trusts 127.0.0.3 as the proxy,
 * which writes X-Forwarded-For.
 */
@QuarkusTest
class NetworkAddressSpoofingAttackTest {
  private static final String CATALOGS = Api.BASE + "/catalogs";
  private static final String BLOCKED = "127.0.0.4";

  @BeforeEach
  @AfterEach
  void noListsInForce() {
    Networks.reset();
  }

  /** The admin and 127.0.0.2 allowed, 127.0.0.4 blocked. */
  private static void lists() {
    list("ALLOW", ADMIN_HOST, "127.0.0.2");
    list("BLOCK", BLOCKED);
    Networks.enable();
  }

  private static void refusedAs(RequestSpecification request, String address) {
    request.get(CATALOGS).then().statusCode(403)
        .body("error_code", equalTo("PERMISSION_DENIED"))
        .body("message", containsString("Source address " + address + " "));
  }

  @Test
  void anUntrustedPeerCannotNameAnotherAddressInForwardingHeaders() {
    lists();
    refusedAs(from(BLOCKED).header("X-Forwarded-For", "127.0.0.2"), BLOCKED);
    refusedAs(from(BLOCKED).header("X-Forwarded-For", "127.0.0.2").header("Forwarded", "for=127.0.0.2")
        .header("X-Real-IP", "127.0.0.2"), BLOCKED);
    refusedAs(from("127.0.0.6").header("X-Forwarded-For", "127.0.0.2, 127.0.0.3"), "127.0.0.6");
  }

  @Test
  void behindTheProxyAHopTheClientWroteLeftOfTheProxysOwnIsNotBelieved() {
    lists();
    // The client sent "X-Forwarded-For: 127.0.0.2"; the proxy appended the address it saw.
    refusedAs(from(PROXY).header("X-Forwarded-For", "127.0.0.2, " + BLOCKED), BLOCKED);
    // Two headers: the proxy's is the last one.
    refusedAs(from(PROXY).header("X-Forwarded-For", "127.0.0.2").header("X-Forwarded-For", BLOCKED), BLOCKED);
    // A chain of trusted proxies is walked through, to the first hop that is not one.
    refusedAs(from(PROXY).header("X-Forwarded-For", "127.0.0.2, " + BLOCKED + ", " + PROXY), BLOCKED);
    from(PROXY).header("X-Forwarded-For", "127.0.0.9, 127.0.0.2, " + PROXY).get(CATALOGS).then().statusCode(200);
  }

  @Test
  void theForwardingHeaderTheProxyDoesNotWriteIsIgnoredEvenFromTheProxy() {
    lists();
    refusedAs(from(PROXY).header("Forwarded", "for=127.0.0.2").header("X-Forwarded-For", BLOCKED), BLOCKED);
  }

  @Test
  void otherSpellingsOfABlockedAddressDoNotGetPastTheBlockList() {
    // Everyone else allowed: a spelling read as some other address (0177 as decimal 177) would get in.
    list("ALLOW", "0.0.0.0/0", "::/0");
    list("BLOCK", "::ffff:127.0.0.4");
    Networks.enable();
    // The socket's 127.0.0.4 is the mapped address the BLOCK list names.
    refusedAs(from(BLOCKED), BLOCKED);
    // Through the proxy, the mapped spelling is the same address; ambiguous spellings are not read at all.
    refusedAs(from(PROXY).header("X-Forwarded-For", "::ffff:127.0.0.4"), BLOCKED);
    refusedAs(from(PROXY).header("X-Forwarded-For", "[::ffff:127.0.0.4]:443"), BLOCKED);
    for (String spelling : List.of("127.0.0.04", "0177.0.0.4", "127.4", "2130706436", "0x7f.0.0.4", "127.0.0.4.",
        "::ffff:127.0.0.04", "unknown", "")) {
      from(PROXY).header("X-Forwarded-For", spelling).get(CATALOGS).then().statusCode(403);
    }
  }

  @Test
  void ambiguousAddressesAndOverlongPrefixesAreRefusedInLists() {
    for (String entry : List.of("0177.0.0.1", "127.0.0.01", "127.1", "2130706433", "0x7f.0.0.1", "127.0.0.0/08",
        "127.0.0.0/033", "127.0.0.1/33", "::1/129", "::ffff:127.0.0.0/104", "::ffff:0177.0.0.1", "127.0.0.1/", "/8",
        "127.0.0.1/8/8", "::1%lo", "[::1]", "1.2.3.4 ", "１２７.0.0.1")) {
      from(ADMIN_HOST).body(Map.of("label", "spelling", "list_type", "BLOCK", "ip_addresses", List.of(entry)))
          .post(LISTS).then().statusCode(400)
          .body("error_code", equalTo("INVALID_ARGUMENT"));
    }
  }

  @Test
  void theLockoutCheckSeesTheAddressTheListsWouldSee() {
    // Behind the proxy the admin is 127.0.0.2: a BLOCK list naming it is refused, the proxy's own address notwithstanding.
    list("ALLOW", ADMIN_HOST, "127.0.0.2");
    Networks.enable();
    from(PROXY).header("X-Forwarded-For", "127.0.0.2")
        .body(Map.of("label", "self", "list_type", "BLOCK", "ip_addresses", List.of("127.0.0.2")))
        .post(LISTS).then().statusCode(400).body("message", containsString("127.0.0.2"));
    // An untrusted peer naming an allowed address in the header is itself the caller: refused at the door.
    refusedAs(from("127.0.0.7").header("X-Forwarded-For", ADMIN_HOST), "127.0.0.7");
  }

  /** The source address the audit trail recorded for request {@code requestId} on {@code catalog}. */
  private static String auditedSource(String catalog, String requestId) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      List<Map<String, Object>> events = Api.json().queryParam("securable", catalog).queryParam("max_results", 100)
          .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
      for (Map<String, Object> event : events) {
        if (requestId.equals(event.get("request_id"))) {
          return (String) event.get("source_address");
        }
      }
      Thread.sleep(100);
    }
    return null;
  }

  @Test
  void theAuditTrailNamesTheClientBehindTheTrustedProxyAndOnlyThere() throws InterruptedException {
    // The lists are off: the address is resolved for the audit trail all the same.
    String catalog = Api.unique("audited_sources");
    Api.post("/catalogs", Map.of("name", catalog)).statusCode(200);
    String viaProxy = Api.unique("via-proxy");
    from(PROXY).header("X-Forwarded-For", "198.51.100.7").header("X-Request-Id", viaProxy).get(CATALOGS + "/" + catalog)
        .then().statusCode(200);
    String direct = Api.unique("direct");
    from("127.0.0.2").header("X-Forwarded-For", "198.51.100.8").header("X-Request-Id", direct).get(CATALOGS + "/" + catalog)
        .then().statusCode(200);
    org.assertj.core.api.Assertions.assertThat(auditedSource(catalog, viaProxy)).isEqualTo("198.51.100.7");
    org.assertj.core.api.Assertions.assertThat(auditedSource(catalog, direct)).isEqualTo("127.0.0.2");
  }
}
