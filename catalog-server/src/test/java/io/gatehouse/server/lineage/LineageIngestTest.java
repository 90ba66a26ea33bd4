package io.gatehouse.server.lineage;

import static io.gatehouse.server.lineage.Lineage.in;
import static io.gatehouse.server.lineage.Lineage.out;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.HttpConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LineageIngestTest {

  @Test
  void eventsSentByTheOpenLineageClientBecomeTheGraphOfTheirTables() throws Exception {
    String catalog = Api.unique("ol");
    Lineage.sql("CREATE CATALOG " + catalog + "; CREATE SCHEMA " + catalog + ".sales;"
        + " CREATE TABLE " + catalog + ".sales.orders (id BIGINT, amount DOUBLE);"
        + " CREATE TABLE " + catalog + ".sales.daily (day DATE, amount DOUBLE)");
    String jobs = Lineage.ns("airflow");
    try (OpenLineageClient client = Lineage.client(Lineage.pipelineToken())) {
      Lineage.runJob(client, jobs, "aggregate_daily",
          List.of(in("postgres://shop", catalog + ".sales.orders")), List.of(out("postgres://shop", catalog + ".sales.daily")));
    }

    JsonPath graph = Lineage.graph(Map.of("table", catalog + ".sales.daily", "direction", "upstream"))
        .statusCode(200).extract().jsonPath();
    assertThat(graph.getList("nodes.name", String.class))
        .containsExactly(catalog + ".sales.daily", catalog + ".sales.orders", "aggregate_daily");
    assertThat(graph.getString("nodes[0].table.full_name")).isEqualTo(catalog + ".sales.daily");
    assertThat(graph.getString("nodes.find { it.kind == 'JOB' }.latest_run.state")).isEqualTo("COMPLETE");
    assertThat(graph.getList("edges.role", String.class)).containsExactlyInAnyOrder("INPUT", "OUTPUT");
    assertThat(graph.getBoolean("start_found")).isTrue();
  }

  @Test
  void aPrincipalWithoutEmitLineageIsRefused() {
    String email = Identities.email("steward");
    Identities.user(email);
    try (OpenLineageClient client = Lineage.client(TestIssuer.jwt(email))) {
      String ns = Lineage.ns("refused");
      assertThatThrownBy(() -> Lineage.runJob(client, ns, "job", List.of(in(ns, "a")), List.of(out(ns, "b"))))
          .hasStackTraceContaining("403");
      Lineage.graph(Map.of("namespace", ns, "name", "a")).statusCode(404);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    Identities.as(TestIssuer.jwt(email)).contentType("application/json").body("{}").post("/api/v1/lineage")
        .then().statusCode(403).body("error_code", equalTo("PERMISSION_DENIED"))
        .body("message", containsString("EMIT LINEAGE"));
  }

  @Test
  void gzipCompressedEventsAreAccepted() throws Exception {
    String ns = Lineage.ns("gzip");
    try (OpenLineageClient client = Lineage.client(Lineage.pipelineToken(), HttpConfig.Compression.GZIP)) {
      Lineage.runJob(client, ns, "compressed", List.of(in(ns, "a")), List.of(out(ns, "b")));
    }
    Lineage.graph(Map.of("namespace", ns, "name", "b", "direction", "upstream")).statusCode(200)
        .body("total_nodes", equalTo(3));
  }

  @Test
  void anEventSentTwiceIsStoredOnce() {
    String token = Lineage.pipelineToken();
    String ns = Lineage.ns("twice");
    String event = OpenLineageClientUtils.toJson(
        Lineage.run(ns, "job", UUID.randomUUID(), EventType.COMPLETE, 1, List.of(in(ns, "a")), List.of(out(ns, "b"))));
    String first = Identities.as(token).contentType("application/json").body(event).post("/api/v1/lineage")
        .then().statusCode(201).body("duplicate", equalTo(false)).extract().path("event_id");
    Identities.as(token).contentType("application/json").body(event).post("/api/v1/lineage")
        .then().statusCode(201).body("duplicate", equalTo(true)).body("event_id", equalTo(first));
    Lineage.graph(Map.of("namespace", ns, "name", "a", "direction", "downstream")).statusCode(200)
        .body("edges.size()", equalTo(2));
  }

  @Test
  void anInvalidEventIsRefusedNamingTheField() {
    String token = Lineage.pipelineToken();
    String ns = Lineage.ns("invalid");
    String event = OpenLineageClientUtils.toJson(
        Lineage.run(ns, "job", UUID.randomUUID(), EventType.COMPLETE, 1, List.of(in(ns, "a")), List.of(out(ns, "b"))));
    String broken = event.replaceFirst("\"runId\":\"[^\"]+\"", "\"runId\":\"not-a-uuid\"");
    Identities.as(token).contentType("application/json").body(broken).post("/api/v1/lineage")
        .then().statusCode(400).body("error_code", equalTo("INVALID_ARGUMENT"))
        .body("message", containsString("run.runId"));
    Identities.as(token).contentType("application/json").body("{\"eventTime\": 3").post("/api/v1/lineage")
        .then().statusCode(400);
  }

  @Test
  void aBatchIsStoredWhole() {
    String token = Lineage.pipelineToken();
    String ns = Lineage.ns("batch");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(OpenLineageClientUtils.toJson(Lineage.run(ns, "step" + i, UUID.randomUUID(), EventType.COMPLETE, i,
          List.of(in(ns, "d" + i)), List.of(out(ns, "d" + (i + 1))))));
    }
    Identities.as(token).contentType("application/json").body("[" + String.join(",", events) + "]")
        .post("/api/v1/lineage/batch").then().statusCode(201)
        .body("received", equalTo(10)).body("duplicates", equalTo(0)).body("event_ids.size()", equalTo(10));
    Lineage.graph(Map.of("namespace", ns, "name", "d0", "direction", "downstream", "depth", "20")).statusCode(200)
        .body("total_nodes", equalTo(21));
  }

  @Test
  void aBatchWithOneInvalidEventStoresNothing() {
    String token = Lineage.pipelineToken();
    String ns = Lineage.ns("bad-batch");
    String good = OpenLineageClientUtils.toJson(
        Lineage.run(ns, "job", UUID.randomUUID(), EventType.COMPLETE, 1, List.of(in(ns, "a")), List.of(out(ns, "b"))));
    String bad = good.replaceFirst("\"eventTime\":\"[^\"]+\",", "");
    Identities.as(token).contentType("application/json").body("[" + good + "," + bad + "]")
        .post("/api/v1/lineage/batch").then().statusCode(400).body("message", containsString("[1].eventTime"));
    Lineage.graph(Map.of("namespace", ns, "name", "a")).statusCode(404);
    Identities.as(token).contentType("application/json").body("[" + good + ", 3]")
        .post("/api/v1/lineage/batch").then().statusCode(400).body("message", containsString("[1]"));
    Identities.as(token).contentType("application/json").body("[]")
        .post("/api/v1/lineage/batch").then().statusCode(400);
  }

  @Test
  void aBatchOverTheEventCapIsRefused() {
    String token = Lineage.pipelineToken();
    String event = "{\"eventTime\":\"2026-01-01T00:00:00Z\",\"producer\":\"x\",\"schemaURL\":\"x\"}";
    String body = "[" + String.join(",", java.util.Collections.nCopies(1001, event)) + "]";
    Identities.as(token).contentType("application/json").body(body).post("/api/v1/lineage/batch")
        .then().statusCode(413).body("error_code", equalTo("REQUEST_TOO_LARGE"));
  }

  @Test
  void emitLineageIsGrantedShownExplainedAndDeniedLikeAnyPrivilege() {
    String appId = Api.unique("etl");
    Identities.servicePrincipal(appId);
    Lineage.sql("GRANT EMIT LINEAGE ON METASTORE TO `" + appId + "`");
    Lineage.sql("SHOW GRANTS ON METASTORE").body(containsString("EMIT LINEAGE")).body(containsString(appId));
    Api.given().queryParam("principal", appId).queryParam("privilege", "EMIT LINEAGE")
        .queryParam("securable_type", "metastore").queryParam("full_name", "gatehouse")
        .get("/api/gatehouse/v1/authz/explain").then().statusCode(200).body("allowed", equalTo(true));
    String token = Api.json().body(Map.of("application_id", appId))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(200).extract().path("token_value");
    String ns = Lineage.ns("denied");
    String event = OpenLineageClientUtils.toJson(
        Lineage.run(ns, "job", UUID.randomUUID(), EventType.COMPLETE, 1, List.of(in(ns, "a")), List.of(out(ns, "b"))));
    Identities.as(token).contentType("application/json").body(event).post("/api/v1/lineage").then().statusCode(201);

    Lineage.sql("DENY EMIT LINEAGE ON METASTORE TO `" + appId + "`");
    Identities.as(token).contentType("application/json").body(event).post("/api/v1/lineage").then().statusCode(403)
        .body("message", containsString("denied"));
    Identities.as(token).contentType("application/json").body("[" + event + "]").post("/api/v1/lineage/batch")
        .then().statusCode(403);
  }

  @Test
  void emitLineageIsGrantableOnTheMetastoreOnly() {
    String catalog = Api.catalog();
    Lineage.sql(Api.json(), "GRANT EMIT LINEAGE ON CATALOG " + catalog + " TO `account users`").statusCode(400);
  }
}
