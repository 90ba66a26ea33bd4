package io.gatehouse.server.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.identity.Identities;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A steward who may browse part of a real Spark pipeline reads every lineage answer it can
 * reach (graphs from every node, every page, details, column lineage of every field, search,
 * starts that name hidden things) and looks in each whole body for anything that names or
 * locates what it may not browse: table names, storage paths, names of the jobs around them,
 * their SQL, their catalog ids and the name-based ids a guess would compute.
 */
@QuarkusTest
class LineageRedactionAttackTest {
  private static LineageSparkWorld world;

  @BeforeEach
  void worldOnce() {
    if (world == null) {
      world = LineageSparkWorld.build();
    }
  }

  @Test
  void aStewardWhoMayBrowseOnlySalesLearnsNothingOfTheRawTables() {
    Crawl crawl = crawl(world.sales);
    assertNothingNamed(crawl, world.rawTokens());
    assertThat(crawl.all()).contains(world.table("sales.customer_revenue"), world.table("sales.revenue_by_country"),
        LineageSparkWorld.BY_COUNTRY, "visible-feed.csv");
  }

  @Test
  void browseThroughANestedGroupHidesTheSame() {
    Crawl crawl = crawl(world.nested);
    assertNothingNamed(crawl, world.rawTokens());
    assertThat(crawl.all()).contains(world.table("sales.customer_revenue"), LineageSparkWorld.BY_COUNTRY);
  }

  @Test
  void aDenyOnOneTableOfABrowsableCatalogHidesThatTableAndTheJobsAroundIt() {
    Crawl crawl = crawl(world.denied);
    assertNothingNamed(crawl, world.ordersTokens());
    assertThat(crawl.all()).contains(world.table("raw.customers"), world.lake + "/raw/customers",
        LineageSparkWorld.WRITES_CUSTOMERS);
  }

  @Test
  void whoMayBrowseEverythingSeesEverything() {
    Crawl crawl = crawl(world.finance);
    assertThat(crawl.all()).contains(world.table("raw.orders"), LineageSparkWorld.JOINS_RAW, "FROM orders o JOIN customers",
        "hidden-feed.csv", world.lake + "/raw/orders");
  }

  @Test
  void theColumnLineageFacetOfAVisibleTableNamesNoHiddenInput() {
    String body = get(world.sales, LineageSparkWorld.API + "/graph",
        Map.of("table", world.table("sales.customer_revenue"), "depth", "1", "include_facets", "true")).asString();
    JsonPath graph = JsonPath.from(body);
    Map<String, Object> facets = graph.getMap("nodes.find { it.name == '" + world.lake + "/sales/customer_revenue' }.facets");
    assertThat(facets).containsKeys("schema", "columnLineage");
    List<Map<String, Object>> inputs = JsonPath.from(body)
        .getList("nodes.find { it.name == '" + world.lake + "/sales/customer_revenue' }.facets.columnLineage.fields.revenue.inputFields");
    assertThat(inputs).singleElement().satisfies(f -> {
      assertThat(f).containsEntry("redacted", true).doesNotContainKeys("namespace", "name", "field");
      assertThat(graph.getList("nodes.findAll { it.redacted }.id")).contains(f.get("dataset_id"));
    });
    assertThat(body).doesNotContain("/raw/");
  }

