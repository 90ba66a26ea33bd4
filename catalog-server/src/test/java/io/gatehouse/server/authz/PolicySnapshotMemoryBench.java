package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.Grant;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The whole policy snapshot at the size the engine hot path issue names: 100,000 tables and
 * 1,000,000 grants (ten principals' grants per table, from 1,000 principals), inserted in a
 * transaction that is rolled back and loaded inside it by the code a replica loads with. Prints
 * the load times, the heap the snapshot holds, and a catalog change applied to it.
 *
 * <p>A measurement, not a test: run it in a JVM capped as the server would be, e.g.
 * {@code ./mvnw -pl catalog-server -am verify -Dtest=PolicySnapshotMemoryBench
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dbench.policy-memory=true -DargLine=-Xmx1g}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench.policy-memory", matches = "true")
class PolicySnapshotMemoryBench {
  private static final int TABLES = 100_000;
  private static final int PRINCIPALS = 1_000;
  private static final int GRANTS_PER_TABLE = Integer.getInteger("bench.grants-per-table", 10);
  private static final String CATALOG = "00000000-0000-0000-0000-0000000b0002";

  @Inject PolicyStore policies;
  @Inject AgroalDataSource dataSource;

  @Test
  void oneHundredThousandTablesAndOneMillionGrants() throws Exception {
    System.out.printf("max heap %.0f MB, %d grants per table%n", Runtime.getRuntime().maxMemory() / 1e6, GRANTS_PER_TABLE);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try (Statement s = c.createStatement()) {
        long seeded = System.nanoTime();
        s.execute("INSERT INTO principals (id, kind, name, created_at, updated_at)"
            + " SELECT ('00000000-0000-0000-0001-' || lpad(i::text, 12, '0'))::uuid, 'USER', 'mem_user_' || i || '@example.com',"
            + " now(), now() FROM generate_series(0, " + (PRINCIPALS - 1) + ") i");
        s.execute("INSERT INTO catalogs (id, name, owner, created_at, created_by, updated_at, updated_by)"
            + " VALUES ('" + CATALOG + "', 'bench_mem', 'bench', now(), 'bench', now(), 'bench')");
        s.execute("INSERT INTO schemas (id, catalog_id, name, owner, created_at, created_by, updated_at, updated_by)"
            + " SELECT gen_random_uuid(), '" + CATALOG + "', 's' || i, 'bench', now(), 'bench', now(), 'bench'"
            + " FROM generate_series(1, 100) i");
        s.execute("INSERT INTO tables (id, schema_id, name, table_type, owner, created_at, created_by, updated_at, updated_by)"
            + " SELECT gen_random_uuid(), s.id, 'table_number_' || i, 'EXTERNAL', 'owner_' || (i % 50), now(), 'bench', now(), 'bench'"
            + " FROM schemas s CROSS JOIN generate_series(1, " + (TABLES / 100) + ") i WHERE s.catalog_id = '" + CATALOG + "'");
        s.execute("INSERT INTO grants (securable_type, securable_id, principal_id, privilege, granted_by, granted_at)"
            + " SELECT 'TABLE', t.id, ('00000000-0000-0000-0001-' || lpad(((t.n * 7 + k) % " + PRINCIPALS + ")::text, 12, '0'))::uuid,"
            + " 'SELECT', 'bench', now()"
            + " FROM (SELECT id, row_number() OVER () AS n FROM tables WHERE schema_id IN"
            + "   (SELECT id FROM schemas WHERE catalog_id = '" + CATALOG + "')) t CROSS JOIN generate_series(1, " + GRANTS_PER_TABLE + ") k");
        s.execute("ANALYZE");
        System.out.printf("seeded %d tables and %d grants in %d s%n", TABLES, TABLES * GRANTS_PER_TABLE,
            (System.nanoTime() - seeded) / 1_000_000_000);

        for (int round = 0; round < 2; round++) {
          System.gc();
          long before = usedHeap();
          long started = System.nanoTime();
          List<Grant> grants = PolicyStore.grants(c);
          long loaded = System.nanoTime();
          System.gc();
          System.out.printf("%d grants as loaded: %.0f MB in %d ms%n", grants.size(), (usedHeap() - before) / 1e6,
              (loaded - started) / 1_000_000);
          CatalogSnapshot catalog = policies.catalog(c);
          long catalogLoaded = System.nanoTime();
          PolicySnapshot snapshot = PolicySnapshot.of(round + 1, grants, List.of(), List.of()).withCatalog(catalog);
          long compiled = System.nanoTime();
          grants = null;
          System.gc();
          long held = usedHeap() - before;

          Target table = catalog.byName(SecurableType.TABLE, "bench_mem.s7.table_number_42");
          assertThat(table).isNotNull();
          long changed = System.nanoTime();
          CatalogSnapshot next = catalog.with(List.of(new CatalogSnapshot.Row(SecurableType.TABLE,
              "00000000-0000-0000-0002-000000000001", "new_table", table.securable().path().get(1), "bench")), List.of());
          long changeMicros = (System.nanoTime() - changed) / 1_000;
          assertThat(next.byName(SecurableType.TABLE, "bench_mem.s7.new_table")).isNotNull();

          int allowed = 0;
          for (int p = 0; p < PRINCIPALS; p++) {
            Subject subject = new Subject("mem_user_" + p + "@example.com", Set.of(), false);
            allowed += AccessCheck.has(snapshot, subject, Privilege.SELECT, table).allowed() ? 1 : 0;
          }
          assertThat(allowed).as("the table's ten grantees").isEqualTo(GRANTS_PER_TABLE);
          Subject[] subjects = new Subject[PRINCIPALS];
          for (int p = 0; p < PRINCIPALS; p++) {
            subjects[p] = new Subject("mem_user_" + p + "@example.com", Set.of(), false);
          }
          long decided = 0;
          long decisionsStarted = System.nanoTime();
          for (int r = 0; r < 200; r++) {
            for (Subject subject : subjects) {
              decided += AccessCheck.has(snapshot, subject, Privilege.SELECT, table).allowed() ? 1 : 0;
            }
          }
          System.out.printf("SELECT on one table decided for %d principals in turn: %.2f us per decision (%d allowed)%n",
              PRINCIPALS, (System.nanoTime() - decisionsStarted) / 1e3 / (200.0 * PRINCIPALS), decided);
          List<Grant> more = new java.util.ArrayList<>(PolicyStore.grants(c));
          more.add(new Grant("mem_user_0@example.com", Privilege.MODIFY, table.securable()));
          long regranted = System.nanoTime();
          PolicySnapshot granted = snapshot.next(snapshot.version() + 1, more, List.of(), List.of());
          System.out.printf("one grant more: the next snapshot compiled in %d ms (grants read again before it)%n",
              (System.nanoTime() - regranted) / 1_000_000);
          assertThat(AccessCheck.has(granted, subjects[0], Privilege.MODIFY, table).allowed()).isTrue();
          if (round == 1) {
            try (java.sql.PreparedStatement explain = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + PolicyStore.GRANTS_ON)) {
              explain.setArray(1, c.createArrayOf("uuid", new Object[] {table.securable().id()}));
              explain.setArray(2, c.createArrayOf("uuid", new Object[] {table.securable().id()}));
              try (java.sql.ResultSet plan = explain.executeQuery()) {
                while (plan.next()) {
                  System.out.println("  " + plan.getString(1));
                }
              }
            }
          }
          for (int change = 0; change < 5; change++) {
            long incrementalStarted = System.nanoTime();
            Set<String> ids = Set.of(table.securable().id());
            List<Grant> onTable = new java.util.ArrayList<>(PolicyStore.grantsOn(c, ids));
            long read = System.nanoTime();
            onTable.add(new Grant("mem_user_" + change + "@example.com", Privilege.MODIFY, table.securable()));
            PolicySnapshot moved = snapshot.withGrantsOn(snapshot.version() + 1, ids, onTable);
            System.out.printf("one grant more, as a replica following the change log applies it: its securable's grants read"
                    + " in %.1f ms, the snapshot moved in %.1f ms%n", (read - incrementalStarted) / 1e6, (System.nanoTime() - read) / 1e6);
            assertThat(AccessCheck.has(moved, subjects[change], Privilege.MODIFY, table).allowed()).isTrue();
            assertThat(AccessCheck.has(snapshot, subjects[change], Privilege.MODIFY, table).allowed()).isFalse();
          }
          more = null;
          granted = null;
          System.out.printf("policy snapshot: %d grants read in %d ms, %d securables in %d ms, compiled in %d ms;"
                  + " %.0f MB of heap held (max heap %.0f MB); a table added to it in %d us%n",
              snapshot.version() > 0 ? TABLES * GRANTS_PER_TABLE : 0, (loaded - started) / 1_000_000, catalog.size(),
              (catalogLoaded - loaded) / 1_000_000, (compiled - catalogLoaded) / 1_000_000, held / 1e6,
              Runtime.getRuntime().maxMemory() / 1e6, changeMicros);
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
