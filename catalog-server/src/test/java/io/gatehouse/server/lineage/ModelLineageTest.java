package io.gatehouse.server.lineage;

import static io.gatehouse.server.lineage.Lineage.in;
import static io.gatehouse.server.lineage.Lineage.out;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.openlineage.client.OpenLineageClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lineage of registered model versions to the tables they were trained on. A training job reads
 * two feature tables and writes version 1 of a model, named by MLflow's model URI; another
 * writes version 2's artifacts into the version's own folder, named by storage location.
 * A feature steward may browse the feature tables and not the model; a model user holds EXECUTE
 * on the model and nothing on the tables. Each sees the other's side as placeholders only.
 *
 * <pre>
 *   features.customers --\                 /--> models:/c.ml.churn/1
 *   features.orders -----+-- train_churn --
 *   features.orders ------- retrain_churn ----> s3://.../models/&lt;id&gt;/versions/2/MLmodel
 * </pre>
 */
@QuarkusTest
class ModelLineageTest {
  private static String c;
  private static String jobs;
  private static String model;
  private static String version2Location;
  private static String featureSteward;
  private static String modelUser;
  private static OpenLineageClient client;

  @BeforeEach
  void pipelineOnce() {
    if (c == null) {
      pipeline();
    }
  }

  private static void pipeline() {
    String catalog = Api.unique("mlineage");
    String steward = Identities.email("features");
    String user = Identities.email("modeluser");
    Identities.user(steward);
    Identities.user(user);
    Lineage.sql("CREATE CATALOG " + catalog + "; CREATE SCHEMA " + catalog + ".features; CREATE SCHEMA " + catalog + ".ml;"
        + " CREATE TABLE " + catalog + ".features.customers (id BIGINT, tenure INT);"
        + " CREATE TABLE " + catalog + ".features.orders (customer BIGINT, amount DOUBLE);"
        + " CREATE SCHEMA " + catalog + ".staging; CREATE TABLE " + catalog + ".staging.events (id BIGINT);"
        + " GRANT BROWSE ON SCHEMA " + catalog + ".features TO `" + steward + "`");
    Api.post("/models", Map.of("catalog_name", catalog, "schema_name", "ml", "name", "churn")).statusCode(200);
    String full = catalog + ".ml.churn";
    Lineage.sql("GRANT USE CATALOG ON CATALOG " + catalog + " TO `" + user + "`;"
        + " GRANT USE SCHEMA ON SCHEMA " + catalog + ".ml TO `" + user + "`;"
        + " GRANT EXECUTE ON MODEL " + full + " TO `" + user + "`");
    createVersion(catalog);
    version2Location = createVersion(catalog);
    URI v2 = URI.create(version2Location);
    client = Lineage.client(Lineage.pipelineToken());
    String ns = Lineage.ns("mlflow");
    Lineage.runJob(client, ns, "train_churn",
        List.of(in("warehouse", catalog + ".features.customers"), in("warehouse", catalog + ".features.orders")),
        List.of(out("mlflow", "models:/" + full + "/1")));
    Lineage.runJob(client, ns, "retrain_churn", List.of(in("warehouse", catalog + ".features.orders")),
        List.of(out(namespaceOf(v2), v2.getPath() + "/MLmodel")));
    jobs = ns;
    model = full;
    featureSteward = TestIssuer.jwt(steward);
    modelUser = TestIssuer.jwt(user);
    c = catalog;
  }

  /** OpenLineage's namespace of a storage location: {@code file} for local paths, else scheme and authority. */
  private static String namespaceOf(URI location) {
    return location.getScheme().equals("file") ? "file" : location.getScheme() + "://" + location.getAuthority();
  }

  /** Creates the next version of {@code catalog}.ml.churn; returns its storage location. */
  private static String createVersion(String catalog) {
    return Api.post("/models/versions", Map.of("catalog_name", catalog, "schema_name", "ml", "model_name", "churn",
        "source", "s3://runs/artifacts/model", "run_id", "run-1")).statusCode(200).extract().path("storage_location");
  }

