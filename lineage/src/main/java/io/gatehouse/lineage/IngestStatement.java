package io.gatehouse.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.lineage.Projection.ColumnKey;
import io.gatehouse.lineage.Projection.ColumnRow;
import io.gatehouse.lineage.Projection.DatasetRow;
import io.gatehouse.lineage.Projection.EdgeKey;
import io.gatehouse.lineage.Projection.EdgeRow;
import io.gatehouse.lineage.Projection.Facets;
import io.gatehouse.lineage.Projection.JobRow;
import io.gatehouse.lineage.Projection.RunRow;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes raw events and their projection in one statement: one data-modifying CTE per table, each
 * fed by arrays (one element per row). Ids are computed by the caller, so no CTE waits for
 * another's output and the whole batch costs one round trip. Every upsert only writes a row when
 * its merged value changes, so re-sent events lock rows but write nothing.
 */
final class IngestStatement {
  private static final String FACETS_MERGE_DATASET =
      "CASE WHEN EXCLUDED.facets_time >= d.facets_time THEN d.facets || EXCLUDED.facets ELSE EXCLUDED.facets || d.facets END";
  private static final String FACETS_MERGE_JOB = FACETS_MERGE_DATASET.replace("d.", "j.");
  private static final String FACETS_MERGE_RUN = FACETS_MERGE_DATASET.replace("d.", "r.");
  private static final String NEWER_RUN =
      "(EXCLUDED.latest_run_id IS NOT NULL AND EXCLUDED.latest_run_id IS DISTINCT FROM j.latest_run_id"
          + " AND (j.latest_run_time IS NULL OR EXCLUDED.latest_run_time > j.latest_run_time))";
  private static final String NEWER_STATE =
      "(EXCLUDED.state_time IS NOT NULL AND (r.state_time IS NULL"
          + " OR (EXCLUDED.state_time, lineage.state_rank(EXCLUDED.state)) > (r.state_time, lineage.state_rank(r.state))))";
  private static final String MAPPING_CHANGED =
      "(EXCLUDED.mapped_at IS NOT NULL AND (d.table_id IS DISTINCT FROM EXCLUDED.table_id"
          + " OR d.table_full_name IS DISTINCT FROM EXCLUDED.table_full_name))";

