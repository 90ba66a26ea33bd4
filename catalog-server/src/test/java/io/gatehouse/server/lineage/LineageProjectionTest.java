package io.gatehouse.server.lineage;

import static io.gatehouse.server.lineage.Lineage.in;
import static io.gatehouse.server.lineage.Lineage.out;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.identity.Identities;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.gatehouse.server.catalog.Api;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/lineage} answers 201 once the event is in the raw event log; the graph is
 * projected from that log asynchronously, its lag observable, and a read waits for what this
 * replica accepted before it.
 */
@QuarkusTest
class LineageProjectionTest {
  @Inject AgroalDataSource dataSource;
  @Inject LineageStore store;
  @TestHTTPResource(value = "metrics", management = true) java.net.URL metrics;

  private static String event(String ns, int i) {
    return OpenLineageClientUtils.toJson(Lineage.run(ns, "job" + (i % 10), UUID.randomUUID(), EventType.COMPLETE, i,
        List.of(in(ns, "in" + (i % 10 % 3))), List.of(out(ns, "out" + (i % 10)))));
  }

  private static ExtractableResponse<Response> send(String token, String event) {
    return Identities.as(token).contentType("application/json").body(event).post("/api/v1/lineage").then().extract();
  }

  private long count(String sql, Object... params) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void awaitProjected() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (store.lag().pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(store.lag().pending()).isZero();
  }

  @Test
  void eventsSentConcurrentlyByManyClientsAreAllStoredDurablyAndProjectedOnce() throws Exception {
    String token = Lineage.pipelineToken();
    String ns = Lineage.ns("many");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      events.add(event(ns, i));
    }
    ExecutorService clients = Executors.newFixedThreadPool(12);
    List<Future<String>> ids = new ArrayList<>();
    try {
      for (int i = 0; i < events.size() + 12; i++) {
        String body = events.get(i % events.size()); // the first 12 twice
        ids.add(clients.submit(() -> {
          ExtractableResponse<Response> r = send(token, body);
          assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
          String id = r.path("event_id");
          // Answered, so committed: another connection reads it at once.
          assertThat(count("SELECT count(*) FROM lineage.events WHERE id = ?::uuid", id)).isEqualTo(1);
          return id;
        }));
      }
      Set<String> distinct = new HashSet<>();
      for (Future<String> id : ids) {
        distinct.add(id.get(60, TimeUnit.SECONDS));
      }
      assertThat(distinct).hasSize(120);
    } finally {
      clients.shutdownNow();
    }
    awaitProjected();
    assertThat(count("SELECT count(*) FROM lineage.events WHERE payload #>> '{job,namespace}' = ?", ns)).isEqualTo(120);
    assertThat(count("SELECT count(*) FROM lineage.runs r JOIN lineage.jobs j ON j.id = r.job_id WHERE j.namespace = ?", ns))
        .isEqualTo(120);
    // job k (of 10) ran 12 times, reading in(k % 3) and writing out(k): two edges each
    assertThat(count("SELECT count(*) FROM lineage.job_datasets e JOIN lineage.jobs j ON j.id = e.job_id WHERE j.namespace = ?", ns))
        .isEqualTo(20);
    Lineage.graph(Map.of("namespace", ns, "name", "in0", "direction", "downstream")).statusCode(200)
        .body("total_nodes", equalTo(1 + 4 + 4)); // in0 -> jobs 0, 3, 6, 9 -> their outputs
  }

  @Test
  void anEventAcceptedWhileTheGraphIsLockedIsStoredAtOnceAndSeenOnceTheProjectionCatchesUp() throws Exception {
    String token = Lineage.pipelineToken();
    String ns = Lineage.ns("lagging");
    String event = event(ns, 1);
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE lineage.jobs IN SHARE ROW EXCLUSIVE MODE");
      }
      // The request path does not touch the graph: 201 while the projection waits on the lock.
      String id = send(token, event).response().then().statusCode(201).extract().path("event_id");
      assertThat(count("SELECT count(*) FROM lineage.events WHERE id = ?::uuid", id)).isEqualTo(1);
      assertThat(count("SELECT count(*) FROM lineage.projection_queue WHERE event_id = ?::uuid", id)).isEqualTo(1);
      assertThat(store.lag().pending()).isPositive();
      String metrics = RestAssured.given().get(this.metrics).then().statusCode(200).extract().asString();
      assertThat(metrics).containsPattern("gatehouse_lineage_projection_pending \\d+")
          .doesNotContain("gatehouse_lineage_projection_pending 0.0")
          .contains("gatehouse_lineage_projection_oldest_seconds").contains("gatehouse_lineage_projection_failed");
      // A read waits for this replica's accepted events (up to read-wait), so it sees the event
      // once the lock goes.
      Future<Integer> nodes = reader.submit(() -> Lineage.graph(Map.of("namespace", ns, "name", "in1", "direction", "downstream"))
          .statusCode(200).extract().path("total_nodes"));
      Thread.sleep(300);
      assertThat(nodes).isNotDone();
      lock.commit();
      assertThat(nodes.get(30, TimeUnit.SECONDS)).isEqualTo(3);
    } finally {
      reader.shutdownNow();
    }
    awaitProjected();
    assertThat(count("SELECT count(*) FROM lineage.projection_queue")).isZero();
  }

  @Test
  void anInvalidEventIsRefusedAndNothingOfItIsStoredOrQueued() throws Exception {
    String token = Lineage.pipelineToken();
    String ns = Lineage.ns("refusedevent");
    String broken = event(ns, 1).replaceFirst("\"eventTime\":\"[^\"]+\"", "\"eventTime\":\"yesterday\"");
    send(token, broken).response().then().statusCode(400).body("error_code", equalTo("INVALID_ARGUMENT"))
        .body("message", org.hamcrest.Matchers.containsString("eventTime"));
    assertThat(count("SELECT count(*) FROM lineage.events WHERE payload #>> '{job,namespace}' = ?", ns)).isZero();
    awaitProjected();
    assertThat(count("SELECT count(*) FROM lineage.jobs WHERE namespace = ?", ns)).isZero();
  }
}
