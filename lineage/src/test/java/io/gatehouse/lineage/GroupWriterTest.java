package io.gatehouse.lineage;

import static io.gatehouse.lineage.Events.in;
import static io.gatehouse.lineage.Events.out;
import static io.gatehouse.lineage.Events.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class GroupWriterTest {
  private final DataSource ds = TestDatabase.dataSource();

  @Test
  void eventsSubmittedFromManyThreadsAreAllCommittedAndResendsAreReportedAsDuplicates() throws Exception {
    String ns = Events.ns("group");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      events.add(Events.run(ns, "j" + (i % 20), UUID.randomUUID(), EventType.START, t(i),
          List.of(in(ns, "d" + (i % 7))), List.of(out(ns, "o" + (i % 20)))));
    }
    try (LineageIngest ingest = new LineageIngest(ds, TableResolver.NONE)) {
      ExecutorService clients = Executors.newFixedThreadPool(8);
      List<Future<IngestResult>> results = new ArrayList<>();
      for (String event : events) {
        results.add(clients.submit(() -> ingest.submit(event).get(30, TimeUnit.SECONDS)));
      }
      results.add(clients.submit(() -> ingest.submit(events.get(0)).get(30, TimeUnit.SECONDS)));
      clients.shutdown();
      int duplicates = 0;
      Set<UUID> ids = new HashSet<>();
      for (Future<IngestResult> result : results) {
        duplicates += result.get().duplicates();
        ids.add(result.get().eventIds().get(0));
      }
      assertThat(ids).hasSize(200);
      assertThat(duplicates).isEqualTo(1);
    }
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.runs r JOIN lineage.jobs j ON j.id = r.job_id WHERE j.namespace = ?", ns))
        .isEqualTo(200);
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.job_datasets e JOIN lineage.jobs j ON j.id = e.job_id WHERE j.namespace = ?", ns))
        .isEqualTo(countEdges(events.size()));
  }

  /** Job j(i % 20) reads d(i % 7): the distinct (job, input) pairs, plus one output per job. */
  private static long countEdges(int events) {
    Set<String> pairs = new HashSet<>();
    for (int i = 0; i < events; i++) {
      pairs.add((i % 20) + "<" + (i % 7));
    }
    return pairs.size() + 20;
  }

  @Test
  void aGroupTheStoreRefusesIsWrittenAgainEventByEventSoOnlyTheCulpritFails() throws Exception {
    EventParser parser = new EventParser();
    String ns = Events.ns("poison");
    List<ParsedEvent> parsed = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      parsed.add(parser.parse(Events.run(ns, "j" + i, UUID.randomUUID(), EventType.START, t(i), List.of(), List.of())));
    }
    UUID poison = parsed.get(17).id();
    List<Integer> groupSizes = new ArrayList<>();
    // The first write waits until every event is queued, so the rest go out in groups whatever the
    // scheduling (without it, a fast writer may take each event alone).
    java.util.concurrent.CountDownLatch queued = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
    GroupWriter writer = new GroupWriter((group, attached) -> {
      if (first.getAndSet(false)) {
        try {
          queued.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      synchronized (groupSizes) {
        groupSizes.add(group.size());
      }
      if (group.stream().anyMatch(e -> e.id().equals(poison))) {
        throw new LineageStoreException("refused", null);
      }
      Set<UUID> ids = new HashSet<>();
      group.forEach(e -> ids.add(e.id()));
      return ids;
    }, 1, 256, 1000);
    try {
      List<CompletableFuture<IngestResult>> results = parsed.stream().map(writer::submit).toList();
      queued.countDown();
      for (int i = 0; i < results.size(); i++) {
        if (i == 17) {
          assertThat(results.get(i)).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
              .withCauseInstanceOf(LineageStoreException.class);
        } else {
          assertThat(results.get(i).get(30, TimeUnit.SECONDS).duplicates()).isZero();
        }
      }
    } finally {
      writer.close();
    }
    // Events queued while the first was written went out together.
    assertThat(groupSizes).anyMatch(size -> size > 1);
  }

  @Test
  void aFullQueueRefusesOnceItsWaitIsOverAndAClosedWriterRefusesAtOnce() throws Exception {
    EventParser parser = new EventParser();
    String ns = Events.ns("full");
    List<ParsedEvent> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(parser.parse(Events.run(ns, "j" + i, UUID.randomUUID(), EventType.START, t(i), List.of(), List.of())));
    }
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    GroupWriter writer = new GroupWriter((group, attached) -> {
      writing.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Set<UUID> ids = new HashSet<>();
      group.forEach(e -> ids.add(e.id()));
      return ids;
    }, 1, 256, 1, java.time.Duration.ofMillis(200));
    try {
      CompletableFuture<IngestResult> beingWritten = writer.submit(events.get(0));
      assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<IngestResult> queued = writer.submit(events.get(1));
      CompletableFuture<IngestResult> refused = writer.submit(events.get(2));
      assertThat(refused).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
          .havingCause().isInstanceOfSatisfying(IngestUnavailableException.class, e -> assertThat(e.closed()).isFalse());
      release.countDown();
      assertThat(beingWritten.get(30, TimeUnit.SECONDS).duplicates()).isZero();
      assertThat(queued.get(30, TimeUnit.SECONDS).duplicates()).isZero();
    } finally {
      release.countDown();
      writer.close();
    }
    assertThat(writer.submit(events.get(2))).failsWithin(1, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOfSatisfying(IngestUnavailableException.class, e -> assertThat(e.closed()).isTrue());
  }

  @Test
  void aClosedIngesterRefusesSingleEventsButStillTakesBatches() throws Exception {
    String ns = Events.ns("closed");
    LineageIngest ingest = new LineageIngest(ds, TableResolver.NONE);
    ingest.close();
    String event = Events.run(ns, "j", UUID.randomUUID(), EventType.START, t(0), List.of(), List.of());
    assertThat(ingest.submit(event)).failsWithin(1, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOfSatisfying(IngestUnavailableException.class, e -> assertThat(e.closed()).isTrue());
    assertThat(ingest.ingestBatch(List.of(event)).duplicates()).isZero();
  }
}
