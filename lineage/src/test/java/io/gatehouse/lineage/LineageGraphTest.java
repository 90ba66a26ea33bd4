package io.gatehouse.lineage;

import static io.gatehouse.lineage.Events.in;
import static io.gatehouse.lineage.Events.out;
import static io.gatehouse.lineage.Events.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openlineage.client.OpenLineage.InputDataset;
import io.openlineage.client.OpenLineage.OutputDataset;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class LineageGraphTest {
  private final DataSource ds = TestDatabase.dataSource();
  private final LineageIngest ingest = new LineageIngest(ds, TableResolver.NONE);
  private final LineageGraph graph = new LineageGraph(ds);

  /** One run of {@code job}: START and COMPLETE. Returns the run id. */
  private UUID run(String ns, String job, List<String> inputs, List<String> outputs) {
    UUID run = UUID.randomUUID();
    List<InputDataset> ins = inputs.stream().map(n -> in(ns, n)).toList();
    List<OutputDataset> outs = outputs.stream().map(n -> out(ns, n)).toList();
    ingest.ingestBatch(List.of(
        Events.run(ns, job, run, EventType.START, t(0), ins, outs),
        Events.run(ns, job, run, EventType.COMPLETE, t(1), ins, outs)));
    return run;
  }

  /** Node names with their depth, e.g. "A:0", "j1:1"; jobs and datasets alike. */
  private static Set<String> names(LineageGraphResult result) {
    return result.nodes().stream().map(n -> name(n) + ":" + n.depth()).collect(Collectors.toSet());
  }

  private static String name(LineageNode n) {
    return n instanceof LineageNode.Dataset d ? d.name() : ((LineageNode.Job) n).name();
  }

  /** Edges as "from>to" by name. */
  private static Set<String> edges(LineageGraphResult result) {
    Map<UUID, String> byId = result.nodes().stream().collect(Collectors.toMap(LineageNode::id, LineageGraphTest::name));
    return result.edges().stream().map(e -> byId.get(e.from()) + ">" + byId.get(e.to())).collect(Collectors.toSet());
  }

  @Test
  void diamondDownstreamGrowsOneJobPerDepth() {
    String ns = Events.ns("diamond");
    run(ns, "j1", List.of("A"), List.of("B"));
    run(ns, "j2", List.of("A"), List.of("C"));
    UUID j3run = run(ns, "j3", List.of("B", "C"), List.of("D"));

    LineageGraphResult one = graph.lineage(GraphQuery.of(NodeRef.dataset(ns, "A"), Direction.DOWNSTREAM, 1));
    assertThat(names(one)).containsExactlyInAnyOrder("A:0", "j1:1", "j2:1", "B:1", "C:1");
    assertThat(edges(one)).containsExactlyInAnyOrder("A>j1", "A>j2", "j1>B", "j2>C");

    LineageGraphResult two = graph.lineage(GraphQuery.of(NodeRef.dataset(ns, "A"), Direction.DOWNSTREAM, 2));
    assertThat(names(two)).contains("j3:2", "D:2").hasSize(7);
    assertThat(edges(two)).contains("B>j3", "C>j3", "j3>D").hasSize(7);
    assertThat(two.startFound()).isTrue();
    assertThat(two.totalNodes()).isEqualTo(7);
    assertThat(two.truncated()).isFalse();
    assertThat(two.nextPageToken()).isNull();
    LineageEdge written = two.edges().stream().filter(e -> e.output() && e.jobId().equals(LineageIds.jobId(ns, "j3")))
        .findFirst().orElseThrow();
    assertThat(written.lastRun().id()).isEqualTo(j3run);
    assertThat(written.lastRun().state()).isEqualTo("COMPLETE");

    LineageGraphResult up = graph.lineage(GraphQuery.of(NodeRef.dataset(ns, "D"), Direction.UPSTREAM, 5));
    assertThat(names(up)).containsExactlyInAnyOrder("D:0", "j3:1", "B:1", "C:1", "j1:2", "j2:2", "A:2");
  }

  @Test
  void bothDirectionsWalkUpAndDownSeparately() {
    String ns = Events.ns("both");
    run(ns, "j1", List.of("A"), List.of("B"));
    run(ns, "j2", List.of("B"), List.of("C"));
    run(ns, "sibling", List.of("A"), List.of("S"));

    LineageGraphResult both = graph.lineage(GraphQuery.of(NodeRef.dataset(ns, "B"), Direction.BOTH, 3));
    // S shares an ancestor with B but is neither upstream nor downstream of it.
    assertThat(names(both)).containsExactlyInAnyOrder("B:0", "j1:1", "A:1", "j2:1", "C:1");
  }

  @Test
  void cyclesBetweenRunsEndAtTheDepthBound() {
    String ns = Events.ns("cycle");
    run(ns, "forward", List.of("A"), List.of("B"));
    run(ns, "back", List.of("B"), List.of("A"));
    run(ns, "self", List.of("C"), List.of("C"));

    LineageGraphResult deep = graph.lineage(GraphQuery.of(NodeRef.dataset(ns, "A"), Direction.BOTH, 20));
    assertThat(names(deep)).containsExactlyInAnyOrder("A:0", "forward:1", "B:1", "back:1");
    assertThat(edges(deep)).containsExactlyInAnyOrder("A>forward", "forward>B", "B>back", "back>A");

    LineageGraphResult self = graph.lineage(GraphQuery.of(NodeRef.dataset(ns, "C"), Direction.DOWNSTREAM, 20));
    assertThat(names(self)).containsExactlyInAnyOrder("C:0", "self:1");
    assertThat(edges(self)).containsExactlyInAnyOrder("C>self", "self>C");
  }

  @Test
  void fanOutPagesHoldEveryNodeAndEdgeOnce() {
    String ns = Events.ns("fanout");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      events.add(Events.run(ns, "reader" + i, UUID.randomUUID(), EventType.COMPLETE, t(i), List.of(in(ns, "source")),
          List.of(out(ns, "copy" + i))));
    }
    ingest.ingestBatch(events);

    Set<UUID> nodes = new HashSet<>();
    List<LineageEdge> edges = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      LineageGraphResult page = graph.lineage(
          GraphQuery.of(NodeRef.dataset(ns, "source"), Direction.DOWNSTREAM, 1).withPage(7, token));
      assertThat(page.nodes()).hasSizeLessThanOrEqualTo(7);
      assertThat(page.totalNodes()).isEqualTo(61);
      page.nodes().forEach(n -> assertThat(nodes.add(n.id())).isTrue());
      edges.addAll(page.edges());
      token = page.nextPageToken();
      pages++;
    } while (token != null);

    assertThat(pages).isEqualTo(9);
    assertThat(nodes).hasSize(61);
    assertThat(edges).hasSize(60).doesNotHaveDuplicates();
    assertThat(edges).allSatisfy(e -> assertThat(nodes).contains(e.datasetId(), e.jobId()));
  }

  @Test
  void theWidthLimitStopsTheWalkNearestFirst() {
    String ns = Events.ns("width");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      events.add(Events.run(ns, "r" + i, UUID.randomUUID(), EventType.COMPLETE, t(i), List.of(in(ns, "s")),
          List.of(out(ns, "o" + i))));
    }
    ingest.ingestBatch(events);

    LineageGraphResult capped = graph.lineage(
        GraphQuery.of(NodeRef.dataset(ns, "s"), Direction.DOWNSTREAM, 1).withMaxNodes(10));
    assertThat(capped.truncated()).isTrue();
    assertThat(capped.nodes()).hasSize(10);
    assertThat(names(capped)).contains("s:0");
    // Breadth first: the 9 readers come before any of their outputs.
    assertThat(capped.nodes()).filteredOn(n -> n instanceof LineageNode.Job).hasSize(9);
  }

  @Test
  void aJobsDepthOneIsItsInputsAndOutputs() {
    String ns = Events.ns("job");
    run(ns, "up", List.of("raw"), List.of("in1"));
    run(ns, "j", List.of("in1", "in2"), List.of("out"));
    run(ns, "down", List.of("out"), List.of("final"));

    assertThat(names(graph.lineage(GraphQuery.of(NodeRef.job(ns, "j"), Direction.BOTH, 1))))
        .containsExactlyInAnyOrder("j:0", "in1:1", "in2:1", "out:1");
    assertThat(names(graph.lineage(GraphQuery.of(NodeRef.job(ns, "j"), Direction.UPSTREAM, 2))))
        .containsExactlyInAnyOrder("j:0", "in1:1", "in2:1", "up:1", "raw:2");
  }

  @Test
  void anUnknownStartGivesAnEmptyGraph() {
    LineageGraphResult none = graph.lineage(GraphQuery.of(NodeRef.dataset("nowhere", "nothing"), Direction.BOTH, 5));
    assertThat(none.startFound()).isFalse();
    assertThat(none.nodes()).isEmpty();
    assertThat(graph.lineage(GraphQuery.of(NodeRef.table("no.such.table"), Direction.BOTH, 5)).startFound()).isFalse();
  }

  @Test
  void nodesTheCallerMayNotSeeKeepOnlyTheirIdAndKind() {
    String ns = Events.ns("redact");
    run(ns, "j", List.of("secret"), List.of("public"));
    LineageGraphResult result = graph.lineage(
        GraphQuery.of(NodeRef.dataset(ns, "public"), Direction.UPSTREAM, 1).withFacets(true));

    LineageGraphResult redacted = result.redact(n -> !(n instanceof LineageNode.Dataset d && "secret".equals(d.name())));

    LineageNode.Dataset hidden = (LineageNode.Dataset) redacted.nodes().stream()
        .filter(n -> n.id().equals(LineageIds.datasetId(ns, "secret"))).findFirst().orElseThrow();
    assertThat(hidden.redacted()).isTrue();
    assertThat(hidden.name()).isNull();
    assertThat(hidden.namespace()).isNull();
    assertThat(hidden.facets()).isNull();
    assertThat(hidden.depth()).isEqualTo(1);
    assertThat(redacted.edges()).isEqualTo(result.edges());
    assertThat(redacted.nodes()).filteredOn(LineageNode::redacted).hasSize(1);
  }

  @Test
  void aForeignPageTokenIsRefused() {
    assertThatThrownBy(() -> graph.lineage(
            GraphQuery.of(NodeRef.dataset("a", "b"), Direction.BOTH, 1).withPage(10, "bm90IGEgdG9rZW4")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("pageToken");
    assertThatThrownBy(() -> GraphQuery.of(NodeRef.dataset("a", "b"), Direction.BOTH, 21))
        .hasMessage("depth: must be between 1 and 20");
  }

  @Test
  void searchFindsDatasetsAndJobsByPartOfTheirNameExactNamesFirst() {
    String ns = Events.ns("search");
    run(ns, "load_orders_daily", List.of("raw/orders_2026"), List.of("orders"));
    run(ns, "other", List.of("raw/customers"), List.of("customers"));

    List<LineageNode> found = graph.search("ORDERS", 10).stream()
        .filter(n -> n instanceof LineageNode.Dataset d ? d.namespace().equals(ns) : ((LineageNode.Job) n).namespace().equals(ns))
        .toList();
    assertThat(found).extracting(LineageGraphTest::name).containsExactly("orders", "raw/orders_2026", "load_orders_daily");
    LineageNode.Job job = (LineageNode.Job) found.get(2);
    assertThat(job.latestRun().state()).isEqualTo("COMPLETE");
    assertThat(graph.search(ns, 10)).hasSize(6);
    assertThatThrownBy(() -> graph.search(" ", 10)).isInstanceOf(IllegalArgumentException.class);

    LineageNode.Dataset orders = graph.dataset(LineageIds.datasetId(ns, "orders")).orElseThrow();
    assertThat(orders.facets()).isNotNull();
    assertThat(graph.job(LineageIds.jobId(ns, "load_orders_daily")).orElseThrow().latestRun().state()).isEqualTo("COMPLETE");
    assertThat(graph.dataset(UUID.randomUUID())).isEmpty();
  }
}
