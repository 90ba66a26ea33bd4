package io.gatehouse.lineage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Appends raw events to {@code lineage.events} and queues the new ones for the projector, in one
 * statement: what the group-committed fast path writes before it answers. An event already
 * stored is neither written nor queued again, so it is projected once.
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
    try (PreparedStatement ps = connection.prepareStatement(SQL)) {
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
        ps.setArray(i + 1, arrays[i]);
      }
      Set<UUID> inserted = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
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

  private static Array uuids(Connection c, List<ParsedEvent> events, Function<ParsedEvent, UUID> value)
      throws SQLException {
    return c.createArrayOf("uuid", events.stream().map(value).toArray(UUID[]::new));
  }

  private static Array texts(Connection c, List<ParsedEvent> events, Function<ParsedEvent, String> value)
      throws SQLException {
    return c.createArrayOf("text", events.stream().map(value).toArray(String[]::new));
  }
}
