package io.gatehouse.server.catalog;

import static io.gatehouse.server.catalog.Api.delete;
import static io.gatehouse.server.catalog.Api.error;
import static io.gatehouse.server.catalog.Api.get;
import static io.gatehouse.server.catalog.Api.patch;
import static io.gatehouse.server.catalog.Api.post;
import static io.gatehouse.server.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.gatehouse.server.credentials.Storage;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registered models and model versions over the Unity Catalog 2.1 REST API. */
@QuarkusTest
class ModelApiTest {

  static Map<String, Object> model(String[] s, String name) {
    return Map.of("catalog_name", s[0], "schema_name", s[1], "name", name);
  }

  static Map<String, Object> version(String[] s, String model, String source) {
    return Map.of("catalog_name", s[0], "schema_name", s[1], "model_name", model, "source", source, "run_id", "run-1");
  }

  @Test
  void modelIsCreatedReadRenamedGivenAwayAndDeleted() {
    String[] s = Api.schema().split("\\.");
    String full = s[0] + "." + s[1] + ".churn";
    String id = post("/models", Map.of("catalog_name", s[0], "schema_name", s[1], "name", "churn", "comment", "first"))
        .statusCode(200)
        .body("full_name", equalTo(full))
        .body("owner", equalTo("admin"))
        .body("comment", equalTo("first"))
        .body("created_by", equalTo("admin"))
        .body("storage_location", containsString("/models/"))
        .extract().path("id");
    get("/models/" + full).statusCode(200).body("id", equalTo(id)).body("name", equalTo("churn"));
    get("/models/" + full.toUpperCase()).statusCode(200).body("id", equalTo(id));
    error(post("/models", model(s, "CHURN")), 409, "ALREADY_EXISTS");

    String owner = Storage.user("modelowner");
    patch("/models/" + full, Map.of("comment", "second", "new_name", "churn2", "owner", owner))
        .statusCode(200)
        .body("name", equalTo("churn2"))
        .body("comment", equalTo("second"))
        .body("owner", equalTo(owner))
        .body("id", equalTo(id));
    error(get("/models/" + full), 404, "NOT_FOUND");
    error(patch("/models/" + s[0] + "." + s[1] + ".churn2", Map.of("owner", "nobody-" + unique("x"))), 404, "NOT_FOUND");
    delete("/models/" + s[0] + "." + s[1] + ".churn2").statusCode(200);
    error(get("/models/" + s[0] + "." + s[1] + ".churn2"), 404, "NOT_FOUND");
  }

  @Test
  void modelsArePagedPerSchemaAndAcrossACatalog() {
    String catalog = Api.catalog();
    String a = unique("a");
    String b = unique("b");
    post("/schemas", Map.of("name", a, "catalog_name", catalog)).statusCode(200);
    post("/schemas", Map.of("name", b, "catalog_name", catalog)).statusCode(200);
    for (String m : List.of("m1", "m2", "m3")) {
      post("/models", model(new String[] {catalog, a}, m)).statusCode(200);
    }
    post("/models", model(new String[] {catalog, b}, "m0")).statusCode(200);

    assertThat(Api.pageThrough("/models", Map.of("catalog_name", catalog, "schema_name", a), "registered_models", 2))
        .containsExactly("m1", "m2", "m3");
    assertThat(Api.pageThrough("/models", Map.of("catalog_name", catalog), "registered_models", 1))
        .containsExactly("m1", "m2", "m3", "m0");
    assertThat(Api.pageThrough("/models", Map.of(), "registered_models", 1000)).contains("m0", "m1");
    error(Api.json().queryParam("schema_name", a).get(Api.BASE + "/models").then(), 400, "INVALID_ARGUMENT");
  }

