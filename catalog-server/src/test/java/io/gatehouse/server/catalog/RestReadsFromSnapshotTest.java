package io.gatehouse.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.server.audit.EventLoopDatabase;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.store.EmbeddedDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * REST reads are decided on the request's pinned catalog snapshot and read from PostgreSQL by
 * id. What a change takes away is refused by the very next request (the writer's replica loads
 * the change's version before answering), every read leaves one audit record, and a read whose
 * record cannot be written is not answered.
 */
@QuarkusTest
class RestReadsFromSnapshotTest {
  private static final String SCIM_PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /** A table in a fresh schema, a service principal that may read it, and the principal's token. */
  private record Reader(String catalog, String schema, String table, String appId, String principalId, String tokenId,
      String token) {
    String fullName() {
      return catalog + "." + schema + "." + table;
    }
  }

  private static Reader reader() {
    String[] cs = Api.schema().split("\\.");
    String table = Api.unique("t");
    Api.post("/tables", Api.externalTable(cs[0], cs[1], table, "s3://snapshot-reads/" + table)).statusCode(200);
    String appId = Api.unique("reader");
    String id = Identities.servicePrincipal(appId);
    grant("catalog", cs[0], appId, "USE CATALOG");
    grant("schema", cs[0] + "." + cs[1], appId, "USE SCHEMA");
    grant("table", cs[0] + "." + cs[1] + "." + table, appId, "SELECT");
    var created = Api.json().body(Map.of("application_id", appId, "lifetime_seconds", 600))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(200).extract();
    return new Reader(cs[0], cs[1], table, appId, id, created.path("token_info.token_id"), created.path("token_value"));
  }

  private static void grant(String type, String name, String principal, String privilege) {
    Api.patch("/permissions/" + type + "/" + name,
        Map.of("changes", List.of(Map.of("principal", principal, "add", List.of(privilege), "remove", List.of())))).statusCode(200);
  }

  private static List<String> listed(Reader r) {
    return Identities.as(r.token()).queryParam("catalog_name", r.catalog()).queryParam("schema_name", r.schema())
        .get(Api.BASE + "/tables").then().statusCode(200).extract().path("tables.name");
  }

  @Test
  void revokedSelectIsRefusedOnTheNextGetAndHiddenFromTheNextListing() {
    Reader r = reader();
    Identities.as(r.token()).get(Api.BASE + "/tables/" + r.fullName()).then().statusCode(200)
        .body("table_id", org.hamcrest.Matchers.notNullValue());
    assertThat(listed(r)).containsExactly(r.table());

    Api.patch("/permissions/table/" + r.fullName(),
        Map.of("changes", List.of(Map.of("principal", r.appId(), "add", List.of(),
            "remove", List.of("SELECT"))))).statusCode(200);

    Identities.as(r.token()).get(Api.BASE + "/tables/" + r.fullName()).then().statusCode(403)
        .body("error_code", equalTo("PERMISSION_DENIED"));
    assertThat(listed(r)).isEmpty();
  }

  @Test
  void revokedTokenIsRefusedOnTheNextRead() {
    Reader r = reader();
    Identities.as(r.token()).get(Api.BASE + "/tables/" + r.fullName()).then().statusCode(200);
    Api.json().delete("/api/2.0/token-management/tokens/" + r.tokenId()).then().statusCode(200);
    Identities.as(r.token()).get(Api.BASE + "/tables/" + r.fullName()).then().statusCode(401);
    Identities.as(r.token()).get(Api.BASE + "/catalogs").then().statusCode(401);
  }

  @Test
  void deactivatedPrincipalIsRefusedOnTheNextRead() {
    Reader r = reader();
    Identities.as(r.token()).get(Api.BASE + "/tables/" + r.fullName()).then().statusCode(200);
    Identities.scim()
        .body(Map.of("schemas", List.of(SCIM_PATCH), "Operations", List.of(Map.of("op", "replace", "value", Map.of("active", false)))))
        .patch(Identities.SCIM + "/ServicePrincipals/" + r.principalId()).then().statusCode(200);
    Identities.as(r.token()).get(Api.BASE + "/tables/" + r.fullName()).then().statusCode(401);
    Identities.as(r.token()).queryParam("catalog_name", r.catalog()).queryParam("schema_name", r.schema())
        .get(Api.BASE + "/tables").then().statusCode(401);
  }

  @Test
  void renamedAndDroppedObjectsAreReadAsTheyAreNow() {
    Reader r = reader();
    String renamed = Api.unique("renamed");
    Api.patch("/schemas/" + r.catalog() + "." + r.schema(), Map.of("new_name", renamed)).statusCode(200);
    Api.get("/schemas/" + r.catalog() + "." + r.schema()).statusCode(404);
    Api.get("/schemas/" + r.catalog() + "." + renamed).statusCode(200).body("name", equalTo(renamed));
    Api.get("/tables/" + r.fullName()).statusCode(404);
    Api.get("/tables/" + r.catalog() + "." + renamed + "." + r.table()).statusCode(200)
        .body("schema_name", equalTo(renamed))
        .body("full_name", equalTo(r.catalog() + "." + renamed + "." + r.table()));
    assertThat(Api.pageThrough("/tables", Map.of("catalog_name", r.catalog(), "schema_name", renamed), "tables", 10))
        .containsExactly(r.table());
    // The grantee's grants follow the objects' ids through the rename.
    Identities.as(r.token()).get(Api.BASE + "/tables/" + r.catalog() + "." + renamed + "." + r.table()).then().statusCode(200);

    Api.delete("/tables/" + r.catalog() + "." + renamed + "." + r.table()).statusCode(200);
    Api.get("/tables/" + r.catalog() + "." + renamed + "." + r.table()).statusCode(404);
    assertThat(Api.pageThrough("/tables", Map.of("catalog_name", r.catalog(), "schema_name", renamed), "tables", 10)).isEmpty();
    Api.error(Api.get("/tables/" + r.catalog() + ".nowhere.x"), 404, "NOT_FOUND");
  }

  @Test
  void everyReadLeavesOneRecordNamingItsSecurable() {
    Reader r = reader();
    String id = Api.unique("read-record");
    Identities.as(r.token()).header("X-Request-Id", id).get(Api.BASE + "/tables/" + r.fullName()).then().statusCode(200);
    String listId = Api.unique("list-record");
    Identities.as(r.token()).header("X-Request-Id", listId).queryParam("catalog_name", r.catalog())
        .queryParam("schema_name", r.schema()).get(Api.BASE + "/tables").then().statusCode(200);

    List<Map<String, Object>> events = Api.json().queryParam("securable", r.fullName()).queryParam("max_results", 100)
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(events).filteredOn(e -> id.equals(e.get("request_id"))).singleElement().satisfies(e ->
        assertThat(e).containsEntry("action", "GET_TABLE").containsEntry("result", "ALLOWED")
            .containsEntry("principal", r.appId()).containsEntry("securable_type", "table"));
    List<Map<String, Object>> listings = Api.json().queryParam("securable", r.catalog() + "." + r.schema())
        .queryParam("max_results", 100).get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(listings).filteredOn(e -> listId.equals(e.get("request_id"))).singleElement().satisfies(e ->
        assertThat(e).containsEntry("action", "LIST_TABLES").containsEntry("result", "ALLOWED"));
  }

  @Test
  void readWhoseRecordCannotBeWrittenIsNotAnswered() throws Exception {
    Reader r = reader();
    whileRecordsFail(r.appId(), null, () -> {
      for (var response : List.of(
          Identities.as(r.token()).get(Api.BASE + "/tables/" + r.fullName()).then(),
          Identities.as(r.token()).get(Api.BASE + "/catalogs/" + r.catalog()).then(),
          Identities.as(r.token()).queryParam("catalog_name", r.catalog()).queryParam("schema_name", r.schema())
              .get(Api.BASE + "/tables").then())) {
        Api.error(response, 503, "UNAVAILABLE")
            .body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsStringIgnoringCase("audit_log")))
            .body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsStringIgnoringCase("constraint")))
            .body("table_id", org.hamcrest.Matchers.nullValue());
      }
    });
    Identities.as(r.token()).get(Api.BASE + "/tables/" + r.fullName()).then().statusCode(200);
  }

  @Inject EventLoopDatabase eventLoop;

  /**
   * Sends {@code get} (a GET of a table, as {@code r}) after a warm-up GET, so that the reader's
   * groups are at hand and the read is answered on the event loop; again while the warm-up came
   * too late (the caches last a second). Fails unless a read was answered there.
   */
  private ValidatableResponse onTheEventLoop(Reader r, java.util.function.Supplier<ValidatableResponse> get) {
    for (int attempt = 0; attempt < 5; attempt++) {
      Identities.as(r.token()).get(Api.BASE + "/catalogs/" + r.catalog()).then().statusCode(200);
      long handedOff = eventLoop.handedOffCount();
      ValidatableResponse response = get.get();
      if (eventLoop.handedOffCount() == handedOff) {
        return response;
      }
    }
    throw new AssertionError("no GET of a table was answered on the event loop in 5 attempts");
  }

  private static List<Map<String, Object>> records(String table) {
    return Api.json().queryParam("securable", table).queryParam("action", "GET_TABLE").queryParam("max_results", 100)
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
  }

  @Test
  void getOnTheEventLoopAnswersTheRowAndWritesItsRecordFirst() {
    Reader r = reader();
    long answered = eventLoop.answeredCount();
    String requestId = Api.unique("el-get");
    onTheEventLoop(r, () -> Identities.as(r.token()).header("X-Request-Id", requestId)
        .get(Api.BASE + "/tables/" + r.fullName()).then().statusCode(200)
        .body("full_name", equalTo(r.fullName())).body("table_id", org.hamcrest.Matchers.notNullValue()));
    assertThat(eventLoop.answeredCount()).isGreaterThan(answered);
    assertThat(records(r.fullName())).filteredOn(e -> requestId.equals(e.get("request_id"))).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("principal", r.appId()).containsEntry("result", "ALLOWED"));
    // Other spellings of the name reach the same table, decided the same way.
    Identities.as(r.token()).get(Api.BASE + "/tables/" + r.fullName().toUpperCase(java.util.Locale.ROOT)).then()
        .statusCode(200).body("table_id", equalTo(Api.get("/tables/" + r.fullName()).extract().path("table_id")));
  }

  @Test
  void refusalOnTheEventLoopIsRecordedAndAnsweredWithoutTheRow() {
    Reader r = reader();
    // SELECT is taken away: the reader may still use the catalog and the schema.
    Api.patch("/permissions/table/" + r.fullName(), Map.of("changes",
        List.of(Map.of("principal", r.appId(), "add", List.of(), "remove", List.of("SELECT"))))).statusCode(200);
    String requestId = Api.unique("el-refused");
    ValidatableResponse refused = onTheEventLoop(r, () -> Identities.as(r.token()).header("X-Request-Id", requestId)
        .get(Api.BASE + "/tables/" + r.fullName()).then());
    Api.error(refused, 403, "PERMISSION_DENIED").body("table_id", org.hamcrest.Matchers.nullValue())
        .body("columns", org.hamcrest.Matchers.nullValue());
    assertThat(records(r.fullName())).filteredOn(e -> requestId.equals(e.get("request_id"))).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("principal", r.appId()).containsEntry("result", "DENIED"));
  }

  @Test
  void readOnTheEventLoopWhoseRecordCannotBeWrittenIsNotAnswered() throws Exception {
    Reader r = reader();
    whileRecordsFail(r.appId(), "GET_TABLE", () -> {
      ValidatableResponse response = onTheEventLoop(r, () -> Identities.as(r.token())
          .get(Api.BASE + "/tables/" + r.fullName()).then());
      Api.error(response, 503, "UNAVAILABLE")
          .body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsStringIgnoringCase("audit_log")))
          .body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsStringIgnoringCase("constraint")))
          .body("table_id", org.hamcrest.Matchers.nullValue());
    });
    Identities.as(r.token()).get(Api.BASE + "/tables/" + r.fullName()).then().statusCode(200);
  }

  @Test
  void catalogListOnTheEventLoopShowsOnlyWhatTheReaderMaySeeAndIsRecorded() throws Exception {
    Reader r = reader();
    String hidden = Api.catalog(); // the reader holds nothing on it
    String requestId = Api.unique("el-list");
    List<String> names = onTheEventLoop(r, () -> Identities.as(r.token()).header("X-Request-Id", requestId)
        .queryParam("max_results", 1000).get(Api.BASE + "/catalogs").then().statusCode(200))
        .extract().path("catalogs.name");
    assertThat(names).contains(r.catalog()).doesNotContain(hidden);
    List<Map<String, Object>> records = Api.json().queryParam("action", "LIST_CATALOGS").queryParam("max_results", 1000)
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(records).filteredOn(e -> requestId.equals(e.get("request_id"))).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("principal", r.appId()).containsEntry("result", "ALLOWED"));

    whileRecordsFail(r.appId(), "LIST_CATALOGS", () -> {
      ValidatableResponse response = onTheEventLoop(r, () -> Identities.as(r.token()).get(Api.BASE + "/catalogs").then());
      Api.error(response, 503, "UNAVAILABLE").body("catalogs", org.hamcrest.Matchers.nullValue());
    });
  }

  /** What {@code action} is run inside: a failing check, or a response expected to fail. */
  @FunctionalInterface
  private interface Check {
    void run() throws Exception;
  }

  /**
   * Runs {@code check} while the audit trail refuses records of {@code action} (any, when null)
   * naming {@code principal}, as a full disk or a broken link would fail them.
   */
  private static void whileRecordsFail(String principal, String action, Check check) throws Exception {
    String url = EmbeddedDatabase.start(Path.of("target/test-data")).jdbcUrl();
    String constraint = "refuse_" + (action == null ? "any" : action.toLowerCase(java.util.Locale.ROOT)) + "_"
        + Math.abs(principal.hashCode());
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("ALTER TABLE audit_log ADD CONSTRAINT " + constraint
          + " CHECK (principal IS DISTINCT FROM '" + principal + "'"
          + (action == null ? "" : " OR action <> '" + action + "'") + ") NOT VALID");
      try {
        check.run();
      } finally {
        c.createStatement().execute("ALTER TABLE audit_log DROP CONSTRAINT " + constraint);
      }
    }
  }
}
