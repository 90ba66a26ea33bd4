package io.gatehouse.server.lineage;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.lineage.LineageStoreException;
import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Securable;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which catalog tables a caller may see, for a whole page of lineage at once: one statement
 * reads the tables with their schemas and catalogs (ids, names, owners), then each distinct
 * table is decided in memory by {@link AccessCheck#canSee} over the caller's policy snapshot,
 * as GET table decides it.
 */
final class TableVisibility {
  private static final String TABLES = """
      SELECT t.id, t.name, t.owner, s.id, s.name, s.owner, c.id, c.name, c.owner
      FROM tables t JOIN schemas s ON s.id = t.schema_id JOIN catalogs c ON c.id = s.catalog_id
      WHERE t.id = ANY (?::uuid[])
      """;

  /** A table as the caller sees it: its current full name and its policy target. */
  record VisibleTable(UUID id, String fullName, Target target) {}

  private TableVisibility() {}

  /**
   * What {@code subject} may see of the tables {@code ids}: each visible table's current full name
   * by id, and, mapped to null, the ids of tables that no longer exist (their datasets count as
   * unmapped, as they will after the next remap). Ids missing from the answer are hidden.
   */
  static Map<UUID, String> decide(
      AgroalDataSource dataSource, PolicySnapshot snapshot, Subject subject, Collection<UUID> ids) {
    Map<UUID, String> result = new HashMap<>();
    if (ids.isEmpty()) {
      return result;
    }
    Map<UUID, VisibleTable> tables = load(dataSource, ids);
    for (UUID id : ids) {
      VisibleTable table = tables.get(id);
      if (table == null) {
        result.put(id, null);
      } else if (AccessCheck.canSee(snapshot, subject, table.target()).allowed()) {
        result.put(id, table.fullName());
      }
    }
    return result;
  }

  /** The tables among {@code ids} that exist, with their targets. */
  static Map<UUID, VisibleTable> load(AgroalDataSource dataSource, Collection<UUID> ids) {
    Map<UUID, VisibleTable> tables = new HashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TABLES)) {
      ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          UUID id = rs.getObject(1, UUID.class);
          String catalog = rs.getString(8);
          String schema = catalog + "." + rs.getString(5);
          String full = schema + "." + rs.getString(2);
          Target target = new Target(
              Securable.of(SecurableType.TABLE, rs.getObject(7, UUID.class).toString(),
                  rs.getObject(4, UUID.class).toString(), id.toString()),
              List.of(rs.getString(9), rs.getString(6), rs.getString(3)),
              List.of(catalog, schema, full));
          tables.put(id, new VisibleTable(id, full, target));
        }
      }
    } catch (SQLException e) {
      throw new LineageStoreException("Could not read the tables of a lineage page", e);
    }
    return tables;
  }
}
