package io.gatehouse.server.catalog;

import static io.gatehouse.server.catalog.Api.column;
import static io.gatehouse.server.catalog.Api.error;
import static io.gatehouse.server.catalog.Api.get;
import static io.gatehouse.server.catalog.Api.patch;
import static io.gatehouse.server.catalog.Api.post;
import static io.gatehouse.server.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.server.common.FullName;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TableApiTest {
  @Inject ObjectMapper mapper;

  static Map<String, Object> external(String catalog, String schema, String name, String location) {
    return Api.externalTable(catalog, schema, name, location);
  }


  private static String[] schema() {
    return Api.schema().split("\\.");
  }

  @Test
  void externalTableKeepsEveryColumnField() {
    String[] s = schema();
    Map<String, Object> body = external(s[0], s[1], "orders", "s3://bucket/" + unique("orders") + "/");
    Map<String, Object> amount = new HashMap<>();
    amount.put("name", "amount");
    amount.put("type_name", "DECIMAL");
    amount.put("type_text", "decimal(12,2)");
    amount.put("type_json", "{\"name\":\"amount\",\"type\":\"decimal(12,2)\",\"nullable\":false,\"metadata\":{}}");
    amount.put("type_precision", 12);
    amount.put("type_scale", 2);
    amount.put("position", 1);
    amount.put("nullable", false);
    amount.put("comment", "gross amount");
    amount.put("partition_index", 0);
    body.put("columns", List.of(column("id", "LONG"), amount));
    body.put("comment", "all orders");
    body.put("properties", Map.of("delta.appendOnly", "true"));

    String full = s[0] + "." + s[1] + ".orders";
    post("/tables", body).statusCode(200).body("table_id", notNullValue());
    get("/tables/" + full)
        .statusCode(200)
        .body("name", equalTo("orders"))
        .body("catalog_name", equalTo(s[0]))
        .body("schema_name", equalTo(s[1]))
        .body("table_type", equalTo("EXTERNAL"))
        .body("data_source_format", equalTo("DELTA"))
        .body("storage_location", equalTo(((String) body.get("storage_location")).replaceAll("/$", "")))
        .body("comment", equalTo("all orders"))
        .body("properties.'delta.appendOnly'", equalTo("true"))
        .body("owner", equalTo("admin"))
        .body("columns", hasSize(2))
        .body("columns[0].type_text", equalTo("bigint"))
        .body("columns[0].type_json", containsString("\"long\""))
        .body("columns[0].position", equalTo(0))
        .body("columns[0].nullable", equalTo(true))
        .body("columns[1].type_precision", equalTo(12))
        .body("columns[1].type_scale", equalTo(2))
        .body("columns[1].nullable", equalTo(false))
        .body("columns[1].comment", equalTo("gross amount"))
        .body("columns[1].partition_index", equalTo(0));
  }

  @Test
  void managedTableGetsLocationUnderCatalogStorage() {
    String catalog = unique("cat");
    String catalogId =
        post("/catalogs", Map.of("name", catalog, "storage_root", "s3://managed/" + catalog))
            .statusCode(200)
            .extract()
            .path("id");
    post("/schemas", Map.of("name", "s", "catalog_name", catalog)).statusCode(200);
    Map<String, Object> body = new HashMap<>(external(catalog, "s", "m", null));
    body.remove("storage_location");
    body.put("table_type", "MANAGED");
    String id = post("/tables", body).statusCode(200).extract().path("table_id");
    get("/tables/" + catalog + ".s.m")
        .body(
            "storage_location",
            equalTo("s3://managed/" + catalog + "/__unitystorage/catalogs/" + catalogId + "/tables/" + id));
  }

  @Test
  void managedTableWithoutAnyRootUsesMetastoreRoot() {
    String[] s = schema();
    Map<String, Object> body = new HashMap<>(external(s[0], s[1], "m", null));
    body.remove("storage_location");
    body.put("table_type", "MANAGED");
    body.remove("data_source_format");
    post("/tables", body)
        .statusCode(200)
        .body("data_source_format", equalTo("DELTA"))
        .body("storage_location", startsWith("file:///"));
  }

  @Test
  void viewKeepsItsDefinitionAndHasNoLocation() {
    String[] s = schema();
    Map<String, Object> body = new HashMap<>();
    body.put("name", "v");
    body.put("catalog_name", s[0]);
    body.put("schema_name", s[1]);
    body.put("table_type", "VIEW");
    body.put("columns", List.of(column("id", "LONG")));
    body.put("view_definition", "SELECT id FROM t");
    body.put(
        "view_dependencies",
        Map.of("dependencies", List.of(Map.of("table", Map.of("table_full_name", s[0] + "." + s[1] + ".t")))));
    post("/tables", body)
        .statusCode(200)
        .body("view_definition", equalTo("SELECT id FROM t"))
        .body("view_dependencies.dependencies[0].table.table_full_name", equalTo(s[0] + "." + s[1] + ".t"))
        .body("storage_location", nullValue());
  }

  @Test
  void overlappingLocationsAreRefusedInBothDirections() {
    String[] s = schema();
    String root = "s3://bucket/" + unique("over");
    post("/tables", external(s[0], s[1], "parent", root + "/a")).statusCode(200);
    error(post("/tables", external(s[0], s[1], "same", root + "/a/")), 400, "INVALID_ARGUMENT")
        .body("message", containsString(s[0] + "." + s[1] + ".parent"));
    error(post("/tables", external(s[0], s[1], "inside", root + "/a/b")), 400, "INVALID_ARGUMENT");
    error(post("/tables", external(s[0], s[1], "around", root)), 400, "INVALID_ARGUMENT");
    Map<String, Object> volume =
        Map.of("catalog_name", s[0], "schema_name", s[1], "name", "vol", "volume_type", "EXTERNAL",
            "storage_location", root + "/a/files");
    error(post("/volumes", volume), 400, "INVALID_ARGUMENT");
    // A sibling whose name merely starts with the same characters does not overlap.
    post("/tables", external(s[0], s[1], "sibling", root + "/ab")).statusCode(200);
    error(get("/tables/" + s[0] + "." + s[1] + ".inside"), 404, "NOT_FOUND");
  }

  /** Nested locations claimed at the same moment: one of them wins, whichever it is. */
  @Test
  void nestedLocationsClaimedAtOnceLeaveOneHolder() throws Exception {
    String[] s = schema();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 15; round++) {
        String root = "s3://bucket/" + unique("race");
        List<String> paths = List.of(root, root + "/a", root + "/a/b");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String path : paths) {
          answers.add(pool.submit(() -> {
            start.await();
            return post("/tables", external(s[0], s[1], unique("n"), path)).extract().statusCode();
          }));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (var answer : answers) {
          codes.add(answer.get(60, TimeUnit.SECONDS));
        }
        assertThat(codes).as(paths.toString()).containsOnly(200, 400).containsOnlyOnce(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The edges of "inside": descendants are the paths that start with the location and '/', which
   * the store finds as a byte-order range; siblings just below '/' and at '0' (the range's end), and
   * names with LIKE's wildcards, are neither inside nor around.
   */
  @Test
  void insideMeansUnderTheLocationsSlashAndNothingNextToIt() {
    String[] s = schema();
    String root = "s3://bucket/" + unique("edge");
    post("/tables", external(s[0], s[1], "held", root + "/a_b")).statusCode(200);
    error(post("/tables", external(s[0], s[1], "deep", root + "/a_b/c/d")), 400, "INVALID_ARGUMENT");
    error(post("/tables", external(s[0], s[1], "first", root + "/a_b/0")), 400, "INVALID_ARGUMENT");
    for (String sibling : List.of("a_b0", "a_b.x", "a_b-x", "axb/c", "a_b~", "a_c")) {
      post("/tables", external(s[0], s[1], unique("sib"), root + "/" + sibling)).statusCode(200);
    }
    // A wildcard in the held path matches only itself.
    post("/tables", external(s[0], s[1], "wild", root + "/w_")).statusCode(200);
    post("/tables", external(s[0], s[1], "tame", root + "/wx/y")).statusCode(200);
    error(post("/tables", external(s[0], s[1], "under", root + "/w_/y")), 400, "INVALID_ARGUMENT");
  }

  @Test
  void deletedTableReleasesItsLocation() {
    String[] s = schema();
    String location = "s3://bucket/" + unique("free");
    post("/tables", external(s[0], s[1], "t", location)).statusCode(200);
    Api.delete("/tables/" + s[0] + "." + s[1] + ".t").statusCode(200);
    error(get("/tables/" + s[0] + "." + s[1] + ".t"), 404, "NOT_FOUND");
    post("/tables", external(s[0], s[1], "t2", location)).statusCode(200);
  }

  @Test
  void duplicateTableNameIs409() {
    String[] s = schema();
    post("/tables", external(s[0], s[1], "dup", "s3://bucket/" + unique("d1"))).statusCode(200);
    error(post("/tables", external(s[0], s[1], "DUP", "s3://bucket/" + unique("d2"))), 409, "TABLE_ALREADY_EXISTS");
  }

  @Test
  void missingParentsAreNamedIn404() {
    String[] s = schema();
    error(post("/tables", external(unique("nocat"), "x", "t", "s3://b/" + unique("l"))), 404, "NOT_FOUND")
        .body("message", containsString("Catalog"));
    error(post("/tables", external(s[0], "noschema", "t", "s3://b/" + unique("l"))), 404, "NOT_FOUND")
        .body("message", containsString("Schema"));
    error(get("/tables/" + s[0] + "." + s[1] + ".nope"), 404, "NOT_FOUND").body("message", containsString("Table"));
  }

  @Test
  void listingPagesThroughAllTablesOfTheSchema() {
    String[] s = schema();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String name = "t" + i;
      post("/tables", external(s[0], s[1], name, "s3://bucket/" + unique("list"))).statusCode(200);
      created.add(name);
    }
    List<String> seen =
        Api.pageThrough("/tables", Map.of("catalog_name", s[0], "schema_name", s[1]), "tables", 3);
    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void getAndListingWriteTablesByteForByteAsTheEntityWithJacksonDid() {
    String catalog = unique("listjson");
    String sch = catalog + ".s";
    Api.json().body(Map.of("statement", """
        CREATE CATALOG %1$s; CREATE SCHEMA %1$s.s;
        CREATE TABLE %1$s.s.filtered (id INT, region STRING) LOCATION 's3://listjson/%1$s/filtered'
          COMMENT 'rows "by" region – ünï' TBLPROPERTIES ('k' = 'v – ünï ✓ 𝄞', 'delta.appendOnly' = 'true');
        CREATE FUNCTION %1$s.s.f(region STRING) RETURN region = 'EU';
        ALTER TABLE %1$s.s.filtered SET ROW FILTER %1$s.s.f ON (region);
        ALTER TABLE %1$s.s.filtered SET TAGS ('domain' = 'sales', 'certified');
        """.formatted(catalog))).post("/api/gatehouse/v1/sql").then().statusCode(200);
    Map<String, Object> view = new HashMap<>();
    view.put("name", "V_Orders");
    view.put("catalog_name", catalog);
    view.put("schema_name", "s");
    view.put("table_type", "VIEW");
    view.put("columns", List.of(column("id", "LONG")));
    view.put("view_definition", "SELECT id FROM filtered\nWHERE \"x\" = '\\t'");
    view.put("view_dependencies",
        Map.of("dependencies", List.of(Map.of("table", Map.of("table_full_name", sch + ".filtered")))));
    post("/tables", view).statusCode(200);
    post("/tables", external(catalog, "s", "plain", "s3://listjson/" + unique("plain"))).statusCode(200);
    Map<String, Object> managed = new HashMap<>();
    managed.put("name", "managed");
    managed.put("catalog_name", catalog);
    managed.put("schema_name", "s");
    managed.put("table_type", "MANAGED");
    managed.put("columns", List.of(column("id", "LONG")));
    post("/tables", managed).statusCode(200);

    // Name order is lower(name): filtered, managed, plain, V_Orders; pages of 3 then 1.
    String first = get("/tables?catalog_name=" + catalog + "&schema_name=s&max_results=3").statusCode(200)
        .header("Content-Type", startsWith("application/json")).extract().asString();
    String token = io.restassured.path.json.JsonPath.from(first).getString("next_page_token");
    String second = get("/tables?catalog_name=" + catalog + "&schema_name=s&max_results=3&page_token=" + token)
        .statusCode(200).extract().asString();
    String[] names = {"filtered", "managed", "plain", "V_Orders"};
    String[] bodies = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      // What the entity gives through TableResource.info and Jackson: how both answers were written before.
      String full = sch + "." + names[i];
      bodies[i] = QuarkusTransaction.requiringNew().call(() -> mapper.writeValueAsString(
          TableResource.info(SchemaChildEntity.findByName(TableEntity.class, FullName.ofObject(full)))));
      assertThat(get("/tables/" + full).statusCode(200).extract().asString()).isEqualTo(bodies[i]);
    }
    assertThat(first).isEqualTo("{\"tables\":[" + bodies[0] + "," + bodies[1] + "," + bodies[2]
        + "],\"next_page_token\":\"" + token + "\"}");
    assertThat(second).isEqualTo("{\"tables\":[" + bodies[3] + "]}");
    assertThat(bodies[0]).contains("\"row_filter\":", "\"tags\":", "\"comment\":");
    assertThat(bodies[0]).contains("v – ünï ✓ 𝄞"); // a stored document's bytes, not only ASCII
    assertThat(bodies[3]).contains("\"view_dependencies\":", "\"view_definition\":");
    assertThat(get("/tables?catalog_name=" + catalog + "&schema_name=s&max_results=4").extract().asString())
        .isEqualTo("{\"tables\":[" + String.join(",", bodies) + "]}");
  }

  @Test
  void updateChangesOwner() {
    String[] s = schema();
    post("/tables", external(s[0], s[1], "t", "s3://bucket/" + unique("own"))).statusCode(200);
    String analysts = unique("analysts"); // owners must exist
    io.gatehouse.server.identity.Identities.group(analysts);
    patch("/tables/" + s[0] + "." + s[1] + ".t", Map.of("owner", analysts)).statusCode(200).body("owner", equalTo(analysts));
    get("/tables/" + s[0] + "." + s[1] + ".t").body("owner", equalTo(analysts));
  }

  @Test
  void tableRulesAreEnforcedPerType() {
    String[] s = schema();
    Map<String, Object> noLocation = new HashMap<>(external(s[0], s[1], "t", null));
    noLocation.remove("storage_location");
    error(post("/tables", noLocation), 400, "INVALID_ARGUMENT").body("message", containsString("storage_location"));

    Map<String, Object> managedWithLocation = new HashMap<>(external(s[0], s[1], "t", "s3://b/" + unique("m")));
    managedWithLocation.put("table_type", "MANAGED");
    error(post("/tables", managedWithLocation), 400, "INVALID_ARGUMENT");

    Map<String, Object> noFormat = new HashMap<>(external(s[0], s[1], "t", "s3://b/" + unique("f")));
    noFormat.remove("data_source_format");
    error(post("/tables", noFormat), 400, "INVALID_ARGUMENT").body("message", containsString("data_source_format"));

    Map<String, Object> streaming = new HashMap<>(external(s[0], s[1], "t", "s3://b/" + unique("s")));
    streaming.put("table_type", "STREAMING_TABLE");
    error(post("/tables", streaming), 400, "INVALID_ARGUMENT");

    Map<String, Object> duplicateColumns = new HashMap<>(external(s[0], s[1], "t", "s3://b/" + unique("c")));
    duplicateColumns.put("columns", List.of(column("a", "INT"), column("A", "INT")));
    error(post("/tables", duplicateColumns), 400, "INVALID_ARGUMENT").body("message", containsString("more than once"));

    Map<String, Object> structWithoutText = new HashMap<>(external(s[0], s[1], "t", "s3://b/" + unique("c")));
    structWithoutText.put("columns", List.of(column("a", "STRUCT")));
    error(post("/tables", structWithoutText), 400, "INVALID_ARGUMENT").body("message", containsString("type_text"));

    error(get("/tables/" + s[0] + "." + s[1] + ".t"), 404, "NOT_FOUND");
  }

  @Test
  void badLocationsAreRefused() {
    String[] s = schema();
    for (String bad : List.of("not a url", "relative/path", "s3:///nobucket", "s3://b/a/../b", "s3://b/x?y=1", "file:/")) {
      error(post("/tables", external(s[0], s[1], "t", bad)), 400, "INVALID_ARGUMENT");
    }
  }
}
