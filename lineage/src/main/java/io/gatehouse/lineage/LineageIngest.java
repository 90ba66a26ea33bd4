package io.gatehouse.lineage;

import io.gatehouse.lineage.Projection.DatasetRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * Ingests OpenLineage events (RunEvent, DatasetEvent, JobEvent of the 1.x spec): validates each,
 * stores it raw, and projects it into the graph tables. Ingesting an event again changes nothing.
 *
 * <p>Three ways in: {@link #ingest} writes one event and its projection in its own transaction;
 * {@link #ingestBatch} writes many in one (one SQL statement whatever their number); {@link
 * #submit} hands one event to a group writer that appends it to the raw event log together with
 * the events submitted meanwhile (one statement and one commit for the group) and queues it for
 * the {@link Projector}, which projects queued events in large batches off the caller's path.
 * That is the fast path for a server receiving single events on many connections.
 *
 * <p>Each write takes a connection from the data source and commits its own transaction, so call
 * it outside any container-managed transaction. Thread-safe. {@link #close} stops the group
 * writer.
 */
public final class LineageIngest implements AutoCloseable {
  private static final int ATTEMPTS = 3;

  /**
   * Tuning.
   *
   * @param resolverCacheTtl how long a {@link TableResolver} answer is reused; zero disables the
   *     cache
   * @param resolverCacheSize how many answers are kept at most
   * @param groupWriters threads (and so connections) writing groups for {@link #submit}
   * @param maxGroup the most events one group writes
   * @param queueCapacity events waiting for a group writer before {@link #submit} waits
   * @param queueWait how long {@link #submit} waits for room in a full queue before it fails with
   *     {@link IngestUnavailableException}
   */
  public record Options(Duration resolverCacheTtl, int resolverCacheSize, int groupWriters, int maxGroup,
      int queueCapacity, Duration queueWait, int projectionBatch, Duration projectionPoll) {
    public Options {
      Objects.requireNonNull(resolverCacheTtl, "resolverCacheTtl");
      Objects.requireNonNull(queueWait, "queueWait");
      Objects.requireNonNull(projectionPoll, "projectionPoll");
      if (resolverCacheTtl.isNegative() || queueWait.isNegative() || resolverCacheSize < 1 || groupWriters < 1
          || maxGroup < 1 || queueCapacity < 1 || projectionBatch < 1 || projectionPoll.isNegative()
          || projectionPoll.isZero()) {
        throw new IllegalArgumentException("Options: a negative duration, or a size or count below 1");
      }
    }

    /** With the default projection: batches of 500, the queue looked at every second when idle. */
    public Options(Duration resolverCacheTtl, int resolverCacheSize, int groupWriters, int maxGroup, int queueCapacity,
        Duration queueWait) {
      this(resolverCacheTtl, resolverCacheSize, groupWriters, maxGroup, queueCapacity, queueWait, 500,
          Duration.ofSeconds(1));
    }

    /** With the default wait for room in a full queue, 10 s. */
    public Options(Duration resolverCacheTtl, int resolverCacheSize, int groupWriters, int maxGroup, int queueCapacity) {
      this(resolverCacheTtl, resolverCacheSize, groupWriters, maxGroup, queueCapacity, Duration.ofSeconds(10));
    }

    public static Options defaults() {
      return new Options(Duration.ofSeconds(30), 100_000, 2, 256, 10_000);
    }

    public Options withResolverCache(Duration ttl, int size) {
      return new Options(ttl, size, groupWriters, maxGroup, queueCapacity, queueWait, projectionBatch, projectionPoll);
    }

    public Options withGroupWriters(int writers, int maxGroup) {
      return new Options(resolverCacheTtl, resolverCacheSize, writers, maxGroup, queueCapacity, queueWait,
          projectionBatch, projectionPoll);
    }

    public Options withQueue(int capacity, Duration wait) {
      return new Options(resolverCacheTtl, resolverCacheSize, groupWriters, maxGroup, capacity, wait, projectionBatch,
          projectionPoll);
    }

    public Options withProjection(int batch, Duration poll) {
      return new Options(resolverCacheTtl, resolverCacheSize, groupWriters, maxGroup, queueCapacity, queueWait, batch,
          poll);
    }
  }

  private final DataSource dataSource;
  private final EventParser parser = new EventParser();
  private final ResolverCache resolver;
  private final Options options;
  private GroupWriter groupWriter;
  private volatile Projector projector;
  private boolean closed;

  public LineageIngest(DataSource dataSource, TableResolver resolver) {
    this(dataSource, resolver, Options.defaults());
  }

  public LineageIngest(DataSource dataSource, TableResolver resolver, Options options) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.options = options;
    this.resolver = new ResolverCache(Objects.requireNonNull(resolver, "resolver"), options.resolverCacheTtl(),
        options.resolverCacheSize());
  }

  /**
   * Validates, stores and projects one event.
   *
   * @throws InvalidEventException if it is not a valid OpenLineage event; nothing is stored
   * @throws LineageStoreException if the database fails
   */
  public IngestResult ingest(String json) {
    return store(List.of(parser.parse(json)));
  }

  /**
   * Validates one event now, then queues it for the group writer, which appends it to the raw
   * event log (with the events submitted meanwhile, in one commit) and queues it for projection.
   * The projection into the graph follows asynchronously ({@link #awaitProjected},
   * {@link #projectionLag}).
   *
   * @return completes when the event is committed, or exceptionally with a
   *     {@link LineageStoreException}: an {@link IngestUnavailableException} when the writer is
   *     closed or its queue stayed full
   * @throws InvalidEventException at once if it is not a valid OpenLineage event
   */
  public CompletableFuture<IngestResult> submit(String json) {
    ParsedEvent event = parser.parse(json);
    GroupWriter writer = groupWriter();
    return writer == null ? CompletableFuture.failedFuture(new IngestUnavailableException(true)) : writer.submit(event);
  }

  /**
   * {@link #submit(String)}, with {@code row} written by {@code rows} in the same commit as the
   * event (the server's audit record of accepting it): the returned stage completes once both are
   * committed, and fails if either cannot be; neither is then stored. An event submitted again is
   * not stored again, but its row is written again.
   */
  public <T> CompletableFuture<IngestResult> submit(String json, SameCommit<T> rows, T row) {
    Objects.requireNonNull(rows, "rows");
    ParsedEvent event = parser.parse(json);
    GroupWriter writer = groupWriter();
    return writer == null
        ? CompletableFuture.failedFuture(new IngestUnavailableException(true))
        : writer.submit(event, new GroupWriter.Attached<>(rows, row));
  }

  /** The group writer and the projector, started on first use; null once closed. */
  private synchronized GroupWriter groupWriter() {
    if (groupWriter == null && !closed) {
      startProjector();
      groupWriter = new GroupWriter(this::appendGroup, options.groupWriters(), options.maxGroup(),
          options.queueCapacity(), options.queueWait());
    }
    return groupWriter;
  }

  /**
   * Starts projecting what the raw event log holds unprojected (events queued by this or another
   * replica, or before a restart); {@link #submit} starts it too. Idempotent.
   */
  public synchronized void startProjector() {
    if (projector == null && !closed) {
      projector = new Projector(dataSource, parser, this::project, options.projectionBatch(), options.projectionPoll());
    }
  }

  /**
   * Waits until the events this replica accepted through {@link #submit} before the call are
   * projected into the graph, for at most {@code timeout}: a reader calls it to see its own
   * events. Returns at once when nothing is waiting.
   *
   * @return whether they are projected
   */
  public boolean awaitProjected(Duration timeout) {
    Projector p;
    synchronized (this) {
      p = projector;
    }
    return p == null || p.awaitProjected(timeout);
  }

  /**
   * How far the projection is behind the raw event log, across replicas: events accepted and not
   * yet projected, the age of the oldest, and events whose projection failed {@value
   * Projector#MAX_ATTEMPTS} times (kept, with their error, in {@code lineage.projection_queue}).
   */
  public ProjectionLag projectionLag() {
    try (Connection c = dataSource.getConnection();
        var ps = c.prepareStatement("SELECT count(*) FILTER (WHERE attempts < " + Projector.MAX_ATTEMPTS + "),"
            + " count(*) FILTER (WHERE attempts >= " + Projector.MAX_ATTEMPTS + "),"
            + " EXTRACT(EPOCH FROM now() - min(received_at) FILTER (WHERE attempts < " + Projector.MAX_ATTEMPTS
            + ")) * 1000 FROM lineage.projection_queue");
        var rs = ps.executeQuery()) {
      rs.next();
      double oldest = rs.getDouble(3);
      return new ProjectionLag(rs.getLong(1), rs.getLong(2), Duration.ofMillis(rs.wasNull() ? 0 : (long) oldest));
    } catch (SQLException e) {
      throw new LineageStoreException("Could not read the projection's lag", e);
    }
  }

  /** Events this instance's projector has projected since it started (for tests). */
  long projected() {
    Projector p = projector;
    return p == null ? 0 : p.projectedTotal();
  }

  /**
   * Appends events to the raw log, with the rows attached to them, and queues the new ones for
   * projection: one round trip and one commit.
   */
  private Set<UUID> appendGroup(List<ParsedEvent> events, List<GroupWriter.Attached<?>> attached) {
    List<ParsedEvent> distinct = distinct(events);
    Set<UUID> inserted = autocommit(connection -> EventLog.append(connection, distinct, attached));
    Projector p = projector;
    if (p != null && !inserted.isEmpty()) {
      p.accepted(distinct.stream().filter(e -> inserted.contains(e.id())).toList());
    }
    return inserted;
  }

  /** Projects events on the caller's transaction: the projector's path. */
  private void project(Connection connection, List<ParsedEvent> events) throws SQLException {
    IngestStatement.execute(connection, List.of(), projection(distinct(events)));
  }

  /**
   * Asks the resolver again about every stored dataset and stores the mappings that changed, for
   * the server to call after tables are created, renamed or dropped (or on a schedule): ingestion
   * only maps the datasets that events name. Reads the datasets in pages of 1,000.
   *
   * @return how many datasets' mappings changed
   */
  public int remapDatasets() {
    try {
      return Remapper.remap(dataSource, resolver);
    } catch (SQLException e) {
      throw new LineageStoreException("Could not remap datasets", e);
    }
  }

  /**
   * Stops the group writer after writing what it holds; {@link #submit} fails from now on, the
   * other methods keep working.
   */
  @Override
  public synchronized void close() {
    closed = true;
    if (groupWriter != null) {
      groupWriter.close();
      groupWriter = null;
    }
    if (projector != null) {
      projector.close();
      projector = null;
    }
  }

  /**
   * Validates all events, then stores and projects them in one transaction: all or none.
   *
   * @throws InvalidEventException for the first invalid event, its path prefixed with its index
   *     ({@code [3].run.runId: not a UUID}); nothing is stored
   */
  public IngestResult ingestBatch(List<String> events) {
    List<ParsedEvent> parsed = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      try {
        parsed.add(parser.parse(events.get(i)));
      } catch (InvalidEventException e) {
        throw e.inBatch(i);
      }
    }
    return store(parsed);
  }

  private IngestResult store(List<ParsedEvent> events) {
    List<UUID> ids = new ArrayList<>(events.size());
    for (ParsedEvent event : events) {
      ids.add(event.id());
    }
    Set<UUID> inserted = storeGroup(events);
    return new IngestResult(ids, events.size() - inserted.size());
  }

  /** Writes events and their projection in one transaction; returns the ids that were new. */
  private Set<UUID> storeGroup(List<ParsedEvent> events) {
    List<ParsedEvent> distinct = distinct(events);
    Projection projection = projection(distinct);
    return transaction(connection -> IngestStatement.execute(connection, distinct, projection));
  }

  /** Each event once, in id order, like every other table's rows: concurrent groups lock in one order. */
  private static List<ParsedEvent> distinct(List<ParsedEvent> events) {
    List<ParsedEvent> distinct = new ArrayList<>(events.size());
    Set<UUID> seen = new HashSet<>();
    for (ParsedEvent event : events) {
      if (seen.add(event.id())) {
        distinct.add(event);
      }
    }
    distinct.sort(Comparator.comparing(ParsedEvent::id));
    return distinct;
  }

  /** The graph rows of events, with each dataset's table asked of the resolver (cached). */
  private Projection projection(List<ParsedEvent> events) {
    Projection projection = new Projection();
    for (ParsedEvent event : events) {
      projection.add(event);
    }
    for (DatasetRow dataset : projection.datasets.values()) {
      ResolverCache.Answer answer = resolver.resolve(dataset.info);
      dataset.resolved = answer.resolved();
      dataset.table = answer.table();
    }
    return projection;
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in a transaction of its own, retried on deadlocks and races. */
  private <T> T transaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
          T inserted = work.run(connection);
          connection.commit();
          return inserted;
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(autoCommit);
        }
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && retryable(e)) {
          continue;
        }
        throw new LineageStoreException("Could not store lineage events", e);
      }
    }
  }

  /**
   * Runs {@code work}, whose statements are sent in one round trip and so form one implicit
   * transaction, on a connection in autocommit: no BEGIN and no COMMIT of its own. Retried as
   * {@link #transaction} is.
   */
  private <T> T autocommit(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
          return work.run(connection);
        } finally {
          connection.setAutoCommit(autoCommit);
        }
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && retryable(e)) {
          continue;
        }
        throw new LineageStoreException("Could not store lineage events", e);
      }
    }
  }

  /** Deadlocks, serialization failures and unique races between concurrent first inserts. */
  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40P01".equals(state) || "40001".equals(state) || "23505".equals(state);
  }
}
