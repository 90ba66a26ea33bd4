package io.gatehouse.server.authz;

import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.SecurableType;
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
  /** The securable table whose changed rows {@link #read} reads along with the log. */
  private static final String ROWS_READ = "tables";

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
  /** The rows of those ids that still exist, read in the same statement as the log. */
  private final List<CatalogSnapshot.Row> rows;
  /** Securables whose grants changed, or null when every grant must be read again. */
  private final Set<String> regranted;
  private final boolean dataPolicies;
  private final boolean memberships;
  private final boolean bindings;
  private final boolean attributePolicies;

  private PolicyChanges(Map<String, Set<String>> changedIds, List<CatalogSnapshot.Row> rows, Set<String> regranted,
      boolean dataPolicies, boolean memberships, boolean bindings, boolean attributePolicies) {
    this.attributePolicies = attributePolicies;
    this.changedIds = changedIds;
    this.rows = rows;
    this.regranted = regranted;
    this.dataPolicies = dataPolicies;
    this.memberships = memberships;
    this.bindings = bindings;
  }

  /** The catalog snapshot after these changes, and whether a securable moved to another parent. */
  record Applied(CatalogSnapshot catalog, boolean moved) {}

  /**
   * What one statement saw: the version ({@code policy_state}) and, when the log covers every
   * version after the one asked about and the version moved, what moved it with the changed
   * tables' rows. A statement has a snapshot of its own, so the two agree without a transaction
   * around them.
   */
  record Read(long version, PolicyChanges changes) {}

  /**
   * The state, the changes logged after version {@code from} and the rows of the tables they
   * name, in one round trip. {@code changes} is null when {@code from} is 0 (nothing is held yet),
   * when the version did not move, or when the log no longer covers {@code from}'s successor.
   */
  static Read read(Connection c, long from) throws SQLException {
    long version = -1;
    long changesFrom = 0;
    List<String[]> logged = new ArrayList<>();
    List<CatalogSnapshot.Row> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(READ)) {
      s.setLong(1, from);
      s.setLong(2, from);
      s.setLong(3, from);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          switch (rs.getInt(1)) {
            case 0 -> {
              version = Long.parseLong(rs.getString(3));
              changesFrom = Long.parseLong(rs.getString(4));
            }
            case 1 -> logged.add(new String[] {rs.getString(3), rs.getString(4), rs.getString(5)});
            default -> rows.add(new CatalogSnapshot.Row(SecurableType.TABLE, rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6)));
          }
        }
      }
    }
    if (version < 0) {
      throw new SQLException("policy_state answered no row");
    }
    boolean covered = from > 0 && version > from && changesFrom <= from + 1;
    return new Read(version, covered ? fromLog(logged, rows) : null);
  }

  /**
   * {@link #read}'s statement. Rows come back in three kinds (column 1): 0 the state, 1 a logged
   * change, 2 a changed table's row. Only tables are read here, the securables created most
   * often: a statement that joined all eight securable tables took more locks than PostgreSQL's
   * sixteen fast-path slots per backend, and cost more CPU than the reads it saved. Changes of
   * other securables are read in the load's transaction ({@link #apply(Connection, CatalogSnapshot)}).
   *
   * <p>The version asked about is read through a subquery, which the planner cannot see into: a
   * plan of its own for each version (which PostgreSQL chose for a bare parameter, its estimate
   * of the range being so much better) cost ten times the statement's execution to make. So both
   * bounds of the range are unknown to it, it expects a narrow range, and the prepared statement
   * keeps one plan that reads the log's version index.
   */
  private static final String READ =
      "WITH s AS (SELECT version, changes_from FROM policy_state WHERE id = 1),"
          + " c AS (SELECT DISTINCT l.source, l.op, l.row_id FROM policy_changes l WHERE l.version > (SELECT ?::bigint)"
          + " AND l.version <= (SELECT version FROM s) AND (SELECT changes_from FROM s) <= (SELECT ?::bigint) + 1"
          + " AND (SELECT ?::bigint) > 0)"
          + " SELECT 0, NULL, version::text, changes_from::text, NULL, NULL FROM s"
          + " UNION ALL SELECT 1, NULL, source, op, row_id::text, NULL FROM c"
          + " UNION ALL SELECT 2, '" + ROWS_READ + "', id::text, name, schema_id::text, owner FROM " + ROWS_READ
          + " WHERE id IN (SELECT row_id FROM c WHERE source = '" + ROWS_READ + "')";

  /** The changes {@code logged} (source, op, row id) describe, with the securables' rows read beside them. */
  private static PolicyChanges fromLog(List<String[]> logged, List<CatalogSnapshot.Row> rows) {
    Map<String, Set<String>> changedIds = new LinkedHashMap<>();
    Set<String> regranted = new HashSet<>();
    boolean allGrants = false;
    boolean dataPolicies = false;
    boolean memberships = false;
    boolean bindings = false;
    boolean attributePolicies = false;
    for (String[] entry : logged) {
      String source = entry[0];
      String op = entry[1];
      String id = entry[2];
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
    boolean everyGrant = allGrants || regranted.size() > MOST_SECURABLES_REGRANTED;
    return new PolicyChanges(changedIds, rows, everyGrant ? null : Set.copyOf(regranted), dataPolicies, memberships,
        bindings, attributePolicies);
  }

  /**
   * Whether only tables were created or changed (no other securable, grant, filter, mask,
   * membership, binding or attribute policy, and nothing dropped): the catalog snapshot is then
   * all that moves, and the rows read with the log are all it needs.
   */
  boolean catalogOnly() {
    return rowsInHand() && regranted != null && regranted.isEmpty() && !dataPolicies && !memberships && !bindings && !attributePolicies;
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

  /** Whether every changed securable's row was read with the log: only tables changed. */
  private boolean rowsInHand() {
    return changedIds.keySet().stream().allMatch(ROWS_READ::equals);
  }

  /**
   * {@code catalog} with the changed securables as the statement that read the log saw them: rows
   * found are created or replaced, rows not found are gone (dropped, or created and dropped in
   * between).
   */
  Applied apply(CatalogSnapshot catalog) {
    if (!rowsInHand()) {
      throw new IllegalStateException("securables other than tables changed: apply in the load's transaction");
    }
    return applied(catalog, rows);
  }

  /**
   * {@link #apply(CatalogSnapshot)} for any change: the rows of changed securables other than
   * tables are read in {@code c}, the transaction whose first statement read the log.
   */
  Applied apply(Connection c, CatalogSnapshot catalog) throws SQLException {
    List<CatalogSnapshot.Row> all = new ArrayList<>(rows);
    for (var changed : changedIds.entrySet()) {
      if (changed.getKey().equals(ROWS_READ)) {
        continue;
      }
      Source source = SECURABLES.get(changed.getKey());
      String parent = source.parentColumn() == null ? "NULL" : source.parentColumn() + "::text";
      // The table name and column come from SECURABLES, never from the log's text.
      String query = "SELECT id::text, name, " + parent + ", owner FROM " + changed.getKey() + " WHERE id = ANY (?)";
      try (PreparedStatement s = c.prepareStatement(query)) {
        s.setArray(1, c.createArrayOf("uuid", changed.getValue().toArray()));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            all.add(new CatalogSnapshot.Row(source.type(), rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
          }
        }
      }
    }
    return applied(catalog, all);
  }

  /** Rows found are created or replaced; the changed ids not among them are gone. */
  private Applied applied(CatalogSnapshot catalog, List<CatalogSnapshot.Row> found) {
    if (changedIds.isEmpty()) {
      return new Applied(catalog, false);
    }
    Set<String> gone = new HashSet<>();
    changedIds.values().forEach(gone::addAll);
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
