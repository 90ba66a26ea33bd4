package io.gatehouse.lineage;

import static io.gatehouse.lineage.Events.OL;
import static io.gatehouse.lineage.Events.in;
import static io.gatehouse.lineage.Events.out;
import static io.gatehouse.lineage.Events.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TableMappingTest {
  private final DataSource ds = TestDatabase.dataSource();
  private static final TableRef ORDERS = new TableRef(UUID.randomUUID(), "main.sales.orders");
  private static final TableRef EVENTS = new TableRef(UUID.randomUUID(), "main.web.events");
  private static final TableRef CHURN_3 = new TableRef(UUID.randomUUID(), TableRef.modelVersionName("main.ml.churn", 3));

  /** A catalog of two tables, the way the server answers: names case-insensitive, locations by prefix. */
  private final class Catalog implements TableResolver {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicBoolean failing = new AtomicBoolean();

    @Override
    public Optional<TableRef> byFullName(String fullName) {
      calls.incrementAndGet();
      check();
      return Optional.ofNullable(Map.of("main.sales.orders", ORDERS).get(fullName.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<TableRef> byStorageLocation(String location) {
      calls.incrementAndGet();
      check();
      String root = "s3://lake/web/events";
      return location.equals(root) || location.startsWith(root + "/") ? Optional.of(EVENTS) : Optional.empty();
    }

    @Override
    public Optional<TableRef> byModelVersion(String modelFullName, long version) {
      calls.incrementAndGet();
      check();
      return modelFullName.equalsIgnoreCase("main.ml.churn") && version == 3 ? Optional.of(CHURN_3) : Optional.empty();
    }

    private void check() {
      if (failing.get()) {
        throw new IllegalStateException("catalog down");
      }
    }
  }

  @Test
  void storageUrlsAndThreePartNamesFollowTheNamingRules() {
    assertThat(TableResolver.storageLocation("s3://lake", "web/events/part-0.parquet"))
        .isEqualTo("s3://lake/web/events/part-0.parquet");
    assertThat(TableResolver.storageLocation("s3://lake/", "/web/events/")).isEqualTo("s3://lake/web/events");
    assertThat(TableResolver.storageLocation("abfss://c@acct.dfs.core.windows.net", "t"))
        .isEqualTo("abfss://c@acct.dfs.core.windows.net/t");
    assertThat(TableResolver.storageLocation("file", "/tmp/data")).isEqualTo("file:///tmp/data");
    assertThat(TableResolver.storageLocation("postgres://db:5432", "db.public.t")).isNull();
    assertThat(TableResolver.isFullTableName("main.sales.orders")).isTrue();
    assertThat(TableResolver.isFullTableName("sales.orders")).isFalse();
    assertThat(TableResolver.isFullTableName("a.b.c.d")).isFalse();
  }

  @Test
  void datasetsMapByFullNameByStorageLocationOrBySymlinkAndOthersStayExternal() {
    String ns = Events.ns("mapping");
    Catalog catalog = new Catalog();
    LineageIngest ingest = new LineageIngest(ds, catalog);
    var symlinked = OL.newDatasetFacetsBuilder().symlinks(OL.newSymlinksDatasetFacet(List.of(
        OL.newSymlinksDatasetFacetIdentifiers("gatehouse", "MAIN.Sales.Orders", "TABLE")))).build();
    ingest.ingest(Events.run(ns, "spark", UUID.randomUUID(), EventType.COMPLETE, t(0),
        List.of(in("gatehouse", "main.sales.orders"), in("s3://lake", "web/events/day=1"), in(ns, "external")),
        List.of(out("hdfs://nn:8020", "/warehouse/orders_copy", symlinked))));

    assertThat(mapping("gatehouse", "main.sales.orders")).isEqualTo(ORDERS.id() + " main.sales.orders");
    assertThat(mapping("s3://lake", "web/events/day=1")).isEqualTo(EVENTS.id() + " main.web.events");
    assertThat(mapping("hdfs://nn:8020", "/warehouse/orders_copy")).isEqualTo(ORDERS.id() + " main.sales.orders");
    assertThat(mapping(ns, "external")).isEqualTo("null null");

    // The graph starts from a table's full name and carries the mapping on its nodes.
    LineageGraphResult fromTable = new LineageGraph(ds).lineage(
        GraphQuery.of(NodeRef.table("Main.Sales.Orders"), Direction.DOWNSTREAM, 1));
    assertThat(fromTable.nodes()).filteredOn(n -> n.depth() == 0).hasSize(2)
        .allSatisfy(n -> assertThat(((LineageNode.Dataset) n).tableId()).isEqualTo(ORDERS.id()));
  }

  @Test
  void mlflowModelUrisMapToTheModelVersionAndNothingElseLooksLikeOne() {
    Catalog catalog = new Catalog();
    assertThat(catalog.resolve("mlflow", "models:/main.ml.churn/3")).contains(CHURN_3);
    assertThat(catalog.resolve("anything", "MODELS:/Main.ML.Churn/3")).contains(CHURN_3);
    assertThat(catalog.resolve("mlflow", "models:/main.ml.churn/4")).isEmpty();
    for (String notOne : List.of("models:/main.ml.churn", "models:/main.ml.churn/0", "models:/main.ml.churn/-3",
        "models:/main.ml.churn/3/extra", "models:/ml.churn/3", "models:/main.ml.churn/latest",
        "models:/main.ml.churn/99999999999999999999", "models:/main.ml..churn/3", " models:/main.ml.churn/3")) {
      assertThat(catalog.resolve("mlflow", notOne)).as(notOne).isEmpty();
    }
    assertThat(TableRef.isModelVersion(CHURN_3.fullName())).isTrue();
    assertThat(TableRef.isModelVersion(ORDERS.fullName())).isFalse();

    String ns = Events.ns("models");
    LineageIngest ingest = new LineageIngest(ds, catalog);
    ingest.ingest(Events.run(ns, "train", UUID.randomUUID(), EventType.COMPLETE, t(0),
        List.of(in("gatehouse", "main.sales.orders")), List.of(out("mlflow", "models:/main.ml.churn/3"))));
    assertThat(mapping("mlflow", "models:/main.ml.churn/3")).isEqualTo(CHURN_3.id() + " main.ml.churn/3");
    LineageGraphResult upstream = new LineageGraph(ds).lineage(
        GraphQuery.of(NodeRef.table("MAIN.ml.churn/3"), Direction.UPSTREAM, 1));
    assertThat(upstream.nodes()).filteredOn(n -> n instanceof LineageNode.Dataset d && ORDERS.id().equals(d.tableId()))
        .hasSize(1);
  }

  @Test
  void columnLineageStartsFromEveryDatasetMappedToATable() {
    String ns = Events.ns("tablecolumns");
    var lineage = Events.fields();
    lineage.put("id", List.<String[]>of(new String[] {"s3://lake", "web/events/day=2", "event_id"}));
    LineageIngest ingest = new LineageIngest(ds, new Catalog());
    ingest.ingest(Events.run(ns, "copy", UUID.randomUUID(), EventType.COMPLETE, t(0),
        List.of(in("s3://lake", "web/events/day=2")),
        List.of(out(ns, "copy_of_events", OL.newDatasetFacetsBuilder().columnLineage(Events.columnLineage(lineage)).build()))));

    ColumnLineage down = new LineageGraph(ds).columnLineage(
        ColumnQuery.of(NodeRef.table("main.web.events"), "event_id", Direction.BOTH, 3));

    assertThat(down.columns()).extracting(c -> c.name() + "." + c.field() + ":" + c.depth())
        .contains("web/events/day=2.event_id:0", "copy_of_events.id:1");
    assertThat(down.columns()).filteredOn(c -> c.depth() == 0)
        .allSatisfy(c -> assertThat(c.tableId()).isEqualTo(EVENTS.id()));
    assertThat(down.edges()).singleElement().satisfies(e -> assertThat(e.jobName()).isEqualTo("copy"));
  }

  @Test
  void answersAreCachedAndAFailingResolverKeepsTheStoredMapping() {
    String ns = Events.ns("cache");
    Catalog catalog = new Catalog();
    LineageIngest ingest = new LineageIngest(ds, catalog, LineageIngest.Options.defaults().withResolverCache(Duration.ofMinutes(5), 1000));
    ingest.ingest(Events.run(ns, "j", UUID.randomUUID(), EventType.START, t(0),
        List.of(in("gatehouse", "main.sales.orders")), List.of()));
    int calls = catalog.calls.get();
    ingest.ingest(Events.run(ns, "j", UUID.randomUUID(), EventType.START, t(1),
        List.of(in("gatehouse", "main.sales.orders")), List.of()));
    assertThat(catalog.calls.get()).isEqualTo(calls);

    catalog.failing.set(true);
    LineageIngest uncached = new LineageIngest(ds, catalog, LineageIngest.Options.defaults().withResolverCache(Duration.ZERO, 1000));
    uncached.ingest(Events.run(ns, "j", UUID.randomUUID(), EventType.START, t(2),
        List.of(in("gatehouse", "main.sales.orders")), List.of()));
    assertThat(mapping("gatehouse", "main.sales.orders")).isEqualTo(ORDERS.id() + " main.sales.orders");
  }

  @Test
  void remappingPicksUpTablesCreatedAndDroppedAfterTheirDatasets() {
    String ns = Events.ns("remap");
    TableRef later = new TableRef(UUID.randomUUID(), "main.late." + ns.replace('-', '_'));
    var known = new java.util.concurrent.ConcurrentHashMap<String, TableRef>();
    TableResolver catalog = new TableResolver() {
      @Override
      public Optional<TableRef> byFullName(String fullName) {
        return Optional.ofNullable(known.get(fullName));
      }

      @Override
      public Optional<TableRef> byStorageLocation(String location) {
        return Optional.empty();
      }
    };
    // A database of its own: remapping walks every dataset.
    DataSource own = TestDatabase.database("lineage_remap", 2);
    LineageSchema.migrate(own);
    LineageIngest ingest = new LineageIngest(own, catalog);
    List<String> events = new java.util.ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      events.add(Events.run(ns, "j" + i, UUID.randomUUID(), EventType.START, t(0), List.of(in(ns, "other" + i)), List.of()));
    }
    events.add(Events.run(ns, "j", UUID.randomUUID(), EventType.START, t(0), List.of(in("gatehouse", later.fullName())),
        List.of()));
    ingest.ingestBatch(events);
    assertThat(mapping(own, "gatehouse", later.fullName())).isEqualTo("null null");

    known.put(later.fullName(), later);
    assertThat(ingest.remapDatasets()).isEqualTo(1);
    assertThat(mapping(own, "gatehouse", later.fullName())).isEqualTo(later.id() + " " + later.fullName());
    assertThat(ingest.remapDatasets()).isZero();

    known.clear();
    assertThat(ingest.remapDatasets()).isEqualTo(1);
    assertThat(mapping(own, "gatehouse", later.fullName())).isEqualTo("null null");
  }

  private String mapping(String namespace, String name) {
    return mapping(ds, namespace, name);
  }

  private static String mapping(DataSource ds, String namespace, String name) {
    Map<String, Object> row = Sql.rows(ds, "SELECT table_id, table_full_name FROM lineage.datasets WHERE id = ?",
        LineageIds.datasetId(namespace, name)).get(0);
    return row.get("table_id") + " " + row.get("table_full_name");
  }
}