  private static RequestSpecification as(String token) {
    return Identities.as(token);
  }

  private static JsonPath graph(RequestSpecification as, Map<String, ?> query) {
    return Lineage.graph(as, query).statusCode(200).extract().jsonPath();
  }

  private static Map<String, Object> modelStart(int version) {
    return Map.of("model", model, "version", version, "direction", "upstream");
  }

  @Test
  void aModelVersionNamedByItsUriLeadsUpstreamToTheTablesItWasTrainedOn() {
    JsonPath up = graph(Api.given(), modelStart(1));
    assertThat(up.getList("nodes.findAll { it.depth == 0 }.table.securable_type", String.class))
        .containsExactly("MODEL_VERSION");
    assertThat(up.getString("nodes.find { it.depth == 0 }.table.full_name")).isEqualTo(model);
    assertThat(up.getInt("nodes.find { it.depth == 0 }.table.version")).isEqualTo(1);
    assertThat(up.getList("nodes.findAll { it.kind == 'DATASET' && it.depth > 0 }.table.full_name", String.class))
        .containsExactlyInAnyOrder(c + ".features.customers", c + ".features.orders");
    assertThat(up.getList("nodes.findAll { it.kind == 'JOB' }.name", String.class)).containsExactly("train_churn");

    // Names compare as the catalog compares them.
    assertThat(graph(Api.given(), Map.of("model", model.toUpperCase(), "version", "1", "direction", "upstream"))
        .getList("nodes.id")).isEqualTo(up.getList("nodes.id"));
  }

