package io.gatehouse.lineage;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * For looking at plans by hand: loads the workload into "lineage_dev" through batches, prints how
 * to connect with psql and keeps PostgreSQL up for {@code -Ddev.minutes} (default 30).
 *
 * <pre>
 * ./mvnw -q -B -pl lineage test -Dtest=LineageDevDatabase -Dlineage.excludedGroups= -Ddev.jobsPerLayer=500
 * </pre>
 */
@Tag("bench")
class LineageDevDatabase {
  /** Writes the ingestion statement of a few new events, parameters inlined, to target/ingest-*.sql. */
  @Test
  void writeIngestStatements() throws Exception {
    DataSource ds = TestDatabase.dataSource();
    List<String> events = new LineageWorkload(3, 10, 99).events();
    EventParser parser = new EventParser();
    int[] picks = {20, 21, 40};
    for (int pick : picks) {
      Projection p = new Projection();
      ParsedEvent event = parser.parse(events.get(pick));
      p.add(event);
      try (Connection c = ds.getConnection()) {
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "ingest-" + pick + ".sql"),
            IngestStatement.describe(c, List.of(event), p) + ";\n");
      }
    }
  }

  @Test
  void loadAndWait() throws Exception {
    var workload = new LineageWorkload(20, Integer.getInteger("dev.jobsPerLayer", 500), 42);
    DataSource ds = TestDatabase.database("lineage_dev", 4);
    LineageSchema.migrate(ds);
    LineageIngest ingest = new LineageIngest(ds, TableResolver.NONE);
    List<String> events = workload.events();
    for (int i = 0; i < events.size(); i += 1000) {
      ingest.ingestBatch(events.subList(i, Math.min(events.size(), i + 1000)));
    }
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
      System.out.println("READY " + c.getMetaData().getURL());
    }
    Thread.sleep(Integer.getInteger("dev.minutes", 30) * 60_000L);
  }
}
