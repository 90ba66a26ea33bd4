package io.gatehouse.server.catalog;

import static io.gatehouse.server.common.SqlProbes.numbered;
import static io.gatehouse.server.common.SqlProbes.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The overlap check of every claim of a storage location reads the location index, also under the
 * generic plan PostgreSQL settles on for a statement prepared on a pooled connection. With the
 * check's parts joined by OR, and descendants as a LIKE with a parameter pattern, that plan
 * scanned every location: a create took longer the more tables existed.
 */
@QuarkusTest
class StorageLocationsPlanTest {
  @Inject AgroalDataSource dataSource;

  @Test
  void overlapChecksReadTheIndexUnderAGenericPlan() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // Enough locations that a scan of all of them is a plan the planner weighs.
        s.execute("INSERT INTO storage_locations (location, securable_type, securable_id)"
            + " SELECT 's3://plan-" + UUID.randomUUID() + "/t' || i, 'TABLE', gen_random_uuid() FROM generate_series(1, 20000) i");
        s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        s.execute("PREPARE overlapping(text[], text, text) AS " + numbered(StorageLocations.OVERLAPPING));
        s.execute("PREPARE claim(text, text, uuid, text[], text, text) AS " + numbered(StorageLocations.CLAIM));
        String path = "s3://plan/x";
        String overlapping = plan(c, "EXPLAIN EXECUTE overlapping('{s3://plan," + path + "}', '" + path + "/', '" + path + "0')");
        String claim = plan(c, "EXPLAIN EXECUTE claim('" + path + "', 'TABLE', '" + UUID.randomUUID()
            + "', '{s3://plan," + path + "}', '" + path + "/', '" + path + "0')");
        for (String plan : List.of(overlapping, claim)) {
          assertThat(plan).doesNotContain("Seq Scan")
              .contains("Index Cond: (location = ANY").contains("Index Cond: ((location ~>=~");
        }
        s.execute("DEALLOCATE overlapping");
        s.execute("DEALLOCATE claim");
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }
}
