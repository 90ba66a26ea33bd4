package io.gatehouse.server.authz;

import io.gatehouse.policy.CatalogSnapshot;
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
 * logged it in the writers' transactions: the ids of the securables that changed, and which of
 * the wholly reloaded parts (grants, filters, masks, memberships, principals) did.
 *
 * <p>{@link PolicyStore} applies it to its snapshot instead of loading everything again: the
 * catalog snapshot takes the changed rows, and the compiled policies are kept unless something
 * they are made of changed. What the policies are made of reaches beyond the grants table:
 * grants on a dropped securable drop out (they join the securable's path), a moved securable's
 * grants change path, and row filters and masks name their functions by catalog and schema.
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
      "external_locations", new Source(SecurableType.EXTERNAL_LOCATION, null),
      "storage_credentials", new Source(SecurableType.STORAGE_CREDENTIAL, null));

  /** Sources whose change reaches the compiled policies, and those that reach memberships. */
  private static final Set<String> POLICY_SOURCES = Set.of("grants", "row_filters", "column_masks", "principals");
  private static final Set<String> MEMBERSHIP_SOURCES = Set.of("group_members", "principals");
  /** Securables whose rename or change reaches filters and masks (they name functions by path). */
  private static final Set<String> RENAMES_REACH_POLICIES = Set.of("catalogs", "schemas", "functions");

  /** Securable table to the ids of its rows that changed. */
  private final Map<String, Set<String>> changedIds;
  private final boolean policies;
  private final boolean memberships;

  private PolicyChanges(Map<String, Set<String>> changedIds, boolean policies, boolean memberships) {
    this.changedIds = changedIds;
    this.policies = policies;
    this.memberships = memberships;
  }

  /** The catalog snapshot after these changes, and whether a securable moved to another parent. */
  record Applied(CatalogSnapshot catalog, boolean moved) {}

  /** The changes of the versions after {@code from} up to {@code to}, in {@code c}'s transaction. */
  static PolicyChanges between(Connection c, long from, long to) throws SQLException {
    Map<String, Set<String>> changedIds = new LinkedHashMap<>();
    boolean policies = false;
    boolean memberships = false;
    try (PreparedStatement s = c.prepareStatement(
        "SELECT DISTINCT source, op, row_id::text FROM policy_changes WHERE version > ? AND version <= ?")) {
      s.setLong(1, from);
      s.setLong(2, to);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String source = rs.getString(1);
          String op = rs.getString(2);
          if (SECURABLES.containsKey(source)) {
            changedIds.computeIfAbsent(source, x -> new HashSet<>()).add(rs.getString(3));
            policies |= "DELETE".equals(op) || "UPDATE".equals(op) && RENAMES_REACH_POLICIES.contains(source);
          } else {
            policies |= POLICY_SOURCES.contains(source);
            memberships |= MEMBERSHIP_SOURCES.contains(source);
          }
        }
      }
    }
    return new PolicyChanges(changedIds, policies, memberships);
  }

  /** Whether grants, filters or masks must be loaded again (securables' moves aside: see {@link Applied}). */
  boolean policies() {
    return policies;
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
    if (changedIds.isEmpty()) {
      return new Applied(catalog, false);
    }
    List<CatalogSnapshot.Row> rows = new ArrayList<>();
    Set<String> gone = new HashSet<>();
    boolean moved = false;
    for (var changed : changedIds.entrySet()) {
      Source source = SECURABLES.get(changed.getKey());
      Set<String> missing = new HashSet<>(changed.getValue());
      String parent = source.parentColumn() == null ? "NULL" : source.parentColumn() + "::text";
      // The table name and column come from SECURABLES, never from the log's text.
      String query = "SELECT id::text, name, " + parent + ", owner FROM " + changed.getKey() + " WHERE id = ANY (?)";
      try (PreparedStatement s = c.prepareStatement(query)) {
        Array ids = c.createArrayOf("uuid", changed.getValue().toArray());
        s.setArray(1, ids);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            CatalogSnapshot.Row row = new CatalogSnapshot.Row(source.type(), rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4));
            CatalogSnapshot.Row old = catalog.row(row.id());
            moved |= old != null && old.parentId() != null && !old.parentId().equals(row.parentId());
            rows.add(row);
            missing.remove(row.id());
          }
        }
      }
      gone.addAll(missing);
    }
    return new Applied(catalog.with(rows, gone), moved);
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