  @Test
  void aHiddenStartIsAnsweredExactlyAsAnUnknownOne() {
    String jobs = world.jobs;
    String lake = world.lake;
    List<Map<String, String>> hidden = List.of(
        Map.of("table", world.table("raw.orders")),
        Map.of("namespace", "file", "name", lake + "/raw/orders"),
        Map.of("job_namespace", jobs, "job_name", LineageSparkWorld.WRITES_ORDERS),
        Map.of("job_namespace", jobs, "job_name", LineageSparkWorld.JOINS_RAW),
        Map.of("namespace", world.landing, "name", "hidden-feed.csv"));
    List<Map<String, String>> unknown = List.of(
        Map.of("table", world.table("raw.no_such_table")),
        Map.of("namespace", "file", "name", lake + "/raw/no_such_table"),
        Map.of("job_namespace", jobs, "job_name", "no_such_job"),
        Map.of("job_namespace", jobs, "job_name", "no_such_job_either"),
        Map.of("namespace", world.landing, "name", "no-such-feed.csv"));
    for (int i = 0; i < hidden.size(); i++) {
      Response h = get(world.sales, LineageSparkWorld.API + "/graph", hidden.get(i));
      Response u = get(world.sales, LineageSparkWorld.API + "/graph", unknown.get(i));
      assertThat(h.statusCode()).as("status of %s", hidden.get(i)).isEqualTo(u.statusCode()).isEqualTo(404);
      assertThat(shape(h)).as("body of %s", hidden.get(i)).isEqualTo(shape(u));
    }
    Response h = get(world.sales, LineageSparkWorld.API + "/columns", Map.of("table", world.table("raw.orders"), "column", "amount"));
    Response u = get(world.sales, LineageSparkWorld.API + "/columns", Map.of("table", world.table("raw.nothing"), "column", "amount"));
    assertThat(h.statusCode()).isEqualTo(u.statusCode()).isEqualTo(404);
    assertThat(shape(h)).isEqualTo(shape(u));

    // Placeholders' ids, as details and as starts, answer as a random id does.
    JsonPath graph = JsonPath.from(get(world.sales, LineageSparkWorld.API + "/graph",
        Map.of("table", world.table("sales.customer_revenue"), "direction", "UPSTREAM", "depth", "2")).asString());
    List<Map<String, Object>> placeholders = graph.getList("nodes.findAll { it.redacted }");
    assertThat(placeholders).extracting(n -> n.get("kind")).contains("DATASET", "JOB");
    String random = java.util.UUID.randomUUID().toString();
    for (Map<String, Object> p : placeholders) {
      String kind = "JOB".equals(p.get("kind")) ? "jobs" : "datasets";
      Response hd = get(world.sales, LineageSparkWorld.API + "/" + kind + "/" + p.get("id"), Map.of());
      Response ud = get(world.sales, LineageSparkWorld.API + "/" + kind + "/" + random, Map.of());
      assertThat(hd.statusCode()).isEqualTo(ud.statusCode()).isEqualTo(404);
      assertThat(shape(hd)).isEqualTo(shape(ud));
      String param = "JOB".equals(p.get("kind")) ? "job" : "dataset";
      Response hg = get(world.sales, LineageSparkWorld.API + "/graph", Map.of(param, p.get("id")));
      Response ug = get(world.sales, LineageSparkWorld.API + "/graph", Map.of(param, random));
      assertThat(hg.statusCode()).isEqualTo(ug.statusCode()).isEqualTo(404);
      assertThat(shape(hg)).isEqualTo(shape(ug));
    }
  }

  @Test
  void everyColumnAtOnceShowsHiddenInputsAsPlaceholdersOnly() {
    Map<String, String> all = Map.of("table", world.table("sales.customer_revenue"), "all_columns", "true",
        "direction", "BOTH", "depth", "10");
    String body = get(world.sales, LineageSparkWorld.API + "/columns", all).asString();
    JsonPath answer = JsonPath.from(body);
    // The hidden raw tables' columns are there, as placeholders: id and depth only.
    List<Map<String, Object>> hidden = answer.getList("columns.findAll { it.redacted }");
    assertThat(hidden).isNotEmpty().allSatisfy(c -> assertThat(c).doesNotContainKeys("namespace", "name", "table", "field", "type"));
    for (String token : world.rawTokens()) {
      assertThat(body.toLowerCase(Locale.ROOT)).as("names %s", token).doesNotContain(token.toLowerCase(Locale.ROOT));
    }
    // The same columns as each column's own answer, together: one call instead of one per column.
    Set<String> union = new LinkedHashSet<>();
    for (String field : answer.getList("columns.findAll { it.depth == 0 }.field", String.class)) {
      union.addAll(JsonPath.from(get(world.sales, LineageSparkWorld.API + "/columns", Map.of("table",
          world.table("sales.customer_revenue"), "column", field, "direction", "BOTH", "depth", "10")).asString())
          .getList("columns.id", String.class));
    }
    assertThat(answer.getList("columns.id", String.class)).containsExactlyInAnyOrderElementsOf(union);
    // Who may browse everything sees the same columns named.
    JsonPath whole = JsonPath.from(get(world.finance, LineageSparkWorld.API + "/columns", all).asString());
    assertThat(whole.getList("columns.findAll { it.redacted }")).isEmpty();
    assertThat(whole.getList("columns.id", String.class)).containsExactlyInAnyOrderElementsOf(answer.getList("columns.id", String.class));
  }

