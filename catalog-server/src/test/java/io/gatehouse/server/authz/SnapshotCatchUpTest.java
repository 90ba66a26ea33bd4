package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.PolicyStore.Load;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  @Inject
  AgroalDataSource dataSource;

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

  /**
   * Writers answered together, whose catch-ups overlap: each finds its own write in the snapshot
   * the moment its answer arrives, whichever read (its own, another writer's, the listener's)
   * loaded it.
   */
  @Test
  void concurrentWritersEachReadTheirOwnWrite() throws Exception {
    String schema = Api.schema();
    String catalog = schema.substring(0, schema.indexOf('.'));
    String schemaName = schema.substring(catalog.length() + 1);
    int writers = 8;
    int each = 15;
    long before = loads();
    long version = policies.current().version();
    var pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        results.add(pool.submit(() -> {
          List<String> missed = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            String name = "cw" + writer + "_" + i;
            Api.post("/tables", Api.externalTable(catalog, schemaName, name, "s3://catch-up/" + Api.unique(name)))
                .statusCode(200);
            if (table(schema + "." + name) == null) {
              missed.add(name);
            }
          }
          return missed;
        }));
      }
      for (Future<List<String>> result : results) {
        assertThat(result.get(2, TimeUnit.MINUTES)).as("tables missing from the snapshot after their answer").isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    // No version loaded twice.
    long moved = policies.current().version() - version;
    assertThat(moved).isGreaterThanOrEqualTo((long) writers * each);
    assertThat(loads() - before).isBetween(1L, moved);
  }

  /**
   * Anyone who can reach the database can send on the listener's channel. Notifications that lie
   * (a version already loaded, sent over and over; garbage; a version from the far future) neither
   * stop the listener nor keep it from a version whose own notification never came: it still asks
   * the database once the snapshot has gone unconfirmed for the check interval.
   */
  @Test
  void notificationsThatLieDoNotHoldTheSnapshotOnAnOldVersion() throws Exception {
    // Only a version already loaded, over and over: the database is asked all the same.
    String loaded = Long.toString(policies.current().version());
    assertThat(reachesAVersionNotNotified(loaded)).isTrue();
    // Garbage and versions that cannot be: read as no version, the database asked at once.
    assertThat(reachesAVersionNotNotified("not-a-version", "-1", "9223372036854775807x", "")).isTrue();
    assertThat(policies.age()).isLessThan(Duration.ofSeconds(5));
  }

  /**
   * Moves the version with no notification of its own (as if it had been lost), sends {@code lies}
   * on the listener's channel in turn, and tells whether this replica reaches the version in 15 s.
   */
  private boolean reachesAVersionNotNotified(String... lies) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      long moved;
      try (ResultSet rs = s.executeQuery("UPDATE policy_state SET version = version + 1 WHERE id = 1 RETURNING version")) {
        rs.next();
        moved = rs.getLong(1);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      for (int i = 0; policies.current().version() < moved && System.nanoTime() < deadline; i++) {
        s.execute("NOTIFY " + PolicyStore.CHANNEL + ", '" + lies[i % lies.length] + "'");
        Thread.sleep(20);
      }
      return policies.current().version() >= moved;
    }
  }
}
