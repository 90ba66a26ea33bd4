package io.gatehouse.server.audit;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Writes the audit trail with group commit: requests hand their records to one writer thread,
 * which inserts everything that queued up while the previous batch was being written in a
 * single batch, then releases the waiting requests. A request returns only after its record is
 * in the database, and fails if the record cannot be written; batching keeps that cheap under
 * load. On shutdown the queue is drained first.
 */
@ApplicationScoped
public class AuditLog {
  private static final Logger LOG = Logger.getLogger(AuditLog.class);
  private static final int MAX_BATCH = 1000;
  private static final String COPY =
      "COPY audit_log (occurred_at, request_id, principal, acting_principal, source_address, action,"
          + " securable_type, securable_name, result, detail) FROM STDIN";

  private record Pending(AuditEvent event, CompletableFuture<Void> written) {}

  private final AgroalDataSource dataSource;
  private final AuditConfig config;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);
  private volatile boolean running;
  private Thread writer;

  AuditLog(AgroalDataSource dataSource, AuditConfig config) {
    this.dataSource = dataSource;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    running = true;
    writer = new Thread(this::write, "gatehouse-audit-writer");
    writer.setDaemon(true);
    writer.start();
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    writer.interrupt();
    writer.join(TimeUnit.SECONDS.toMillis(10));
  }

  /** Appends {@code event}; returns once it is written, or fails the request. */
  public void record(AuditEvent event) {
    Pending pending = new Pending(event, new CompletableFuture<>());
    if (!running || !queue.offer(pending)) {
      throw unavailable();
    }
    try {
      pending.written().get(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw unavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable();
    }
  }

  private static GatehouseException unavailable() {
    return new GatehouseException(
        ErrorCode.UNAVAILABLE, "The audit record of this request could not be written; the request was not carried out.");
  }

  private void write() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    Connection connection = null;
    while (running || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        if (connection == null) {
          connection = open();
        }
        insert(connection, batch);
        batch.forEach(p -> p.written().complete(null));
        batch.clear();
      } catch (InterruptedException e) {
        // Shutting down: keep draining what is queued.
        running = false;
      } catch (SQLException e) {
        LOG.errorf(e, "audit batch of %d records failed", batch.size());
        batch.forEach(p -> p.written().completeExceptionally(e));
        batch.clear();
        close(connection);
        connection = null;
      }
    }
    close(connection);
  }

  // The writer keeps one connection for its lifetime, in autocommit, so that a batch costs one
  // round trip: the batch's statements form one implicit transaction. The session setting is
  // reset before the connection goes back to the pool.
  private Connection open() throws SQLException {
    Connection c = dataSource.getConnection();
    c.setAutoCommit(true);
    if (!config.synchronousCommit()) {
      try (Statement s = c.createStatement()) {
        s.execute("SET synchronous_commit = off");
      }
    }
    return c;
  }

  // COPY is PostgreSQL's bulk path: one round trip and far less work per row than INSERTs.
  private static void insert(Connection c, List<Pending> batch) throws SQLException {
    StringBuilder rows = new StringBuilder(batch.size() * 200);
    for (Pending p : batch) {
      AuditEvent e = p.event();
      field(rows, java.time.OffsetDateTime.ofInstant(e.occurredAt(), java.time.ZoneOffset.UTC).toString()).append('\t');
      field(rows, e.requestId()).append('\t');
      field(rows, e.principal()).append('\t');
      field(rows, e.actingPrincipal()).append('\t');
      field(rows, e.sourceAddress()).append('\t');
      field(rows, e.action()).append('\t');
      field(rows, e.securableType()).append('\t');
      field(rows, e.securableName()).append('\t');
      field(rows, e.result().name()).append('\t');
      field(rows, e.renderedDetail()).append('\n');
    }
    try {
      c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(COPY, new java.io.StringReader(rows.toString()));
    } catch (java.io.IOException e) {
      throw new SQLException("audit COPY failed", e);
    }
  }

  /** One value in COPY's text format: backslash escapes, {@code \N} for null. */
  static StringBuilder field(StringBuilder out, String value) {
    if (value == null) {
      return out.append("\\N");
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
    return out;
  }

  private static void close(Connection c) {
    if (c != null) {
      try (Statement s = c.createStatement()) {
        s.execute("RESET synchronous_commit");
      } catch (SQLException ignored) {
        // a broken connection is discarded by the pool
      }
      try {
        c.close();
      } catch (SQLException ignored) {
        // the pool replaces it
      }
    }
  }
}
