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
 * How a REST write's own version reaches this replica's snapshot before its answer: securables
 * created or changed in place come with the version read, in one statement ({@link Load#CATALOG});
 * anything that reaches grants, filters, masks or memberships is loaded from the change log. The
 * caller's next request is decided on the write either way (PolicySnapshotChangesTest checks
 * that the snapshots equal a full load after random changes from several clients).
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

  @Test
  void createsComeWithTheVersionReadRenamesAndOwnersReachTheSnapshotAndGrantsComeFromTheChangeLog() {
    String schema = Api.schema();
    String catalog = schema.substring(0, schema.indexOf('.'));
    String user = Identities.email("catch-up");
    Identities.user(user);
    long catalogLoads = policies.loads(Load.CATALOG);
    long logLoads = policies.loads(Load.CHANGES) + policies.loads(Load.FULL);

    for (int i = 0; i < 5; i++) {
      String name = "cu" + i;
      Api.post("/tables", Api.externalTable(catalog, schema.substring(catalog.length() + 1), name,
          "s3://catch-up/" + Api.unique(name))).statusCode(200);
      // Loaded before the answer went out: the caller's next request is decided on it.
      assertThat(table(schema + "." + name)).as(name).isNotNull();
    }
    // Five versions, each loaded once, by its writer or by the listener, with the version read.
    assertThat(policies.loads(Load.CATALOG) - catalogLoads).isEqualTo(5);
    assertThat(policies.loads(Load.CHANGES) + policies.loads(Load.FULL) - logLoads).isZero();

    sql("ALTER TABLE " + schema + ".cu0 RENAME TO cu_renamed");
    assertThat(table(schema + ".cu_renamed")).isNotNull();
    assertThat(table(schema + ".cu0")).isNull();
    Api.patch("/tables/" + schema + ".cu1", Map.of("owner", user)).statusCode(200);
    assertThat(table(schema + ".cu1").owners()).isEqualTo(List.of("admin", "admin", user));

    long changeLoads = policies.loads(Load.CHANGES);
    long afterCatalogChanges = policies.loads(Load.CATALOG);
    sql("GRANT SELECT ON TABLE " + schema + ".cu2 TO `" + user + "`");
    assertThat(policies.loads(Load.CHANGES) - changeLoads).as("a grant is read from the change log").isEqualTo(1);
    assertThat(policies.loads(Load.CATALOG)).isEqualTo(afterCatalogChanges);
  }
}
