package io.gatehouse.server.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where Gatehouse keeps its state. The datasource itself is chosen earlier, by {@link
 * DatabaseConfigSourceFactory}, from the same keys.
 */
@ConfigMapping(prefix = "gatehouse")
public interface StoreConfig {
  /** Folder for the embedded PostgreSQL and managed storage (env GATEHOUSE_DATA_DIR). */
  @WithDefault("data")
  String dataDir();

  Db db();

  Storage storage();

  interface Db {
    /** JDBC URL of an external PostgreSQL (env GATEHOUSE_DB_URL); unset means embedded. */
    Optional<String> url();

    /** The application's role: what the connection pool logs in as. */
    Optional<String> username();

    Optional<String> password();

    /**
     * The role that owns the schema and runs the migrations, when it is not the application's
     * role. With it set, the application's role may add and read audit records but never change
     * them (docs/design-store.md).
     */
    Optional<String> ownerUsername();

    Optional<String> ownerPassword();

    /**
     * Whether the embedded PostgreSQL flushes every commit to disk (fsync and synchronous_commit
     * on). Read by {@link DatabaseConfigSourceFactory} when it starts the store; off only in tests.
     */
    @WithDefault("true")
    boolean embeddedDurable();

    /**
     * Seconds one read from the database may wait before it fails and the request answers 503
     * (the JDBC driver's socket timeout): a replica cut off from its database never hangs.
     */
    @WithDefault("15")
    int socketTimeoutSeconds();

    /** Seconds a new database connection may take to open. */
    @WithDefault("5")
    int connectTimeoutSeconds();
  }

  interface Storage {
    /**
     * Root under which managed tables and volumes get their locations when neither their schema
     * nor their catalog has a storage root; defaults to {@code <data-dir>/managed}.
     */
    Optional<String> managedRoot();
  }
}
