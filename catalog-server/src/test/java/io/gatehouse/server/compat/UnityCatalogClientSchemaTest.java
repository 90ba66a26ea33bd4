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
import io.unitycatalog.client.api.SchemasApi;
import io.unitycatalog.client.api.TablesApi;
import io.unitycatalog.client.api.VolumesApi;
import io.unitycatalog.client.model.CatalogInfo;
import io.unitycatalog.client.model.ColumnInfo;
import io.unitycatalog.client.model.ColumnTypeName;
import io.unitycatalog.client.model.CreateSchema;
import io.unitycatalog.client.model.CreateTable;
import io.unitycatalog.client.model.CreateVolumeRequestContent;
import io.unitycatalog.client.model.DataSourceFormat;
import io.unitycatalog.client.model.ListSchemasResponse;
import io.unitycatalog.client.model.SchemaInfo;
import io.unitycatalog.client.model.TableInfo;
import io.unitycatalog.client.model.TableType;
import io.unitycatalog.client.model.UpdateSchema;
import io.unitycatalog.client.model.VolumeInfo;
import io.unitycatalog.client.model.VolumeType;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schemas through the unmodified Unity Catalog OSS 0.6.0 client. */
@QuarkusTest
class UnityCatalogClientSchemaTest {
  @TestHTTPResource("/")
  URL url;

  private ApiClient client;
  private SchemasApi schemas;

  @BeforeEach
  void connect() {
    client = UcCompat.client(url);
    schemas = new SchemasApi(client);
  }

  @Test
  void createdSchemaComesBackWithEveryFieldOfTheSpecFilled() throws ApiException {
    CatalogInfo catalog = UcCompat.createCatalog(client);
    String name = unique("sch");
    String root = UcCompat.uniqueLocation("schroot");
    long before = System.currentTimeMillis();
    SchemaInfo created =
        schemas.createSchema(
            new CreateSchema()
                .name(name)
                .catalogName(catalog.getName())
                .comment("raw events")
                .properties(Map.of("layer", "bronze", "pii", "false"))
                .storageRoot(root));
    long after = System.currentTimeMillis();

    assertThat(created.getName()).isEqualTo(name);
    assertThat(created.getCatalogName()).isEqualTo(catalog.getName());
    assertThat(created.getFullName()).isEqualTo(catalog.getName() + "." + name);
    assertThat(created.getComment()).isEqualTo("raw events");
    assertThat(created.getProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("layer", "bronze", "pii", "false"));
    assertThat(created.getOwner()).isEqualTo(ADMIN);
    assertCreatedStamps(
        created.getCreatedAt(), created.getCreatedBy(), created.getUpdatedAt(), created.getUpdatedBy(), before, after);
    assertUuid(created.getSchemaId());
    assertThat(created.getSchemaId()).isNotEqualTo(catalog.getId());
    assertThat(created.getStorageRoot()).isEqualTo(root);
    assertThat(created.getStorageLocation()).isEqualTo(root + "/__unitystorage/schemas/" + created.getSchemaId());

    assertThat(schemas.getSchema(created.getFullName())).isEqualTo(created);
    assertThat(schemas.getSchema(created.getFullName().toUpperCase())).as("lookup ignores case").isEqualTo(created);
  }

  @Test
  void listingSchemasWithTheClientFollowsPageTokensToTheEnd() throws ApiException {
    CatalogInfo catalog = UcCompat.createCatalog(client);
    List<SchemaInfo> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(
          schemas.createSchema(
              new CreateSchema().name(unique("page")).catalogName(catalog.getName()).comment("s" + i)));
    }

    List<List<SchemaInfo>> pages =
        allPages(
            token -> {
              ListSchemasResponse r = schemas.listSchemas(catalog.getName(), 2, token);
              return new Page<>(r.getSchemas(), r.getNextPageToken());
            });

    assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
    assertThat(keys(pages, SchemaInfo::getFullName)).doesNotHaveDuplicates();
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void listingAnEvenNumberOfSchemasEndsWithoutAnEmptyPage() throws ApiException {
    CatalogInfo catalog = UcCompat.createCatalog(client);
    for (int i = 0; i < 4; i++) {
      schemas.createSchema(new CreateSchema().name(unique("even")).catalogName(catalog.getName()));
    }

    List<List<SchemaInfo>> pages =
        allPages(
            token -> {
              ListSchemasResponse r = schemas.listSchemas(catalog.getName(), 2, token);
              return new Page<>(r.getSchemas(), r.getNextPageToken());
            });

    assertThat(pages).extracting(List::size).containsExactly(2, 2);
  }

