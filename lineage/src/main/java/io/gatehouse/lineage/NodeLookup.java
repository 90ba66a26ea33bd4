package io.gatehouse.lineage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Single nodes by id, with their facets; and datasets and jobs whose name (or mapped table name,
 * or namespace) contains a text, for a search box. The search is a sequential scan of both tables
 * with a limit each (tens of milliseconds per 100,000 rows), fine for a person typing; nothing
 * here is on the ingestion path.
 */
final class NodeLookup {
  private static final String SEARCH = """
      (SELECT 'D' AS rk, d.id, d.namespace, d.name, d.table_id, d.table_full_name,
              NULL::uuid AS run_id, NULL::text AS state, NULL::timestamptz AS started_at,
              NULL::timestamptz AS ended_at, NULL::timestamptz AS last_event_time
       FROM lineage.datasets d
       WHERE strpos(lower(d.name), ?) > 0 OR strpos(lower(d.table_full_name), ?) > 0 OR strpos(lower(d.namespace), ?) > 0
       ORDER BY lower(coalesce(d.table_full_name, d.name)) <> ?, d.table_full_name IS NULL,
                length(coalesce(d.table_full_name, d.name)), d.name, d.namespace
       LIMIT ?)
      UNION ALL
      (SELECT 'J', j.id, j.namespace, j.name, NULL, NULL,
              j.latest_run_id, r.state, r.started_at, r.ended_at, r.last_event_time
       FROM lineage.jobs j LEFT JOIN lineage.runs r ON r.id = j.latest_run_id
       WHERE strpos(lower(j.name), ?) > 0 OR strpos(lower(j.namespace), ?) > 0
       ORDER BY lower(j.name) <> ?, length(j.name), j.name, j.namespace
       LIMIT ?)
      """;
  private static final String DATASET = """
      SELECT 'D' AS rk, d.id, d.namespace, d.name, d.table_id, d.table_full_name, d.facets::text AS facets,
             NULL::uuid AS run_id, NULL::text AS state, NULL::timestamptz AS started_at,
             NULL::timestamptz AS ended_at, NULL::timestamptz AS last_event_time
      FROM lineage.datasets d WHERE d.id = ?
      """;
  private static final String JOB = """
      SELECT 'J' AS rk, j.id, j.namespace, j.name, NULL::uuid AS table_id, NULL::text AS table_full_name,
             j.facets::text AS facets, j.latest_run_id AS run_id, r.state, r.started_at, r.ended_at, r.last_event_time
      FROM lineage.jobs j LEFT JOIN lineage.runs r ON r.id = j.latest_run_id WHERE j.id = ?
      """;

  private NodeLookup() {}

  /** The dataset or job (by {@code job}) with this id, with its facets, or null. */
  static LineageNode byId(Connection c, UUID id, boolean job) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(job ? JOB : DATASET)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? node(rs, rs.getString("facets")) : null;
      }
    }
  }

  static List<LineageNode> search(Connection c, String text, int limit) throws SQLException {
    String needle = text.toLowerCase(Locale.ROOT);
    try (PreparedStatement ps = c.prepareStatement(SEARCH)) {
      int i = 1;
      for (int k = 0; k < 4; k++) {
        ps.setString(i++, needle);
      }
      ps.setInt(i++, limit);
      for (int k = 0; k < 3; k++) {
        ps.setString(i++, needle);
      }
      ps.setInt(i, limit);
      List<LineageNode> nodes = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          nodes.add(node(rs, null));
        }
      }
      return nodes;
    }
  }

  private static LineageNode node(ResultSet rs, String facets) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    if (rs.getString("rk").equals("D")) {
      return new LineageNode.Dataset(id, 0, rs.getString("namespace"), rs.getString("name"),
          rs.getObject("table_id", UUID.class), rs.getString("table_full_name"), facets, false);
    }
    UUID runId = rs.getObject("run_id", UUID.class);
    RunInfo run = runId == null ? null : new RunInfo(runId, rs.getString("state"),
        instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("ended_at")),
        instant(rs.getTimestamp("last_event_time")));
    return new LineageNode.Job(id, 0, rs.getString("namespace"), rs.getString("name"), run, facets, false);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
