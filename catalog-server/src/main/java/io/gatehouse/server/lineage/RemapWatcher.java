package io.gatehouse.server.lineage;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Maps datasets to tables and model versions again after they are created, renamed or dropped,
 * whichever path changed them (REST, SQL, another replica). Every interval one statement reads
 * the policy version and, when it moved, whether the change log ({@code policy_changes}) holds a
 * change of catalogs, schemas, tables or registered models since the last check (each of those
 * moves the version; a rename or a new storage location is an update of the row), and a
 * fingerprint of model versions, which move no version (their count and latest creation). A
 * change, or versions pruned from the log before they were read, starts {@code remapDatasets()}
 * on this background thread. The check costs the same at any size of catalog: an index range
 * of the log, not a count of every table. One remap at a time; a failed one is tried again at
 * the next check.
 */
@ApplicationScoped
public class RemapWatcher {
  private static final Logger LOG = Logger.getLogger(RemapWatcher.class);
  // The first catalog change after the version last seen, read in the version index's order and
  // stopped at the first match: a plan without the index would have to read and sort the whole
  // log to answer it, so no estimate makes a scan look cheaper (as it can for an EXISTS).
  static final String CHECK = """
      SELECT s.version,
             s.changes_from > ?::bigint + 1
               OR (SELECT c.version FROM policy_changes c WHERE c.version > ?::bigint
                     AND c.source IN ('catalogs', 'schemas', 'tables', 'registered_models')
                   ORDER BY c.version LIMIT 1) IS NOT NULL,
             (SELECT count(*) || '/' || coalesce(max(created_at)::text, '') FROM model_versions)
        FROM policy_state s WHERE s.id = 1
      """;

  /** What the last check saw: the policy version, and the model versions' fingerprint. */
  private record Seen(long version, String modelVersions) {}

  private final AgroalDataSource dataSource;
  private final LineageStore store;
  private final LineageConfig config;
  private ScheduledExecutorService executor;
  private Seen seen;

  RemapWatcher(AgroalDataSource dataSource, LineageStore store, LineageConfig config) {
    this.dataSource = dataSource;
    this.store = store;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    // Takes note of the catalog as it is: ingestion maps what it sees anew, and changes made while
    // this replica was down were seen by the replicas that made them.
    try {
      seen = read(null).seen();
    } catch (SQLException e) {
      LOG.warnf(e, "lineage: could not read the catalog's state at start");
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
      Check now = read(seen);
      if (seen != null && now.changed()) {
        long started = System.nanoTime();
        int changed = store.ingest().remapDatasets();
        LOG.debugf("lineage: %d dataset mapping(s) changed, in %d ms", changed,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      }
      seen = now.seen();
    } catch (RuntimeException | SQLException e) {
      LOG.warnf(e, "lineage: remapping datasets failed; trying again at the next check");
    }
  }

  private record Check(Seen seen, boolean changed) {}

  /** The state now, and whether the catalog changed since {@code before} (null: nothing to compare). */
  private Check read(Seen before) throws SQLException {
    long since = before == null ? Long.MAX_VALUE - 1 : before.version();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CHECK)) {
      s.setLong(1, since);
      s.setLong(2, since);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        Seen now = new Seen(rs.getLong(1), rs.getString(3));
        boolean changed = before != null
            && (now.version() != before.version() && rs.getBoolean(2)
                || !now.modelVersions().equals(before.modelVersions()));
        return new Check(now, changed);
      }
    }
  }

  /** Checks now, on the caller's thread, as the schedule would: for tests. */
  void checkNow() {
    check();
  }
}
