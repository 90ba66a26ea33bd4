package io.gatehouse.server.authz;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.ColumnMask;
import io.gatehouse.policy.Grant;
import io.gatehouse.server.identity.BootstrapConfig;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.RowFilter;
import io.gatehouse.policy.Securable;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.WorkspaceBindings;
import io.gatehouse.server.identity.GroupCache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Holds this replica's policy snapshot. Every change that can change a decision (grants, filters,
 * masks, memberships, principals, securables: see V11's triggers) bumps {@code
 * policy_state.version} and notifies {@code gatehouse_policy} in its transaction; every replica
 * listens, loads the snapshot of the new version (recompiling only when grants, filters or masks
 * changed), clears its cache of effective groups and swaps the snapshot in. A periodic version
 * check catches a missed notification. Snapshots only move forward: a slow load never replaces a
 * newer one.
 */
@ApplicationScoped
public class PolicyStore {
  static final String CHANNEL = "gatehouse_policy";
  private static final Logger LOG = Logger.getLogger(PolicyStore.class);

  private final AgroalDataSource dataSource;
  private final AuthzConfig config;
  private final GroupCache groups;
  private final FunctionBinder functions;
  private final BootstrapConfig bootstrap;
  private final AttributePolicyLoader attributePolicies;
  private volatile PolicySnapshot current = PolicySnapshot.empty();
  private volatile boolean running;
  private Thread listener;
  /** How a new version was loaded, for {@link #loads}. */
  public enum Load {
    /** From the change log in a transaction of its own: only what changed. */
    CHANGES,
    /** Everything, as at start. */
    FULL
  }

  private final LongAdder changeLoads = new LongAdder();
  private final LongAdder fullLoads = new LongAdder();

  /** When the database last confirmed the current snapshot's version (System.nanoTime). */
  private volatile long confirmedAt = System.nanoTime();

  PolicyStore(AgroalDataSource dataSource, AuthzConfig config, GroupCache groups, FunctionBinder functions,
      BootstrapConfig bootstrap) {
    this.dataSource = dataSource;
    this.bootstrap = bootstrap;
    this.config = config;
    this.groups = groups;
    this.functions = functions;
    this.attributePolicies = new AttributePolicyLoader(functions);
  }

  private final java.util.concurrent.CopyOnWriteArrayList<java.util.function.LongConsumer> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Tells {@code listener} the version of every snapshot swapped in from now on; it must return fast. */
  public void addListener(java.util.function.LongConsumer listener) {
    listeners.add(listener);
  }

  public void removeListener(java.util.function.LongConsumer listener) {
    listeners.remove(listener);
  }

  public PolicySnapshot current() {
    return current;
  }

  /** How many new versions this replica has loaded, and how, since it started. */
  public long loads(Load kind) {
    return (kind == Load.CHANGES ? changeLoads : fullLoads).sum();
  }

  /**
   * How long ago the database last confirmed that the current snapshot is its newest version (a
   * load, or a version check). It grows while the database cannot be reached: readiness and the
   * {@code gatehouse_policy_snapshot_age_seconds} metric read it.
   */
  public java.time.Duration age() {
    return java.time.Duration.ofNanos(System.nanoTime() - confirmedAt);
  }

  void onStart(@Observes StartupEvent event) {
    refresh();
    running = true;
    listener = new Thread(this::listen, "gatehouse-policy-listener");
    listener.setDaemon(true);
    listener.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    if (listener != null) {
      listener.interrupt();
    }
  }

  /**
   * Loads the snapshot the database holds now if it is newer than the current one, for a caller
   * that must read its own committed write. One statement reads the version and, when it moved,
   * what moved it with the changed tables' rows, without waiting on a load in progress. When
   * only tables were created or changed (the common write), that is applied at once; otherwise
   * the version is loaded in a transaction, unless a load it waited for already reached it
   * (writers committing together share one load).
   */
  public void catchUp() {
    PolicySnapshot before = current;
    long checked = System.nanoTime();
    PolicyChanges.Read read = read(before.version());
    if (read.version() <= before.version()) {
      return;
    }
    synchronized (this) {
      if (current.version() >= read.version()) {
        return;
      }
      if (current == before) {
        advance(before, read);
        confirmed(checked);
        return;
      }
    }
    refresh(read.version());
  }

