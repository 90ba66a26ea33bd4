package io.gatehouse.lineage;

/**
 * The two traversal statements. Each is one recursive CTE over the edge indexes:
 *
 * <ul>
 *   <li>the walk expands one edge per step; its rows are (kind, id, step, direction) and it is
 *       joined by UNION, so each step holds each node once however many paths reach it;
 *   <li>the step bound ends every walk, cycles included (a cycle costs at most one row per node
 *       per step); a LIMIT on the walk stops the recursion early (PostgreSQL evaluates it
 *       breadth-first and lazily), which is the width limit;
 *   <li>each node keeps its smallest step; the page, its edges and the node attributes are read
 *       in the same statement.
 * </ul>
 */
final class GraphSql {
  private GraphSql() {}

  /** Seeds: a uuid[] of datasets or jobs. */
  static final String SEED_IDS = "SELECT ?::text AS kind, id FROM unnest(?::uuid[]) AS s(id)";

  /** Seeds: every dataset mapped to a table full name. */
  static final String SEED_TABLE =
      "SELECT ?::text AS kind, id FROM lineage.datasets WHERE lower(table_full_name) = lower(?)";

  /**
   * Parameters after the seed's two: directions (boolean[]: true = upstream), max step, walk
   * limit (max nodes + 1), max nodes, cursor step, cursor kind, cursor id, page size, page size
   * (for has-more), with facets (twice).
   */
  static final String GRAPH = """
      WITH RECURSIVE seed AS (%s),
      walk(kind, id, step, up) AS (
        SELECT s.kind, s.id, 0, u.up FROM seed s CROSS JOIN unnest(?::boolean[]) AS u(up)
        UNION
        SELECT n.kind, n.id, w.step + 1, w.up
        FROM walk w
        CROSS JOIN LATERAL (
          SELECT 'J'::text, e.job_id FROM lineage.job_datasets e
           WHERE w.kind = 'D' AND e.dataset_id = w.id AND e.output = w.up
          UNION ALL
          SELECT 'D'::text, e.dataset_id FROM lineage.job_datasets e
           WHERE w.kind = 'J' AND e.job_id = w.id AND e.output = NOT w.up
        ) AS n(kind, id)
        WHERE w.step < ?
      ),
      visited AS (SELECT kind, id, step FROM walk LIMIT ?),
      capped AS (SELECT kind, id, step FROM visited LIMIT ?),
      reached AS (SELECT kind, id, min(step) AS step FROM capped GROUP BY kind, id),
      after AS (SELECT * FROM reached WHERE (step, kind, id) > (?, ?::text, ?::uuid)),
      page AS (SELECT * FROM after ORDER BY step, kind, id LIMIT ?),
      -- Each node's step by key, for the edge filter below: a jsonb object is looked up by binary
      -- search, whatever the planner guesses about the size of "reached" (it guesses small, and a
      -- nested loop over a CTE scan costs |page| x |reached|).
      steps AS (SELECT jsonb_object_agg(kind || id::text, step) AS m FROM reached),
      -- An edge goes with the page of its farther end: (step, kind) is greater there, and 'J' > 'D'.
      edges AS (
        SELECT e.dataset_id, e.job_id, e.output, e.last_run_id, e.updated_at
        FROM page p CROSS JOIN steps s
        JOIN lineage.job_datasets e ON e.dataset_id = p.id
        WHERE p.kind = 'D' AND p.step > (s.m ->> ('J' || e.job_id::text))::int
        UNION ALL
        SELECT e.dataset_id, e.job_id, e.output, e.last_run_id, e.updated_at
        FROM page p CROSS JOIN steps s
        JOIN lineage.job_datasets e ON e.job_id = p.id
        WHERE p.kind = 'J' AND p.step >= (s.m ->> ('D' || e.dataset_id::text))::int
      )
      SELECT 'D' AS rk, p.id, p.step, d.namespace, d.name, d.table_id, d.table_full_name,
             CASE WHEN ? THEN d.facets::text END AS facets,
             NULL::uuid AS run_id, NULL::text AS state, NULL::timestamptz AS started_at,
             NULL::timestamptz AS ended_at, NULL::timestamptz AS last_event_time,
             NULL::uuid AS job_id, NULL::boolean AS output, NULL::boolean AS more, NULL::boolean AS truncated
      FROM page p JOIN lineage.datasets d ON d.id = p.id
      WHERE p.kind = 'D'
      UNION ALL
      SELECT 'J', p.id, p.step, j.namespace, j.name, NULL, NULL, CASE WHEN ? THEN j.facets::text END,
             j.latest_run_id, r.state, r.started_at, r.ended_at, r.last_event_time, NULL, NULL, NULL, NULL
      FROM page p JOIN lineage.jobs j ON j.id = p.id LEFT JOIN lineage.runs r ON r.id = j.latest_run_id
      WHERE p.kind = 'J'
      UNION ALL
      SELECT 'E', e.dataset_id, NULL, NULL, NULL, NULL, NULL, NULL,
             e.last_run_id, r.state, r.started_at, r.ended_at, r.last_event_time, e.job_id, e.output, NULL, NULL
      FROM edges e LEFT JOIN lineage.runs r ON r.id = e.last_run_id
      UNION ALL
      SELECT 'M', NULL, (SELECT count(*) FROM reached)::int, NULL, NULL, NULL, NULL, NULL,
             NULL, NULL, NULL, NULL, NULL, NULL, NULL,
             (SELECT count(*) FROM after) > ?, (SELECT count(*) FROM visited) > ?
      """;