  @Test
  void aLocationInsideAVersionsFolderMapsToThatVersionAndNothingNearItDoes() {
    JsonPath up = graph(Api.given(), modelStart(2));
    assertThat(up.getList("nodes.findAll { it.kind == 'JOB' }.name", String.class)).containsExactly("retrain_churn");
    assertThat(up.getString("nodes.find { it.depth == 0 }.name")).endsWith("/versions/2/MLmodel");

    URI v2 = URI.create(version2Location);
    String ns = namespaceOf(v2);
    String modelFolder = v2.getPath().substring(0, v2.getPath().lastIndexOf("/versions/"));
    List<String> beside = List.of(modelFolder + "/MLmodel", modelFolder + "/versions/20/MLmodel",
        modelFolder + "/versions/2x/MLmodel", modelFolder + "/versions", modelFolder + "/versions/7/MLmodel");
    try (var emitter = Lineage.client(Lineage.pipelineToken())) {
      for (String name : beside) {
        Lineage.runJob(emitter, jobs, "beside", List.of(), List.of(out(ns, name)));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (String name : beside) {
      JsonPath node = graph(Api.given(), Map.of("namespace", ns, "name", name));
      assertThat(node.getList("nodes.findAll { it.depth == 0 }.table")).as(name).containsOnlyNulls();
    }
  }

  @Test
  void aVersionReportedBeforeItExistsIsMappedOnceItIsCreated() throws InterruptedException {
    String full = model;
    Lineage.runJob(client, jobs, "train_churn_v3", List.of(in("warehouse", c + ".staging.events")),
        List.of(out("mlflow", "models:/" + full + "/3")));
    Lineage.graph(Api.given(), modelStart(3)).statusCode(404);
    createVersion(c);
    // The remap watcher notices the new version (every 200 ms in tests) and maps the dataset.
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline && !Lineage.graph(Api.given(), modelStart(3)).extract().asString()
        .contains("train_churn_v3")) {
      Thread.sleep(100);
    }
    assertThat(graph(Api.given(), modelStart(3)).getList("nodes.findAll { it.kind == 'JOB' }.name", String.class))
        .containsExactly("train_churn_v3");
  }

  @Test
  void theFeatureStewardSeesTheModelOnlyAsAPlaceholderAndCannotStartFromIt() {
    JsonPath down = graph(as(featureSteward), Map.of("table", c + ".features.customers", "direction", "downstream"));
    List<Map<String, Object>> hidden = down.getList("nodes.findAll { it.redacted }");
    assertThat(hidden).extracting(n -> n.get("kind")).containsExactlyInAnyOrder("DATASET", "JOB");
    assertThat(hidden).allSatisfy(n -> assertThat(n).containsOnlyKeys("id", "kind", "depth", "redacted"));
    assertThat(down.prettify()).doesNotContainIgnoringCase("churn").doesNotContain("models:");

    // The hidden model version and a model that does not exist are the same 404.
    var hiddenStart = Lineage.graph(as(featureSteward), modelStart(1)).statusCode(404).extract().jsonPath();
    var noSuch = Lineage.graph(as(featureSteward), Map.of("model", c + ".ml.nosuch", "version", 1)).statusCode(404)
        .extract().jsonPath();
    assertThat(hiddenStart.getString("message")).isEqualTo(noSuch.getString("message")).doesNotContain("churn");
    assertThat(search(featureSteward, "churn")).isEmpty();
    assertThat(searchAsAdmin("churn")).isNotEmpty();

    // Its dataset, asked for by id, is the same 404 as well.
    String datasetId = graph(Api.given(), modelStart(1)).getString("nodes.find { it.depth == 0 }.id");
    Lineage.graph(as(featureSteward), Map.of("dataset", datasetId)).statusCode(404);
    as(featureSteward).accept("application/json").get(Lineage.GRAPH + "/datasets/" + datasetId).then().statusCode(404);
  }

  @Test
  void theModelUserSeesTheVersionAndItsDetailsButNotTheTables() {
    JsonPath up = graph(as(modelUser), modelStart(1));
    assertThat(up.getString("nodes.find { it.depth == 0 }.table.full_name")).isEqualTo(model);
    assertThat(up.getList("nodes.findAll { it.depth > 0 }.redacted", Boolean.class)).containsOnly(true).hasSize(3);
    assertThat(up.prettify()).doesNotContain("features");

    String datasetId = up.getString("nodes.find { it.depth == 0 }.id");
    JsonPath details = as(modelUser).accept("application/json").get(Lineage.GRAPH + "/datasets/" + datasetId)
        .then().statusCode(200).extract().jsonPath();
    assertThat(details.getString("model_version.full_name")).isEqualTo(model);
    assertThat(details.getInt("model_version.version")).isEqualTo(1);
    assertThat(details.getString("model_version.status")).isEqualTo("PENDING_REGISTRATION");
    assertThat(details.getString("model_version.owner")).isEqualTo("admin");
    assertThat(details.getMap("table")).isNull();
    assertThat(details.prettify()).doesNotContain("s3://runs").doesNotContain("run-1");
  }

  @Test
  void aStartByModelIsCheckedLikeAnyOther() {
    for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("model", model), Map.of("version", 1),
        Map.of("model", model, "version", 0), Map.of("model", model, "version", -1),
        Map.of("model", model, "version", "1e3"), Map.of("model", model, "version", "one"),
        Map.of("model", model, "version", "99999999999999999999"), Map.of("model", "ml.churn", "version", 1),
        Map.of("model", model, "version", 1, "table", c + ".features.orders"))) {
      Lineage.graph(Api.given(), bad).statusCode(400);
    }
  }

  private static List<String> searchAsAdmin(String q) {
    return search(Api.given(), q);
  }

  private static List<String> search(String token, String q) {
    return search(as(token), q);
  }

  private static List<String> search(RequestSpecification as, String q) {
    return as.accept("application/json").queryParam("q", q).get(Lineage.GRAPH + "/search").then().statusCode(200)
        .extract().jsonPath().getList("nodes.name", String.class);
  }
}
