package io.gatehouse.server.lineage;

import static io.gatehouse.server.lineage.Lineage.in;
import static io.gatehouse.server.lineage.Lineage.out;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.lineage.LineageIngest;
import io.gatehouse.server.identity.Identities;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A group writer that takes no more events answers 503 with Retry-After in the error shape, not
 * 500: when its queue is full (a writer held up by a table lock, a queue of one), and when it is
 * closed. The real ingester is put back after each test.
 */
@QuarkusTest
class LineageWriterUnavailableTest {
  @Inject LineageStore store;
  @Inject AgroalDataSource dataSource;

  private static String event(String ns, int i) {
    return OpenLineageClientUtils.toJson(
        Lineage.run(ns, "job" + i, UUID.randomUUID(), EventType.COMPLETE, i, List.of(in(ns, "a")), List.of(out(ns, "b"))));
  }

  private static ExtractableResponse<Response> send(String token, String event) {
    return Identities.as(token).contentType("application/json").body(event).post("/api/v1/lineage").then().extract();
  }

  private static void assertUnavailable(ExtractableResponse<Response> response, String retryAfter) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo(retryAfter);
    assertThat(response.<String>path("error_code")).isEqualTo("UNAVAILABLE");
    assertThat(response.<String>path("details[0].reason")).isEqualTo("UNAVAILABLE");
    assertThat(response.<String>path("message")).startsWith("Lineage ingestion is");
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterAndTheAcceptedEventsAreStored() throws Exception {
    String token = Lineage.pipelineToken();
    String ns = Lineage.ns("full");
    LineageIngest previous = store.replaceIngest(o -> o.withGroupWriters(1, 1).withQueue(1, Duration.ZERO));
    ExecutorService clients = Executors.newFixedThreadPool(3);
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE lineage.events IN SHARE ROW EXCLUSIVE MODE");
      }
      Future<ExtractableResponse<Response>> written = clients.submit(() -> send(token, event(ns, 0)));
      awaitWriterWaiting();
      // The writer holds the first event; two more compete for the one place in the queue.
      Future<ExtractableResponse<Response>> second = clients.submit(() -> send(token, event(ns, 1)));
      Future<ExtractableResponse<Response>> third = clients.submit(() -> send(token, event(ns, 2)));
      Future<ExtractableResponse<Response>> refused = awaitFirstDone(second, third);
      assertUnavailable(refused.get(), "1");
      lock.commit();
      assertThat(written.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
      Future<ExtractableResponse<Response>> queued = refused == second ? third : second;
      assertThat(queued.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    } finally {
      clients.shutdownNow();
      store.restoreIngest(previous);
    }
    send(token, event(ns, 3)).response().then().statusCode(201);
  }

  @Test
  void aClosedWriterAnswers503WithRetryAfter() {
    String token = Lineage.pipelineToken();
    String ns = Lineage.ns("closed");
    LineageIngest previous = store.replaceIngest(o -> o);
    try {
      store.ingest().close();
      assertUnavailable(send(token, event(ns, 0)), "5");
    } finally {
      store.restoreIngest(previous);
    }
    send(token, event(ns, 1)).response().then().statusCode(201);
  }

  private void awaitWriterWaiting() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
            + " WHERE wait_event_type = 'Lock' AND query ILIKE '%lineage.events%'")) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("the group writer never waited on the locked table");
  }

  private static Future<ExtractableResponse<Response>> awaitFirstDone(
      Future<ExtractableResponse<Response>> a, Future<ExtractableResponse<Response>> b) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (a.isDone()) {
        return a;
      }
      if (b.isDone()) {
        return b;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("neither request was answered while the queue was full");
  }
}
