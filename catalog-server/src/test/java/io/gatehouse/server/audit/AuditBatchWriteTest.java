package io.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A batch of records is written as an INSERT batch when small and with COPY when large: both
 * store every field as given, the characters COPY's text format escapes and the nulls included;
 * so does the INSERT from arrays that lineage events send their records with.
 */
@QuarkusTest
class AuditBatchWriteTest {
  @Inject AuditLog log;
  @Inject AgroalDataSource dataSource;

  @Test
  void aLoneRecordIsStoredFieldForField() throws Exception {
    String request = "batch-" + UUID.randomUUID();
    List<AuditEvent> events = events(request, 1);
    log.recordAll(events);
    assertStored(request, events);
  }

  @Test
  void aBatchTooLargeForOneInsertBatchIsStoredFieldForFieldToo() throws Exception {
    String request = "batch-" + UUID.randomUUID();
    List<AuditEvent> events = events(request, AuditLog.INSERT_BATCH_MAX * 3);
    log.recordAll(events);
    assertStored(request, events);
  }

  @Test
  void aBatchAtTheInsertLimitIsStoredWhole() throws Exception {
    String request = "batch-" + UUID.randomUUID();
    List<AuditEvent> events = events(request, AuditLog.INSERT_BATCH_MAX);
    log.recordAll(events);
    assertStored(request, events);
  }

  @Test
  void recordsSentAsArraysInAnotherStatementsRoundTripAreStoredFieldForField() throws Exception {
    String request = "batch-" + UUID.randomUUID();
    List<AuditEvent> events = events(request, 40);
    try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(AuditLog.INSERT_ALL)) {
      assertThat(AuditLog.bindAll(c, insert, 1, events)).isEqualTo(11);
      assertThat(insert.executeUpdate()).isEqualTo(events.size());
    }
    assertStored(request, events);
  }

  private static List<AuditEvent> events(String request, int count) {
    List<AuditEvent> events = new ArrayList<>();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
    for (int i = 0; i < count; i++) {
      String odd = "tab\there, line\nbreak, cr\r, back\\slash, quote\" ,comma {brace} NULL \\N #" + i;
      List<String> names = i % 2 == 0 ? null : List.of("main.s.t" + i, "NULL", "a,b", "q\"x", "b\\s", odd);
      events.add(new AuditEvent(at.plusMillis(i), request, "p" + i + odd, i % 3 == 0 ? null : "acting" + i,
          i % 4 == 0 ? null : "10.0.0." + i, "ACTION_" + i, i % 5 == 0 ? null : "TABLE", "name" + i + odd,
          AuditEvent.Result.values()[i % 4], i % 6 == 0 ? null : () -> "detail " + odd, names));
    }
    return events;
  }

  private void assertStored(String request, List<AuditEvent> events) throws Exception {
    List<List<Object>> stored = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement("SELECT occurred_at, principal, acting_principal, source_address, action,"
            + " securable_type, securable_name, result, detail, securable_names FROM audit_log WHERE request_id = ?"
            + " ORDER BY occurred_at")) {
      q.setString(1, request);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          Array names = rs.getArray(10);
          stored.add(Arrays.asList(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), rs.getString(2),
              rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
              rs.getString(9), names == null ? null : List.of((String[]) names.getArray())));
        }
      }
    }
    List<List<Object>> expected = events.stream().map(e -> Arrays.<Object>asList(e.occurredAt(), e.principal(),
        e.actingPrincipal(), e.sourceAddress(), e.action(), e.securableType(), e.securableName(), e.result().name(),
        e.renderedDetail(), e.securableNames())).toList();
    assertThat(stored).containsExactlyElementsOf(expected);
  }
}