  @Test
  void updatingASchemaWithTheClientRenamesAndChangesCommentAndProperties() throws ApiException {
    SchemaInfo created = UcCompat.createSchema(client);
    String newName = unique("renamed");

    SchemaInfo updated =
        schemas.updateSchema(
            created.getFullName(),
            new UpdateSchema().newName(newName).comment("c2").properties(Map.of("x", "y")));

    String newFullName = created.getCatalogName() + "." + newName;
    assertThat(updated.getName()).isEqualTo(newName);
    assertThat(updated.getFullName()).isEqualTo(newFullName);
    assertThat(updated.getCatalogName()).isEqualTo(created.getCatalogName());
    assertThat(updated.getComment()).isEqualTo("c2");
    assertThat(updated.getProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("x", "y"));
    assertThat(updated.getSchemaId()).isEqualTo(created.getSchemaId());
    assertThat(updated.getCreatedAt()).isEqualTo(created.getCreatedAt());
    assertThat(updated.getUpdatedAt()).isGreaterThanOrEqualTo(created.getUpdatedAt());
    assertThat(updated.getUpdatedBy()).isEqualTo(ADMIN);
    assertThat(schemas.getSchema(newFullName)).isEqualTo(updated);
    apiError(404, "NOT_FOUND", () -> schemas.getSchema(created.getFullName()));
  }

  @Test
  void renamingASchemaWithTheClientKeepsItsCommentAndProperties() throws ApiException {
    // The client's UpdateSchema starts with an empty properties map and sends "properties": {};
    // Unity Catalog treats an empty map as "leave the properties alone".
    CatalogInfo catalog = UcCompat.createCatalog(client);
    SchemaInfo created =
        schemas.createSchema(
            new CreateSchema()
                .name(unique("sch"))
                .catalogName(catalog.getName())
                .comment("keep me")
                .properties(Map.of("keep", "me")));
    String newName = unique("renamed");

    SchemaInfo updated = schemas.updateSchema(created.getFullName(), new UpdateSchema().newName(newName));

    assertThat(updated.getName()).isEqualTo(newName);
    assertThat(updated.getComment()).isEqualTo("keep me");
    assertThat(updated.getProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("keep", "me"));
  }

  @Test
  void renamingASchemaOntoAnExistingNameIs409() throws ApiException {
    SchemaInfo a = UcCompat.createSchema(client);
    SchemaInfo b =
        schemas.createSchema(new CreateSchema().name(unique("sch")).catalogName(a.getCatalogName()));

    apiError(409, "SCHEMA_ALREADY_EXISTS",
        () -> schemas.updateSchema(a.getFullName(), new UpdateSchema().newName(b.getName().toUpperCase())));
    assertThat(schemas.getSchema(a.getFullName())).isEqualTo(a);
  }

  @Test
  void deletingAnEmptySchemaWithTheClientRemovesIt() throws ApiException {
    SchemaInfo created = UcCompat.createSchema(client);

    schemas.deleteSchema(created.getFullName(), null);

    apiError(404, "NOT_FOUND", () -> schemas.getSchema(created.getFullName()));
    assertThat(schemas.listSchemas(created.getCatalogName(), null, null).getSchemas()).isEmpty();
  }

