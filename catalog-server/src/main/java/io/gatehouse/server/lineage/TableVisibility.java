package io.gatehouse.server.lineage;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.lineage.LineageStoreException;
import io.gatehouse.lineage.TableRef;
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
 * Which catalog tables and model versions a caller may see, for a whole page of lineage at once:
 * one statement reads the tables with their schemas and catalogs (ids, names, owners), a second
 * the model versions among the ids that are no table, then each is decided in memory by
 * {@link AccessCheck#canSee} over the caller's policy snapshot, as GET table decides a table. A
 * model version is not a securable: it is seen when its registered model is, as GET model
 * decides it (any privilege on the model, or ownership of it or above).
 */
final class TableVisibility {
  private static final String TABLES = """
      SELECT t.id, t.name, t.owner, s.id, s.name, s.owner, c.id, c.name, c.owner
      FROM tables t JOIN schemas s ON s.id = t.schema_id JOIN catalogs c ON c.id = s.catalog_id
      WHERE t.id = ANY (?::uuid[])
      """;
  private static final String MODEL_VERSIONS = """
      SELECT v.id, m.name, m.owner, s.id, s.name, s.owner, c.id, c.name, c.owner, m.id, v.version
      FROM model_versions v JOIN registered_models m ON m.id = v.model_id
      JOIN schemas s ON s.id = m.schema_id JOIN catalogs c ON c.id = s.catalog_id
      WHERE v.id = ANY (?::uuid[])
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

  /**
   * The tables and model versions among {@code ids} that exist, with their targets (a model
   * version's is its model's; its full name is {@link TableRef#modelVersionName}).
   */
  static Map<UUID, VisibleTable> load(AgroalDataSource dataSource, Collection<UUID> ids) {
    Map<UUID, VisibleTable> tables = new HashMap<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(TABLES)) {
        ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
        read(ps, SecurableType.TABLE, tables);
      }
      List<UUID> rest = ids.stream().filter(id -> !tables.containsKey(id)).toList();
      if (!rest.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(MODEL_VERSIONS)) {
          ps.setArray(1, c.createArrayOf("uuid", rest.toArray()));
          read(ps, SecurableType.REGISTERED_MODEL, tables);
        }
      }
    } catch (SQLException e) {
      throw new LineageStoreException("Could not read the tables of a lineage page", e);
    }
    return tables;
  }

  private static void read(PreparedStatement ps, SecurableType type, Map<UUID, VisibleTable> into) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        UUID id = rs.getObject(1, UUID.class);
        boolean model = type == SecurableType.REGISTERED_MODEL;
        UUID securable = model ? rs.getObject(10, UUID.class) : id;
        String catalog = rs.getString(8);
        String schema = catalog + "." + rs.getString(5);
        String full = schema + "." + rs.getString(2);
        Target target = new Target(
            Securable.of(type, rs.getObject(7, UUID.class).toString(), rs.getObject(4, UUID.class).toString(),
                securable.toString()),
            List.of(rs.getString(9), rs.getString(6), rs.getString(3)),
            List.of(catalog, schema, full));
        into.put(id, new VisibleTable(id, model ? TableRef.modelVersionName(full, rs.getLong(11)) : full, target));
      }
    }
  }
}
