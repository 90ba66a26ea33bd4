package io.gatehouse.server.lineage;

import static io.gatehouse.server.common.SqlProbes.numbered;
import static io.gatehouse.server.common.SqlProbes.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The remap watcher's check reads the change log by its version index, also under the generic
 * plan of a statement prepared on a pooled connection, so that it costs the same however long the
 * log and the catalog are. It used to count every table, schema and storage location at each check.
 */
@QuarkusTest
class RemapWatcherPlanTest {
  @Inject AgroalDataSource dataSource;

  @Test
  void theCheckReadsTheChangeLogByItsIndexAndCountsNoTable() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // A long log of grant changes, which is what a scan would have to read through.
        s.execute("INSERT INTO policy_changes (version, source, op)"
            + " SELECT 1000000000 + i, 'grants', 'INSERT' FROM generate_series(1, 50000) i");
        s.execute("ANALYZE policy_changes");
        s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        s.execute("PREPARE remap_check(bigint, bigint) AS " + numbered(RemapWatcher.CHECK));
        String plan = plan(c, "EXPLAIN EXECUTE remap_check(1000049000, 1000049000)");
        assertThat(plan)
            .contains("Index Scan using policy_changes_version on policy_changes")
            .doesNotContain("Seq Scan on policy_changes")
            .doesNotContain("on tables").doesNotContain("on storage_locations").doesNotContain("on schemas");
        s.execute("DEALLOCATE remap_check");
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }
}