  /** Column seeds: a uuid[] of datasets. */
  static final String COLUMN_SEED_IDS = "SELECT id FROM unnest(?::uuid[]) AS s(id)";

  /** Column seeds: every dataset mapped to a table full name. */
  static final String COLUMN_SEED_TABLE =
      "SELECT id FROM lineage.datasets WHERE lower(table_full_name) = lower(?)";

  /** The walk's start: one field of the seeds (the parameter). */
  static final String COLUMN_START_FIELD = "SELECT s.id, ?::text COLLATE \"C\" AS field FROM seed s";

  /**
   * The walk's start: every field of the seeds, that is each field their schema facet lists and
   * each one a column edge leaves or reaches (both indexed by dataset first).
   */
  static final String COLUMN_START_ALL = """
      SELECT s.id, f.field FROM seed s CROSS JOIN LATERAL (
          SELECT c.output_field FROM lineage.column_edges c WHERE c.output_dataset_id = s.id
          UNION
          SELECT c.input_field FROM lineage.column_edges c WHERE c.input_dataset_id = s.id
          UNION
          SELECT (x->>'name') COLLATE "C" FROM lineage.datasets d CROSS JOIN jsonb_array_elements(
              CASE WHEN jsonb_typeof(d.facets->'schema'->'fields') = 'array' THEN d.facets->'schema'->'fields' END) x
           WHERE d.id = s.id AND x->>'name' IS NOT NULL
        ) AS f(field)""";

  /**
   * Formatted with a seed and a start ({@link #COLUMN_START_FIELD} or {@link #COLUMN_START_ALL}).
   * Parameters after the seed's: the field (one field's start only), directions, max step, walk
   * limit (max nodes + 1), max nodes, max nodes (truncated).
   */
  static final String COLUMNS = """
      WITH RECURSIVE seed AS (%s),
      start(dataset_id, field) AS (%s),
      walk(dataset_id, field, step, up) AS (
        SELECT st.dataset_id, st.field, 0, u.up FROM start st CROSS JOIN unnest(?::boolean[]) AS u(up)
        UNION
        SELECT n.dataset_id, n.field, w.step + 1, w.up
        FROM walk w
        CROSS JOIN LATERAL (
          SELECT c.input_dataset_id, c.input_field FROM lineage.column_edges c
           WHERE w.up AND c.output_dataset_id = w.dataset_id AND c.output_field = w.field
          UNION ALL
          SELECT c.output_dataset_id, c.output_field FROM lineage.column_edges c
           WHERE NOT w.up AND c.input_dataset_id = w.dataset_id AND c.input_field = w.field
        ) AS n(dataset_id, field)
        WHERE w.step < ?
      ),
      visited AS (SELECT dataset_id, field, step FROM walk LIMIT ?),
      capped AS (SELECT dataset_id, field, step FROM visited LIMIT ?),
      reached AS (SELECT dataset_id, field, min(step) AS step FROM capped GROUP BY dataset_id, field)
      SELECT 'C' AS rk, r.dataset_id, r.field, r.step, d.namespace, d.name, d.table_id, d.table_full_name,
             (SELECT f->>'type' FROM jsonb_array_elements(
                 CASE WHEN jsonb_typeof(d.facets->'schema'->'fields') = 'array' THEN d.facets->'schema'->'fields' END) f
               WHERE f->>'name' = r.field LIMIT 1) AS type,
             NULL::uuid AS input_dataset_id, NULL::text AS input_field, NULL::uuid AS job_id,
             NULL::text AS job_namespace, NULL::text AS job_name, NULL::text AS transformation_type,
             NULL::text AS transformation_subtype, NULL::text AS transformation_description,
             NULL::text AS transformations, NULL::uuid AS last_run_id, NULL::boolean AS truncated
      FROM reached r JOIN lineage.datasets d ON d.id = r.dataset_id
      UNION ALL
      SELECT 'E', c.output_dataset_id, c.output_field, NULL, NULL, NULL, NULL, NULL, NULL,
             c.input_dataset_id, c.input_field, c.job_id, j.namespace, j.name, c.transformation_type,
             c.transformation_subtype, c.transformation_description, c.transformations::text, c.last_run_id, NULL
      FROM reached o
      CROSS JOIN (SELECT jsonb_object_agg(dataset_id::text || '/' || field, step) AS m FROM reached) s
      JOIN lineage.column_edges c ON c.output_dataset_id = o.dataset_id AND c.output_field = o.field
      LEFT JOIN lineage.jobs j ON j.id = c.job_id
      WHERE s.m -> (c.input_dataset_id::text || '/' || c.input_field) IS NOT NULL
      UNION ALL
      SELECT 'M', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
             NULL, NULL, (SELECT count(*) FROM visited) > ?
      """;
}
