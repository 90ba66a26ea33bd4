package io.gatehouse.lineage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Projects the events of {@code lineage.projection_queue} into the graph tables, off the request
 * path: one thread takes the oldest queued events (up to a batch, {@code FOR UPDATE SKIP LOCKED},
 * so replicas share the queue), projects them with the same statement as a synchronous ingestion,
 * and deletes their queue rows in the same transaction: each event is projected once, and a
 * crash before the commit leaves it queued. The projection is derived from events already
 * durable, so its transactions commit without waiting for the WAL flush.
 *
 * <p>Events accepted on this replica are handed over in memory (no re-parse); others are read
 * back from {@code lineage.events}. A batch that fails is projected again event by event; an event
 * that fails alone {@value #MAX_ATTEMPTS} times stays queued with its error and is skipped.
 *
 * <p>{@link #awaitProjected} lets a reader wait until what this replica accepted before the call
 * is projected, so a client reads its own events.
 */
final class Projector implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Projector.class.getName());
  static final int MAX_ATTEMPTS = 3;
  /** Accepted events kept in memory for the projector; beyond, it reads them back. */
  private static final int MAX_HANDED_OVER = 20_000;

  /** Projects events on the connection's transaction (the caller commits). */
  interface Project {
    void project(Connection connection, List<ParsedEvent> events) throws SQLException;
  }

  private final DataSource dataSource;
  private final EventParser parser;
  private final Project project;
  private final int batch;
  private final Duration poll;
  private final Thread thread;

  // Local accepted events not yet seen projected: sequence -> id, and id -> sequence.
  private final AtomicLong accepted = new AtomicLong();
  private final ConcurrentSkipListMap<Long, UUID> pending = new ConcurrentSkipListMap<>();
  private final Map<UUID, Long> sequenceOf = new ConcurrentHashMap<>();
  private final Map<UUID, ParsedEvent> handedOver = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private boolean wakeUp;
  private volatile boolean closed;
  private volatile long projectedTotal;

  Projector(DataSource dataSource, EventParser parser, Project project, int batch, Duration poll) {
    this.dataSource = dataSource;
    this.parser = parser;
    this.project = project;
    this.batch = batch;
    this.poll = poll;
    this.thread = new Thread(this::run, "lineage-projector");
    thread.setDaemon(true);
    thread.start();
  }

  /** Events the group writer has just committed and queued; wakes the projector. */
  void accepted(List<ParsedEvent> events) {
    for (ParsedEvent event : events) {
      long sequence = accepted.incrementAndGet();
      sequenceOf.put(event.id(), sequence);
      pending.put(sequence, event.id());
      if (handedOver.size() < MAX_HANDED_OVER) {
        handedOver.put(event.id(), event);
      }
    }
    synchronized (signal) {
      wakeUp = true;
      signal.notifyAll();
    }
  }

  /**
   * Waits until every event this replica accepted before the call is projected (by any replica),
   * or {@code timeout} passed.
   *
   * @return whether they are
   */
  boolean awaitProjected(Duration timeout) {
    long target = accepted.get();
    if (caughtUp(target)) {
      return true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (signal) {
      while (!caughtUp(target)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          signal.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  private boolean caughtUp(long target) {
    Map.Entry<Long, UUID> first = pending.firstEntry();
    return first == null || first.getKey() > target;
  }

  /** Events accepted here and not yet seen projected. */
  long localBacklog() {
    return pending.size();
  }

  /** Events this projector has projected since it started. */
  long projectedTotal() {
    return projectedTotal;
  }

  private void run() {
    while (!closed) {
      try {
        if (projectBatch() > 0) {
          continue;
        }
      } catch (RuntimeException | SQLException e) {
        LOG.log(Level.WARNING, "Lineage projection failed; retrying", e);
      }
      synchronized (signal) {
        if (!wakeUp && !closed) {
          try {
            signal.wait(poll.toMillis());
          } catch (InterruptedException e) {
            if (closed) {
              return;
            }
          }
        }
        wakeUp = false;
      }
    }
  }

  /**
   * Projects every event queued now, batch after batch, for at most {@code timeout}: what close
   * and tests use to drain.
   */
  void drain(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline && projectBatch() > 0) {
        // the next batch
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Lineage projection failed while draining", e);
    }
  }

  /** Takes, projects and dequeues one batch; returns how many events it took (0: none queued). */
  synchronized int projectBatch() throws SQLException {
    long acceptedBefore = accepted.get();
    List<UUID> ids;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        ids = take(c, batch);
        if (ids.isEmpty()) {
          c.commit();
          // Whatever this replica accepted before the look-up and still counts as pending was
          // projected elsewhere (or gave up): nothing is queued for it.
          forgetUpTo(acceptedBefore);
          return 0;
        }
        List<ParsedEvent> events = events(c, ids);
        project.project(c, events);
        dequeue(c, ids);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        if (!(e instanceof SQLException sql && retryable(sql))) {
          LOG.log(Level.WARNING, "Lineage projection of a batch failed; projecting its events one by one", e);
          c.setAutoCommit(autoCommit);
          return projectOneByOne(c);
        }
        throw e;
      } finally {
        if (!c.isClosed() && !c.getAutoCommit()) {
          c.setAutoCommit(autoCommit);
        }
      }
    }
    done(ids);
    return ids.size();
  }

  private int projectOneByOne(Connection c) throws SQLException {
    c.setAutoCommit(false);
    int count = 0;
    try {
      for (UUID id : take(c, batch)) {
        // take() locked the batch; each event then goes in a savepoint of its own
        var savepoint = c.setSavepoint();
        try {
          project.project(c, events(c, List.of(id)));
          dequeue(c, List.of(id));
          c.releaseSavepoint(savepoint);
          done(List.of(id));
        } catch (SQLException | RuntimeException e) {
          c.rollback(savepoint);
          try (PreparedStatement failed = c.prepareStatement(
              "UPDATE lineage.projection_queue SET attempts = attempts + 1, last_error = ? WHERE event_id = ?")) {
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            failed.setString(1, message.length() > 500 ? message.substring(0, 500) : message);
            failed.setObject(2, id);
            failed.executeUpdate();
          }
          LOG.log(Level.WARNING, "Lineage projection of event " + id + " failed", e);
        }
        count++;
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    return count;
  }

  private static List<UUID> take(Connection c, int limit) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL synchronous_commit = off");
    }
    List<UUID> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM lineage.projection_queue WHERE attempts < "
        + MAX_ATTEMPTS + " ORDER BY received_at, event_id LIMIT ? FOR UPDATE SKIP LOCKED")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return ids;
  }

  /** The events of {@code ids}: handed over in memory where possible, else read back and parsed. */
  private List<ParsedEvent> events(Connection c, List<UUID> ids) throws SQLException {
    List<ParsedEvent> events = new ArrayList<>(ids.size());
    List<UUID> missing = new ArrayList<>();
    for (UUID id : ids) {
      ParsedEvent event = handedOver.get(id);
      if (event == null) {
        missing.add(id);
      } else {
        events.add(event);
      }
    }
    if (!missing.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT payload::text FROM lineage.events WHERE id = ANY(?)")) {
        Array array = c.createArrayOf("uuid", missing.toArray());
        ps.setArray(1, array);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            events.add(parser.parse(rs.getString(1)));
          }
        }
        array.free();
      }
    }
    return events;
  }

  private static void dequeue(Connection c, List<UUID> ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM lineage.projection_queue WHERE event_id = ANY(?)")) {
      Array array = c.createArrayOf("uuid", ids.toArray());
      ps.setArray(1, array);
      ps.executeUpdate();
      array.free();
    }
  }

  private void done(List<UUID> ids) {
    for (UUID id : ids) {
      handedOver.remove(id);
      Long sequence = sequenceOf.remove(id);
      if (sequence != null) {
        pending.remove(sequence);
      }
    }
    projectedTotal += ids.size();
    notifyWaiters();
  }

  private void forgetUpTo(long sequence) {
    var gone = pending.headMap(sequence, true);
    if (gone.isEmpty()) {
      return;
    }
    for (UUID id : List.copyOf(gone.values())) {
      handedOver.remove(id);
      sequenceOf.remove(id);
    }
    gone.clear();
    notifyWaiters();
  }

  private void notifyWaiters() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40P01".equals(state) || "40001".equals(state) || "23505".equals(state);
  }

  /** Stops the thread after projecting what is queued, for at most {@code drain}. */
  void close(Duration drain) {
    closed = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    drain(drain);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
