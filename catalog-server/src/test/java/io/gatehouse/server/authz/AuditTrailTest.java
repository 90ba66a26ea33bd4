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
    String stewards = Api.unique("data-stewards"); // owners must exist
    Identities.group(stewards);
    Api.patch("/catalogs/" + catalog, Map.of("owner", stewards)).statusCode(200);
    List<Map<String, Object>> events = Api.json().queryParam("securable", catalog).queryParam("action", "CHANGE_OWNER")
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(events).singleElement().satisfies(e -> assertThat(e)
        .containsEntry("result", "SUCCEEDED").containsEntry("detail", "from admin to " + stewards));
  }

  @Test
  void ownershipTransfersOfSchemasTablesVolumesAndFunctionsAreInTheTrailOnce() {
    String schema = Api.schema();
    String[] s = schema.split("\\.");
    String table = schema + "." + Api.unique("t");
    Api.post("/tables", Api.externalTable(s[0], s[1], table.substring(schema.length() + 1),
        "s3://audit-owners/" + Api.unique("loc"))).statusCode(200);
    String volume = schema + "." + Api.unique("v");
    Api.post("/volumes", Map.of("catalog_name", s[0], "schema_name", s[1], "name", volume.substring(schema.length() + 1),
        "volume_type", "MANAGED")).statusCode(200);
    String function = schema + "." + Api.unique("f");
    Api.post("/functions", Map.of("function_info", Map.of("name", function.substring(schema.length() + 1),
        "catalog_name", s[0], "schema_name", s[1], "data_type", "BOOLEAN", "full_data_type", "boolean",
        "routine_body", "SQL", "routine_definition", "true", "parameter_style", "S", "security_type", "DEFINER")))
        .statusCode(200);
    String stewards = Api.unique("data-stewards");
    Identities.group(stewards);

    for (String path : List.of("/schemas/" + schema, "/tables/" + table, "/volumes/" + volume, "/functions/" + function)) {
      Api.patch(path, Map.of("owner", stewards)).statusCode(200);
      Api.patch(path, Map.of("owner", stewards)).statusCode(200); // already the owner: no change, no record
    }

    for (String securable : List.of(schema, table, volume, function)) {
      List<Map<String, Object>> events = Api.json().queryParam("securable", securable).queryParam("action", "CHANGE_OWNER")
          .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
      assertThat(events).as(securable).singleElement().satisfies(e -> assertThat(e)
          .containsEntry("result", "SUCCEEDED").containsEntry("principal", "admin")
          .containsEntry("detail", "from admin to " + stewards));
    }
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

  @Test
  void requestWhoseRecordCannotBeWrittenFailsAndChangesNothing() throws Exception {
    String email = Identities.email("unrecordable");
    Identities.user(email);
    String catalog = Api.catalog();
    Api.patch("/permissions/catalog/" + catalog,
        Map.of("changes", List.of(Map.of("principal", email, "add", List.of("USE CATALOG", "CREATE SCHEMA"), "remove", List.of()))))
        .statusCode(200);
    String url = EmbeddedDatabase.start(Path.of("target/test-data")).jdbcUrl();
    String constraint = "refuse_" + Math.abs(email.hashCode());
    try (Connection c = DriverManager.getConnection(url)) {
      // Records naming this user now violate a constraint, as a full disk or a broken link would fail them.
      c.createStatement().execute("ALTER TABLE audit_log ADD CONSTRAINT " + constraint
          + " CHECK (principal IS DISTINCT FROM '" + email + "') NOT VALID");
      try {
        Identities.as(TestIssuer.jwt(email)).contentType("application/json")
            .body(Map.of("name", "never", "catalog_name", catalog))
            .post(Api.BASE + "/schemas").then().statusCode(503)
            .body("error_code", org.hamcrest.Matchers.equalTo("UNAVAILABLE"));
      } finally {
        c.createStatement().execute("ALTER TABLE audit_log DROP CONSTRAINT " + constraint);
      }
    }
    Api.get("/schemas/" + catalog + ".never").statusCode(404);
    // Once records can be written again, so can the request.
    Identities.as(TestIssuer.jwt(email)).contentType("application/json")
        .body(Map.of("name", "later", "catalog_name", catalog))
        .post(Api.BASE + "/schemas").then().statusCode(200);
  }

  @Test
  void concurrentRequestsEachGetTheirRecord() throws Exception {
    String catalog = Api.catalog();
    int threads = 8;
    int perThread = 25;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            Api.json().header("X-Request-Id", "burst-" + catalog + "-" + thread + "-" + i)
                .get(Api.BASE + "/catalogs/" + catalog).then().statusCode(200);
          }
        }));
      }
      for (var f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<String> ids = Api.json().queryParam("securable", catalog).queryParam("action", "GET_CATALOG")
        .queryParam("max_results", 1000).get("/api/gatehouse/v1/audit").then().statusCode(200)
        .extract().path("events.request_id");
    assertThat(ids).filteredOn(id -> id != null && id.startsWith("burst-")).doesNotHaveDuplicates().hasSize(threads * perThread);
  }

  @Test
  void concurrentTableReadsEachGetTheirRecord() throws Exception {
    String[] schema = Api.schema().split("\\.");
    String table = schema[0] + "." + schema[1] + ".t";
    Api.post("/tables", Api.externalTable(schema[0], schema[1], "t", "s3://audit-burst/" + Api.unique("t"))).statusCode(200);
    int threads = 8;
    int perThread = 20;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            String id = "burst-" + table + "-" + thread + "-" + i;
            Api.json().header("X-Request-Id", id + "-get").get(Api.BASE + "/tables/" + table).then().statusCode(200);
            Api.json().header("X-Request-Id", id + "-list").queryParam("catalog_name", schema[0])
                .queryParam("schema_name", schema[1]).get(Api.BASE + "/tables").then().statusCode(200);
          }
        }));
      }
      for (var f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<String> gets = Api.json().queryParam("securable", table).queryParam("action", "GET_TABLE")
        .queryParam("max_results", 1000).get("/api/gatehouse/v1/audit").then().statusCode(200)
        .extract().path("events.request_id");
    assertThat(gets).filteredOn(id -> id != null && id.startsWith("burst-")).doesNotHaveDuplicates()
        .hasSize(threads * perThread).allMatch(id -> id.endsWith("-get"));
    List<String> lists = Api.json().queryParam("securable", schema[0] + "." + schema[1]).queryParam("action", "LIST_TABLES")
        .queryParam("max_results", 1000).get("/api/gatehouse/v1/audit").then().statusCode(200)
        .extract().path("events.request_id");
    assertThat(lists).filteredOn(id -> id != null && id.startsWith("burst-")).doesNotHaveDuplicates()
        .hasSize(threads * perThread).allMatch(id -> id.endsWith("-list"));
  }
}
