package io.gatehouse.lineage;

import static io.gatehouse.lineage.Events.in;
import static io.gatehouse.lineage.Events.out;
import static io.gatehouse.lineage.Events.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast path's asynchronous projection: events accepted through {@link LineageIngest#submit}
 * are in the raw log when their future completes, and the projector of one replica or another
 * projects each of them exactly once. Own database, so no other test's projector shares the queue.
 */
class ProjectorTest {
  private static DataSource ds;

  @BeforeAll
  static void database() {
    ds = TestDatabase.database("lineage_projector_test", 24);
    LineageSchema.migrate(ds);
  }

  private static List<String> events(String ns, int count) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(Events.run(ns, "j" + (i % 20), UUID.randomUUID(), EventType.START, t(i),
          List.of(in(ns, "d" + (i % 7))), List.of(out(ns, "o" + (i % 20)))));
    }
    return events;
  }

  @Test
  void eventsAcceptedConcurrentlyOnTwoReplicasAreAllStoredAndEachProjectedOnce() throws Exception {
    String ns = Events.ns("projector");
    List<String> events = events(ns, 400);
    LineageIngest.Options small = LineageIngest.Options.defaults().withProjection(7, Duration.ofMillis(50));
    try (LineageIngest a = new LineageIngest(ds, TableResolver.NONE, small);
        LineageIngest b = new LineageIngest(ds, TableResolver.NONE, small)) {
      ExecutorService clients = Executors.newFixedThreadPool(16);
      List<Future<IngestResult>> results = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        LineageIngest replica = i % 2 == 0 ? a : b;
        String event = events.get(i);
        results.add(clients.submit(() -> {
          IngestResult result = replica.submit(event).get(30, TimeUnit.SECONDS);
          // Durable before answered: the raw event is readable on another connection at once.
          assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.events WHERE id = ?", result.eventIds().get(0)))
              .isEqualTo(1);
          return result;
        }));
      }
      // Re-sent on the other replica: stored and queued once.
      for (int i = 0; i < 40; i++) {
        LineageIngest replica = i % 2 == 0 ? b : a;
        String event = events.get(i);
        results.add(clients.submit(() -> replica.submit(event).get(30, TimeUnit.SECONDS)));
      }
      clients.shutdown();
      Set<UUID> ids = new HashSet<>();
      int duplicates = 0;
      for (Future<IngestResult> result : results) {
        ids.add(result.get().eventIds().get(0));
        duplicates += result.get().duplicates();
      }
      assertThat(ids).hasSize(400);
      assertThat(duplicates).isEqualTo(40);

      assertThat(a.awaitProjected(Duration.ofSeconds(30))).isTrue();
      assertThat(b.awaitProjected(Duration.ofSeconds(30))).isTrue();
      awaitEmptyQueue(a);
      assertThat(a.projected() + b.projected()).isEqualTo(400);
      assertThat(a.projected()).isPositive();
      assertThat(b.projected()).isPositive();
    }
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.events WHERE payload #>> '{job,namespace}' = ?", ns))
        .isEqualTo(400);
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.runs r JOIN lineage.jobs j ON j.id = r.job_id WHERE j.namespace = ?", ns))
        .isEqualTo(400);
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.projection_queue")).isZero();
  }

  @Test
  void theProjectionLagsWhileTheGraphIsLockedAndCatchesUpAfter() throws Exception {
    String ns = Events.ns("lag");
    List<String> events = events(ns, 30);
    try (LineageIngest ingest = new LineageIngest(ds, TableResolver.NONE,
        LineageIngest.Options.defaults().withProjection(500, Duration.ofMillis(50)))) {
      try (Connection lock = ds.getConnection()) {
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
          s.execute("LOCK TABLE lineage.jobs IN SHARE ROW EXCLUSIVE MODE");
        }
        for (String event : events) {
          ingest.submit(event).get(30, TimeUnit.SECONDS); // accepted though the graph is locked
        }
        ProjectionLag lag = ingest.projectionLag();
        assertThat(lag.pending()).isEqualTo(30);
        assertThat(lag.failed()).isZero();
        assertThat(ingest.awaitProjected(Duration.ofMillis(200))).isFalse();
        assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.jobs WHERE namespace = ?", ns)).isZero();
        lock.commit();
      }
      assertThat(ingest.awaitProjected(Duration.ofSeconds(30))).isTrue();
      assertThat(ingest.projectionLag().pending()).isZero();
      assertThat(ingest.projectionLag().oldest()).isEqualTo(Duration.ZERO);
    }
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.jobs WHERE namespace = ?", ns)).isEqualTo(20);
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.job_datasets e JOIN lineage.jobs j ON j.id = e.job_id WHERE j.namespace = ?", ns))
        .isEqualTo(30 + 20); // jobs 0-9 read two datasets (events i and i + 20), jobs 10-19 one; each writes one
  }

  @Test
  void eventsLeftQueuedByAStoppedReplicaAreProjectedByTheNextProjector() throws Exception {
    String ns = Events.ns("restart");
    List<String> events = events(ns, 5);
    EventParser parser = new EventParser();
    List<ParsedEvent> parsed = events.stream().map(parser::parse).toList();
    try (Connection c = ds.getConnection()) {
      EventLog.append(c, parsed); // what the group writer commits, with no projector running
    }
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.jobs WHERE namespace = ?", ns)).isZero();
    try (LineageIngest next = new LineageIngest(ds, TableResolver.NONE,
        LineageIngest.Options.defaults().withProjection(500, Duration.ofMillis(50)))) {
      next.startProjector();
      // Every replica's projector takes queued events, and projectors that other tests of this JVM
      // started are still polling: what must hold is that all five are projected, each once, once
      // a projector runs again. (A projector also counts a batch only after its commit, so the
      // queue can be empty a moment before any count moves: the runs themselves are waited for.)
      String runs = "SELECT count(*) FROM lineage.runs r JOIN lineage.jobs j ON j.id = r.job_id WHERE j.namespace = ?";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (Sql.count(ds, runs, ns) < 5 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      awaitEmptyQueue(next);
      assertThat(Sql.count(ds, runs, ns)).isEqualTo(5);
      assertThat(next.projected()).isBetween(0L, 5L);
    }
  }

  private static void awaitEmptyQueue(LineageIngest ingest) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ingest.projectionLag().pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(ingest.projectionLag().pending()).isZero();
  }
}
