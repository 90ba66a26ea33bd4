package io.gatehouse.server.compat;

import static io.gatehouse.server.compat.UcCompat.apiError;
import static io.gatehouse.server.compat.UcCompat.assertUuid;
import static io.gatehouse.server.compat.UcCompat.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.LakeWorld;
import io.gatehouse.server.credentials.Storage;
import io.gatehouse.server.identity.TestIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.unitycatalog.client.ApiClient;
import io.unitycatalog.client.ApiException;
import io.unitycatalog.client.api.ModelVersionsApi;
import io.unitycatalog.client.api.RegisteredModelsApi;
import io.unitycatalog.client.api.TemporaryCredentialsApi;
import io.unitycatalog.client.model.CreateModelVersion;
import io.unitycatalog.client.model.CreateRegisteredModel;
import io.unitycatalog.client.model.FinalizeModelVersion;
import io.unitycatalog.client.model.GenerateTemporaryModelVersionCredential;
import io.unitycatalog.client.model.ModelVersionInfo;
import io.unitycatalog.client.model.ModelVersionOperation;
import io.unitycatalog.client.model.ModelVersionStatus;
import io.unitycatalog.client.model.RegisteredModelInfo;
import io.unitycatalog.client.model.TemporaryCredentials;
import io.unitycatalog.client.model.UpdateModelVersion;
import io.unitycatalog.client.model.UpdateRegisteredModel;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Registered models and versions through the unmodified Unity Catalog OSS 0.6.0 client, as
 * MLflow drives it: register, create a version, write its artifact with the vended credentials to
 * radosgw, finalize, and read it back as a principal holding EXECUTE; refused without it.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class UnityCatalogClientModelTest {
  @TestHTTPResource("/")
  URL url;

  private ApiClient client;
  private RegisteredModelsApi models;
  private ModelVersionsApi versions;
  private TemporaryCredentialsApi temporary;
  private LakeWorld lake;
  private String catalog;
  private String schema;

  @BeforeEach
  void connect() {
    client = UcCompat.client(url);
    models = new RegisteredModelsApi(client);
    versions = new ModelVersionsApi(client);
    temporary = new TemporaryCredentialsApi(client);
    lake = LakeWorld.get();
    catalog = lake.catalog;
    schema = unique("mlsch");
    Api.post("/schemas", Map.of("name", schema, "catalog_name", catalog, "storage_root", lake.url("warehouse/" + schema)))
        .statusCode(200);
  }

  /** The client as another principal, authenticated with a JWT of the test issuer. */
  private ApiClient clientAs(String email) {
    ApiClient other = UcCompat.client(url);
    other.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + TestIssuer.jwt(email)));
    return other;
  }

  @Test
  void modelRoundTripsThroughTheClient() throws ApiException {
    String name = unique("model");
    long before = System.currentTimeMillis();
    RegisteredModelInfo created = models.createRegisteredModel(
        new CreateRegisteredModel().name(name).catalogName(catalog).schemaName(schema).comment("churn"));
    long after = System.currentTimeMillis();
    String full = catalog + "." + schema + "." + name;
    assertThat(created.getFullName()).isEqualTo(full);
    assertThat(created.getComment()).isEqualTo("churn");
    assertThat(created.getOwner()).isEqualTo(UcCompat.ADMIN);
    assertThat(created.getStorageLocation()).startsWith(lake.url("warehouse/" + schema + "/"));
    assertUuid(created.getId());
    UcCompat.assertCreatedStamps(created.getCreatedAt(), created.getCreatedBy(), created.getUpdatedAt(),
        created.getUpdatedBy(), before, after);
    assertThat(models.getRegisteredModel(full).getId()).isEqualTo(created.getId());
    for (int i = 0; i < 2; i++) {
      models.createRegisteredModel(new CreateRegisteredModel().name(name + "_" + i).catalogName(catalog).schemaName(schema));
    }
    var pages = UcCompat.allPages(token -> {
      var page = models.listRegisteredModels(catalog, schema, 1, token);
      return new UcCompat.Page<>(page.getRegisteredModels(), page.getNextPageToken());
    });
    assertThat(pages).hasSize(3);
    assertThat(UcCompat.keys(pages, RegisteredModelInfo::getName)).containsExactly(name, name + "_0", name + "_1");
    assertThat(models.listRegisteredModels(catalog, null, 1000, null).getRegisteredModels())
        .extracting(RegisteredModelInfo::getName).contains(name, name + "_0");

    RegisteredModelInfo renamed = models.updateRegisteredModel(full, new UpdateRegisteredModel().newName(name + "_r").comment("c2"));
    assertThat(renamed.getName()).isEqualTo(name + "_r");
    assertThat(renamed.getComment()).isEqualTo("c2");
    apiError(404, "NOT_FOUND", () -> models.getRegisteredModel(full));
    apiError(409, "ALREADY_EXISTS", () -> models.createRegisteredModel(
        new CreateRegisteredModel().name(name + "_r").catalogName(catalog).schemaName(schema)));
    models.deleteRegisteredModel(full + "_r", false);
    apiError(404, "NOT_FOUND", () -> models.getRegisteredModel(full + "_r"));
  }

  @Test
  void versionArtifactIsWrittenFinalizedAndReadOnlyWithExecute() throws ApiException {
    String name = unique("model");
    String full = catalog + "." + schema + "." + name;
    RegisteredModelInfo model = models.createRegisteredModel(
        new CreateRegisteredModel().name(name).catalogName(catalog).schemaName(schema));
    ModelVersionInfo v1 = versions.createModelVersion(new CreateModelVersion().modelName(name).catalogName(catalog)
        .schemaName(schema).source("runs:/abc/model").runId("abc").comment("first"));
    assertThat(v1.getVersion()).isEqualTo(1L);
    assertThat(v1.getStatus()).isEqualTo(ModelVersionStatus.PENDING_REGISTRATION);
    assertThat(v1.getStorageLocation()).isEqualTo(model.getStorageLocation() + "/versions/1");
    assertThat(v1.getRunId()).isEqualTo("abc");
    assertUuid(v1.getId());

    TemporaryCredentials write = temporary.generateTemporaryModelVersionCredentials(credential(name, 1L,
        ModelVersionOperation.READ_WRITE_MODEL_VERSION));
    assertThat(write.getUrl()).isEqualTo(v1.getStorageLocation());
    String key = v1.getStorageLocation().substring(("s3://" + lake.bucket + "/").length()) + "/model.pkl";
    s3(write).putObject(b -> b.bucket(lake.bucket).key(key), RequestBody.fromString("weights"));

    ModelVersionInfo ready = versions.finalizeModelVersion(full, 1L, new FinalizeModelVersion().fullName(full).version(1L));
    assertThat(ready.getStatus()).isEqualTo(ModelVersionStatus.READY);
    apiError(400, "FAILED_PRECONDITION", () -> versions.finalizeModelVersion(full, 1L,
        new FinalizeModelVersion().fullName(full).version(1L)));
    apiError(403, "PERMISSION_DENIED", () -> temporary.generateTemporaryModelVersionCredentials(
        credential(name, 1L, ModelVersionOperation.READ_WRITE_MODEL_VERSION)));
    assertThat(versions.updateModelVersion(full, 1L, new UpdateModelVersion().comment("champion")).getComment())
        .isEqualTo("champion");
    versions.createModelVersion(new CreateModelVersion().modelName(name).catalogName(catalog).schemaName(schema).source("s"));
    var pages = UcCompat.allPages(token -> {
      var page = versions.listModelVersions(full, 1, token);
      return new UcCompat.Page<>(page.getModelVersions(), page.getNextPageToken());
    });
    assertThat(UcCompat.keys(pages, ModelVersionInfo::getVersion)).containsExactly(1L, 2L);

    String reader = Storage.user("mlreader");
    Storage.grant("catalog", catalog, reader, "USE CATALOG");
    Storage.grant("schema", catalog + "." + schema, reader, "USE SCHEMA", "EXTERNAL USE SCHEMA");
    ApiClient asReader = clientAs(reader);
    apiError(403, "PERMISSION_DENIED", () -> new ModelVersionsApi(asReader).getModelVersion(full, 1L));
    apiError(403, "PERMISSION_DENIED", () -> new TemporaryCredentialsApi(asReader).generateTemporaryModelVersionCredentials(
        credential(name, 1L, ModelVersionOperation.READ_MODEL_VERSION)));

    Storage.grant("registered_model", full, reader, "EXECUTE");
    assertThat(new ModelVersionsApi(asReader).getModelVersion(full, 1L).getStatus()).isEqualTo(ModelVersionStatus.READY);
    TemporaryCredentials read = new TemporaryCredentialsApi(asReader).generateTemporaryModelVersionCredentials(
        credential(name, 1L, ModelVersionOperation.READ_MODEL_VERSION));
    assertThat(s3(read).getObjectAsBytes(b -> b.bucket(lake.bucket).key(key)).asUtf8String()).isEqualTo("weights");
    apiError(403, "PERMISSION_DENIED", () -> new TemporaryCredentialsApi(asReader).generateTemporaryModelVersionCredentials(
        credential(name, 2L, ModelVersionOperation.READ_WRITE_MODEL_VERSION)));

    versions.deleteModelVersion(full, 2L);
    apiError(404, "NOT_FOUND", () -> versions.getModelVersion(full, 2L));
    apiError(400, "FAILED_PRECONDITION", () -> models.deleteRegisteredModel(full, false));
    models.deleteRegisteredModel(full, true);
    apiError(404, "NOT_FOUND", () -> versions.listModelVersions(full, 10, null));
  }

  private GenerateTemporaryModelVersionCredential credential(String model, long version, ModelVersionOperation op) {
    return new GenerateTemporaryModelVersionCredential().catalogName(catalog).schemaName(schema).modelName(model)
        .version(version).operation(op);
  }

  private S3Client s3(TemporaryCredentials c) {
    return lake.ceph.s3(c.getAwsTempCredentials().getAccessKeyId(), c.getAwsTempCredentials().getSecretAccessKey(),
        c.getAwsTempCredentials().getSessionToken());
  }

}
