package io.gatehouse.server.lineage;

import static io.gatehouse.server.lineage.Lineage.in;
import static io.gatehouse.server.lineage.Lineage.out;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.server.catalog.Api;
import io.openlineage.client.OpenLineageClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Graph answers on hand-built DAGs, over HTTP, as the metastore admin (nothing redacted). */
@QuarkusTest
class LineageGraphApiTest {
  private static OpenLineageClient client;

  private static OpenLineageClient client() {
    if (client == null) {
      client = Lineage.client(Lineage.pipelineToken());
    }
    return client;
  }

  private static void job(String ns, String name, List<String> inputs, List<String> outputs) {
    Lineage.runJob(client(), ns, name, inputs.stream().map(n -> in(ns, n)).toList(),
        outputs.stream().map(n -> out(ns, n)).toList());
  }

  /** "name:depth" of every node of one page. */
  private static Set<String> nodes(JsonPath page) {
    Set<String> result = new HashSet<>();
    List<Map<String, Object>> nodes = page.getList("nodes");
    nodes.forEach(n -> result.add(n.get("name") + ":" + n.get("depth")));
    return result;
  }

  /** "from>to" by name of every edge of one page. */
  private static Set<String> edges(JsonPath page) {
    Map<String, String> names = new HashMap<>();
    List<Map<String, Object>> nodes = page.getList("nodes");
    nodes.forEach(n -> names.put((String) n.get("id"), (String) n.get("name")));
    List<Map<String, Object>> edges = page.getList("edges");
    return edges.stream().map(e -> names.get(e.get("from")) + ">" + names.get(e.get("to"))).collect(Collectors.toSet());
  }

  private static JsonPath graph(String ns, String dataset, String direction, int depth, Object... more) {
    Map<String, Object> q = new HashMap<>(Map.of("namespace", ns, "name", dataset, "direction", direction, "depth", depth));
    for (int i = 0; i < more.length; i += 2) {
      q.put((String) more[i], more[i + 1]);
    }
    return Lineage.graph(q).statusCode(200).extract().jsonPath();
  }

  @Test
  void aDiamondGrowsOneJobPerDepth() {
    String ns = Lineage.ns("diamond");
    job(ns, "j1", List.of("A"), List.of("B"));
    job(ns, "j2", List.of("A"), List.of("C"));
    job(ns, "j3", List.of("B", "C"), List.of("D"));

    JsonPath one = graph(ns, "A", "downstream", 1);
    assertThat(nodes(one)).containsExactlyInAnyOrder("A:0", "j1:1", "j2:1", "B:1", "C:1");
    assertThat(edges(one)).containsExactlyInAnyOrder("A>j1", "A>j2", "j1>B", "j2>C");
    JsonPath two = graph(ns, "A", "downstream", 2);
    assertThat(nodes(two)).contains("j3:2", "D:2").hasSize(7);
    assertThat(edges(two)).contains("B>j3", "C>j3", "j3>D").hasSize(7);
    JsonPath up = graph(ns, "D", "upstream", 5);
    assertThat(nodes(up)).containsExactlyInAnyOrder("D:0", "j3:1", "B:1", "C:1", "j1:2", "j2:2", "A:2");
    JsonPath both = graph(ns, "B", "both", 1);
    assertThat(nodes(both)).containsExactlyInAnyOrder("B:0", "j1:1", "A:1", "j3:1", "D:1");
  }

  @Test
  void aJobStartShowsItsInputsAndOutputsFirst() {
    String ns = Lineage.ns("jobstart");
    job(ns, "load", List.of("raw1", "raw2"), List.of("clean"));
    job(ns, "report", List.of("clean"), List.of("summary"));
    JsonPath page = Lineage.graph(Map.of("job_namespace", ns, "job_name", "load", "depth", 1)).statusCode(200)
        .extract().jsonPath();
    assertThat(nodes(page)).containsExactlyInAnyOrder("load:0", "raw1:1", "raw2:1", "clean:1");
    JsonPath deeper = Lineage.graph(Map.of("job_namespace", ns, "job_name", "load", "depth", 2,
        "direction", "downstream")).statusCode(200).extract().jsonPath();
    // From a job, depth counts jobs away: report is one job on from load, its output two.
    assertThat(nodes(deeper)).containsExactlyInAnyOrder("load:0", "clean:1", "report:1", "summary:2");
  }

  @Test
  void aCycleBetweenRunsEndsAtTheDepthBound() {
    String ns = Lineage.ns("cycle");
    job(ns, "forward", List.of("X"), List.of("Y"));
    job(ns, "back", List.of("Y"), List.of("X"));
    JsonPath page = graph(ns, "X", "downstream", 10);
    assertThat(nodes(page)).containsExactlyInAnyOrder("X:0", "forward:1", "Y:1", "back:2");
    assertThat(edges(page)).containsExactlyInAnyOrder("X>forward", "forward>Y", "Y>back", "back>X");
  }