  @Test
  void versionsAreNumberedFinalizedOnceAndPaged() {
    String[] s = Api.schema().split("\\.");
    String full = s[0] + "." + s[1] + ".ranker";
    String location = post("/models", model(s, "ranker")).statusCode(200).extract().path("storage_location");
    post("/models/versions", version(s, "ranker", "s3://runs/1/model"))
        .statusCode(200)
        .body("version", equalTo(1))
        .body("status", equalTo("PENDING_REGISTRATION"))
        .body("model_name", equalTo("ranker"))
        .body("source", equalTo("s3://runs/1/model"))
        .body("run_id", equalTo("run-1"))
        .body("storage_location", equalTo(location + "/versions/1"));
    post("/models/versions", version(s, "ranker", "s3://runs/2/model")).statusCode(200).body("version", equalTo(2));
    post("/models/versions", version(s, "ranker", "s3://runs/3/model")).statusCode(200).body("version", equalTo(3));

    patch("/models/" + full + "/versions/1/finalize", Map.of("full_name", full, "version", 1))
        .statusCode(200).body("status", equalTo("READY"));
    error(patch("/models/" + full + "/versions/1/finalize", Map.of("full_name", full, "version", 1)), 400,
        "FAILED_PRECONDITION");
    patch("/models/" + full + "/versions/2/finalize", Map.of("status", "FAILED_REGISTRATION"))
        .statusCode(200).body("status", equalTo("FAILED_REGISTRATION"));
    error(patch("/models/" + full + "/versions/3/finalize", Map.of("full_name", full, "version", 2)), 400,
        "INVALID_ARGUMENT");
    error(patch("/models/" + full + "/versions/3/finalize", Map.of("status", "MODEL_VERSION_STATUS_UNKNOWN")), 400,
        "INVALID_ARGUMENT");
    patch("/models/" + full + "/versions/3", Map.of("comment", "candidate"))
        .statusCode(200).body("comment", equalTo("candidate")).body("status", equalTo("PENDING_REGISTRATION"));
    get("/models/" + full + "/versions/3").statusCode(200).body("comment", equalTo("candidate"));

    List<Integer> seen = new java.util.ArrayList<>();
    String token = null;
    do {
      var request = Api.json().queryParam("max_results", 2);
      if (token != null) {
        request.queryParam("page_token", token);
      }
      var page = request.get(Api.BASE + "/models/" + full + "/versions").then().statusCode(200).extract();
      seen.addAll(page.path("model_versions.version"));
      token = page.path("next_page_token");
    } while (token != null);
    assertThat(seen).containsExactly(1, 2, 3);

    delete("/models/" + full + "/versions/2").statusCode(200);
    error(get("/models/" + full + "/versions/2"), 404, "NOT_FOUND");
    post("/models/versions", version(s, "ranker", "s3://runs/4/model")).statusCode(200).body("version", equalTo(4));
    error(delete("/models/" + full), 400, "FAILED_PRECONDITION");
    Api.json().queryParam("force", "true").delete(Api.BASE + "/models/" + full).then().statusCode(200);
    error(get("/models/" + full + "/versions/1"), 404, "NOT_FOUND");
  }