  static final String SQL = """
      WITH ev AS (
        INSERT INTO lineage.events (id, event_time, kind, event_type, run_id, job_id, payload)
        SELECT id, t::timestamptz, kind, event_type, run_id, job_id, payload::jsonb
        FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::text[])
             AS x(id, t, kind, event_type, run_id, job_id, payload)
        ON CONFLICT (id) DO NOTHING
        RETURNING id
      ), jb AS (
        INSERT INTO lineage.jobs AS j (id, namespace, name, facets, facets_time, latest_run_id, latest_run_time)
        SELECT id, ns, nm, f::jsonb, ft::timestamptz, run_id, rt::timestamptz
        FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[])
             AS x(id, ns, nm, f, ft, run_id, rt)
        ON CONFLICT (id) DO UPDATE SET
          facets = %1$s,
          facets_time = GREATEST(j.facets_time, EXCLUDED.facets_time),
          latest_run_id = CASE WHEN %2$s THEN EXCLUDED.latest_run_id ELSE j.latest_run_id END,
          latest_run_time = CASE WHEN %2$s THEN EXCLUDED.latest_run_time ELSE j.latest_run_time END,
          updated_at = now()
        WHERE (EXCLUDED.facets_time IS NOT NULL AND %1$s IS DISTINCT FROM j.facets) OR %2$s
      ), ds AS (
        INSERT INTO lineage.datasets AS d (id, namespace, name, facets, facets_time, table_id, table_full_name, mapped_at)
        SELECT id, ns, nm, f::jsonb, ft::timestamptz, tid, tname, CASE WHEN resolved THEN now() END
        FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::boolean[])
             AS x(id, ns, nm, f, ft, tid, tname, resolved)
        ON CONFLICT (id) DO UPDATE SET
          facets = %3$s,
          facets_time = GREATEST(d.facets_time, EXCLUDED.facets_time),
          table_id = CASE WHEN EXCLUDED.mapped_at IS NULL THEN d.table_id ELSE EXCLUDED.table_id END,
          table_full_name = CASE WHEN EXCLUDED.mapped_at IS NULL THEN d.table_full_name ELSE EXCLUDED.table_full_name END,
          mapped_at = CASE WHEN %4$s THEN EXCLUDED.mapped_at ELSE d.mapped_at END,
          updated_at = now()
        WHERE (EXCLUDED.facets_time IS NOT NULL AND %3$s IS DISTINCT FROM d.facets) OR %4$s
      ), rn AS (
        INSERT INTO lineage.runs AS r (id, job_id, state, state_time, started_at, ended_at, last_event_time, facets, facets_time)
        SELECT id, job_id, state, st::timestamptz, sa::timestamptz, ea::timestamptz, le::timestamptz, f::jsonb, ft::timestamptz
        FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
             AS x(id, job_id, state, st, sa, ea, le, f, ft)
        ON CONFLICT (id) DO UPDATE SET
          state = CASE WHEN %5$s THEN EXCLUDED.state ELSE r.state END,
          state_time = CASE WHEN %5$s THEN EXCLUDED.state_time ELSE r.state_time END,
          started_at = LEAST(r.started_at, EXCLUDED.started_at),
          ended_at = GREATEST(r.ended_at, EXCLUDED.ended_at),
          last_event_time = GREATEST(r.last_event_time, EXCLUDED.last_event_time),
          facets = %6$s,
          facets_time = GREATEST(r.facets_time, EXCLUDED.facets_time)
        WHERE %5$s OR EXCLUDED.last_event_time > r.last_event_time
           OR EXCLUDED.started_at < r.started_at OR (r.started_at IS NULL AND EXCLUDED.started_at IS NOT NULL)
           OR (EXCLUDED.facets_time IS NOT NULL AND %6$s IS DISTINCT FROM r.facets)
      ), ed AS (
        INSERT INTO lineage.job_datasets AS e (dataset_id, output, job_id, last_run_id, updated_at)
        SELECT dataset_id, output, job_id, run_id, t::timestamptz
        FROM unnest(?::uuid[], ?::boolean[], ?::uuid[], ?::uuid[], ?::text[]) AS x(dataset_id, output, job_id, run_id, t)
        ON CONFLICT (dataset_id, output, job_id) DO UPDATE SET
          last_run_id = EXCLUDED.last_run_id, updated_at = EXCLUDED.updated_at
        WHERE EXCLUDED.last_run_id IS NOT NULL AND EXCLUDED.last_run_id IS DISTINCT FROM e.last_run_id
          AND (e.last_run_id IS NULL OR EXCLUDED.updated_at > e.updated_at)
      ), co AS (
        INSERT INTO lineage.column_edges AS c (output_dataset_id, output_field, input_dataset_id, input_field, job_id,
            transformation_type, transformation_subtype, transformation_description, transformations, last_run_id, updated_at)
        SELECT od, ofl, idd, ifl, job_id, tt, ts, td, tr::jsonb, run_id, t::timestamptz
        FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::uuid[], ?::text[]) AS x(od, ofl, idd, ifl, job_id, tt, ts, td, tr, run_id, t)
        ON CONFLICT (output_dataset_id, output_field, input_dataset_id, input_field, job_id) DO UPDATE SET
          transformation_type = EXCLUDED.transformation_type,
          transformation_subtype = EXCLUDED.transformation_subtype,
          transformation_description = EXCLUDED.transformation_description,
          transformations = EXCLUDED.transformations,
          last_run_id = EXCLUDED.last_run_id,
          updated_at = EXCLUDED.updated_at
        WHERE EXCLUDED.updated_at > c.updated_at
          AND (c.transformation_type, c.transformation_subtype, c.transformation_description, c.last_run_id)
              IS DISTINCT FROM (EXCLUDED.transformation_type, EXCLUDED.transformation_subtype,
                                EXCLUDED.transformation_description, EXCLUDED.last_run_id)
      )
      SELECT id FROM ev
      """.formatted(FACETS_MERGE_JOB, NEWER_RUN, FACETS_MERGE_DATASET, MAPPING_CHANGED, NEWER_STATE, FACETS_MERGE_RUN);

  private IngestStatement() {}

