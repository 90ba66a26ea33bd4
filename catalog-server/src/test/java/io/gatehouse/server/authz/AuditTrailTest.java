package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.gatehouse.server.store.EmbeddedDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit trail records decisions (denials too) and grant changes, and cannot be changed. */
@QuarkusTest
class AuditTrailTest {

  @Test
  void sessionOfCallsIsInTheTrailDenialsIncluded() {
    String email = Identities.email("audited");
    Identities.user(email);
    String catalog = Api.catalog();
    Identities.as(TestIssuer.jwt(email)).get(Api.BASE + "/catalogs/" + catalog).then().statusCode(403);
    Api.patch("/permissions/catalog/" + catalog,
        Map.of("changes", List.of(Map.of("principal", email, "add", List.of("USE CATALOG"), "remove", List.of())))).statusCode(200);
    Identities.as(TestIssuer.jwt(email)).header("X-Request-Id", "audit-test-" + catalog)
        .get(Api.BASE + "/catalogs/" + catalog).then().statusCode(200);

    List<Map<String, Object>> events = Api.json().queryParam("securable", catalog).queryParam("max_results", 100)
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(events).anySatisfy(e -> {
      assertThat(e).containsEntry("principal", email).containsEntry("action", "GET_CATALOG").containsEntry("result", "DENIED");
      assertThat(e.get("detail").toString()).contains("USE CATALOG");
    });
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("action", "GRANT").containsEntry("result", "SUCCEEDED")
        .containsEntry("principal", "admin"));
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("principal", email).containsEntry("result", "ALLOWED")
        .containsEntry("request_id", "audit-test-" + catalog).containsKey("source_address"));
  }

  @Test
  void principalChangesAreInTheTrail() {
    String email = Identities.email("joiner");
    Identities.user(email);
    List<Map<String, Object>> events = Api.json().queryParam("securable", email).get("/api/gatehouse/v1/audit").then()
        .statusCode(200).extract().path("events");
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("action", "CREATE_USER").containsEntry("result", "SUCCEEDED")
        .containsEntry("principal", "admin"));
  }

  @Test
  void ownershipTransfersAreInTheTrail() {
    String catalog = Api.catalog();
    Api.patch("/catalogs/" + catalog, Map.of("owner", "data-stewards")).statusCode(200);
    List<Map<String, Object>> events = Api.json().queryParam("securable", catalog).queryParam("action", "CHANGE_OWNER")
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(events).singleElement().satisfies(e -> assertThat(e)
        .containsEntry("result", "SUCCEEDED").containsEntry("detail", "from admin to data-stewards"));
  }

  @Test
  void onlyAdminsReadTheTrail() {
    String email = Identities.email("curious");
    Identities.user(email);
    Identities.as(TestIssuer.jwt(email)).get("/api/gatehouse/v1/audit").then().statusCode(403);
    Api.json().queryParam("since", "yesterday").get("/api/gatehouse/v1/audit").then().statusCode(400);
  }

  @Test
  void trailPagesNewestFirst() {
    for (int i = 0; i < 3; i++) {
      Api.catalog(); // audited creations, whatever ran before
    }
    var first = Api.json().queryParam("max_results", 2).get("/api/gatehouse/v1/audit").then().statusCode(200).extract();
    List<Integer> ids = first.path("events.id");
    assertThat(ids).hasSize(2).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    List<Integer> next = Api.json().queryParam("max_results", 2).queryParam("page_token", first.<String>path("next_page_token"))
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events.id");
    assertThat(next).isNotEmpty().allSatisfy(id -> assertThat(id).isLessThan(ids.get(1)));
  }

  @Test
  void trailRefusesUpdatesAndDeletesEvenFromTheDatabaseOwner() throws Exception {
    Api.catalog(); // at least one record exists
    String url = EmbeddedDatabase.start(Path.of("target/test-data")).jdbcUrl();
    try (Connection c = DriverManager.getConnection(url)) {
      assertThatThrownBy(() -> c.createStatement().execute("UPDATE audit_log SET result = 'ALLOWED'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> c.createStatement().execute("DELETE FROM audit_log"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> c.createStatement().execute("TRUNCATE audit_log"))
          .hasMessageContaining("append-only");
      // Refused as statements, even when they would touch no row.
      assertThatThrownBy(() -> c.createStatement().execute("DELETE FROM audit_log WHERE id < 0"))
          .hasMessageContaining("append-only");
    }
  }
}