  @Test
  void deletingANonEmptySchemaWithTheClientNeedsForceAndFreesItsLocations() throws ApiException {
    TablesApi tables = new TablesApi(client);
    VolumesApi volumes = new VolumesApi(client);
    SchemaInfo schema = UcCompat.createSchema(client);
    String tableLocation = UcCompat.uniqueLocation("forced_table");
    TableInfo table = tables.createTable(externalTable(schema, unique("t"), tableLocation));
    VolumeInfo volume =
        volumes.createVolume(
            new CreateVolumeRequestContent()
                .catalogName(schema.getCatalogName())
                .schemaName(schema.getName())
                .name(unique("v"))
                .volumeType(VolumeType.MANAGED));

    apiError(400, "FAILED_PRECONDITION", () -> schemas.deleteSchema(schema.getFullName(), null));
    apiError(400, "FAILED_PRECONDITION", () -> schemas.deleteSchema(schema.getFullName(), false));
    String tableFullName = schema.getFullName() + "." + table.getName();
    assertThat(tables.getTable(tableFullName, null, null)).isEqualTo(table);

    schemas.deleteSchema(schema.getFullName(), true);

    apiError(404, "NOT_FOUND", () -> schemas.getSchema(schema.getFullName()));
    apiError(404, "NOT_FOUND", () -> tables.getTable(tableFullName, null, null));
    apiError(404, "NOT_FOUND", () -> volumes.getVolume(schema.getFullName() + "." + volume.getName()));
    // The dropped table's storage location is free again for a table elsewhere.
    SchemaInfo other = UcCompat.createSchema(client);
    TableInfo reused = tables.createTable(externalTable(other, unique("t"), tableLocation));
    assertThat(reused.getStorageLocation()).isEqualTo(tableLocation);
  }

  @Test
  void missingSchemaIs404ForGetUpdateDeleteAndListing() throws ApiException {
    CatalogInfo catalog = UcCompat.createCatalog(client);
    String inExistingCatalog = catalog.getName() + "." + unique("missing");
    String inMissingCatalog = unique("nocat") + "." + unique("missing");

    for (String missing : List.of(inExistingCatalog, inMissingCatalog)) {
      apiError(404, "NOT_FOUND", () -> schemas.getSchema(missing));
      apiError(404, "NOT_FOUND", () -> schemas.updateSchema(missing, new UpdateSchema().comment("x")));
      apiError(404, "NOT_FOUND", () -> schemas.deleteSchema(missing, null));
    }
    apiError(404, "NOT_FOUND", () -> schemas.listSchemas(unique("nocat"), null, null));
    apiError(404, "NOT_FOUND",
        () -> schemas.createSchema(new CreateSchema().name(unique("sch")).catalogName(unique("nocat"))));
  }

  @Test
  void creatingTheSameSchemaTwiceIs409EvenWhenOnlyTheCaseDiffers() throws ApiException {
    CatalogInfo catalog = UcCompat.createCatalog(client);
    String name = unique("Dup");
    SchemaInfo created = schemas.createSchema(new CreateSchema().name(name).catalogName(catalog.getName()));

    apiError(409, "SCHEMA_ALREADY_EXISTS",
        () -> schemas.createSchema(new CreateSchema().name(name).catalogName(catalog.getName())));
    apiError(409, "SCHEMA_ALREADY_EXISTS",
        () -> schemas.createSchema(new CreateSchema().name(name.toUpperCase()).catalogName(catalog.getName())));
    apiError(409, "SCHEMA_ALREADY_EXISTS",
        () -> schemas.createSchema(
            new CreateSchema().name(name.toLowerCase()).catalogName(catalog.getName().toUpperCase())));
    assertThat(schemas.getSchema(created.getFullName())).isEqualTo(created);
  }

  @Test
  void invalidSchemaNamesAreRefusedAs400() throws ApiException {
    CatalogInfo catalog = UcCompat.createCatalog(client);
    for (String bad : List.of("has space", "dot.ted", "slash/ed", "")) {
      apiError(400, "INVALID_ARGUMENT",
          () -> schemas.createSchema(new CreateSchema().name(bad).catalogName(catalog.getName())));
    }
    apiError(400, "INVALID_ARGUMENT", () -> schemas.getSchema(catalog.getName()));
    apiError(400, "INVALID_ARGUMENT", () -> schemas.getSchema(catalog.getName() + ".a.b"));
    SchemaInfo created = schemas.createSchema(new CreateSchema().name(unique("sch")).catalogName(catalog.getName()));
    apiError(400, "INVALID_ARGUMENT",
        () -> schemas.updateSchema(created.getFullName(), new UpdateSchema().newName("not valid")));
    assertThat(schemas.getSchema(created.getFullName())).isEqualTo(created);
  }

  static CreateTable externalTable(SchemaInfo schema, String name, String location) {
    return new CreateTable()
        .name(name)
        .catalogName(schema.getCatalogName())
        .schemaName(schema.getName())
        .tableType(TableType.EXTERNAL)
        .dataSourceFormat(DataSourceFormat.DELTA)
        .storageLocation(location)
        .columns(List.of(new ColumnInfo().name("id").typeName(ColumnTypeName.LONG)));
  }
}