  @Test
  void versionsCreatedWhileTheModelChangesGetDistinctNumbers() throws Exception {
    String[] s = Api.schema().split("\\.");
    String full = s[0] + "." + s[1] + ".busy";
    post("/models", model(s, "busy")).statusCode(200);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    List<java.util.concurrent.Future<Integer>> created = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 30; i++) {
        int n = i;
        created.add(pool.submit(() -> {
          patch("/models/" + full, Map.of("comment", "c" + n)).statusCode(200);
          return post("/models/versions", version(s, "busy", "s3://runs/" + n)).statusCode(200)
              .extract().<Integer>path("version");
        }));
      }
      List<Integer> numbers = new java.util.ArrayList<>();
      for (var f : created) {
        numbers.add(f.get());
      }
      assertThat(numbers).doesNotHaveDuplicates().hasSize(30).allMatch(v -> v >= 1 && v <= 30);
    } finally {
      pool.shutdownNow();
    }
    patch("/models/" + full, Map.of("comment", "last")).statusCode(200);
    post("/models/versions", version(s, "busy", "s3://runs/last")).statusCode(200).body("version", equalTo(31));
  }

  @Test
  void aModelsLocationIsItsOwnUntilItsCatalogGoes() {
    String catalog = unique("mlcat");
    post("/catalogs", Map.of("name", catalog, "storage_root", "s3://managed/" + catalog)).statusCode(200);
    post("/schemas", Map.of("name", "s", "catalog_name", catalog)).statusCode(200);
    String location = post("/models", model(new String[] {catalog, "s"}, "m")).statusCode(200)
        .extract().path("storage_location");
    assertThat(location).startsWith("s3://managed/" + catalog + "/");
    String other = Api.schema();
    String[] o = other.split("\\.");
    error(post("/tables", Api.externalTable(o[0], o[1], "inside", location + "/versions/1")), 400, "INVALID_ARGUMENT");
    Api.json().queryParam("force", "true").delete(Api.BASE + "/catalogs/" + catalog).then().statusCode(200);
    post("/tables", Api.externalTable(o[0], o[1], "inside", location + "/versions/1")).statusCode(200);
  }

  @Test
  void badRequestsAreRefusedInTheDocumentedShape() {
    String[] s = Api.schema().split("\\.");
    String full = s[0] + "." + s[1] + ".bad";
    post("/models", model(s, "bad")).statusCode(200);
    error(post("/models", Map.of("catalog_name", s[0], "schema_name", s[1])), 400, "INVALID_ARGUMENT");
    error(post("/models", model(s, "a.b")), 400, "INVALID_ARGUMENT");
    error(post("/models", model(new String[] {s[0], "nope"}, "m")), 404, "NOT_FOUND");
    error(get("/models/" + s[0] + ".only"), 400, "INVALID_ARGUMENT");
    error(get("/models/" + full + "/versions/0"), 400, "INVALID_ARGUMENT");
    error(get("/models/" + full + "/versions/one"), 400, "INVALID_ARGUMENT");
    error(get("/models/" + full + "/versions/99"), 404, "NOT_FOUND");
    Map<String, Object> noSource = new HashMap<>(version(s, "bad", "x"));
    noSource.remove("source");
    error(post("/models/versions", noSource), 400, "INVALID_ARGUMENT");
    error(post("/models/versions", version(s, "missing", "x")), 404, "NOT_FOUND");
    error(Api.json().queryParam("page_token", "garbage").get(Api.BASE + "/models/" + full + "/versions").then(), 400,
        "INVALID_ARGUMENT");
    error(Api.json().body("{\"catalog_name\": ").post(Api.BASE + "/models").then(), 400, "INVALID_ARGUMENT");
  }

  @Test
  void sqlGrantsExecuteGivesAwayAndDropsAModel() {
    String[] s = Api.schema().split("\\.");
    String full = s[0] + "." + s[1] + ".sqlmodel";
    post("/models", model(s, "sqlmodel")).statusCode(200);
    String reader = Storage.user("sqlreader");
    sql("GRANT EXECUTE ON MODEL " + full + " TO `" + reader + "`").statusCode(200);
    get("/permissions/registered_model/" + full).statusCode(200)
        .body("privilege_assignments.find { it.principal == '" + reader + "' }.privileges", equalTo(List.of("EXECUTE")));
    sql("REVOKE EXECUTE ON MODEL " + full + " FROM `" + reader + "`").statusCode(200);
    get("/permissions/registered_model/" + full).statusCode(200)
        .body("privilege_assignments.find { it.principal == '" + reader + "' }", nullValue());
    sql("ALTER MODEL " + full + " OWNER TO `" + reader + "`").statusCode(200);
    get("/models/" + full).statusCode(200).body("owner", equalTo(reader));
    post("/models/versions", version(s, "sqlmodel", "s3://x")).statusCode(200);
    sql("DROP MODEL " + full).statusCode(200);
    error(get("/models/" + full), 404, "NOT_FOUND");
    sql("DROP MODEL IF EXISTS " + full).statusCode(200);
  }

  private static io.restassured.response.ValidatableResponse sql(String statement) {
    return Api.json().body(Map.of("statement", statement)).post("/api/gatehouse/v1/sql").then();
  }
}
