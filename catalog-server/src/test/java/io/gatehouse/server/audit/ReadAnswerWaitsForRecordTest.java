package io.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.store.EmbeddedDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A REST read goes on while its decision's record is being written, but its answer leaves only
 * once the record is in the database: held back as long as the audit trail cannot take the record.
 */
@QuarkusTest
class ReadAnswerWaitsForRecordTest {

  @Test
  void aReadIsNotAnsweredWhileItsRecordCannotBeWrittenAndIsOnceItIs() throws Exception {
    String catalog = Api.catalog();
    String request = "wait-" + Api.unique("read");
    String url = EmbeddedDatabase.start(Path.of("target/test-data")).jdbcUrl();
    CompletableFuture<Response> answer;
    try (Connection blocker = DriverManager.getConnection(url)) {
      blocker.setAutoCommit(false);
      // Inserts into the trail wait for this lock: the read's record cannot be written meanwhile.
      blocker.createStatement().execute("LOCK TABLE audit_log IN SHARE MODE");
      answer = CompletableFuture.supplyAsync(() -> Api.given().header("X-Request-Id", request)
          .get(Api.BASE + "/catalogs/" + catalog).andReturn());
      try {
        answer.get(1500, TimeUnit.MILLISECONDS);
        throw new AssertionError("the read was answered before its audit record could be written");
      } catch (TimeoutException expected) {
        // held back, as it must be
      }
      assertThat(recorded(url, request)).isZero();
      blocker.rollback();
    }
    Response response = answer.get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getString("name")).isEqualTo(catalog);
    // Answered: its record is there, whoever looks.
    assertThat(recorded(url, request)).isEqualTo(1);
  }

  private static int recorded(String url, String request) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement q = c.prepareStatement(
            "SELECT count(*) FROM audit_log WHERE request_id = ? AND action = 'GET_CATALOG' AND result = 'ALLOWED'")) {
      q.setString(1, request);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
