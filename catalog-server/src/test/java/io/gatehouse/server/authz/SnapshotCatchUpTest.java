package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.PolicyStore.Load;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A REST write's own version reaches this replica's snapshot before its answer, and each version
 * is loaded once: by its writer (SnapshotAfterWrite) or by the listener, which reads nothing for a
 * notified version already loaded. PolicySnapshotChangesTest checks that the snapshots equal a
 * full load after random changes from several clients.
 */
@QuarkusTest
class SnapshotCatchUpTest {
  private static final String SQL = "/api/gatehouse/v1/sql";

  @Inject
  PolicyStore policies;

  private static void sql(String statement) {
    Api.json().body(Map.of("statement", statement)).post(SQL).then().statusCode(200);
  }

  private Target table(String fullName) {
    return policies.current().catalog().byName(SecurableType.TABLE, fullName);
  }

  private long loads() {
    return policies.loads(Load.CHANGES) + policies.loads(Load.FULL);
  }

  @Test
  void eachWritersVersionIsInTheSnapshotBeforeItsAnswerAndLoadedOnce() {
    String schema = Api.schema();
    String catalog = schema.substring(0, schema.indexOf('.'));
    String user = Identities.email("catch-up");
    Identities.user(user);
    long before = loads();
    long full = policies.loads(Load.FULL);
    long version = policies.current().version();

    for (int i = 0; i < 5; i++) {
      String name = "cu" + i;
      Api.post("/tables", Api.externalTable(catalog, schema.substring(catalog.length() + 1), name,
          "s3://catch-up/" + Api.unique(name))).statusCode(200);
      // Loaded before the answer went out: the caller's next request is decided on it.
      assertThat(table(schema + "." + name)).as(name).isNotNull();
    }
    sql("ALTER TABLE " + schema + ".cu0 RENAME TO cu_renamed");
    assertThat(table(schema + ".cu_renamed")).isNotNull();
    assertThat(table(schema + ".cu0")).isNull();
    Api.patch("/tables/" + schema + ".cu1", Map.of("owner", user)).statusCode(200);
    assertThat(table(schema + ".cu1").owners()).isEqualTo(List.of("admin", "admin", user));
    sql("GRANT SELECT ON TABLE " + schema + ".cu2 TO `" + user + "`");

    // One load per version moved: none twice (by the writer and again by the listener).
    long moved = policies.current().version() - version;
    assertThat(moved).isGreaterThanOrEqualTo(8);
    assertThat(loads() - before).isBetween(1L, moved);
    assertThat(policies.loads(Load.FULL)).as("each from the change log").isEqualTo(full);
  }
}
