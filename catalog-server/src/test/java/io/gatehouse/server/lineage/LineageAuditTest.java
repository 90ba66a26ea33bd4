package io.gatehouse.server.lineage;

import static io.gatehouse.server.lineage.Lineage.in;
import static io.gatehouse.server.lineage.Lineage.out;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.store.EmbeddedDatabase;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A single lineage event and the audit record of the decision that accepted it are written in one
 * statement and one commit: an accepted event has exactly its record, and an event whose record
 * the database refuses is not stored and is answered 503, while the events that shared its group
 * are stored with their records. The refusal is real: a trigger on audit_log raises for the
 * EMIT_LINEAGE records of one principal, as a full disk or a lost link would fail them.
 */
@QuarkusTest
class LineageAuditTest {
  private static final int EACH = 24;

  @Inject AgroalDataSource dataSource;

  /** A new pipeline: its name and its token. */
  private static String[] pipeline() {
    String appId = Api.unique("audited-pipeline");
    Identities.servicePrincipal(appId);
    Lineage.sql("GRANT EMIT LINEAGE ON METASTORE TO `" + appId + "`");
    String token = Api.json().body(Map.of("application_id", appId, "comment", "lineage"))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(200).extract().path("token_value");
    return new String[] {appId, token};
  }

  private static String event(String ns, int i) {
    return OpenLineageClientUtils.toJson(Lineage.run(ns, "job" + i, UUID.randomUUID(), EventType.COMPLETE, i,
        List.of(in(ns, "a" + i)), List.of(out(ns, "b" + i))));
  }

  private static ExtractableResponse<Response> send(String token, String event) {
    return Identities.as(token).contentType("application/json").body(event).post("/api/v1/lineage").then().extract();
  }

  /** Sends {@code EACH} events of each pipeline, interleaved, 8 at a time: they share groups. */
  private static List<ExtractableResponse<Response>> sendInterleaved(String[] tokens, String[] namespaces)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ExtractableResponse<Response>>> sent = new ArrayList<>();
      for (int i = 0; i < EACH; i++) {
        for (int p = 0; p < tokens.length; p++) {
          String token = tokens[p];
          String event = event(namespaces[p], i);
          sent.add(pool.submit(() -> send(token, event)));
        }
      }
      List<ExtractableResponse<Response>> responses = new ArrayList<>();
      for (Future<ExtractableResponse<Response>> f : sent) {
        responses.add(f.get());
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  private long storedEvents(String ns) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement(
            "SELECT count(*) FROM lineage.events WHERE payload -> 'job' ->> 'namespace' = ?")) {
      q.setString(1, ns);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The EMIT_LINEAGE records of {@code principal}: result and request id. */
  private List<List<String>> records(String principal) throws Exception {
    List<List<String>> records = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement("SELECT result, request_id, securable_type FROM audit_log"
            + " WHERE principal = ? AND action = 'EMIT_LINEAGE'")) {
      q.setString(1, principal);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          records.add(List.of(rs.getString(1), String.valueOf(rs.getString(2)), String.valueOf(rs.getString(3))));
        }
      }
    }
    return records;
  }

  @Test
  void everyAcceptedEventHasExactlyTheRecordOfItsDecision() throws Exception {
    String[] first = pipeline();
    String[] second = pipeline();
    String[] namespaces = {Lineage.ns("audited-a"), Lineage.ns("audited-b")};
    List<ExtractableResponse<Response>> responses =
        sendInterleaved(new String[] {first[1], second[1]}, namespaces);

    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.asString()).isEqualTo(201));
    assertThat(storedEvents(namespaces[0])).isEqualTo(EACH);
    assertThat(storedEvents(namespaces[1])).isEqualTo(EACH);
    for (String principal : new String[] {first[0], second[0]}) {
      List<List<String>> records = records(principal);
      assertThat(records).hasSize(EACH).allSatisfy(r -> {
        assertThat(r.get(0)).isEqualTo("ALLOWED");
        assertThat(r.get(2)).isEqualTo("metastore");
      });
      assertThat(records.stream().map(r -> r.get(1)).distinct()).hasSize(EACH);
    }
  }

  @Test
  void anEventWhoseRecordIsRefusedIsNotStoredAndItsGroupNeighboursAre() throws Exception {
    String[] refused = pipeline();
    String[] accepted = pipeline();
    String[] namespaces = {Lineage.ns("unaudited"), Lineage.ns("audited")};
    List<ExtractableResponse<Response>> responses;
    String url = EmbeddedDatabase.start(Path.of("target/test-data")).jdbcUrl();
    String name = "refuse_lineage_" + Math.abs(refused[0].hashCode());
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " IF NEW.principal = '" + refused[0] + "' AND NEW.action = 'EMIT_LINEAGE' THEN RAISE EXCEPTION 'audit refused by the test'; END IF;"
          + " RETURN NEW; END $$");
      s.execute("CREATE TRIGGER " + name + " BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION " + name + "()");
      try {
        responses = sendInterleaved(new String[] {refused[1], accepted[1]}, namespaces);
      } finally {
        s.execute("DROP TRIGGER " + name + " ON audit_log");
        s.execute("DROP FUNCTION " + name + "()");
      }
    }

    for (int i = 0; i < responses.size(); i++) {
      ExtractableResponse<Response> r = responses.get(i);
      if (i % 2 == 0) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(503);
        assertThat(r.<String>path("error_code")).isEqualTo("UNAVAILABLE");
        assertThat(r.<String>path("message")).contains("audit record").doesNotContain("refused by the test");
        assertThat(r.header("Retry-After")).isNotNull();
      } else {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
      }
    }
    assertThat(storedEvents(namespaces[0])).isZero();
    assertThat(records(refused[0])).isEmpty();
    assertThat(storedEvents(namespaces[1])).isEqualTo(EACH);
    assertThat(records(accepted[0])).hasSize(EACH);
  }
}