  @Test
  void theWidthLimitTruncatesAndPagesHoldEveryNodeAndEdgeOnce() {
    String ns = Lineage.ns("fanout");
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      outputs.add("out" + i);
    }
    job(ns, "split", List.of("source"), outputs);
    for (int i = 0; i < 30; i += 3) {
      job(ns, "use" + i, List.of("out" + i), List.of("final" + i));
    }

    JsonPath capped = graph(ns, "source", "downstream", 2, "max_nodes", 12);
    assertThat(capped.getBoolean("truncated")).isTrue();
    assertThat(capped.getList("nodes")).hasSize(12);

    JsonPath all = graph(ns, "source", "downstream", 2);
    int total = all.getInt("total_nodes");
    assertThat(total).isEqualTo(1 + 1 + 30 + 10 + 10);
    Set<String> seenNodes = new HashSet<>();
    List<String> seenEdges = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Map<String, Object> q = new HashMap<>(Map.of("namespace", ns, "name", "source", "direction", "downstream",
          "depth", 2, "max_results", 7));
      if (token != null) {
        q.put("page_token", token);
      }
      JsonPath page = Lineage.graph(q).statusCode(200).extract().jsonPath();
      assertThat(page.getList("nodes")).hasSizeLessThanOrEqualTo(7);
      List<String> ids = page.getList("nodes.id", String.class);
      ids.forEach(id -> assertThat(seenNodes.add(id)).as("node %s twice", id).isTrue());
      List<Map<String, Object>> edges = page.getList("edges");
      edges.forEach(e -> seenEdges.add(e.get("from") + ">" + e.get("to")));
      token = page.getString("next_page_token");
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo((total + 6) / 7);
    assertThat(seenNodes).hasSize(total);
    assertThat(seenEdges).doesNotHaveDuplicates().hasSize(1 + 30 + 10 + 10);
  }

  @Test
  void columnLineageFollowsOneColumnThroughSeveralJobs() {
    String ns = Lineage.ns("columns");
    Lineage.runJob(client(), ns, "stage", List.of(in(ns, "raw")),
        List.of(out(ns, "staged", List.of("id", "amount"), Map.of(
            "id", List.<String[]>of(new String[] {ns, "raw", "id"}),
            "amount", List.<String[]>of(new String[] {ns, "raw", "amount_cents"})))));
    Lineage.runJob(client(), ns, "report", List.of(in(ns, "staged")),
        List.of(out(ns, "report", List.of("total"), Map.of(
            "total", List.<String[]>of(new String[] {ns, "staged", "amount"})))));

    JsonPath columns = Api.given().accept("application/json")
        .queryParams(Map.of("namespace", ns, "name", "report", "column", "total", "direction", "upstream", "depth", 5))
        .get(Lineage.GRAPH + "/columns").then().statusCode(200).extract().jsonPath();
    assertThat(columns.getList("columns.collect { it.name + '.' + it.field + ':' + it.depth }", String.class))
        .containsExactly("report.total:0", "staged.amount:1", "raw.amount_cents:2");
    assertThat(columns.getList("edges.job.name", String.class)).containsExactlyInAnyOrder("report", "stage");
    assertThat(columns.getList("edges.transformation_type", String.class)).containsOnly("DIRECT");
    assertThat(columns.getString("columns[0].type")).isEqualTo("string");
  }

  @Test
  void badRequestsAreRefusedNamingTheField() {
    Lineage.graph(Map.of()).statusCode(400).body("message", containsString("exactly one"));
    Lineage.graph(Map.of("table", "a.b.c", "job", "x")).statusCode(400);
    Lineage.graph(Map.of("namespace", "x", "name", "y", "depth", 21)).statusCode(400).body("message", containsString("depth"));
    Lineage.graph(Map.of("namespace", "x", "name", "y", "direction", "sideways")).statusCode(400)
        .body("message", containsString("direction"));
    Lineage.graph(Map.of("table", "no_such.schema.table")).statusCode(404).body("error_code", equalTo("NOT_FOUND"));
    Lineage.graph(Map.of("dataset", "not-a-uuid")).statusCode(400);
    String ns = Lineage.ns("token");
    job(ns, "j", List.of("a"), List.of("b"));
    Lineage.graph(Map.of("namespace", ns, "name", "a", "page_token", "garbage")).statusCode(400)
        .body("message", containsString("page_token"));
  }
}
