package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.SecurableType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long loading the catalog snapshot takes, and how much heap it holds, at 100,000 tables: the
 * tables are inserted in a transaction that is rolled back, and the snapshot is loaded inside it.
 * A measurement, not a test: run with {@code -Dbench.catalog-snapshot=true}; it prints its figures.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench.catalog-snapshot", matches = "true")
class CatalogSnapshotLoadBench {
  private static final int TABLES = 100_000;

  @Inject PolicyStore policies;
  @Inject AgroalDataSource dataSource;

  @Test
  void loadsOneHundredThousandTables() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO catalogs (id, name, owner, created_at, created_by, updated_at, updated_by)"
            + " VALUES ('00000000-0000-0000-0000-0000000b0001', 'bench_csnap', 'bench', now(), 'bench', now(), 'bench')");
        s.execute("INSERT INTO schemas (id, catalog_id, name, owner, created_at, created_by, updated_at, updated_by)"
            + " SELECT gen_random_uuid(), '00000000-0000-0000-0000-0000000b0001', 's' || i, 'bench', now(), 'bench', now(), 'bench'"
            + " FROM generate_series(1, 100) i");
        s.execute("INSERT INTO tables (id, schema_id, name, table_type, owner, created_at, created_by, updated_at, updated_by)"
            + " SELECT gen_random_uuid(), s.id, 'table_number_' || i, 'EXTERNAL', 'owner_' || (i % 50), now(), 'bench', now(), 'bench'"
            + " FROM schemas s CROSS JOIN generate_series(1, " + (TABLES / 100) + ") i"
            + " WHERE s.catalog_id = '00000000-0000-0000-0000-0000000b0001'");
        s.execute("ANALYZE tables");
        for (int round = 0; round < 5; round++) {
          System.gc();
          long before = usedHeap();
          long started = System.nanoTime();
          CatalogSnapshot snapshot = policies.catalog(c);
          long millis = (System.nanoTime() - started) / 1_000_000;
          System.gc();
          long after = usedHeap();
          assertThat(snapshot.byName(SecurableType.TABLE, "bench_csnap.s7.table_number_42")).isNotNull();
          System.out.printf("catalog snapshot: %d securables loaded in %d ms, %.1f MB of heap%n",
              snapshot.size(), millis, (after - before) / 1e6);
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
