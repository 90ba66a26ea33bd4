package io.gatehouse.server.authz;

import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.SecurableType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What moved the policy version from one version to another, as V14's {@code policy_changes}
 * logged it in the writers' transactions (V20: grants by the securable they are on): the ids of
 * the securables that changed, the ids of the securables whose grants changed, and which of the
 * wholly reloaded parts (filters, masks, memberships, principals) did.
 *
 * <p>{@link PolicyStore} applies it to its snapshot instead of loading everything again: the
 * catalog snapshot takes the changed rows, the grants of the securables named are read again
 * (only their principals' policies are compiled again), and filters and masks are read again
 * only when something they are made of changed. What the policies are made of reaches beyond
 * the grants table: grants on a dropped securable drop out (they join the securable's path), a
 * moved securable's grants change path, a principal renamed or deactivated changes or drops its
 * grants, and row filters and masks name their functions by catalog and schema.
 */
final class PolicyChanges {
  /** A table whose rows are securables: the type they are and the column naming their parent. */
  private record Source(SecurableType type, String parentColumn) {}

  private static final Map<String, Source> SECURABLES = Map.of(
      "catalogs", new Source(SecurableType.CATALOG, null),
      "schemas", new Source(SecurableType.SCHEMA, "catalog_id"),
      "tables", new Source(SecurableType.TABLE, "schema_id"),
      "volumes", new Source(SecurableType.VOLUME, "schema_id"),
      "functions", new Source(SecurableType.FUNCTION, "schema_id"),
      "registered_models", new Source(SecurableType.REGISTERED_MODEL, "schema_id"),
      "external_locations", new Source(SecurableType.EXTERNAL_LOCATION, null),
      "storage_credentials", new Source(SecurableType.STORAGE_CREDENTIAL, null));

  /** Sources whose change reaches the filters and masks, and those that reach memberships. */
  private static final Set<String> DATA_POLICY_SOURCES = Set.of("row_filters", "column_masks");
  private static final Set<String> MEMBERSHIP_SOURCES = Set.of("group_members", "principals");
  /** Sources whose change reaches the bindings of attribute-based policies (V29). */
  private static final Set<String> ATTRIBUTE_POLICY_SOURCES = Set.of("abac_policies", "tags");
  /** Securables whose rename or change reaches filters and masks (they name functions by path). */
  private static final Set<String> RENAMES_REACH_POLICIES = Set.of("catalogs", "schemas", "functions");
  /** Securables that may be isolated: their change (not their creation) may change the workspace bindings. */
  private static final Set<String> ISOLATABLE = Set.of("catalogs", "external_locations", "storage_credentials");

  /**
   * Above this many securables whose grants changed (a catalog with its tables dropped, a bulk
   * grant), every grant is read again in one query instead.
   */
  static final int MOST_SECURABLES_REGRANTED = 20_000;

  /** Securable table to the ids of its rows that changed. */
  private final Map<String, Set<String>> changedIds;
  /** Securables whose grants changed, or null when every grant must be read again. */
  private final Set<String> regranted;
  private final boolean dataPolicies;
  private final boolean memberships;
  private final boolean bindings;
  private final boolean attributePolicies;

  private PolicyChanges(Map<String, Set<String>> changedIds, Set<String> regranted, boolean dataPolicies, boolean memberships,
      boolean bindings, boolean attributePolicies) {
    this.attributePolicies = attributePolicies;
    this.changedIds = changedIds;
    this.regranted = regranted;
    this.dataPolicies = dataPolicies;
    this.memberships = memberships;
    this.bindings = bindings;
  }

  /** The catalog snapshot after these changes, and whether a securable moved to another parent. */
  record Applied(CatalogSnapshot catalog, boolean moved) {}

  /** The changes of the versions after {@code from} up to {@code to}, in {@code c}'s transaction. */
  static PolicyChanges between(Connection c, long from, long to) throws SQLException {
    Reader reader = new Reader();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT DISTINCT source, op, row_id::text FROM policy_changes WHERE version > ? AND version <= ?")) {
      s.setLong(1, from);
      s.setLong(2, to);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          reader.add(rs.getString(1), rs.getString(2), rs.getString(3));
        }
      }
    }
    return reader.changes();
  }

  /**
   * The policy state, the changes logged after {@code from} and the rows of the securables they
   * name, in one statement: one round trip and one snapshot of the database, with no transaction
   * to open and close. Its rows: the version and {@code changes_from} on every row; then a
   * change (source, operation, id) or nulls when there is none; then the securable's type, name,
   * parent and owner when the change is to a securable that still exists.
   */
  private static final String SINCE;

  static {
    StringBuilder rows = new StringBuilder();
    for (var source : SECURABLES.entrySet()) {
      // Table and column names come from SECURABLES, never from the log's text.
      String parent = source.getValue().parentColumn() == null ? "NULL::text" : source.getValue().parentColumn() + "::text";
      rows.append(rows.isEmpty() ? "" : " UNION ALL ")
          .append("SELECT name, ").append(parent).append(" AS parent, owner FROM ").append(source.getKey())
          .append(" WHERE c.source = '").append(source.getKey()).append("' AND id = c.row_id");
    }
    SINCE = "SELECT s.version, s.changes_from, c.source, c.op, c.row_id::text, r.name, r.parent, r.owner"
        + " FROM policy_state s"
        + " LEFT JOIN LATERAL (SELECT DISTINCT source, op, row_id FROM policy_changes"
        + " WHERE version > ? AND version <= s.version) c ON true"
        + " LEFT JOIN LATERAL (" + rows + ") r ON true"
        + " WHERE s.id = 1";
  }

  /**
   * What {@link #since} read: the version the database holds, the lowest version whose changes
   * are all logged, what changed after the version asked from and the rows of the securables
   * changed (those not found are gone).
   */
  record Since(long version, long changesFrom, PolicyChanges changes, List<CatalogSnapshot.Row> rows) {
    /**
     * Whether these changes move {@code before} (the version they were read from) by its catalog
     * alone: securables created or changed in place, nothing whose grants, filters, masks,
     * memberships, bindings or attribute-based policies must be read again.
     */
    boolean catalogOnly(PolicySnapshot before) {
      return before.version() > 0 && changesFrom <= before.version() + 1 && !changes.everyGrant()
          && changes.regranted().isEmpty() && !changes.dataPolicies() && !changes.memberships() && !changes.bindings()
          && !changes.attributePolicies() && (!changes.securables() || before.attributePolicies().size() == 0);
    }
  }

  /** {@link #SINCE}: the state and what changed after {@code from}, outside any transaction. */
  static Since since(Connection c, long from) throws SQLException {
    Reader reader = new Reader();
    Map<String, CatalogSnapshot.Row> rows = new LinkedHashMap<>();
    long version = -1;
    long changesFrom = 0;
    try (PreparedStatement s = c.prepareStatement(SINCE)) {
      s.setLong(1, from);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          version = rs.getLong(1);
          changesFrom = rs.getLong(2);
          String source = rs.getString(3);
          if (source == null) {
            continue;
          }
          String id = rs.getString(5);
          reader.add(source, rs.getString(4), id);
          String name = rs.getString(6);
          if (name != null) {
            // A securable inserted and updated in between is one row, read once per change.
            rows.put(id, new CatalogSnapshot.Row(SECURABLES.get(source).type(), id, name, rs.getString(7), rs.getString(8)));
          }
        }
      }
    }
    if (version < 0) {
      throw new SQLException("policy_state answered no row");
    }
    return new Since(version, changesFrom, reader.changes(), List.copyOf(rows.values()));
  }

  /** Reads the log's rows (source, operation, id) into what they change. */
  private static final class Reader {
    private final Map<String, Set<String>> changedIds = new LinkedHashMap<>();
    private final Set<String> regranted = new HashSet<>();
    private boolean allGrants;
    private boolean dataPolicies;
    private boolean memberships;
    private boolean bindings;
    private boolean attributePolicies;

    void add(String source, String op, String id) {
      bindings |= "workspace_bindings".equals(source) || ISOLATABLE.contains(source) && !"INSERT".equals(op);
      if (SECURABLES.containsKey(source)) {
        changedIds.computeIfAbsent(source, x -> new HashSet<>()).add(id);
        if ("DELETE".equals(op)) {
          // Its grants drop out; its filters and masks, or those naming it, go with it.
          regranted.add(id);
          dataPolicies = true;
        }
        dataPolicies |= "UPDATE".equals(op) && RENAMES_REACH_POLICIES.contains(source);
      } else if ("grants".equals(source)) {
        // Logged before V20 without the securable: every grant is read again.
        allGrants |= id == null;
        if (id != null) {
          regranted.add(id);
        }
      } else {
        // A principal created holds no grant yet; one renamed or deactivated changes all of its own.
        allGrants |= "principals".equals(source) && !"INSERT".equals(op);
        dataPolicies |= DATA_POLICY_SOURCES.contains(source);
        memberships |= MEMBERSHIP_SOURCES.contains(source);
        attributePolicies |= ATTRIBUTE_POLICY_SOURCES.contains(source);
      }
    }

    PolicyChanges changes() {
      boolean everyGrant = allGrants || regranted.size() > MOST_SECURABLES_REGRANTED;
      return new PolicyChanges(changedIds, everyGrant ? null : Set.copyOf(regranted), dataPolicies, memberships, bindings,
          attributePolicies);
    }
  }

  /** Whether every grant must be read again (securables' moves aside: see {@link Applied}). */
  boolean everyGrant() {
    return regranted == null;
  }

  /** The securables whose grants changed, when not {@link #everyGrant()}. */
  Set<String> regranted() {
    return regranted;
  }

  /** Whether row filters or column masks must be read again. */
  boolean dataPolicies() {
    return dataPolicies;
  }

  /** Whether workspace bindings, or the isolation of a securable, may have changed. */
  boolean bindings() {
    return bindings;
  }

  /** Whether attribute-based policies (V29) or, while there are any, tags changed. */
  boolean attributePolicies() {
    return attributePolicies;
  }

  /** Whether any securable was created, dropped or changed. */
  boolean securables() {
    return !changedIds.isEmpty();
  }

  /** Whether group memberships or principals changed. */
  boolean memberships() {
    return memberships;
  }

  /**
   * {@code catalog} with the changed securables as {@code c}'s transaction holds them: rows found
   * are created or replaced, rows not found are gone (dropped, or created and dropped in between).
   */
  Applied apply(Connection c, CatalogSnapshot catalog) throws SQLException {
    List<CatalogSnapshot.Row> rows = new ArrayList<>();
    for (var changed : changedIds.entrySet()) {
      Source source = SECURABLES.get(changed.getKey());
      String parent = source.parentColumn() == null ? "NULL" : source.parentColumn() + "::text";
      // The table name and column come from SECURABLES, never from the log's text.
      String query = "SELECT id::text, name, " + parent + ", owner FROM " + changed.getKey() + " WHERE id = ANY (?)";
      try (PreparedStatement s = c.prepareStatement(query)) {
        Array ids = c.createArrayOf("uuid", changed.getValue().toArray());
        s.setArray(1, ids);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            rows.add(new CatalogSnapshot.Row(source.type(), rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4)));
          }
        }
      }
    }
    return apply(catalog, rows);
  }

  /**
   * {@code catalog} with the changed securables as {@code found} holds them (read in the same
   * snapshot of the database as these changes): rows found are created or replaced, changed
   * securables not found are gone.
   */
  Applied apply(CatalogSnapshot catalog, List<CatalogSnapshot.Row> found) {
    if (changedIds.isEmpty()) {
      return new Applied(catalog, false);
    }
    Set<String> gone = new HashSet<>();
    for (Set<String> ids : changedIds.values()) {
      gone.addAll(ids);
    }
    boolean moved = false;
    for (CatalogSnapshot.Row row : found) {
      CatalogSnapshot.Row old = catalog.row(row.id());
      moved |= old != null && old.parentId() != null && !old.parentId().equals(row.parentId());
      gone.remove(row.id());
    }
    return new Applied(catalog.with(found, gone), moved);
  }

  /**
   * Deletes what was logged longer ago than {@code retention} and raises {@code changes_from}
   * past the highest version deleted, so that no replica trusts a log with a gap.
   */
  static int prune(Connection c, Duration retention) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "WITH gone AS (DELETE FROM policy_changes WHERE recorded_at < now() - make_interval(secs => ?) RETURNING version)"
            + " UPDATE policy_state SET changes_from = GREATEST(changes_from, (SELECT max(version) + 1 FROM gone))"
            + " WHERE id = 1 AND EXISTS (SELECT 1 FROM gone) RETURNING (SELECT count(*) FROM gone)")) {
      s.setDouble(1, retention.toMillis() / 1000.0);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }
}
