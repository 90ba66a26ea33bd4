package io.gatehouse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.client.FakeServer.Response;
import io.gatehouse.client.model.CatalogInfo;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The REST client against a scripted server: error bodies, retries, timeouts, paging, requests. */
class GatehouseClientTest {
  private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1), 2.0);

  private static GatehouseClient client(FakeServer server) {
    return GatehouseClient.builder(server.url()).token("gat_t").retryPolicy(FAST).build();
  }

  @Test
  void errorBodiesBecomeTheExceptionOfTheirCode() throws Exception {
    try (FakeServer server = new FakeServer(r -> FakeServer.error(404, "NOT_FOUND", "Catalog 'x' does not exist.", "rid-1"))) {
      assertThatThrownBy(() -> client(server).catalogs().get("x"))
          .isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Catalog 'x' does not exist.");
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.requestId()).isEqualTo("rid-1");
            assertThat(e.metadata()).containsEntry("request_id", "rid-1");
          });
      server.handler(r -> FakeServer.error(409, "CATALOG_ALREADY_EXISTS", "Catalog 'x' already exists.", "rid-2"));
      assertThatThrownBy(() -> client(server).catalogs().create("x", null))
          .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("CATALOG_ALREADY_EXISTS");
            assertThat(e.code()).isEqualTo(ErrorCode.CATALOG_ALREADY_EXISTS);
          });
      server.handler(r -> FakeServer.error(400, "FAILED_PRECONDITION", "Catalog 'x' is not empty.", "rid-3"));
      assertThatThrownBy(() -> client(server).catalogs().delete("x", false)).isInstanceOf(FailedPreconditionException.class);
      server.handler(r -> FakeServer.error(403, "PERMISSION_DENIED", "missing USE CATALOG", "rid-4"));
      assertThatThrownBy(() -> client(server).catalogs().get("x")).isInstanceOf(PermissionDeniedException.class);
      server.handler(r -> FakeServer.error(500, "INTERNAL", "Internal error; request id rid-5.", "rid-5"));
      assertThatThrownBy(() -> client(server).catalogs().get("x")).isInstanceOf(InternalException.class);
      server.handler(r -> FakeServer.error(413, "REQUEST_TOO_LARGE", "too large", "rid-6"));
      assertThatThrownBy(() -> client(server).sql().execute("x")).isInstanceOf(RequestTooLargeException.class);
    }
  }

  @Test
  void scimAndBodilessErrorsAreMappedByStatus() throws Exception {
    try (FakeServer server = new FakeServer(r -> Response.json(401,
        "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:Error\"], \"status\": \"401\", \"detail\": \"The token is not valid.\"}")
        .withHeader("X-Request-Id", "rid-s"))) {
      assertThatThrownBy(() -> client(server).whoami()).isInstanceOfSatisfying(UnauthenticatedException.class, e -> {
        assertThat(e.getMessage()).isEqualTo("The token is not valid.");
        assertThat(e.requestId()).isEqualTo("rid-s");
      });
      server.handler(r -> new Response(400, java.util.Map.of(), "", 0));
      assertThatThrownBy(() -> client(server).catalogs().get("x"))
          .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.getMessage()).isEqualTo("HTTP 400"));
      server.handler(r -> new Response(502, java.util.Map.of(), "bad gateway", 0));
      assertThatThrownBy(() -> client(server).catalogs().create("x", null))
          .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.getMessage()).contains("502", "bad gateway"));
    }
  }

  @Test
  void getsAreRetriedOnUnavailableHonouringRetryAfter() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (FakeServer server = new FakeServer(r -> calls.incrementAndGet() < 3
        ? FakeServer.error(503, "UNAVAILABLE", "busy", "r").withHeader("Retry-After", "0")
        : Response.json(200, "{\"name\": \"main\", \"owner\": \"admin\"}"))) {
      CatalogInfo c = client(server).catalogs().get("main");
      assertThat(c.name()).isEqualTo("main");
      assertThat(server.requests).hasSize(3);
    }
  }

  @Test
  void writesAreNeverRetried() throws Exception {
    try (FakeServer server = new FakeServer(r -> FakeServer.error(503, "UNAVAILABLE", "busy", "r").withHeader("Retry-After", "0"))) {
      assertThatThrownBy(() -> client(server).catalogs().create("main", null)).isInstanceOf(UnavailableException.class);
      assertThatThrownBy(() -> client(server).catalogs().delete("main", true)).isInstanceOf(UnavailableException.class);
      assertThat(server.requests).hasSize(2);
    }
  }

  @Test
  void aRetryAfterLongerThanTheLongestBackoffIsReportedNotAwaited() throws Exception {
    try (FakeServer server = new FakeServer(r -> FakeServer.error(503, "UNAVAILABLE", "maintenance", "r").withHeader("Retry-After", "120"))) {
      assertThatThrownBy(() -> client(server).catalogs().get("main"))
          .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
      assertThat(server.requests).hasSize(1);
    }
  }

  @Test
  void aServerThatIsNotThereIsUnavailableAfterTheRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    GatehouseClient client = GatehouseClient.builder("127.0.0.1:" + port).token("t").retryPolicy(FAST).build();
    assertThatThrownBy(() -> client.catalogs().get("main"))
        .isInstanceOfSatisfying(UnavailableException.class, e -> {
          assertThat(e.getMessage()).contains("Cannot connect to http://127.0.0.1:" + port);
          assertThat(e.httpStatus()).isZero();
        });
  }

  @Test
  void anEngineClientNamesItsEndUserOnEveryRequestAndOthersNameNobody() throws Exception {
    try (FakeServer server = new FakeServer(r -> Response.json(200, "{\"name\": \"main\"}"))) {
      GatehouseClient engine = GatehouseClient.builder(server.url()).token("gat_engine").onBehalfOf(" ann@example.com ")
          .retryPolicy(FAST).build();
      engine.catalogs().get("main");
      client(server).catalogs().get("main");
      assertThat(server.requests).hasSize(2);
      assertThat(server.requests.get(0).header("X-Gatehouse-On-Behalf-Of")).isEqualTo("ann@example.com");
      assertThat(server.requests.get(0).header("Authorization")).isEqualTo("Bearer gat_engine");
      assertThat(server.requests.get(1).header("X-Gatehouse-On-Behalf-Of")).isNull();
    }
  }

  @Test
  void aSlowAnswerIsADeadlineExceeded() throws Exception {
    try (FakeServer server = new FakeServer(r -> Response.json(200, "{}").delayed(2_000))) {
      GatehouseClient client = GatehouseClient.builder(server.url()).token("t").retryPolicy(FAST)
          .requestTimeout(Duration.ofMillis(200)).build();
      assertThatThrownBy(() -> client.catalogs().get("main")).isInstanceOf(DeadlineExceededException.class);
      assertThat(server.requests).hasSize(1);
    }
  }

  @Test
  void listingsFollowNextPageTokens() throws Exception {
    try (FakeServer server = new FakeServer(r -> {
      if (!r.uri().contains("page_token")) {
        return Response.json(200, "{\"catalogs\": [{\"name\": \"a\"}, {\"name\": \"b\"}], \"next_page_token\": \"t1\"}");
      }
      if (r.uri().contains("page_token=t1")) {
        return Response.json(200, "{\"catalogs\": [], \"next_page_token\": \"t2\"}");
      }
      return Response.json(200, "{\"catalogs\": [{\"name\": \"c\"}]}");
    })) {
      Paged<CatalogInfo> paged = client(server).catalogs().list(2);
      assertThat(paged.stream().map(CatalogInfo::name)).containsExactly("a", "b", "c");
      assertThat(server.requests).extracting(FakeServer.Request::uri).containsExactly(
          "/api/2.1/unity-catalog/catalogs?max_results=2",
          "/api/2.1/unity-catalog/catalogs?max_results=2&page_token=t1",
          "/api/2.1/unity-catalog/catalogs?max_results=2&page_token=t2");
      assertThat(paged.firstPage().nextPageToken()).isEqualTo("t1");
    }
  }

  @Test
  void requestsCarryTheBearerTokenAndEscapedNames() throws Exception {
    try (FakeServer server = new FakeServer(r -> Response.json(200, "{\"privilege_assignments\": [{\"principal\": \"a b\", \"privileges\": [\"SELECT\"]}]}"))) {
      var grants = client(server).permissions().grant(SecurableType.TABLE, "c.s.t", "a b@example.com", List.of("SELECT"));
      assertThat(grants).singleElement().satisfies(g -> assertThat(g.privileges()).containsExactly("SELECT"));
      FakeServer.Request r = server.requests.get(0);
      assertThat(r.method()).isEqualTo("PATCH");
      assertThat(r.uri()).isEqualTo("/api/2.1/unity-catalog/permissions/table/c.s.t");
      assertThat(r.header("Authorization")).isEqualTo("Bearer gat_t");
      assertThat(r.body()).isEqualTo("{\"changes\":[{\"principal\":\"a b@example.com\",\"add\":[\"SELECT\"]}]}");
      client(server).catalogs().get("we ird/name");
      assertThat(server.requests.get(1).uri()).isEqualTo("/api/2.1/unity-catalog/catalogs/we%20ird%2Fname");
    }
  }
}
