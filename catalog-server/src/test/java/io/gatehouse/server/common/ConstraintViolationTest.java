package io.gatehouse.server.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.Storage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Races that only the database sees, provoked through the API: the test holds a change open in a
 * transaction of its own, waits until the request's statement waits on it, then commits. Each
 * kind of violated constraint answers what it means, without table, column or constraint names.
 */
@QuarkusTest
class ConstraintViolationTest {
  @Inject AgroalDataSource dataSource;

  @Test
  void aSchemaWhoseCatalogIsDeletedMeanwhileIsNotFound() throws Exception {
    String catalog = Api.catalog();
    UUID catalogId = UUID.fromString(Api.get("/catalogs/" + catalog).statusCode(200).extract().path("id"));
    var response = racing("insert into schemas",
        () -> Api.post("/schemas", Map.of("name", "s", "catalog_name", catalog)),
        "DELETE FROM catalogs WHERE id = ?", catalogId);
    assertAnswer(response, 404, "NOT_FOUND");
    assertThat(response.<String>path("message")).contains("deleted concurrently");
  }

  @Test
  void aCatalogNameTakenMeanwhileIsAConflict() throws Exception {
    String name = Api.unique("taken");
    var response = racing("insert into catalogs",
        () -> Api.post("/catalogs", Map.of("name", name)),
        "INSERT INTO catalogs (id, name, owner, created_at, created_by, updated_at, updated_by)"
            + " VALUES (gen_random_uuid(), ?, 'admin', now(), 'admin', now(), 'admin')", name.toUpperCase());
    assertAnswer(response, 409, "ALREADY_EXISTS");
    Api.get("/catalogs/" + name).statusCode(200);
  }

  @Test
  void aCredentialThatCameIntoUseMeanwhileIsNotDeleted() throws Exception {
    String credential = Storage.credential("arn:aws:iam::123456789012:role/raced", null);
    UUID credentialId = UUID.fromString(Api.get("/credentials/" + credential).statusCode(200).extract().path("id"));
    var response = racing("delete from storage_credentials",
        () -> Api.delete("/credentials/" + credential),
        "INSERT INTO external_locations (id, name, owner, url, credential_id, created_at, created_by, updated_at, updated_by)"
            + " VALUES (gen_random_uuid(), ?, 'admin', ?, ?, now(), 'admin', now(), 'admin')",
        Api.unique("raced"), "s3://raced-" + UUID.randomUUID(), credentialId);
    assertAnswer(response, 400, "FAILED_PRECONDITION");
    Api.get("/credentials/" + credential).statusCode(200);
  }

  @Test
  void aValueOnlyACheckConstraintRefusesIsABadRequest() throws Exception {
    // No request reaches a check constraint (validation comes first), so the refusal is taken
    // from PostgreSQL directly: the one check of the schema, on the policy version's row.
    SQLException refused;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("UPDATE policy_state SET id = 2 WHERE id = 1")) {
        refused = catchThrowableOfType(SQLException.class, s::executeUpdate);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
    assertThat(refused.getSQLState()).isEqualTo("23514");
    GatehouseException answer = ConstraintViolations.translate(new RuntimeException(refused));
    assertThat(answer.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(answer.getMessage()).doesNotContain("policy_state").doesNotContain("check");
  }

  private static void assertAnswer(ExtractableResponse<Response> response, int status, String code) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.<String>path("error_code")).isEqualTo(code);
    assertThat(response.<String>path("details[0].reason")).isEqualTo(code);
    assertThat(response.asString().toLowerCase())
        .doesNotContain("constraint").doesNotContain("_key").doesNotContain("fkey").doesNotContain("insert ")
        .doesNotContain("delete ").doesNotContain("sqlstate");
  }

  /**
   * Holds {@code held} open in a transaction, sends {@code request}, waits until a statement like
   * {@code waitingStatement} waits for a lock, commits, and returns the request's answer.
   */
  private ExtractableResponse<Response> racing(String waitingStatement, Supplier<ValidatableResponse> request,
      String held, Object... params) throws Exception {
    ExecutorService client = Executors.newSingleThreadExecutor();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(held)) {
        for (int i = 0; i < params.length; i++) {
          s.setObject(i + 1, params[i]);
        }
        s.executeUpdate();
      }
      Future<ExtractableResponse<Response>> answer = client.submit(() -> request.get().extract());
      awaitWaiting(waitingStatement);
      c.commit();
      c.setAutoCommit(true);
      return answer.get(60, TimeUnit.SECONDS);
    } finally {
      client.shutdownNow();
    }
  }

  private void awaitWaiting(String statement) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
            + " WHERE wait_event_type = 'Lock' AND lower(query) LIKE ?")) {
      q.setString(1, "%" + statement + "%");
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("no request waited on the held transaction: " + statement);
  }
}
