package io.gatehouse.server.audit;

import io.gatehouse.server.store.DatabaseConfigSourceFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * A small pool of PostgreSQL connections spoken to without blocking a thread (Vert.x's
 * PostgreSQL client), for the reads that are answered on the event loop: their query and its
 * audit record go out as one statement ({@link AuditLog#queryWithRecord(Pool, AuditEvent,
 * java.util.function.IntFunction, java.util.List, java.util.function.Function)}) and the answer
 * is written when it comes back, with no hand-off to a worker thread and back (a quarter of a
 * small read's CPU on two cores).
 *
 * <p>It logs in where the JDBC pool does, as the same role. A datasource URL with connection
 * parameters other than the user and password (TLS settings, say) is not translated: the pool
 * is then off and those reads take the worker threads, so no connection is ever weaker than
 * the JDBC pool's.
 */
@ApplicationScoped
public class EventLoopDatabase {
  private static final Logger LOG = Logger.getLogger(EventLoopDatabase.class);
  /** {@value}: connections of the pool; 0 turns it off. */
  static final String CONNECTIONS = "gatehouse.db.event-loop-connections";
  /**
   * Twice the event loops of two cores. Each connection pipelines its statements; with 4 the
   * pool was the bottleneck at 16 clients, with 16 the 99th percentile grew tenfold (benchmarks.md).
   */
  private static final int DEFAULT_CONNECTIONS = 8;

  private final Pool pool;
  private final LongAdder answered = new LongAdder();
  private final LongAdder handedOff = new LongAdder();

  EventLoopDatabase(Vertx vertx, Config config, AuditConfig audit) {
    int connections = config.getOptionalValue(CONNECTIONS, Integer.class).orElse(DEFAULT_CONNECTIONS);
    if (connections < 0) {
      throw new IllegalArgumentException(CONNECTIONS + " must be 0 (off) or more, got " + connections);
    }
    if (connections == 0) {
      LOG.infof("%s=0: reads are answered on worker threads only", CONNECTIONS);
      this.pool = null;
      return;
    }
    Optional<PgConnectOptions> options = options(
        config.getOptionalValue(DatabaseConfigSourceFactory.URL, String.class).orElse(null),
        config.getOptionalValue(DatabaseConfigSourceFactory.USERNAME, String.class).orElse(null),
        config.getOptionalValue(DatabaseConfigSourceFactory.PASSWORD, String.class).orElse(null));
    if (options.isEmpty()) {
      LOG.info("the datasource URL has connection parameters this pool does not translate:"
          + " reads are answered on worker threads only");
      this.pool = null;
      return;
    }
    PgConnectOptions connect = options.get();
    // The records of these reads commit as the audit trail's group commit does.
    connect.setProperties(Map.of("application_name", "gatehouse-event-loop",
        "synchronous_commit", audit.synchronousCommit() ? "on" : "off"));
    connect.setCachePreparedStatements(true);
    // As the JDBC pool's: a replica cut off from its database answers 503 within these times, never hangs.
    int socketTimeout = config.getValue("gatehouse.db.socket-timeout-seconds", Integer.class);
    int connectTimeout = config.getValue("gatehouse.db.connect-timeout-seconds", Integer.class);
    connect.setConnectTimeout((int) TimeUnit.SECONDS.toMillis(connectTimeout));
    connect.setIdleTimeout(socketTimeout).setIdleTimeoutUnit(TimeUnit.SECONDS);
    this.pool = PgPool.pool(vertx, connect, new PoolOptions().setMaxSize(connections)
        .setConnectionTimeout(connectTimeout).setConnectionTimeoutUnit(TimeUnit.SECONDS));
  }

  /** The pool, or empty when it is off (see the class comment). */
  public Optional<Pool> pool() {
    return Optional.ofNullable(pool);
  }

  /** Counts a read answered on the event loop. */
  public void answered() {
    answered.increment();
  }

  /** Counts a read of the kind answered on the event loop that went to a worker thread instead. */
  public void handedOff() {
    handedOff.increment();
  }

  /** Reads answered on the event loop since start, for the metrics. */
  public long answeredCount() {
    return answered.sum();
  }

  /** Reads of that kind that went to a worker thread since start (see {@link #handedOff}), for the metrics. */
  public long handedOffCount() {
    return handedOff.sum();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (pool != null) {
      pool.close();
    }
  }

  /**
   * The options for a JDBC URL {@code jdbc:postgresql://host:port/database}, whose only
   * parameters may be {@code user} and {@code password}; empty for any other URL.
   */
  static Optional<PgConnectOptions> options(String jdbcUrl, String user, String password) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (uri.getHost() == null || database.isEmpty() || database.contains("/") || uri.getUserInfo() != null) {
      return Optional.empty();
    }
    if (uri.getRawQuery() != null) {
      for (String parameter : uri.getRawQuery().split("&")) {
        if (!parameter.matches("[A-Za-z]+=[^%]*")) {
          return Optional.empty();
        }
        int eq = parameter.indexOf('=');
        String name = parameter.substring(0, eq);
        String value = URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
        // Named twice, differently: which one the JDBC driver takes is not this class's guess.
        if (name.equals("user") && (user == null || user.equals(value))) {
          user = value;
        } else if (name.equals("password") && (password == null || password.equals(value))) {
          password = value;
        } else {
          return Optional.empty();
        }
      }
    }
    PgConnectOptions options = new PgConnectOptions()
        .setHost(uri.getHost())
        .setPort(uri.getPort() < 0 ? 5432 : uri.getPort())
        .setDatabase(database);
    if (user != null) {
      options.setUser(user);
    }
    if (password != null) {
      options.setPassword(password);
    }
    return Optional.of(options);
  }
}
