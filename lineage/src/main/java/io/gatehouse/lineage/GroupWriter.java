package io.gatehouse.lineage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for single events: events submitted while a write is under way wait in a queue,
 * and the next write takes all of them in one statement and one commit. An idle writer takes an
 * event at once, so a lone event waits for nothing. Each event's future completes when its group
 * has committed. A group that fails is written again event by event, so one event the database
 * refuses does not fail its neighbours. What is attached to an event ({@link SameCommit}) is
 * written with it, in its group's commit.
 */
final class GroupWriter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GroupWriter.class.getName());

  /** A row attached to an event, and the writer of such rows. */
  record Attached<T>(SameCommit<T> writer, T row) {}

  /** Writes events, and the rows attached to them, in one transaction; returns the ids that were new. */
  @FunctionalInterface
  interface Store {
    Set<UUID> write(List<ParsedEvent> events, List<Attached<?>> attached);
  }

  private record Pending(ParsedEvent event, Attached<?> attached, CompletableFuture<IngestResult> result) {}

  private final BlockingQueue<Pending> queue;
  private final Store store;
  private final int maxGroup;
  private final List<Thread> writers = new ArrayList<>();
  private final Duration queueWait;
  private volatile boolean closed;

  /** {@code store} writes events in one transaction and returns the ids that were new. */
  GroupWriter(Store store, int writerThreads, int maxGroup, int queueCapacity) {
    this(store, writerThreads, maxGroup, queueCapacity, Duration.ofSeconds(10));
  }

  /** As above; a submission waits at most {@code queueWait} for room in a full queue. */
  GroupWriter(Store store, int writerThreads, int maxGroup, int queueCapacity, Duration queueWait) {
    this.store = store;
    this.queueWait = queueWait;
    this.maxGroup = maxGroup;
    this.queue = new LinkedBlockingQueue<>(queueCapacity);
    for (int i = 0; i < writerThreads; i++) {
      Thread thread = new Thread(this::run, "lineage-group-writer-" + i);
      thread.setDaemon(true);
      writers.add(thread);
      thread.start();
    }
  }

  CompletableFuture<IngestResult> submit(ParsedEvent event) {
    return submit(event, null);
  }

  /** Queues {@code event}; {@code attached}, if not null, is written in the same commit. */
  CompletableFuture<IngestResult> submit(ParsedEvent event, Attached<?> attached) {
    var pending = new Pending(event, attached, new CompletableFuture<>());
    try {
      if (closed || !queue.offer(pending, queueWait.toNanos(), TimeUnit.NANOSECONDS)) {
        pending.result.completeExceptionally(new IngestUnavailableException(closed));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.result.completeExceptionally(new LineageStoreException("Interrupted while queueing an event", e));
    }
    return pending.result;
  }

  private void run() {
    List<Pending> group = new ArrayList<>(maxGroup);
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, maxGroup - 1);
        write(group);
      } catch (InterruptedException e) {
        if (closed) {
          break;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "Lineage group writer failed", e);
        group.forEach(p -> p.result.completeExceptionally(e));
      } finally {
        group.clear();
      }
    }
  }

  private void write(List<Pending> group) {
    Set<UUID> inserted;
    try {
      List<Attached<?>> attached = new ArrayList<>();
      for (Pending pending : group) {
        if (pending.attached != null) {
          attached.add(pending.attached);
        }
      }
      inserted = store.write(group.stream().map(Pending::event).toList(), attached);
    } catch (LineageStoreException e) {
      if (group.size() == 1) {
        group.get(0).result.completeExceptionally(e);
      } else {
        for (Pending pending : group) {
          write(List.of(pending));
        }
      }
      return;
    }
    Set<UUID> claimed = new HashSet<>();
    for (Pending pending : group) {
      UUID id = pending.event.id();
      boolean isNew = inserted.contains(id) && claimed.add(id);
      pending.result.complete(new IngestResult(List.of(id), isNew ? 0 : 1));
    }
  }

  /** Stops taking events, writes those queued, and waits for the writers to finish. */
  @Override
  public void close() {
    closed = true;
    for (Thread writer : writers) {
      try {
        writer.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