  /** Runs the statement on {@code connection}; returns the ids of the events that were new. */
  static Set<UUID> execute(Connection connection, List<ParsedEvent> events, Projection p) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SQL)) {
      Binder b = bind(connection, ps, events, p, false);
      Set<UUID> inserted = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getObject(1, UUID.class));
        }
      }
      b.free();
      return inserted;
    }
  }

  private static Binder bind(Connection connection, PreparedStatement ps, List<ParsedEvent> events, Projection p,
      boolean describe) throws SQLException {
    {
      Binder b = new Binder(connection, ps, describe);
      b.uuids(events, ParsedEvent::id);
      b.texts(events, e -> e.eventTime().toString());
      b.texts(events, e -> e.kind().name());
      b.texts(events, ParsedEvent::eventType);
      b.uuids(events, ParsedEvent::runId);
      b.uuids(events, e -> e.job() == null ? null : e.job().id());
      b.texts(events, ParsedEvent::json);

      Collection<JobRow> jobs = p.jobs.values();
      b.uuids(jobs, j -> j.info.id());
      b.texts(jobs, j -> j.info.namespace());
      b.texts(jobs, j -> j.info.name());
      b.texts(jobs, j -> json(j.facets));
      b.texts(jobs, j -> time(j.facets.time));
      b.uuids(jobs, j -> j.latestRunId);
      b.texts(jobs, j -> time(j.latestRunTime));

      Collection<DatasetRow> datasets = p.datasets.values();
      b.uuids(datasets, d -> d.info.id());
      b.texts(datasets, d -> d.info.namespace());
      b.texts(datasets, d -> d.info.name());
      b.texts(datasets, d -> json(d.facets));
      b.texts(datasets, d -> time(d.facets.time));
      b.uuids(datasets, d -> d.table == null ? null : d.table.id());
      b.texts(datasets, d -> d.table == null ? null : d.table.fullName());
      b.booleans(datasets, d -> d.resolved);

      Collection<RunRow> runs = p.runs.values();
      b.uuids(runs, r -> r.id);
      b.uuids(runs, r -> r.jobId);
      b.texts(runs, r -> r.state);
      b.texts(runs, r -> time(r.stateTime));
      b.texts(runs, r -> time(r.startedAt));
      b.texts(runs, r -> time(r.endedAt));
      b.texts(runs, r -> time(r.lastEventTime));
      b.texts(runs, r -> json(r.facets));
      b.texts(runs, r -> time(r.facets.time));

      List<Map.Entry<EdgeKey, EdgeRow>> edges = new ArrayList<>(p.edges.entrySet());
      b.uuids(edges, e -> e.getKey().datasetId());
      b.booleans(edges, e -> e.getKey().output());
      b.uuids(edges, e -> e.getKey().jobId());
      b.uuids(edges, e -> e.getValue().lastRunId);
      b.texts(edges, e -> time(e.getValue().updatedAt));

      List<Map.Entry<ColumnKey, ColumnRow>> columns = new ArrayList<>(p.columns.entrySet());
      b.uuids(columns, c -> c.getKey().outputDatasetId());
      b.texts(columns, c -> c.getKey().outputField());
      b.uuids(columns, c -> c.getKey().inputDatasetId());
      b.texts(columns, c -> c.getKey().inputField());
      b.uuids(columns, c -> c.getKey().jobId());
      b.texts(columns, c -> c.getValue().info.transformationType());
      b.texts(columns, c -> c.getValue().info.transformationSubtype());
      b.texts(columns, c -> c.getValue().info.transformationDescription());
      b.texts(columns, c -> json(c.getValue().info.transformations()));
      b.uuids(columns, c -> c.getValue().lastRunId);
      b.texts(columns, c -> time(c.getValue().updatedAt));
      return b;
    }
  }

  /** The statement with its parameters written in, for looking at its plan by hand. */
  static String describe(Connection connection, List<ParsedEvent> events, Projection p) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SQL)) {
      Binder b = bind(connection, ps, events, p, true);
      StringBuilder sql = new StringBuilder();
      String[] parts = SQL.split("\\?", -1);
      for (int i = 0; i < parts.length; i++) {
        sql.append(parts[i]);
        if (i < b.literals.size()) {
          sql.append(b.literals.get(i));
        }
      }
      b.free();
      return sql.toString();
    }
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String json(Facets facets) {
    return json(facets.facets);
  }

  private static String json(JsonNode node) {
    if (node == null) {
      return null;
    }
    try {
      return EventParser.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not serialize facets", e);
    }
  }

  /** Binds one array parameter after the other. */
  private static final class Binder {
    private final Connection connection;
    private final PreparedStatement ps;
    private final List<Array> arrays = new ArrayList<>();
    /** Each parameter as an SQL literal, when describing the statement; else null. */
    final List<String> literals;
    private int index = 1;

    Binder(Connection connection, PreparedStatement ps, boolean describe) {
      this.connection = connection;
      this.ps = ps;
      this.literals = describe ? new ArrayList<>() : null;
    }

    <T> void uuids(Collection<T> rows, Function<T, UUID> value) throws SQLException {
      bind("uuid", rows.stream().map(value).toArray(UUID[]::new));
    }

    <T> void texts(Collection<T> rows, Function<T, String> value) throws SQLException {
      bind("text", rows.stream().map(value).toArray(String[]::new));
    }

    <T> void booleans(Collection<T> rows, Function<T, Boolean> value) throws SQLException {
      bind("bool", rows.stream().map(value).toArray(Boolean[]::new));
    }

    private void bind(String type, Object[] values) throws SQLException {
      if (literals != null) {
        literals.add(literal(values));
      }
      Array array = connection.createArrayOf(type, values);
      arrays.add(array);
      ps.setArray(index++, array);
    }

    private static String literal(Object[] values) {
      StringBuilder literal = new StringBuilder("{");
      for (Object value : values) {
        if (literal.length() > 1) {
          literal.append(',');
        }
        literal.append(value == null ? "NULL"
            : '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"');
      }
      return "'" + literal.append('}').toString().replace("'", "''") + "'";
    }

    void free() throws SQLException {
      for (Array array : arrays) {
        array.free();
      }
    }
  }
}