  @Test
  void everyColumnOfAHiddenTableIsAnsweredAsAnUnknownOne() {
    Response h = get(world.sales, LineageSparkWorld.API + "/columns", Map.of("table", world.table("raw.orders"), "all_columns", "true"));
    Response u = get(world.sales, LineageSparkWorld.API + "/columns", Map.of("table", world.table("raw.nothing"), "all_columns", "true"));
    assertThat(h.statusCode()).isEqualTo(u.statusCode()).isEqualTo(404);
    assertThat(shape(h)).isEqualTo(shape(u));
    // Both, or neither: a 400 naming the fields, whoever asks.
    for (Map<String, String> bad : List.of(Map.of("table", world.table("raw.orders"), "all_columns", "true", "column", "amount"),
        Map.of("table", world.table("sales.customer_revenue"), "all_columns", "TRUE ", "column", "revenue"),
        Map.of("table", world.table("sales.customer_revenue"), "all_columns", "yes"),
        Map.of("table", world.table("sales.customer_revenue"), "all_columns", "false"))) {
      Response r = get(world.sales, LineageSparkWorld.API + "/columns", bad);
      assertThat(r.statusCode()).as("%s", bad).isEqualTo(400);
      assertThat(r.asString()).contains("INVALID_ARGUMENT").doesNotContain("raw_orders").doesNotContain("Exception");
    }
  }

  @Test
  void searchReturnsNeitherHiddenTablesNorTheJobsNamedAfterThem() {
    for (String q : List.of("raw", "raw_orders", "execute_insert", "landing_loader", "hidden-feed", "map_partitions")) {
      JsonPath found = JsonPath.from(get(world.sales, LineageSparkWorld.API + "/search", Map.of("q", q)).asString());
      assertThat(found.getList("nodes")).as("search %s", q).isEmpty();
    }
    JsonPath jobs = JsonPath.from(get(world.sales, LineageSparkWorld.API + "/search", Map.of("q", "orders_pipeline")).asString());
    assertThat(jobs.getList("nodes.name", String.class)).containsExactly(LineageSparkWorld.BY_COUNTRY);
  }

  // --- the crawl ------------------------------------------------------------------------------

  /** Every body a steward gets from every lineage request it can build from what it sees. */
  private static Crawl crawl(String token) {
    Crawl crawl = new Crawl(token);
    for (String start : List.of("sales.revenue_by_country", "sales.customer_revenue")) {
      crawl.graphPages(Map.of("table", world.table(start), "direction", "BOTH", "depth", "5", "include_facets", "true"));
      for (String field : List.of("revenue", "country", "customer_id", "name", "id")) {
        crawl.get("/columns", Map.of("table", world.table(start), "column", field, "direction", "BOTH", "depth", "5"));
      }
      crawl.get("/columns", Map.of("table", world.table(start), "all_columns", "true", "direction", "BOTH", "depth", "10"));
    }
    for (String q : List.of("raw", "orders", "customers", "revenue", "sales", "pipeline", "spark", "file", "landing",
        "feed", "adaptive", "map_partitions", "execute_insert", world.lake, world.catalog, world.jobs)) {
      crawl.get("/search", Map.of("q", q, "max_results", "100"));
    }
    // Starts that name hidden things, as a curious steward would guess them.
    crawl.get("/graph", Map.of("table", world.table("raw.orders")));
    crawl.get("/graph", Map.of("table", world.table("raw.customers")));
    crawl.get("/graph", Map.of("namespace", "file", "name", world.lake + "/raw/orders"));
    crawl.get("/graph", Map.of("job_namespace", world.jobs, "job_name", LineageSparkWorld.WRITES_ORDERS));
    crawl.get("/graph", Map.of("job_namespace", world.jobs, "job_name", LineageSparkWorld.JOINS_RAW));
    crawl.get("/columns", Map.of("table", world.table("raw.orders"), "column", "amount"));
    crawl.get("/columns", Map.of("table", world.table("raw.orders"), "all_columns", "true"));
    // Every node seen so far: its details, its graph, and the graph of every node seen from there.
    Set<String> done = new LinkedHashSet<>();
    for (int round = 0; round < 3; round++) {
      for (Map.Entry<String, String> node : new LinkedHashMap<>(crawl.nodes).entrySet()) {
        if (done.add(node.getKey())) {
          boolean job = node.getValue().equals("JOB");
          crawl.get((job ? "/jobs/" : "/datasets/") + node.getKey(), Map.of());
          crawl.get("/graph", Map.of(job ? "job" : "dataset", node.getKey(), "depth", "3", "include_facets", "true"));
          if (!job) {
            crawl.get("/columns", Map.of("dataset", node.getKey(), "column", "revenue", "depth", "5"));
            crawl.get("/columns", Map.of("dataset", node.getKey(), "all_columns", "true", "depth", "5"));
          }
        }
      }
    }
    return crawl;
  }