  /**
   * Loads the snapshot the database holds now, if it is newer than the current one: from what
   * changed since the current version when the change log still covers it (only the securables
   * that changed; grants, filters and masks only when something they are made of did), else
   * everything.
   */
  public void refresh() {
    refresh(0);
  }

  /** {@link #refresh()}, unless the snapshot has reached {@code atLeast} by the time this load's turn comes. */
  private synchronized void refresh(long atLeast) {
    if (atLeast > 0 && current.version() >= atLeast) {
      return;
    }
    long checked = System.nanoTime();
    PolicySnapshot before = current;
    PolicyChanges.Read read = read(before.version());
    if (read.version() > before.version()) {
      advance(before, read);
    }
    confirmed(checked);
  }

  /**
   * Moves the snapshot on from {@code before}, the current one, past {@code read}: with the rows
   * in hand when only tables changed, else by a load in a transaction of its own. Under the lock.
   */
  private void advance(PolicySnapshot before, PolicyChanges.Read read) {
    PolicySnapshot next = catalogOnly(before, read);
    if (next != null) {
      install(next, Load.CHANGES);
    } else {
      loadInTransaction(before);
    }
  }

  /** {@link PolicyChanges#read} on a connection of its own, outside any transaction. */
  private PolicyChanges.Read read(long from) {
    try (Connection c = dataSource.getConnection()) {
      return PolicyChanges.read(c, from);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the policy version", e);
    }
  }

  /**
   * {@code before} moved to {@code read}'s version, when only tables were created or changed
   * and none moved to another parent, and no attribute policy follows them: the catalog snapshot
   * takes the rows read, and nothing else changes. Else null: the version needs a load.
   */
  private static PolicySnapshot catalogOnly(PolicySnapshot before, PolicyChanges.Read read) {
    PolicyChanges changes = read.changes();
    if (changes == null || !changes.catalogOnly() || changes.securables() && before.attributePolicies().size() > 0) {
      return null;
    }
    PolicyChanges.Applied applied = changes.apply(before.catalog());
    return applied.moved() ? null : before.renumbered(read.version()).withCatalog(applied.catalog());
  }

  /** Makes {@code next} the current snapshot and tells the listeners. */
  private void install(PolicySnapshot next, Load kind) {
    current = next;
    (kind == Load.CHANGES ? changeLoads : fullLoads).increment();
    for (var listener : listeners) {
      listener.accept(next.version());
    }
  }

