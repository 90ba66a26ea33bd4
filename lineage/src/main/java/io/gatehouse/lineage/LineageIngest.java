package io.gatehouse.lineage;

import io.gatehouse.lineage.Projection.DatasetRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Ingests OpenLineage events (RunEvent, DatasetEvent, JobEvent of the 1.x spec): validates each,
 * stores it raw, and projects it into the graph tables in the same transaction, with one SQL
 * statement per call whatever the number of events. Ingesting an event again changes nothing.
 *
 * <p>Each call takes a connection from the data source and commits its own transaction, so call it
 * outside any container-managed transaction. Thread-safe.
 */
public final class LineageIngest {
  private static final int ATTEMPTS = 3;

  /**
   * Tuning.
   *
   * @param resolverCacheTtl how long a {@link TableResolver} answer is reused; zero disables the
   *     cache
   * @param resolverCacheSize how many answers are kept at most
   */
  public record Options(Duration resolverCacheTtl, int resolverCacheSize) {
    public static Options defaults() {
      return new Options(Duration.ofSeconds(30), 100_000);
    }
  }

  private final DataSource dataSource;
  private final EventParser parser = new EventParser();
  private final ResolverCache resolver;

  public LineageIngest(DataSource dataSource, TableResolver resolver) {
    this(dataSource, resolver, Options.defaults());
  }

  public LineageIngest(DataSource dataSource, TableResolver resolver, Options options) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
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
    List<ParsedEvent> distinct = new ArrayList<>(events.size());
    Set<UUID> seen = new HashSet<>();
    Projection projection = new Projection();
    for (ParsedEvent event : events) {
      ids.add(event.id());
      if (seen.add(event.id())) {
        distinct.add(event);
        projection.add(event);
      }
    }
    for (DatasetRow dataset : projection.datasets.values()) {
      ResolverCache.Answer answer = resolver.resolve(dataset.info);
      dataset.resolved = answer.resolved();
      dataset.table = answer.table();
    }
    Set<UUID> inserted = write(distinct, projection);
    return new IngestResult(ids, events.size() - inserted.size());
  }

  private Set<UUID> write(List<ParsedEvent> events, Projection projection) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
          Set<UUID> inserted = IngestStatement.execute(connection, events, projection);
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

  /** Deadlocks, serialization failures and unique races between concurrent first inserts. */
  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40P01".equals(state) || "40001".equals(state) || "23505".equals(state);
  }
}
