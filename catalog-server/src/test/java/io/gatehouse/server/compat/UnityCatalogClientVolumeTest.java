package io.gatehouse.server.compat;

import static io.gatehouse.server.compat.UcCompat.ADMIN;
import static io.gatehouse.server.compat.UcCompat.allPages;
import static io.gatehouse.server.compat.UcCompat.apiError;
import static io.gatehouse.server.compat.UcCompat.assertCreatedStamps;
import static io.gatehouse.server.compat.UcCompat.assertUuid;
import static io.gatehouse.server.compat.UcCompat.keys;
import static io.gatehouse.server.compat.UcCompat.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.compat.UcCompat.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.unitycatalog.client.ApiClient;
import io.unitycatalog.client.ApiException;
import io.unitycatalog.client.api.CatalogsApi;
import io.unitycatalog.client.api.SchemasApi;
import io.unitycatalog.client.api.VolumesApi;
import io.unitycatalog.client.model.CatalogInfo;
import io.unitycatalog.client.model.CreateSchema;
import io.unitycatalog.client.model.CreateVolumeRequestContent;
import io.unitycatalog.client.model.ListVolumesResponseContent;
import io.unitycatalog.client.model.SchemaInfo;
import io.unitycatalog.client.model.UpdateVolumeRequestContent;
import io.unitycatalog.client.model.VolumeInfo;
import io.unitycatalog.client.model.VolumeType;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Volumes through the unmodified Unity Catalog OSS 0.6.0 client. */
@QuarkusTest
class UnityCatalogClientVolumeTest {
  @TestHTTPResource("/")
  URL url;

  private ApiClient client;
  private VolumesApi volumes;

  @BeforeEach
  void connect() {
    client = UcCompat.client(url);
    volumes = new VolumesApi(client);
  }

  private static CreateVolumeRequestContent managed(SchemaInfo schema, String name) {
    return new CreateVolumeRequestContent()
        .catalogName(schema.getCatalogName())
        .schemaName(schema.getName())
        .name(name)
        .volumeType(VolumeType.MANAGED);
  }

  private static CreateVolumeRequestContent external(SchemaInfo schema, String name, String location) {
    return managed(schema, name).volumeType(VolumeType.EXTERNAL).storageLocation(location);
  }

  @Test
  void managedVolumeComesBackWithEveryFieldOfTheSpecFilled() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    CatalogInfo catalog = new CatalogsApi(client).getCatalog(schema.getCatalogName());
    String name = unique("files");
    long before = System.currentTimeMillis();
    VolumeInfo created = volumes.createVolume(managed(schema, name).comment("landing zone"));
    long after = System.currentTimeMillis();

    assertThat(created.getCatalogName()).isEqualTo(schema.getCatalogName());
    assertThat(created.getSchemaName()).isEqualTo(schema.getName());
    assertThat(created.getName()).isEqualTo(name);
    assertThat(created.getFullName()).isEqualTo(schema.getFullName() + "." + name);
    assertThat(created.getComment()).isEqualTo("landing zone");
    assertThat(created.getOwner()).isEqualTo(ADMIN);
    assertCreatedStamps(
        created.getCreatedAt(), created.getCreatedBy(), created.getUpdatedAt(), created.getUpdatedBy(), before, after);
    assertUuid(created.getVolumeId());
    assertThat(created.getVolumeType()).isEqualTo(VolumeType.MANAGED);
    assertThat(created.getStorageLocation())
        .endsWith("/__unitystorage/catalogs/" + catalog.getId() + "/volumes/" + created.getVolumeId());

