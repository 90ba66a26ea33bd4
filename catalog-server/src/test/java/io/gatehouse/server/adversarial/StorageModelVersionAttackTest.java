package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.StorageAttacks.encodeFirst;
import static io.gatehouse.server.credentials.LakeWorld.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.LakeWorld;
import io.gatehouse.server.credentials.Storage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Model versions and their credentials under attack: a principal without EXECUTE learns and
 * reads nothing of a model however it spells the name; credentials to write are given only for
 * a pending version and only to who may manage the model; and a version's credentials reach its
 * own folder on the real radosgw, never a sibling version's (not even {@code versions/20} beside
 * {@code versions/2}) nor the model's folder around it.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class StorageModelVersionAttackTest {
  LakeWorld lake;
  String catalog;
  String schema;
  String model;
  String full;
  /** The model's folder as a key prefix in the lake's bucket. */
  String prefix;

  @BeforeEach
  void model() {
    lake = LakeWorld.get();
    catalog = lake.catalog;
    schema = Api.unique("models");
    Api.post("/schemas", Map.of("name", schema, "catalog_name", catalog,
        "storage_root", lake.url("warehouse/" + schema))).statusCode(200);
    model = Api.unique("fraud");
    full = catalog + "." + schema + "." + model;
    String location = Api.post("/models", Map.of("catalog_name", catalog, "schema_name", schema, "name", model))
        .statusCode(200).extract().path("storage_location");
    prefix = location.substring(("s3://" + lake.bucket + "/").length());
    for (int v = 1; v <= 2; v++) {
      Api.post("/models/versions", Map.of("catalog_name", catalog, "schema_name", schema, "model_name", model,
          "source", "runs/" + v)).statusCode(200);
      lake.put(prefix + "/versions/" + v + "/model.pkl", "weights " + v);
    }
    lake.put(prefix + "/versions/20/model.pkl", "not a version of ours");
    lake.put(prefix + "/MLmodel", "the model's own file");
  }

  /** A user who may use the lake's catalog and this schema from outside, and nothing on the model. */
  String outsider(String name) {
    String email = Storage.user(name);
    Storage.grant("catalog", catalog, email, "USE CATALOG");
    Storage.grant("schema", catalog + "." + schema, email, "USE SCHEMA", "EXTERNAL USE SCHEMA");
    return email;
  }

  static ValidatableResponse credentials(RequestSpecification as, String catalog, String schema, String model, long version,
      String operation) {
    Map<String, Object> body = new HashMap<>(Map.of("catalog_name", catalog, "schema_name", schema, "model_name", model,
        "version", version, "operation", operation));
    return as.body(body).post(Api.BASE + "/temporary-model-version-credentials").then();
  }

  @Test
  void withoutExecuteAModelIsNeitherListedNorReadNorVended() {
    String user = outsider("noexec");
    RequestSpecification as = Storage.as(user);
    as.queryParam("catalog_name", catalog).queryParam("schema_name", schema).get(Api.BASE + "/models").then()
        .statusCode(200).body("registered_models.name", not(hasItem(model)));
    Storage.as(user).queryParam("catalog_name", catalog).get(Api.BASE + "/models").then()
        .statusCode(200).body("registered_models.name", not(hasItem(model)));
    Api.error(Storage.as(user).get(Api.BASE + "/models/" + full).then(), 403, "PERMISSION_DENIED");
    Api.error(Storage.as(user).get(Api.BASE + "/models/" + full + "/versions").then(), 403, "PERMISSION_DENIED");
    Api.error(Storage.as(user).get(Api.BASE + "/models/" + full + "/versions/1").then(), 403, "PERMISSION_DENIED");
    Api.error(credentials(Storage.as(user), catalog, schema, model, 1, "READ_MODEL_VERSION"), 403, "PERMISSION_DENIED");

    // The same user with EXECUTE: everything above works, so the refusals were the missing privilege.
    Storage.grant("registered_model", full, user, "EXECUTE");
    Storage.as(user).queryParam("catalog_name", catalog).queryParam("schema_name", schema).get(Api.BASE + "/models")
        .then().statusCode(200).body("registered_models.name", hasItem(model));
    Storage.as(user).get(Api.BASE + "/models/" + full + "/versions/1").then().statusCode(200);
    S3Client s3 = lake.s3(credentials(Storage.as(user), catalog, schema, model, 1, "READ_MODEL_VERSION"));
    assertThat(lake.read(s3, prefix + "/versions/1/model.pkl")).isEqualTo("weights 1");
  }

  @Test
  void browseShowsTheModelButNoneOfItsVersionsNorArtifacts() {
    String user = outsider("browser");
    Storage.grant("catalog", catalog, user, "BROWSE");
    Storage.as(user).queryParam("include_browse", "true").get(Api.BASE + "/models/" + full).then().statusCode(200);
    Api.error(Storage.as(user).get(Api.BASE + "/models/" + full + "/versions").then(), 403, "PERMISSION_DENIED");
    Api.error(Storage.as(user).get(Api.BASE + "/models/" + full + "/versions/1").then(), 403, "PERMISSION_DENIED");
    Api.error(credentials(Storage.as(user), catalog, schema, model, 1, "READ_MODEL_VERSION"), 403, "PERMISSION_DENIED");
  }

  @Test
  void otherSpellingsOfTheNameFindNoWayAround() {
    String user = outsider("spelling");
    // Upper case, and a percent-encoded letter that the HTTP layer decodes: the same model, still refused.
    for (String spelled : List.of(full.toUpperCase(), catalog + "." + schema + "." + encodeFirst(model))) {
      for (String path : List.of("", "/versions", "/versions/1")) {
        Api.error(Storage.as(user).urlEncodingEnabled(false).get(Api.BASE + "/models/" + spelled + path).then(), 403,
            "PERMISSION_DENIED");
      }
    }
    // A '%' that reaches the name itself is no letter of any name.
    Api.error(Storage.as(user).get(Api.BASE + "/models/" + catalog + "." + schema + "." + encodeFirst(model)).then(), 400,
        "INVALID_ARGUMENT");
    Api.error(credentials(Storage.as(user), catalog.toUpperCase(), schema.toUpperCase(), model.toUpperCase(), 1,
        "READ_MODEL_VERSION"), 403, "PERMISSION_DENIED");
    // Spellings that name no model at all are refused as bad input, never resolved to this one.
    String homoglyph = model.replace('a', '\u0430');
    for (String bad : List.of(encodeFirst(model), homoglyph, model + " ", "../" + model, model + "/../" + model)) {
      Api.error(credentials(Storage.as(user), catalog, schema, bad, 1, "READ_MODEL_VERSION"), 400, "INVALID_ARGUMENT");
    }
    Api.error(Storage.as(user).get(Api.BASE + "/models/" + catalog + "." + schema + "." + homoglyph).then(), 400,
        "INVALID_ARGUMENT");
    Api.error(Storage.as(user).get(Api.BASE + "/models/" + full + ".extra").then(), 400, "INVALID_ARGUMENT");
  }

  @Test
  void executeAloneNeverGivesWriteCredentials() {
    String user = outsider("reader");
    Storage.grant("registered_model", full, user, "EXECUTE");
    Api.error(credentials(Storage.as(user), catalog, schema, model, 2, "READ_WRITE_MODEL_VERSION"), 403, "PERMISSION_DENIED");
    Api.error(Storage.as(user).body(Map.of()).patch(Api.BASE + "/models/" + full + "/versions/2/finalize").then(), 403,
        "PERMISSION_DENIED");
    Api.error(Storage.as(user).body(Map.of("catalog_name", catalog, "schema_name", schema, "model_name", model,
        "source", "x")).post(Api.BASE + "/models/versions").then(), 403, "PERMISSION_DENIED");
  }

  @Test
  void aReadyVersionIsNeverWrittenAgainNotEvenByItsOwner() {
    Api.patch("/models/" + full + "/versions/1/finalize", Map.of()).statusCode(200);
    Api.error(credentials(Api.json(), catalog, schema, model, 1, "READ_WRITE_MODEL_VERSION"), 403, "PERMISSION_DENIED");
    String owner = outsider("owner");
    Api.patch("/models/" + full, Map.of("owner", owner)).statusCode(200);
    Api.error(credentials(Storage.as(owner), catalog, schema, model, 1, "READ_WRITE_MODEL_VERSION"), 403,
        "PERMISSION_DENIED");
    // The owner may still read it, and write the version that is pending.
    lake.s3(credentials(Storage.as(owner), catalog, schema, model, 1, "READ_MODEL_VERSION"));
    lake.s3(credentials(Storage.as(owner), catalog, schema, model, 2, "READ_WRITE_MODEL_VERSION"));
  }

  @Test
  void versionCredentialsReachOnlyTheirOwnFolderOnRadosgw() {
    String owner = outsider("writer");
    Api.patch("/models/" + full, Map.of("owner", owner)).statusCode(200);
    S3Client s3 = lake.s3(credentials(Storage.as(owner), catalog, schema, model, 2, "READ_WRITE_MODEL_VERSION"));
    lake.write(s3, prefix + "/versions/2/new.bin");
    assertThat(lake.read(s3, prefix + "/versions/2/model.pkl")).isEqualTo("weights 2");
    assertThat(s3.listObjectsV2(b -> b.bucket(lake.bucket).prefix(prefix + "/versions/2/")).contents()).hasSize(2);

    for (String outside : List.of(prefix + "/versions/1/model.pkl", prefix + "/versions/20/model.pkl", prefix + "/MLmodel")) {
      assertThat(status(() -> lake.read(s3, outside))).as("read " + outside).isEqualTo(403);
      assertThat(status(() -> lake.write(s3, outside))).as("write " + outside).isEqualTo(403);
    }
    for (String listed : List.of(prefix + "/versions/2", prefix + "/versions/", prefix + "/", prefix + "/versions/1/")) {
      assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(lake.bucket).prefix(listed)))).as("list " + listed)
          .isEqualTo(403);
    }
    assertThat(lake.read(lake.admin, prefix + "/versions/1/model.pkl")).isEqualTo("weights 1");
  }
}
