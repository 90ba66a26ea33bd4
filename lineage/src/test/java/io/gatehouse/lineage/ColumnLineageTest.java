package io.gatehouse.lineage;

import static io.gatehouse.lineage.Events.OL;
import static io.gatehouse.lineage.Events.in;
import static io.gatehouse.lineage.Events.out;
import static io.gatehouse.lineage.Events.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ColumnLineageTest {
  private final DataSource ds = TestDatabase.dataSource();
  private final LineageIngest ingest = new LineageIngest(ds, TableResolver.NONE);
  private final LineageGraph graph = new LineageGraph(ds);
  private String ns;

  /**
   * raw.customer_id -> (clean) -> customers.id -> (report) -> revenue.customer
   * raw.amount      -> (clean) -> customers.spend -> (report) -> revenue.total
   * rates.rate      -----------------------------> (report) -> revenue.total
   */
  @BeforeEach
  void pipeline() {
    ns = Events.ns("columns");
    var clean = Events.fields();
    clean.put("id", List.<String[]>of(new String[] {ns, "raw", "customer_id"}));
    clean.put("spend", List.<String[]>of(new String[] {ns, "raw", "amount"}));
    var report = Events.fields();
    report.put("customer", List.<String[]>of(new String[] {ns, "customers", "id"}));
    report.put("total", List.of(new String[] {ns, "customers", "spend"}, new String[] {ns, "rates", "rate"}));
    ingest.ingest(Events.run(ns, "clean", UUID.randomUUID(), EventType.COMPLETE, t(0), List.of(in(ns, "raw")),
        List.of(out(ns, "customers", OL.newDatasetFacetsBuilder()
            .schema(Events.schema("id", "spend")).columnLineage(Events.columnLineage(clean)).build()))));
    ingest.ingest(Events.run(ns, "report", UUID.randomUUID(), EventType.COMPLETE, t(10),
        List.of(in(ns, "customers"), in(ns, "rates")),
        List.of(out(ns, "revenue", OL.newDatasetFacetsBuilder()
            .schema(Events.schema("customer", "total")).columnLineage(Events.columnLineage(report)).build()))));
  }

  private static Set<String> columns(ColumnLineage lineage) {
    return lineage.columns().stream().map(c -> c.name() + "." + c.field() + ":" + c.depth()).collect(Collectors.toSet());
  }

  private static Set<String> edges(ColumnLineage lineage) {
    Map<UUID, String> byId = lineage.columns().stream()
        .collect(Collectors.toMap(ColumnLineage.Column::id, c -> c.name() + "." + c.field()));
    return lineage.edges().stream().map(e -> byId.get(e.from()) + ">" + byId.get(e.to()) + " by " + e.jobName())
        .collect(Collectors.toSet());
  }

  @Test
  void upstreamOfAColumnCrossesSeveralJobs() {
    ColumnLineage up = graph.columnLineage(ColumnQuery.of(NodeRef.dataset(ns, "revenue"), "total", Direction.UPSTREAM, 5));

    assertThat(columns(up)).containsExactlyInAnyOrder("revenue.total:0", "customers.spend:1", "rates.rate:1", "raw.amount:2");
    assertThat(edges(up)).containsExactlyInAnyOrder(
        "customers.spend>revenue.total by report", "rates.rate>revenue.total by report",
        "raw.amount>customers.spend by clean");
    assertThat(up.edges()).allSatisfy(e -> {
      assertThat(e.transformationType()).isEqualTo("DIRECT");
      assertThat(e.transformationSubtype()).isEqualTo("IDENTITY");
      assertThat(e.transformations()).contains("\"masking\"");
    });
    assertThat(up.columns()).filteredOn(c -> c.field().equals("total")).first()
        .satisfies(c -> assertThat(c.type()).isEqualTo("string"));
  }

  @Test
  void downstreamOfASourceColumnStopsAtTheDepth() {
    ColumnLineage one = graph.columnLineage(ColumnQuery.of(NodeRef.dataset(ns, "raw"), "amount", Direction.DOWNSTREAM, 1));
    assertThat(columns(one)).containsExactlyInAnyOrder("raw.amount:0", "customers.spend:1");

    ColumnLineage two = graph.columnLineage(ColumnQuery.of(NodeRef.dataset(ns, "raw"), "amount", Direction.DOWNSTREAM, 2));
    assertThat(columns(two)).containsExactlyInAnyOrder("raw.amount:0", "customers.spend:1", "revenue.total:2");
    assertThat(edges(two)).hasSize(2);
  }

  @Test
  void redactedColumnsHideTheirDatasetAndField() {
    ColumnLineage up = graph.columnLineage(ColumnQuery.of(NodeRef.dataset(ns, "revenue"), "customer", Direction.UPSTREAM, 5))
        .redact(c -> !"raw".equals(c.name()));

    assertThat(up.columns()).hasSize(3);
    assertThat(up.columns()).filteredOn(ColumnLineage.Column::redacted).singleElement().satisfies(c -> {
      assertThat(c.field()).isNull();
      assertThat(c.name()).isNull();
      assertThat(c.datasetId()).isEqualTo(LineageIds.datasetId(ns, "raw"));
    });
  }

  @Test
  void everyColumnOfADatasetAtOnceIsTheUnionOfItsColumnsWalks() {
    ColumnLineage all = graph.columnLineage(
        ColumnQuery.allFields(NodeRef.dataset(ns, "customers"), Direction.BOTH, 5, 1_000));

    assertThat(columns(all)).containsExactlyInAnyOrder("customers.id:0", "customers.spend:0", "raw.customer_id:1",
        "raw.amount:1", "revenue.customer:1", "revenue.total:1");
    assertThat(edges(all)).containsExactlyInAnyOrder("raw.customer_id>customers.id by clean",
        "raw.amount>customers.spend by clean", "customers.id>revenue.customer by report",
        "customers.spend>revenue.total by report");
    // rates.rate feeds revenue.total, which is downstream: walking up from it is not the walk's way.
    assertThat(columns(all)).noneMatch(c -> c.startsWith("rates."));
  }

  @Test
  void everyColumnStartsFromTheSchemaEvenWithoutEdges() {
    ColumnLineage all = graph.columnLineage(
        ColumnQuery.allFields(NodeRef.dataset(ns, "revenue"), Direction.DOWNSTREAM, 5, 1_000));

    assertThat(columns(all)).containsExactlyInAnyOrder("revenue.customer:0", "revenue.total:0");
    assertThat(all.edges()).isEmpty();
  }

  @Test
  void everyColumnAtOnceStopsAtTheWidthLimit() {
    ColumnLineage all = graph.columnLineage(
        ColumnQuery.allFields(NodeRef.dataset(ns, "customers"), Direction.BOTH, 5, 2));

    assertThat(all.truncated()).isTrue();
    assertThat(all.columns()).hasSizeLessThanOrEqualTo(2);
  }
}