    assertThat(volumes.getVolume(created.getFullName())).isEqualTo(created);
    assertThat(volumes.getVolume(created.getFullName().toUpperCase())).as("lookup ignores case").isEqualTo(created);
  }

  @Test
  void managedVolumeLivesUnderTheSchemaStorageRoot() throws ApiException {
    CatalogInfo catalog = UcCompat.createCatalog(client);
    SchemaInfo schema =
        new SchemasApi(client)
            .createSchema(
                new CreateSchema()
                    .name(unique("sch"))
                    .catalogName(catalog.getName())
                    .storageRoot(UcCompat.uniqueLocation("volroot")));

    VolumeInfo created = volumes.createVolume(managed(schema, unique("files")));

    assertThat(created.getStorageLocation())
        .isEqualTo(schema.getStorageLocation() + "/volumes/" + created.getVolumeId());
  }

  @Test
  void externalVolumeKeepsTheStorageLocationItWasGiven() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String location = UcCompat.uniqueLocation("extvol");

    VolumeInfo created = volumes.createVolume(external(schema, unique("ext"), location).comment("raw drops"));

    assertThat(created.getVolumeType()).isEqualTo(VolumeType.EXTERNAL);
    assertThat(created.getStorageLocation()).isEqualTo(location);
    assertThat(created.getComment()).isEqualTo("raw drops");
    assertUuid(created.getVolumeId());
    assertThat(volumes.getVolume(created.getFullName())).isEqualTo(created);
  }

  @Test
  void listingVolumesWithTheClientFollowsPageTokensToTheEnd() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    List<VolumeInfo> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(volumes.createVolume(managed(schema, unique("page"))));
      created.add(volumes.createVolume(external(schema, unique("page"), UcCompat.uniqueLocation("page"))));
    }

    List<List<VolumeInfo>> pages =
        allPages(
            token -> {
              ListVolumesResponseContent r = volumes.listVolumes(schema.getCatalogName(), schema.getName(), 4, token);
              return new Page<>(r.getVolumes(), r.getNextPageToken());
            });

    assertThat(pages).extracting(List::size).containsExactly(4, 2);
    assertThat(keys(pages, VolumeInfo::getFullName)).doesNotHaveDuplicates();
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void updatingAVolumeWithTheClientRenamesItAndChangesItsComment() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    VolumeInfo created = volumes.createVolume(managed(schema, unique("vol")).comment("c1"));
    String newName = unique("renamed");

    VolumeInfo updated =
        volumes.updateVolume(created.getFullName(), new UpdateVolumeRequestContent().newName(newName).comment("c2"));

    assertThat(updated.getName()).isEqualTo(newName);
    assertThat(updated.getFullName()).isEqualTo(schema.getFullName() + "." + newName);
    assertThat(updated.getComment()).isEqualTo("c2");
    assertThat(updated.getVolumeId()).isEqualTo(created.getVolumeId());
    assertThat(updated.getVolumeType()).isEqualTo(VolumeType.MANAGED);
    assertThat(updated.getStorageLocation()).isEqualTo(created.getStorageLocation());
    assertThat(updated.getCreatedAt()).isEqualTo(created.getCreatedAt());
    assertThat(updated.getCreatedBy()).isEqualTo(ADMIN);
    assertThat(updated.getUpdatedAt()).isGreaterThanOrEqualTo(created.getUpdatedAt());
    assertThat(updated.getUpdatedBy()).isEqualTo(ADMIN);
    assertThat(volumes.getVolume(updated.getFullName())).isEqualTo(updated);
    apiError(404, "NOT_FOUND", () -> volumes.getVolume(created.getFullName()));
  }

  @Test
  void updatingOnlyTheVolumeCommentKeepsItsName() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    VolumeInfo created = volumes.createVolume(managed(schema, unique("vol")).comment("c1"));

    VolumeInfo updated = volumes.updateVolume(created.getFullName(), new UpdateVolumeRequestContent().comment("c2"));

    assertThat(updated.getName()).isEqualTo(created.getName());
    assertThat(updated.getComment()).isEqualTo("c2");
    assertThat(volumes.getVolume(created.getFullName()).getComment()).isEqualTo("c2");
  }

  @Test
  void renamingAVolumeOntoAnExistingNameIs409() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    VolumeInfo a = volumes.createVolume(managed(schema, unique("vol")));
    VolumeInfo b = volumes.createVolume(managed(schema, unique("vol")));

    apiError(409, "ALREADY_EXISTS",
        () -> volumes.updateVolume(a.getFullName(), new UpdateVolumeRequestContent().newName(b.getName().toUpperCase())));
    assertThat(volumes.getVolume(a.getFullName())).isEqualTo(a);
  }

  @Test
  void deletingAVolumeWithTheClientRemovesItAndFreesItsLocation() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String location = UcCompat.uniqueLocation("dropvol");
    VolumeInfo created = volumes.createVolume(external(schema, unique("vol"), location));

    volumes.deleteVolume(created.getFullName());

    apiError(404, "NOT_FOUND", () -> volumes.getVolume(created.getFullName()));
    apiError(404, "NOT_FOUND", () -> volumes.deleteVolume(created.getFullName()));
    VolumeInfo again = volumes.createVolume(external(schema, created.getName(), location));
    assertThat(again.getVolumeId()).isNotEqualTo(created.getVolumeId());
  }

  @Test
  void missingVolumeIs404ForGetUpdateDeleteAndListing() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String missingVolume = schema.getFullName() + "." + unique("missing");
    String inMissingSchema = schema.getCatalogName() + "." + unique("nosch") + ".v";
    String inMissingCatalog = unique("nocat") + ".s.v";

    for (String missing : List.of(missingVolume, inMissingSchema, inMissingCatalog)) {
      apiError(404, "NOT_FOUND", () -> volumes.getVolume(missing));
      apiError(404, "NOT_FOUND", () -> volumes.updateVolume(missing, new UpdateVolumeRequestContent().comment("x")));
      apiError(404, "NOT_FOUND", () -> volumes.deleteVolume(missing));
    }
    apiError(404, "NOT_FOUND", () -> volumes.listVolumes(schema.getCatalogName(), unique("nosch"), null, null));
    SchemaInfo fake = new SchemaInfo().catalogName(schema.getCatalogName()).name(unique("nosch"));
    apiError(404, "NOT_FOUND", () -> volumes.createVolume(managed(fake, unique("v"))));
  }

  @Test
  void creatingTheSameVolumeTwiceIs409EvenWhenOnlyTheCaseDiffers() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String name = unique("Dup");
    VolumeInfo created = volumes.createVolume(managed(schema, name));

    apiError(409, "ALREADY_EXISTS", () -> volumes.createVolume(managed(schema, name)));
    apiError(409, "ALREADY_EXISTS", () -> volumes.createVolume(managed(schema, name.toUpperCase())));
    apiError(409, "ALREADY_EXISTS",
        () -> volumes.createVolume(external(schema, name.toLowerCase(), UcCompat.uniqueLocation("dup"))));
    assertThat(volumes.getVolume(created.getFullName())).isEqualTo(created);
  }

  @Test
  void invalidVolumeNamesAndShapesAreRefusedAs400() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    for (String bad : List.of("has space", "dot.ted", "slash/ed", "")) {
      apiError(400, "INVALID_ARGUMENT", () -> volumes.createVolume(managed(schema, bad)));
    }
    apiError(400, "INVALID_ARGUMENT", () -> volumes.getVolume(schema.getFullName()));
    apiError(400, "INVALID_ARGUMENT", () -> volumes.createVolume(managed(schema, unique("v")).volumeType(null)));
    apiError(400, "INVALID_ARGUMENT", () -> volumes.createVolume(external(schema, unique("v"), null)));
    apiError(400, "INVALID_ARGUMENT",
        () -> volumes.createVolume(managed(schema, unique("v")).storageLocation(UcCompat.uniqueLocation("v"))));
    VolumeInfo created = volumes.createVolume(managed(schema, unique("vol")));
    apiError(400, "INVALID_ARGUMENT",
        () -> volumes.updateVolume(created.getFullName(), new UpdateVolumeRequestContent().newName("not valid")));
    assertThat(volumes.getVolume(created.getFullName())).isEqualTo(created);
  }
}
