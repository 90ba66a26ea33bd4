package io.gatehouse.server.lineage;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Maps datasets to tables and model versions again after they are created, renamed or dropped,
 * whichever path changed them (REST, SQL, another replica): every interval one aggregate
 * statement reads a fingerprint of catalogs, schemas, tables, registered models, model versions
 * and storage locations (counts and latest update or creation times; a rename stamps
 * updated_at, a drop lowers a count), and a change starts
 * {@code remapDatasets()} on this background thread. One remap at a time; a failed one is tried
 * again at the next check.
 */
@ApplicationScoped
public class RemapWatcher {
  private static final Logger LOG = Logger.getLogger(RemapWatcher.class);
  private static final String FINGERPRINT = """
      SELECT (SELECT count(*) FROM catalogs) || '/' || coalesce((SELECT max(updated_at) FROM catalogs)::text, '')
        || '/' || (SELECT count(*) FROM schemas) || '/' || coalesce((SELECT max(updated_at) FROM schemas)::text, '')
        || '/' || (SELECT count(*) FROM tables) || '/' || coalesce((SELECT max(updated_at) FROM tables)::text, '')
        || '/' || (SELECT count(*) FROM storage_locations)
        || '/' || (SELECT count(*) FROM registered_models) || '/' || coalesce((SELECT max(updated_at) FROM registered_models)::text, '')
        || '/' || (SELECT count(*) FROM model_versions) || '/' || coalesce((SELECT max(created_at) FROM model_versions)::text, '')
      """;

  private final AgroalDataSource dataSource;
  private final LineageStore store;
  private final LineageConfig config;
  private ScheduledExecutorService executor;
  private String seen;

  RemapWatcher(AgroalDataSource dataSource, LineageStore store, LineageConfig config) {
    this.dataSource = dataSource;
    this.store = store;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    // Takes note of the catalog as it is: ingestion maps what it sees anew, and changes made while
    // this replica was down were seen by the replicas that made them.
    try {
      seen = fingerprint();
    } catch (SQLException e) {
      LOG.warnf(e, "lineage: could not read the catalog's fingerprint at start");
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gatehouse-lineage-remap");
      t.setDaemon(true);
      return t;
    });
    long interval = config.remapCheckInterval().toMillis();
    executor.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private synchronized void check() {
    try {
      String now = fingerprint();
      if (seen == null) {
        seen = now;
      } else if (!now.equals(seen)) {
        long started = System.nanoTime();
        int changed = store.ingest().remapDatasets();
        seen = now;
        LOG.debugf("lineage: %d dataset mapping(s) changed, in %d ms", changed,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      }
    } catch (RuntimeException | SQLException e) {
      LOG.warnf(e, "lineage: remapping datasets failed; trying again at the next check");
    }
  }

  private String fingerprint() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(FINGERPRINT)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Checks now, on the caller's thread, as the schedule would: for tests. */
  void checkNow() {
    check();
  }
}