  private static void assertNothingNamed(Crawl crawl, List<String> tokens) {
    assertThat(crawl.bodies).hasSizeGreaterThan(40);
    for (Map.Entry<String, String> answer : crawl.bodies.entrySet()) {
      String body = answer.getValue().toLowerCase(Locale.ROOT);
      for (String token : tokens) {
        assertThat(body).as("%s names %s", answer.getKey(), token).doesNotContain(token.toLowerCase(Locale.ROOT));
      }
    }
  }

  private static Response get(String token, String path, Map<String, ?> params) {
    return Identities.as(token).accept("application/json").queryParams(params).get(path);
  }

  /** An error body without what differs per request: its status, code, message and keys. */
  private static String shape(Response r) {
    JsonPath body = JsonPath.from(r.asString());
    Map<String, Object> map = body.getMap("");
    return r.statusCode() + " " + body.getString("error_code") + " " + body.getString("message") + " " + map.keySet();
  }

  private static final class Crawl {
    final String token;
    final Map<String, String> bodies = new LinkedHashMap<>();
    final Map<String, String> nodes = new LinkedHashMap<>();

    Crawl(String token) {
      this.token = token;
    }

    void get(String path, Map<String, ?> params) {
      Response r = LineageRedactionAttackTest.get(token, LineageSparkWorld.API + path, params);
      String body = r.asString();
      assertThat(r.statusCode()).as("%s %s: %s", path, params, body).isIn(200, 404);
      bodies.put(path + " " + params + " #" + bodies.size(), body);
      if (r.statusCode() == 200) {
        JsonPath json = JsonPath.from(body);
        List<Map<String, Object>> found = new ArrayList<>();
        for (String list : List.of("nodes", "inputs.node", "outputs.node", "producers.node", "consumers.node")) {
          List<Map<String, Object>> some = json.getList(list);
          if (some != null) {
            found.addAll(some);
          }
        }
        for (Map<String, Object> n : found) {
          if (n != null && n.get("id") != null && !Boolean.TRUE.equals(n.get("redacted"))) {
            nodes.putIfAbsent(n.get("id").toString(), String.valueOf(n.get("kind")));
          }
        }
      }
    }

    /** Every page of a graph, one node per page, and each page token decoded as well. */
    void graphPages(Map<String, String> params) {
      Map<String, String> query = new LinkedHashMap<>(params);
      query.put("max_results", "1");
      for (int page = 0; page < 100; page++) {
        get("/graph", query);
        String body = bodies.get(bodies.keySet().stream().reduce((a, b) -> b).orElseThrow());
        String next = body.startsWith("{") ? JsonPath.from(body).getString("next_page_token") : null;
        if (next == null) {
          return;
        }
        try {
          bodies.put("token " + next, new String(Base64.getUrlDecoder().decode(next), StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException notBase64) {
          // opaque, fine
        }
        query.put("page_token", next);
      }
    }

    String all() {
      return String.join("\n", bodies.values());
    }
  }
}
