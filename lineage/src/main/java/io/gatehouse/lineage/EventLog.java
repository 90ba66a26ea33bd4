package io.gatehouse.lineage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Appends raw events to {@code lineage.events} and queues the new ones for the projector, in one
 * statement: what the group-committed fast path writes before it answers. An event already
 * stored is neither written nor queued again, so it is projected once. Rows attached to the
 * events ({@link SameCommit}) are written by statements sent before it in the same round trip,
 * with one Sync: PostgreSQL runs them as one implicit transaction, so on a connection in
 * autocommit the events and their rows commit together, or, if one statement fails, none does.
 */
final class EventLog {
  static final String SQL = """
      WITH ev AS (
        INSERT INTO lineage.events (id, event_time, kind, event_type, run_id, job_id, payload)
        SELECT id, t::timestamptz, kind, event_type, run_id, job_id, payload::jsonb
        FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::text[])
             AS x(id, t, kind, event_type, run_id, job_id, payload)
        ON CONFLICT (id) DO NOTHING
        RETURNING id
      ), q AS (
        INSERT INTO lineage.projection_queue (event_id) SELECT id FROM ev
      )
      SELECT id FROM ev
      """;

  private EventLog() {}

  /** Runs the statement on {@code connection}; returns the ids of the events that were new. */
  static Set<UUID> append(Connection connection, List<ParsedEvent> events) throws SQLException {
    return append(connection, events, List.of());
  }

  /**
   * Writes {@code attached}, then runs the statement, in one round trip; returns the ids of the
   * events that were new.
   */
  static Set<UUID> append(Connection connection, List<ParsedEvent> events, List<GroupWriter.Attached<?>> attached)
      throws SQLException {
    Map<SameCommit<?>, List<Object>> rowsByWriter = new LinkedHashMap<>();
    StringBuilder sql = new StringBuilder();
    for (GroupWriter.Attached<?> a : attached) {
      rowsByWriter.computeIfAbsent(a.writer(), w -> {
        sql.append(w.sql()).append(";\n");
        return new ArrayList<>();
      }).add(a.row());
    }
    try (PreparedStatement ps = connection.prepareStatement(sql.append(SQL).toString())) {
      int next = 1;
      for (var writerRows : rowsByWriter.entrySet()) {
        next += bind(connection, ps, next, writerRows.getKey(), writerRows.getValue());
      }
      Array[] arrays = {
        uuids(connection, events, ParsedEvent::id),
        texts(connection, events, e -> e.eventTime().toString()),
        texts(connection, events, e -> e.kind().name()),
        texts(connection, events, ParsedEvent::eventType),
        uuids(connection, events, ParsedEvent::runId),
        uuids(connection, events, e -> e.job() == null ? null : e.job().id()),
        texts(connection, events, ParsedEvent::json),
      };
      for (int i = 0; i < arrays.length; i++) {
        ps.setArray(next + i, arrays[i]);
      }
      Set<UUID> inserted = new HashSet<>();
      ps.execute();
      // The attached rows' update counts come first, then the events' ids.
      for (int i = 0; i < rowsByWriter.size(); i++) {
        ps.getMoreResults();
      }
      try (ResultSet rs = ps.getResultSet()) {
        if (rs == null) {
          throw new SQLException("the events' statement returned no rows");
        }
        while (rs.next()) {
          inserted.add(rs.getObject(1, UUID.class));
        }
      }
      for (Array array : arrays) {
        array.free();
      }
      return inserted;
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> int bind(Connection c, PreparedStatement ps, int first, SameCommit<T> writer, List<Object> rows)
      throws SQLException {
    return writer.bind(c, ps, first, (List<T>) rows);
  }

  private static Array uuids(Connection c, List<ParsedEvent> events, Function<ParsedEvent, UUID> value)
      throws SQLException {
    return c.createArrayOf("uuid", events.stream().map(value).toArray(UUID[]::new));
  }

  private static Array texts(Connection c, List<ParsedEvent> events, Function<ParsedEvent, String> value)
      throws SQLException {
    return c.createArrayOf("text", events.stream().map(value).toArray(String[]::new));
  }
}
