package io.gatehouse.lineage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.lineage.ParsedEvent.DatasetInfo;
import io.gatehouse.lineage.ParsedEvent.Name;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Asks the resolver again about every stored dataset, a page of 1,000 at a time in id order, and
 * writes the mappings that changed: for tables created, renamed or dropped after their datasets
 * were last seen.
 */
final class Remapper {
  private static final String PAGE = """
      SELECT id, namespace, name, table_id, table_full_name, facets->'symlinks'->'identifiers' AS symlinks
      FROM lineage.datasets WHERE id > ? ORDER BY id LIMIT 1000
      """;
  private static final String UPDATE = """
      UPDATE lineage.datasets d
      SET table_id = x.table_id, table_full_name = x.table_full_name, mapped_at = now(), updated_at = now()
      FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS x(id, table_id, table_full_name)
      WHERE d.id = x.id
      """;

  private Remapper() {}

  static int remap(DataSource dataSource, ResolverCache resolver) throws SQLException {
    int changed = 0;
    UUID after = new UUID(0, 0);
    try (Connection c = dataSource.getConnection()) {
      while (true) {
        List<UUID> ids = new ArrayList<>();
        List<UUID> tableIds = new ArrayList<>();
        List<String> tableNames = new ArrayList<>();
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement(PAGE)) {
          ps.setObject(1, after);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows++;
              UUID id = rs.getObject("id", UUID.class);
              after = id;
              var dataset = new DatasetInfo(id, rs.getString("namespace"), rs.getString("name"), null,
                  symlinks(rs.getString("symlinks")));
              ResolverCache.Answer answer = resolver.refresh(dataset);
              TableRef table = answer.table();
              UUID tableId = table == null ? null : table.id();
              String tableName = table == null ? null : table.fullName();
              if (answer.resolved() && (!Objects.equals(tableId, rs.getObject("table_id", UUID.class))
                  || !Objects.equals(tableName, rs.getString("table_full_name")))) {
                ids.add(id);
                tableIds.add(tableId);
                tableNames.add(tableName);
              }
            }
          }
        }
        if (!ids.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            ps.setArray(2, c.createArrayOf("uuid", tableIds.toArray()));
            ps.setArray(3, c.createArrayOf("text", tableNames.toArray()));
            changed += ps.executeUpdate();
          }
        }
        if (rows < 1000) {
          return changed;
        }
      }
    }
  }

  private static List<Name> symlinks(String json) {
    if (json == null) {
      return List.of();
    }
    List<Name> names = new ArrayList<>();
    try {
      for (JsonNode identifier : EventParser.MAPPER.readTree(json)) {
        JsonNode ns = identifier.get("namespace");
        JsonNode name = identifier.get("name");
        if (ns != null && ns.isTextual() && name != null && name.isTextual()) {
          names.add(new Name(ns.asText(), name.asText()));
        }
      }
    } catch (JacksonException e) {
      return List.of();
    }
    return names;
  }
}
