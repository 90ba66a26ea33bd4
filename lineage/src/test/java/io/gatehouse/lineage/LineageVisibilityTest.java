package io.gatehouse.lineage;

import static io.gatehouse.lineage.Events.in;
import static io.gatehouse.lineage.Events.out;
import static io.gatehouse.lineage.Events.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The visibility rules over a real neighbourhood:
 *
 * <pre>
 *   s3://drop/a.csv -> load_secret -> secret ---\
 *                                                +-> join -> report
 *   s3://drop/b.csv -> load_public -> public ---/
 *   (orphan job: no datasets)
 * </pre>
 *
 * The caller may see the tables {@code public} and {@code report}, not {@code secret}.
 */
class LineageVisibilityTest {
  private final DataSource ds = TestDatabase.dataSource();
  private final UUID secret = UUID.randomUUID();
  private final UUID open = UUID.randomUUID();
  private final UUID report = UUID.randomUUID();

  @Test
  void jobsAndExternalDatasetsAreVisibleOnlyNextToWhatTheCallerMaySee() {
    String ns = Events.ns("visibility");
    Map<String, UUID> tables = Map.of(ns + ".s.secret", secret, ns + ".s.public", open, ns + ".s.report", report);
    LineageIngest ingest = new LineageIngest(ds, new TableResolver() {
      @Override
      public Optional<TableRef> byFullName(String fullName) {
        return Optional.ofNullable(tables.get(fullName)).map(id -> new TableRef(id, fullName));
      }

      @Override
      public Optional<TableRef> byStorageLocation(String location) {
        return Optional.empty();
      }
    });
    String s = ns + ".s.";
    ingest.ingest(Events.run(ns, "load_secret", UUID.randomUUID(), EventType.COMPLETE, t(0),
        List.of(in("s3://drop", "a.csv")), List.of(out(ns, s + "secret"))));
    ingest.ingest(Events.run(ns, "load_public", UUID.randomUUID(), EventType.COMPLETE, t(0),
        List.of(in("s3://drop", "b.csv")), List.of(out(ns, s + "public"))));
    ingest.ingest(Events.run(ns, "join", UUID.randomUUID(), EventType.COMPLETE, t(0),
        List.of(in(ns, s + "secret"), in(ns, s + "public")), List.of(out(ns, s + "report"))));
    ingest.ingest(Events.run(ns, "orphan", UUID.randomUUID(), EventType.COMPLETE, t(0), List.of(), List.of()));
    ingest.close();

    UUID a = LineageIds.datasetId("s3://drop", "a.csv");
    UUID b = LineageIds.datasetId("s3://drop", "b.csv");
    UUID unknown = LineageIds.datasetId("s3://drop", "never.csv");
    UUID loadSecret = LineageIds.jobId(ns, "load_secret");
    UUID loadPublic = LineageIds.jobId(ns, "load_public");
    UUID join = LineageIds.jobId(ns, "join");
    UUID orphan = LineageIds.jobId(ns, "orphan");
    Neighbourhood hood = new LineageGraph(ds).neighbourhood(
        Set.of(a, b, unknown, LineageIds.datasetId(ns, s + "secret")), Set.of(loadSecret, loadPublic, join, orphan), Set.of());
    LineageVisibility.Tables caller = new LineageVisibility.Tables() {
      @Override
      public boolean visible(UUID tableId) {
        return tableId.equals(open) || tableId.equals(report);
      }

      @Override
      public boolean gone(UUID tableId) {
        return false;
      }
    };
    LineageVisibility seen = new LineageVisibility(hood, caller, false);
    assertThat(seen.dataset(LineageIds.datasetId(ns, s + "secret"))).isFalse();
    assertThat(seen.dataset(b)).as("feeds a visible table").isTrue();
    assertThat(seen.dataset(a)).as("feeds only a hidden table").isFalse();
    assertThat(seen.dataset(unknown)).isFalse();
    assertThat(seen.job(loadPublic)).isTrue();
    assertThat(seen.job(loadSecret)).isFalse();
    assertThat(seen.job(join)).as("reads a hidden table").isFalse();
    assertThat(seen.job(orphan)).as("touches nothing").isFalse();

    LineageVisibility admin = new LineageVisibility(hood, caller, true);
    assertThat(admin.dataset(a)).isTrue();
    assertThat(admin.job(join)).isTrue();
    assertThat(admin.dataset(unknown)).isFalse();

    // secret's table dropped: it counts as external, and feeds the visible report.
    Neighbourhood gone = new LineageGraph(ds).neighbourhood(Set.of(LineageIds.datasetId(ns, s + "secret")), Set.of(join), Set.of(secret));
    LineageVisibility afterDrop = new LineageVisibility(gone, new LineageVisibility.Tables() {
      @Override
      public boolean visible(UUID tableId) {
        return caller.visible(tableId);
      }

      @Override
      public boolean gone(UUID tableId) {
        return tableId.equals(secret);
      }
    }, false);
    assertThat(afterDrop.dataset(LineageIds.datasetId(ns, s + "secret"))).isTrue();
    assertThat(afterDrop.job(join)).isTrue();
  }
}
