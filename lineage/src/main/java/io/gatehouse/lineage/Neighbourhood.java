package io.gatehouse.lineage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What deciding the visibility of some datasets and jobs needs, read in one statement:
 *
 * @param tableOf each known dataset (those asked and every dataset of the jobs asked) to its
 *     mapped table, or to null when it maps to none; unknown datasets are absent
 * @param jobDatasets each job asked to every dataset it reads or writes (each edge ever seen)
 * @param tablesAround each unmapped dataset (and each mapped to a table given as gone) to the
 *     mapped tables that it feeds or is fed by through one job
 */
public record Neighbourhood(Map<UUID, UUID> tableOf, Map<UUID, Set<UUID>> jobDatasets,
    Map<UUID, Set<UUID>> tablesAround) {
  private static final UUID NONE = new UUID(0, 0);

  static final String SQL = """
      WITH jd AS (
        SELECT e.job_id, e.dataset_id FROM lineage.job_datasets e WHERE e.job_id = ANY (?::uuid[])
      ),
      ds AS (SELECT id FROM unnest(?::uuid[]) AS s(id) UNION SELECT dataset_id FROM jd),
      known AS (SELECT d.id, d.table_id FROM ds JOIN lineage.datasets d ON d.id = ds.id),
      around AS (
        SELECT DISTINCT x.id, o.table_id
        FROM known x
        JOIN lineage.job_datasets e ON e.dataset_id = x.id
        JOIN lineage.job_datasets f ON f.job_id = e.job_id AND f.output = NOT e.output
        JOIN lineage.datasets o ON o.id = f.dataset_id AND o.table_id IS NOT NULL
        WHERE x.table_id IS NULL OR x.table_id = ANY (?::uuid[])
      )
      SELECT 'J' AS rk, job_id AS a, dataset_id AS b FROM jd
      UNION ALL SELECT 'D', id, table_id FROM known
      UNION ALL SELECT 'A', id, table_id FROM around
      """;

  /** Every table id named here: mapped tables and tables around. */
  public Set<UUID> tables() {
    Set<UUID> ids = new HashSet<>();
    tableOf.values().forEach(t -> {
      if (t != null) {
        ids.add(t);
      }
    });
    tablesAround.values().forEach(ids::addAll);
    return ids;
  }

  static Neighbourhood read(Connection c, Collection<UUID> datasets, Collection<UUID> jobs, Collection<UUID> goneTables)
      throws SQLException {
    Map<UUID, UUID> tableOf = new HashMap<>();
    Map<UUID, Set<UUID>> jobDatasets = new HashMap<>();
    Map<UUID, Set<UUID>> around = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setArray(1, c.createArrayOf("uuid", orNone(jobs)));
      ps.setArray(2, c.createArrayOf("uuid", orNone(datasets)));
      ps.setArray(3, c.createArrayOf("uuid", orNone(goneTables)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          UUID a = rs.getObject("a", UUID.class);
          UUID b = rs.getObject("b", UUID.class);
          switch (rs.getString("rk")) {
            case "J" -> jobDatasets.computeIfAbsent(a, k -> new HashSet<>()).add(b);
            case "D" -> tableOf.put(a, b);
            default -> around.computeIfAbsent(a, k -> new HashSet<>()).add(b);
          }
        }
      }
    }
    return new Neighbourhood(tableOf, jobDatasets, around);
  }

  /**
   * An empty array is still an array: asking about nothing runs the same statement, so a
   * question about something unknown costs what a question about something hidden costs.
   */
  private static Object[] orNone(Collection<UUID> ids) {
    return ids.isEmpty() ? new UUID[] {NONE} : ids.toArray(new UUID[0]);
  }
}
