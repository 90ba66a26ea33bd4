package io.gatehouse.server.audit;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.common.BenchMode;
import io.gatehouse.server.common.DatabaseFailures;
import io.gatehouse.server.common.GatehouseException;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Writes the audit trail with leader-follower group commit. A request queues its record; if no
 * batch is being written, its own thread becomes the leader and writes everything queued in one
 * batch (an INSERT batch when small, COPY when large), then hands the lead to the oldest record
 * that queued up meanwhile, whose thread writes the next batch. Alone, a request writes its own record without a thread switch; under load,
 * each round trip carries everything that arrived during the previous one.
 *
 * <p>A request returns only after its record is in the database and fails (503) if it cannot be
 * written. On shutdown new records are refused and the queue is written out.
 */
@ApplicationScoped
public class AuditLog {
  private static final Logger LOG = Logger.getLogger(AuditLog.class);
  private static final int MAX_BATCH = 1000;
  private static final String COPY =
      "COPY audit_log (occurred_at, request_id, principal, acting_principal, source_address, action,"
          + " securable_type, securable_name, result, detail, securable_names) FROM STDIN";

  private static final String INSERT =
      "INSERT INTO audit_log (occurred_at, request_id, principal, acting_principal, source_address, action,"
          + " securable_type, securable_name, result, detail, securable_names) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** What a queued record learns: written, failed, or that its thread now leads. */
  private enum Outcome { WRITTEN, FAILED, LEAD, ABANDONED }

  /**
   * A queued record. A {@code detached} one has no thread waiting for it (a gRPC call completes
   * from its outcome): it never takes the lead itself; the writer thread leads for it.
   */
  private record Pending(AuditEvent event, CompletableFuture<Outcome> outcome, boolean detached) {
    Pending(AuditEvent event) {
      this(event, new CompletableFuture<>(), false);
    }
  }