  /**
   * Loads the newest version in one REPEATABLE READ, READ ONLY transaction: from the change log
   * when it covers the current version, else everything.
   */
  private void loadInTransaction(PolicySnapshot before) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
        PolicyChanges.Read read = PolicyChanges.read(c, before.version());
        if (read.version() > before.version()) {
          long started = System.nanoTime();
          boolean logged = read.changes() != null;
          PolicySnapshot next = logged ? changed(c, before, read) : loaded(c, before, read.version());
          install(next, logged ? Load.CHANGES : Load.FULL);
          LOG.debugf("policy snapshot %d (%s): %d securables in %d ms", read.version(), logged ? "changes" : "full",
              next.catalog().size(), (System.nanoTime() - started) / 1_000_000);
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot load the policy snapshot", e);
    }
  }

  /** Everything of {@code version}: grants, filters, masks and every securable. */
  private PolicySnapshot loaded(Connection c, PolicySnapshot before, long version) throws SQLException {
    PolicySnapshot next = before.next(version, grants(c), rowFilters(c), masks(c)).withCatalog(catalog(c))
        .withBindings(bindings(c)).withAttributePolicies(attributePolicies.load(c));
    // Memberships are part of what a version decides: a request that reads this version
    // reads the groups of its commit, on every replica.
    groups.clear();
    return next;
  }

  /**
   * {@code before} moved to {@code version} by what changed in between: the grants of the
   * securables whose grants changed read again and only their principals' policies compiled
   * again, unless a securable moved or a principal changed (then every grant).
   */
  private PolicySnapshot changed(Connection c, PolicySnapshot before, PolicyChanges.Read read) throws SQLException {
    long version = read.version();
    PolicyChanges changes = read.changes();
    PolicyChanges.Applied applied = changes.apply(c, before.catalog());
    PolicySnapshot next;
    if (changes.everyGrant() || applied.moved()) {
      next = before.next(version, grants(c), rowFilters(c), masks(c));
    } else {
      next = before.renumbered(version);
      if (!changes.regranted().isEmpty()) {
        next = next.withGrantsOn(version, changes.regranted(), grantsOn(c, changes.regranted()));
      }
      if (changes.dataPolicies()) {
        next = next.withDataPolicies(rowFilters(c), masks(c));
      }
    }
    if (changes.memberships()) {
      groups.clear();
    }
    if (changes.bindings()) {
      next = next.withBindings(bindings(c));
    }
    // Which tables and columns a policy covers follows from tags, names and the tables that exist.
    if (changes.attributePolicies() || changes.securables() && before.attributePolicies().size() > 0) {
      next = next.withAttributePolicies(attributePolicies.load(c));
    }
    return next.withCatalog(applied.catalog());
  }

  /** Deletes the change log older than the retention; a replica further behind loads everything. */
  void pruneChangeLog() {
    try (Connection c = dataSource.getConnection()) {
      int deleted = PolicyChanges.prune(c, config.changeLogRetention());
      LOG.debugf("policy change log: %d rows older than %s deleted", deleted, config.changeLogRetention());
    } catch (SQLException e) {
      LOG.warnf("cannot prune the policy change log (%s)", e.getMessage());
    }
  }

  private void listen() {
    long interval = Math.max(50, config.versionCheckInterval().toMillis());
    long intervalNanos = TimeUnit.MILLISECONDS.toNanos(interval);
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        refresh(); // whatever changed while not listening
        long pruneEvery = Math.max(1_000, config.changeLogRetention().toMillis() / 4);
        long nextPrune = System.currentTimeMillis() + pruneEvery;
        while (running) {
          long notified = newest(pg.getNotifications((int) interval));
          long checked = System.nanoTime();
          if (notified > current.version()) {
            refresh(notified);
          } else if (notified == 0 || checked - confirmedAt >= intervalNanos) {
            // None notified in the interval, or none newer for that long: ask the database.
            if (version(c) > current.version()) {
              refresh();
            } else {
              confirmed(checked);
            }
          }
          // Else every version notified is loaded already (usually by its writer's catchUp): nothing to read.
          if (System.currentTimeMillis() >= nextPrune) {
            pruneChangeLog();
            nextPrune = System.currentTimeMillis() + pruneEvery;
          }
        }
      } catch (Exception e) {
        if (running) {
          LOG.warnf("policy listener lost its connection (%s); reconnecting", e.getMessage());
          sleep(interval);
        }
      }
    }
  }

  /**
   * The newest version among {@code notifications} (each carries the version its commit moved
   * to: V11's trigger), or 0 when there are none or none can be read.
   */
  private static long newest(PGNotification[] notifications) {
    long newest = 0;
    if (notifications != null) {
      for (PGNotification n : notifications) {
        try {
          newest = Math.max(newest, Long.parseLong(n.getParameter()));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return newest;
  }

  /** Moves {@link #confirmedAt} forward to {@code checked}, when the version was read. */
  private void confirmed(long checked) {
    if (checked - confirmedAt > 0) {
      confirmedAt = checked;
    }
  }

  /** The current version, for the listener's periodic check. */
  private static long version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM policy_state WHERE id = 1")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // Grants of objects that were deleted (no row in securable_paths, V12), or to principals that
  // are deactivated, drop out here.
  private static final String GRANTS =
      "SELECT g.securable_type, g.privilege, p.name, s.root_id::text, s.schema_id::text, s.object_id::text, g.deny"
          + " FROM grants g"
          + " JOIN securable_paths s ON s.securable_id = g.securable_id AND s.securable_type = g.securable_type"
          + " JOIN principals p ON p.id = g.principal_id WHERE p.active";

  /**
   * Every grant and deny. A securable and a principal are held once however many grants name
   * them: at a million grants, a copy of each id and name per grant would take more memory than
   * everything else in the snapshot.
   */
  static List<Grant> grants(Connection c) throws SQLException {
    // Read whole, not through a cursor: a cursor makes PostgreSQL plan for the first rows, and
    // its nested loops over a million grants ran for minutes.
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(GRANTS)) {
      return grants(rs);
    }
  }

  // The ids on both sides: each branch of the view's union then looks them up by its key, where
  // the join alone was planned as a sort of every securable.
  static final String GRANTS_ON = GRANTS + " AND g.securable_id = ANY (?) AND s.securable_id = ANY (?)";

  /** The grants and denies made on the securables {@code ids}. */
  static List<Grant> grantsOn(Connection c, java.util.Set<String> ids) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(GRANTS_ON)) {
      Array array = c.createArrayOf("uuid", ids.toArray());
      s.setArray(1, array);
      s.setArray(2, array);
      try (ResultSet rs = s.executeQuery()) {
        return grants(rs);
      }
    }
  }

  private static List<Grant> grants(ResultSet rs) throws SQLException {
    List<Grant> grants = new ArrayList<>();
    Map<String, Securable> securables = new HashMap<>();
    Map<String, String> principals = new HashMap<>();
    while (rs.next()) {
      String typeName = rs.getString(1);
      String objectId = rs.getString(6) != null ? rs.getString(6) : rs.getString(5) != null ? rs.getString(5) : rs.getString(4);
      Securable securable = securables.get(typeName + objectId);
      if (securable == null) {
        List<String> path = new ArrayList<>(3);
        for (int i = 4; i <= 6 && rs.getString(i) != null; i++) {
          path.add(rs.getString(i));
        }
        securable = new Securable(SecurableType.valueOf(typeName), path);
        securables.put(typeName + objectId, securable);
      }
      String principal = principals.computeIfAbsent(rs.getString(3), name -> name.toLowerCase(Locale.ROOT));
      grants.add(new Grant(principal, Privilege.valueOf(rs.getString(2)), securable, rs.getBoolean(7)));
    }
    return grants;
  }

  // Every securable with its parent and owner. The metastore belongs to the admin group.
  private static final String SECURABLES =
      "SELECT 'CATALOG', id::text, name, NULL, owner FROM catalogs"
          + " UNION ALL SELECT 'SCHEMA', id::text, name, catalog_id::text, owner FROM schemas"
          + " UNION ALL SELECT 'TABLE', id::text, name, schema_id::text, owner FROM tables"
          + " UNION ALL SELECT 'VOLUME', id::text, name, schema_id::text, owner FROM volumes"
          + " UNION ALL SELECT 'FUNCTION', id::text, name, schema_id::text, owner FROM functions"
          + " UNION ALL SELECT 'REGISTERED_MODEL', id::text, name, schema_id::text, owner FROM registered_models"
          + " UNION ALL SELECT 'EXTERNAL_LOCATION', id::text, name, NULL, owner FROM external_locations"
          + " UNION ALL SELECT 'STORAGE_CREDENTIAL', id::text, name, NULL, owner FROM storage_credentials"
          + " UNION ALL SELECT 'METASTORE', id::text, name, NULL, NULL FROM metastore";

  /** The securables of the transaction's version; package-visible for measuring the load. */
  CatalogSnapshot catalog(Connection c) throws SQLException {
    List<CatalogSnapshot.Row> rows = new ArrayList<>();
    String admins = bootstrap.adminGroup();
    try (Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery(SECURABLES)) {
        while (rs.next()) {
          SecurableType type = SecurableType.valueOf(rs.getString(1));
          String owner = type == SecurableType.METASTORE ? admins : rs.getString(5);
          rows.add(new CatalogSnapshot.Row(type, rs.getString(2), rs.getString(3), rs.getString(4), owner));
        }
      }
    }
    return CatalogSnapshot.of(rows);
  }

  private static final String ISOLATED =
      "SELECT 'CATALOG', id::text FROM catalogs WHERE isolation_mode = 'ISOLATED'"
          + " UNION ALL SELECT 'EXTERNAL_LOCATION', id::text FROM external_locations WHERE isolation_mode = 'ISOLATED'"
          + " UNION ALL SELECT 'STORAGE_CREDENTIAL', id::text FROM storage_credentials WHERE isolation_mode = 'ISOLATED'";

  /** The isolated securables and their bindings to workspaces. */
  private static WorkspaceBindings bindings(Connection c) throws SQLException {
    List<WorkspaceBindings.Isolated> isolated = new ArrayList<>();
    List<WorkspaceBindings.Binding> bindings = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(ISOLATED)) {
        while (rs.next()) {
          isolated.add(new WorkspaceBindings.Isolated(SecurableType.valueOf(rs.getString(1)), rs.getString(2)));
        }
      }
      if (isolated.isEmpty()) {
        return WorkspaceBindings.none();
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT securable_type, securable_id::text, workspace_id, binding_type FROM workspace_bindings")) {
        while (rs.next()) {
          bindings.add(new WorkspaceBindings.Binding(SecurableType.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3),
              BindingType.valueOf(rs.getString(4)).access()));
        }
      }
    }
    return WorkspaceBindings.of(isolated, bindings);
  }

  /** Every function with its catalog and schema names, for joins. */
  static final String FUNCTION_NAMES =
      "SELECT f.id, c.name AS catalog_name, s.name AS schema_name, f.name, f.definition FROM functions f"
          + " JOIN schemas s ON s.id = f.schema_id JOIN catalogs c ON c.id = s.catalog_id";

  private static final String ROW_FILTERS =
      "SELECT s.catalog_id::text, s.id::text, t.id::text, f.catalog_name || '.' || f.schema_name || '.' || f.name,"
          + " f.definition::text, r.columns::text FROM row_filters r JOIN tables t ON t.id = r.table_id"
          + " JOIN schemas s ON s.id = t.schema_id JOIN (" + FUNCTION_NAMES + ") f ON f.id = r.function_id";

  private List<RowFilter> rowFilters(Connection c) throws SQLException {
    List<RowFilter> filters = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ROW_FILTERS)) {
      while (rs.next()) {
        Securable table = Securable.of(SecurableType.TABLE, rs.getString(1), rs.getString(2), rs.getString(3));
        filters.add(new RowFilter(table, rs.getString(4),
            functions.rowFilter(rs.getString(4), rs.getString(5), rs.getString(6))));
      }
    }
    return filters;
  }

  private static final String MASKS =
      "SELECT s.catalog_id::text, s.id::text, t.id::text, f.catalog_name || '.' || f.schema_name || '.' || f.name,"
          + " f.definition::text, m.column_name, m.using_columns::text FROM column_masks m JOIN tables t ON t.id = m.table_id"
          + " JOIN schemas s ON s.id = t.schema_id JOIN (" + FUNCTION_NAMES + ") f ON f.id = m.function_id";

  private List<ColumnMask> masks(Connection c) throws SQLException {
    List<ColumnMask> masks = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(MASKS)) {
      while (rs.next()) {
        Securable table = Securable.of(SecurableType.TABLE, rs.getString(1), rs.getString(2), rs.getString(3));
        String column = rs.getString(6);
        masks.add(new ColumnMask(table, column, rs.getString(4), functions.mask(rs.getString(4), rs.getString(5), column, rs.getString(7))));
      }
    }
    return masks;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