  private final AgroalDataSource dataSource;
  private final TransactionManager transactions;
  private final AuditConfig config;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile boolean running = true;
  /** Leads for detached records, so that no event loop ever writes or waits. */
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "gatehouse-audit-writer");
    t.setDaemon(true);
    return t;
  });
  /** Used only by the current leader; leadership passes with a happens-before edge. */
  private Connection connection;

  /** The benchmark's switch: nothing is recorded (see {@link BenchMode}). */
  private final boolean unguarded;
  private final AuditStats stats = new AuditStats();

  AuditLog(AgroalDataSource dataSource, TransactionManager transactions, AuditConfig config, BenchMode bench) {
    this.unguarded = bench.unguarded();
    this.dataSource = dataSource;
    this.transactions = transactions;
    this.config = config;
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((leading.get() || !queue.isEmpty()) && System.nanoTime() < deadline) {
      if (leading.compareAndSet(false, true)) {
        lead(List.of());
      } else {
        Thread.onSpinWait();
      }
    }
    if (leading.compareAndSet(false, true)) {
      closeConnection();
    }
    writer.shutdown();
  }

  /**
   * Appends {@code event}; returns once it is written, or fails the request. The record of a
   * change (result SUCCEEDED) made inside a transaction is written in that transaction, so that it
   * exists exactly when the change does: a script that fails later leaves neither. Decisions are
   * written at once, whatever becomes of the transaction.
   */
  public void record(AuditEvent event) {
    if (unguarded) {
      return;
    }
    if (event.result() == AuditEvent.Result.SUCCEEDED && inTransaction()) {
      insertInTransaction(event);
      return;
    }
    recordAll(List.of(event));
  }

  /**
   * Appends decisions made together (an engine's batch of checks) and waits once for all of
   * them: they travel in one batch when this thread leads, else with the next one.
   */
  public void recordAll(List<AuditEvent> events) {
    if (unguarded) {
      return;
    }
    if (!running) {
      throw unavailable();
    }
    if (events.isEmpty()) {
      return;
    }
    List<Pending> pendings = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      pendings.add(new Pending(event));
    }
    boolean written;
    if (leading.compareAndSet(false, true)) {
      written = lead(pendings) == Outcome.WRITTEN;
    } else {
      queue.addAll(pendings);
      // The leader may have finished between our add and now; someone must take the lead.
      if (leading.compareAndSet(false, true)) {
        lead(List.of());
      }
      written = true;
      for (Pending pending : pendings) {
        written &= await(pending) == Outcome.WRITTEN;
      }
    }
    if (!written) {
      throw unavailable();
    }
  }

  /**
   * Appends {@code event} without waiting: the stage completes once the record is in the
   * database, on the thread that wrote it (the group commit's leader), or exceptionally with
   * UNAVAILABLE when it cannot be written. The caller's thread neither writes nor blocks: when no
   * batch is in flight, the writer thread leads. For event loops, which must never block. With
   * the benchmark switch on, nothing is written, as for {@link #record}.
   */
  public CompletionStage<Void> recordDetached(AuditEvent event) {
    if (unguarded) {
      return CompletableFuture.completedFuture(null);
    }
    if (!running) {
      return CompletableFuture.failedFuture(unavailable());
    }
    Pending pending = new Pending(event, new CompletableFuture<>(), true);
    CompletionStage<Void> written = pending.outcome().thenCompose(outcome -> outcome == Outcome.WRITTEN
        ? CompletableFuture.<Void>completedFuture(null) : CompletableFuture.<Void>failedFuture(unavailable()));
    queue.add(pending);
    if (leading.compareAndSet(false, true)) {
      leadOnWriter();
    }
    return written;
  }

  /**
   * Whether records are written: false with the benchmark's switch on. Throws UNAVAILABLE once
   * the log is shutting down, as {@link #record} does.
   */
  public boolean recording() {
    if (unguarded) {
      return false;
    }
    if (!running) {
      throw unavailable();
    }
    return true;
  }

  /** What has been written since start, for the metrics. */
  public AuditStats stats() {
    return stats;
  }

  /** Records queued for the next group commit: a backlog that grows while writes are slow or failing. */
  public int backlog() {
    return queue.size();
  }

  /**
   * An INSERT of any number of records taking them as {@value #INSERT_PARAMETERS} arrays (bound by
   * {@link #bindAll}), for a writer that sends records in the same round trip, and so the same
   * implicit transaction, as the change they record (lineage events: their group commit writes
   * their records). Its text does not depend on the number of records.
   */
  public static final String INSERT_ALL =
      "INSERT INTO audit_log (occurred_at, request_id, principal, acting_principal, source_address, action,"
          + " securable_type, securable_name, result, detail, securable_names)"
          + " SELECT r.occurred_at::timestamptz, r.request_id, r.principal, r.acting_principal, r.source_address, r.action,"
          + " r.securable_type, r.securable_name, r.result, r.detail, r.securable_names::text[]"
          + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::text[]) AS r(occurred_at, request_id, principal, acting_principal,"
          + " source_address, action, securable_type, securable_name, result, detail, securable_names)";

  /** Binds {@code events} to {@link #INSERT_ALL} from parameter {@code first} on; returns how many it set. */
  public static int bindAll(Connection c, PreparedStatement insert, int first, List<AuditEvent> events)
      throws SQLException {
    String[][] columns = new String[INSERT_PARAMETERS][events.size()];
    for (int i = 0; i < events.size(); i++) {
      String[] fields = texts(events.get(i));
      for (int column = 0; column < fields.length; column++) {
        columns[column][i] = fields[column];
      }
    }
    for (int column = 0; column < columns.length; column++) {
      insert.setArray(first + column, c.createArrayOf("text", columns[column]));
    }
    return INSERT_PARAMETERS;
  }

  /** Sets a read's own parameters, which follow the record's. */
  @FunctionalInterface
  public interface Parameters {
    void set(PreparedStatement statement, int first) throws SQLException;
  }

  /** Reads a read's result. */
  @FunctionalInterface
  public interface Rows<R> {
    R read(ResultSet rows) throws SQLException;
  }

  /**
   * Runs {@code query} (one SELECT) on {@code c} in the same round trip as the insert of {@code
   * event}, the record of the decision that allowed it: the two are sent as one pipeline with a
   * single Sync, so they are one implicit transaction and the answer is read only once the record
   * has committed. If the record cannot be written the query does not run either, and the read
   * fails with 503 UNAVAILABLE, as any read whose record cannot be written does. A lone read
   * waits for one round trip instead of two (the record's, then its query's); the record skips
   * the group commit: each is its own one-row transaction. (Letting only a read with none other in
   * flight do so, the others group-committing, measured slower at 16 connections: benchmarks.md.)
   * With the benchmark switch
   * on, or a null event, only the query runs; on a connection inside a transaction (whose
   * rollback would take the record along) the record is written first through {@link #record}.
   */
  public <R> R queryWithRecord(Connection c, AuditEvent event, String query, Parameters parameters, Rows<R> rows)
      throws SQLException {
    if (unguarded || event == null || !c.getAutoCommit()) {
      return queryAfterRecord(c, event, query, parameters, rows);
    }
    if (!running) {
      throw unavailable();
    }
    return queryWithRecordPipelined(c, event, query, parameters, rows);
  }

  /** The record through the group commit (waited for), then the query. */
  private <R> R queryAfterRecord(Connection c, AuditEvent event, String query, Parameters parameters, Rows<R> rows)
      throws SQLException {
    if (event != null) {
      record(event);
    }
    try (PreparedStatement select = c.prepareStatement(query)) {
      parameters.set(select, 1);
      try (ResultSet r = select.executeQuery()) {
        return rows.read(r);
      }
    }
  }

  private <R> R queryWithRecordPipelined(Connection c, AuditEvent event, String query, Parameters parameters,
      Rows<R> rows) {
    // set_config(..., true) lasts for the implicit transaction: the record commits as the group commit's would.
    boolean setting = !config.synchronousCommit();
    String sql = (setting ? "SELECT set_config('synchronous_commit', 'off', true); " : "") + INSERT + "; " + query;
    long started = System.nanoTime();
    try (PreparedStatement all = c.prepareStatement(sql)) {
      bind(c, all, event);
      parameters.set(all, INSERT_PARAMETERS + 1);
      all.execute();
      stats.written(event, System.nanoTime() - started);
      // The results come in order: the setting's row, the insert's count, then the query's rows.
      for (int before = setting ? 2 : 1; before > 0; before--) {
        all.getMoreResults();
      }
      try (ResultSet r = all.getResultSet()) {
        if (r == null) {
          throw new SQLException("the read sent with its audit record returned no result set");
        }
        return rows.read(r);
      }
    } catch (SQLException e) {
      stats.failed();
      // The record and the read are one transaction: neither happened, and nothing is answered.
      LOG.errorf(e, "a read and its audit record failed");
      throw unavailable();
    }
  }

  /** {@link #INSERT} with numbered parameters, for Vert.x's PostgreSQL client. */
  private static final String INSERT_NUMBERED =
      "INSERT INTO audit_log (occurred_at, request_id, principal, acting_principal, source_address, action,"
          + " securable_type, securable_name, result, detail, securable_names)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

  /**
   * As {@link #queryWithRecord}, without blocking a thread, for reads answered on the event loop:
   * the record of the decision that allowed the read and the read's query are one statement (the
   * record's INSERT in a WITH, which runs to completion whether or not the query reads it), so
   * one round trip and one implicit transaction: the query's rows come back only if the record
   * was written. {@code query} gives the SELECT's text with its parameters numbered from the
   * number it is given; {@code parameters} are its values. The stage completes on the pool's
   * event loop with what {@code rows} makes of the result, or fails with UNAVAILABLE: the read
   * is then answered 503 as any read whose record cannot be written. With the benchmark switch
   * on, or a null event, only the query runs.
   */
  public <R> CompletionStage<R> queryWithRecord(Pool pool, AuditEvent event, IntFunction<String> query,
      List<Object> parameters, Function<RowSet<Row>, R> rows) {
    boolean recorded = !unguarded && event != null;
    if (recorded && !running) {
      return CompletableFuture.failedFuture(unavailable());
    }
    Tuple values = Tuple.tuple();
    String sql;
    if (recorded) {
      sql = "WITH record AS (" + INSERT_NUMBERED + ") " + query.apply(INSERT_PARAMETERS + 1);
      values.addValue(OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
          .addString(event.requestId())
          .addString(event.principal())
          .addString(event.actingPrincipal())
          .addString(event.sourceAddress())
          .addString(event.action())
          .addString(event.securableType())
          .addString(event.securableName())
          .addString(event.result().name())
          .addString(event.renderedDetail())
          .addValue(event.securableNames() == null ? null : event.securableNames().toArray(String[]::new));
    } else {
      sql = query.apply(1);
    }
    parameters.forEach(values::addValue);
    CompletableFuture<R> answer = new CompletableFuture<>();
    long started = System.nanoTime();
    pool.preparedQuery(sql).execute(values).onComplete(result -> {
      if (result.failed()) {
        if (recorded) {
          stats.failed();
        }
        // The record and the read are one statement: neither happened, and nothing is answered.
        LOG.errorf(result.cause(), "a read and its audit record failed");
        answer.completeExceptionally(recorded ? unavailable() : GatehouseException.unavailable(
            "The catalog database could not answer; retry.", DatabaseFailures.RETRY_AFTER));
        return;
      }
      if (recorded) {
        stats.written(event, System.nanoTime() - started);
      }
      try {
        answer.complete(rows.apply(result.result()));
      } catch (RuntimeException e) {
        answer.completeExceptionally(e);
      }
    });
    return answer;
  }

  private void leadOnWriter() {
    try {
      writer.execute(() -> lead(List.of()));
    } catch (RejectedExecutionException e) {
      // Shutting down: onStop writes the queue out.
      leading.set(false);
    }
  }

  private boolean inTransaction() {
    try {
      return transactions.getStatus() == Status.STATUS_ACTIVE;
    } catch (SystemException e) {
      return false;
    }
  }

  private void insertInTransaction(AuditEvent e) {
    long started = System.nanoTime();
    Panache.getEntityManager().unwrap(org.hibernate.Session.class).doWork(c -> {
      try (var insert = c.prepareStatement(INSERT)) {
        bind(c, insert, e);
        insert.executeUpdate();
      }
    });
    stats.written(e, System.nanoTime() - started);
  }

  private Outcome await(Pending pending) {
    Outcome outcome;
    try {
      outcome = pending.outcome().get(config.writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // Either we abandon the record, or an outcome (perhaps the lead) arrived just now.
      if (pending.outcome().complete(Outcome.ABANDONED)) {
        return Outcome.ABANDONED;
      }
      outcome = pending.outcome().join();
    } catch (ExecutionException e) {
      return Outcome.FAILED;
    }
    // Given the lead, the record is written in the batch this thread now writes.
    return outcome == Outcome.LEAD ? lead(List.of(pending)) : outcome;
  }

  private static GatehouseException unavailable() {
    return GatehouseException.unavailable(
        "The audit record of this request could not be written; the request was not carried out.",
        DatabaseFailures.RETRY_AFTER);
  }

  /**
   * Writes one batch, starting with {@code first}, then passes the lead on: to the
   * oldest waiting record, or nobody when the queue is empty. Returns what became of the batch.
   */
  private Outcome lead(List<Pending> first) {
    List<Pending> batch = new ArrayList<>(first);
    for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
      batch.add(p);
    }
    Outcome outcome = batch.isEmpty() || write(batch) ? Outcome.WRITTEN : Outcome.FAILED;
    // The next batch starts before this one's callers are told (detached ones answer their calls
    // on this thread).
    passLead();
    batch.forEach(p -> p.outcome().complete(outcome));
    return outcome;
  }

  private void passLead() {
    while (true) {
      // Only the leader takes records from the queue, so the head it sees is the head it takes.
      Pending next = queue.peek();
      if (next == null) {
        leading.set(false);
        // A record queued after our last look sees leading=true and relies on us: look again.
        if (queue.isEmpty() || !leading.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      if (next.detached()) {
        // Nobody waits on that record's thread: the writer thread leads the batch that takes it.
        leadOnWriter();
        return;
      }
      queue.poll();
      if (next.outcome().complete(Outcome.LEAD)) {
        return;
      }
    }
  }

  /**
   * Writes outside the leader's own transaction, if it has one: the pool refuses a connection
   * that does not belong to the current transaction, and a record must stay written when the
   * request's transaction rolls back.
   */
  private boolean write(List<Pending> batch) {
    Transaction suspended;
    try {
      suspended = transactions.suspend();
    } catch (SystemException e) {
      LOG.errorf(e, "audit batch of %d records failed", batch.size());
      return false;
    }
    try {
      return copy(batch);
    } finally {
      if (suspended != null) {
        try {
          transactions.resume(suspended);
        } catch (InvalidTransactionException | SystemException e) {
          throw new IllegalStateException("cannot resume the request's transaction", e);
        }
      }
    }
  }

  private boolean copy(List<Pending> batch) {
    try {
      long started = System.nanoTime();
      if (connection == null) {
        connection = open();
      }
      copy(connection, batch);
      stats.written(batch.stream().map(Pending::event).toList(), System.nanoTime() - started);
      return true;
    } catch (SQLException | RuntimeException e) {
      stats.failed();
      LOG.errorf(e, "audit batch of %d records failed", batch.size());
      closeConnection();
      return false;
    }
  }

  // The log keeps one connection, in autocommit, so that a batch is one statement and its commit. The
  // session setting is reset before the connection goes back to the pool.
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

  /**
   * A batch this small goes as one pipelined INSERT batch: one round trip, where COPY takes two
   * (PostgreSQL answers COPY's start before the rows are sent). A lone request's record, the
   * common case at low concurrency, waits on one round trip instead of two.
   */
  static final int INSERT_BATCH_MAX = 16;

  private static void copy(Connection c, List<Pending> batch) throws SQLException {
    if (batch.size() <= INSERT_BATCH_MAX) {
      insert(c, batch);
    } else {
      copyIn(c, batch);
    }
  }

  /** The rows as one JDBC batch: sent with a single Sync, so one round trip and one commit. */
  private static void insert(Connection c, List<Pending> batch) throws SQLException {
    try (var insert = c.prepareStatement(INSERT)) {
      for (Pending p : batch) {
        bind(c, insert, p.event());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static final int INSERT_PARAMETERS = 11;

  private static void bind(Connection c, java.sql.PreparedStatement insert, AuditEvent e) throws SQLException {
    insert.setObject(1, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
    insert.setString(2, e.requestId());
    insert.setString(3, e.principal());
    insert.setString(4, e.actingPrincipal());
    insert.setString(5, e.sourceAddress());
    insert.setString(6, e.action());
    insert.setString(7, e.securableType());
    insert.setString(8, e.securableName());
    insert.setString(9, e.result().name());
    insert.setString(10, e.renderedDetail());
    insert.setArray(11, e.securableNames() == null ? null : c.createArrayOf("text", e.securableNames().toArray()));
  }

  // COPY is PostgreSQL's bulk path: far less work per row than INSERTs, for the large batches.
  private static void copyIn(Connection c, List<Pending> batch) throws SQLException {
    StringBuilder rows = new StringBuilder(batch.size() * 200);
    for (Pending p : batch) {
      String[] fields = texts(p.event());
      for (int column = 0; column < fields.length; column++) {
        field(rows, fields[column]).append(column + 1 < fields.length ? '\t' : '\n');
      }
    }
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(rows.toString()));
    } catch (IOException e) {
      throw new SQLException("audit COPY failed", e);
    }
  }

  /**
   * A record's columns as text, in the column order of INSERT and COPY: the time in ISO-8601 with
   * its offset, {@code securable_names} as a text[] literal.
   */
  private static String[] texts(AuditEvent e) {
    return new String[] {
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC)),
      e.requestId(), e.principal(), e.actingPrincipal(), e.sourceAddress(), e.action(), e.securableType(),
      e.securableName(), e.result().name(), e.renderedDetail(), array(e.securableNames()),
    };
  }

  /** A text[] literal ({@code {"a","b"}}), every element quoted; null for none. */
  static String array(List<String> values) {
    if (values == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(values.size() * 32).append('{');
    for (String v : values) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append('"');
      for (int i = 0; i < v.length(); i++) {
        char ch = v.charAt(i);
        if (ch == '"' || ch == '\\') {
          out.append('\\');
        }
        out.append(ch);
      }
      out.append('"');
    }
    return out.append('}').toString();
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

  private void closeConnection() {
    Connection c = connection;
    connection = null;
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
