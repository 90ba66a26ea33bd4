package io.gatehouse.server.compat;

import static io.gatehouse.server.compat.UcCompat.ADMIN;
import static io.gatehouse.server.compat.UcCompat.allPages;
import static io.gatehouse.server.compat.UcCompat.apiError;
import static io.gatehouse.server.compat.UcCompat.assertCreatedStamps;
import static io.gatehouse.server.compat.UcCompat.assertUuid;
import static io.gatehouse.server.compat.UcCompat.keys;
import static io.gatehouse.server.compat.UcCompat.unique;
import static io.gatehouse.server.compat.UnityCatalogClientSchemaTest.externalTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gatehouse.server.compat.UcCompat.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.unitycatalog.client.ApiClient;
import io.unitycatalog.client.ApiException;
import io.unitycatalog.client.api.CatalogsApi;
import io.unitycatalog.client.api.SchemasApi;
import io.unitycatalog.client.api.TablesApi;
import io.unitycatalog.client.model.CatalogInfo;
import io.unitycatalog.client.model.ColumnInfo;
import io.unitycatalog.client.model.ColumnTypeName;
import io.unitycatalog.client.model.CreateSchema;
import io.unitycatalog.client.model.CreateStagingTable;
import io.unitycatalog.client.model.CreateTable;
import io.unitycatalog.client.model.DataSourceFormat;
import io.unitycatalog.client.model.ListTablesResponse;
import io.unitycatalog.client.model.SchemaInfo;
import io.unitycatalog.client.model.StagingTableInfo;
import io.unitycatalog.client.model.TableInfo;
import io.unitycatalog.client.model.TableType;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tables through the unmodified Unity Catalog OSS 0.6.0 client. */
@QuarkusTest
class UnityCatalogClientTableTest {
  @TestHTTPResource("/")
  URL url;

  private ApiClient client;
  private TablesApi tables;

  @BeforeEach
  void connect() {
    client = UcCompat.client(url);
    tables = new TablesApi(client);
  }

  /** Columns with every ColumnInfo field the spec defines set by the caller. */
  private static List<ColumnInfo> fullySpecifiedColumns() {
    return List.of(
        new ColumnInfo()
            .name("id")
            .typeText("bigint")
            .typeJson("{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}}")
            .typeName(ColumnTypeName.LONG)
            .position(0)
            .nullable(false)
            .comment("primary key"),
        new ColumnInfo()
            .name("amount")
            .typeText("decimal(12,3)")
            .typeJson("{\"name\":\"amount\",\"type\":\"decimal(12,3)\",\"nullable\":true,\"metadata\":{}}")
            .typeName(ColumnTypeName.DECIMAL)
            .typePrecision(12)
            .typeScale(3)
            .position(1)
            .nullable(true)
            .comment("order total"),
        new ColumnInfo()
            .name("wait")
            .typeText("interval day to second")
            .typeJson("{\"name\":\"wait\",\"type\":\"interval day to second\",\"nullable\":true,\"metadata\":{}}")
            .typeName(ColumnTypeName.INTERVAL)
            .typeIntervalType("DAY TO SECOND")
            .position(2)
            .nullable(true)
            .comment("queue time"),
        new ColumnInfo()
            .name("day")
            .typeText("date")
            .typeJson("{\"name\":\"day\",\"type\":\"date\",\"nullable\":false,\"metadata\":{}}")
            .typeName(ColumnTypeName.DATE)
            .position(3)
            .nullable(false)
            .comment("partition by day")
            .partitionIndex(0),
        new ColumnInfo()
            .name("region")
            .typeText("string")
            .typeJson("{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}")
            .typeName(ColumnTypeName.STRING)
            .position(4)
            .nullable(true)
            .comment("then by region")
            .partitionIndex(1));
  }

  @Test
  void externalTableComesBackWithEveryFieldAndEveryColumnFieldRoundTripped() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String name = unique("sales");
    String location = UcCompat.uniqueLocation("sales");
    long before = System.currentTimeMillis();
    TableInfo created =
        tables.createTable(
            new CreateTable()
                .name(name)
                .catalogName(schema.getCatalogName())
                .schemaName(schema.getName())
                .tableType(TableType.EXTERNAL)
                .dataSourceFormat(DataSourceFormat.PARQUET)
                .columns(fullySpecifiedColumns())
                .storageLocation(location)
                .comment("daily sales")
                .properties(Map.of("source", "pos", "delta.appendOnly", "true")));
    long after = System.currentTimeMillis();

    assertThat(created.getName()).isEqualTo(name);
    assertThat(created.getCatalogName()).isEqualTo(schema.getCatalogName());
    assertThat(created.getSchemaName()).isEqualTo(schema.getName());
    assertThat(created.getTableType()).isEqualTo(TableType.EXTERNAL);
    assertThat(created.getDataSourceFormat()).isEqualTo(DataSourceFormat.PARQUET);
    assertThat(created.getColumns()).containsExactlyElementsOf(fullySpecifiedColumns());
    assertThat(created.getStorageLocation()).isEqualTo(location);
    assertThat(created.getComment()).isEqualTo("daily sales");
    assertThat(created.getProperties())
        .containsExactlyInAnyOrderEntriesOf(Map.of("source", "pos", "delta.appendOnly", "true"));
    assertThat(created.getOwner()).isEqualTo(ADMIN);
    assertCreatedStamps(
        created.getCreatedAt(), created.getCreatedBy(), created.getUpdatedAt(), created.getUpdatedBy(), before, after);
    assertUuid(created.getTableId());
    assertThat(created.getViewDefinition()).isNull();

    String fullName = schema.getFullName() + "." + name;
    assertThat(tables.getTable(fullName, null, null)).isEqualTo(created);
    assertThat(tables.getTable(fullName, true, true)).isEqualTo(created);
    assertThat(tables.getTable(fullName.toUpperCase(), false, false)).as("lookup ignores case").isEqualTo(created);
  }

  @Test
  void managedTableGetsItsStorageLocationUnderTheSchemaStorageRoot() throws ApiException {
    CatalogInfo catalog = UcCompat.createCatalog(client);
    SchemaInfo schema =
        new SchemasApi(client)
            .createSchema(
                new CreateSchema()
                    .name(unique("sch"))
                    .catalogName(catalog.getName())
                    .storageRoot(UcCompat.uniqueLocation("managed")));

    TableInfo created =
        tables.createTable(
            new CreateTable()
                .name(unique("managed"))
                .catalogName(catalog.getName())
                .schemaName(schema.getName())
                .tableType(TableType.MANAGED)
                .dataSourceFormat(DataSourceFormat.DELTA)
                .columns(fullySpecifiedColumns()));

    assertThat(created.getTableType()).isEqualTo(TableType.MANAGED);
    assertThat(created.getDataSourceFormat()).isEqualTo(DataSourceFormat.DELTA);
    assertThat(created.getStorageLocation())
        .isEqualTo(schema.getStorageLocation() + "/tables/" + created.getTableId());
    assertThat(created.getColumns()).containsExactlyElementsOf(fullySpecifiedColumns());
    assertThat(tables.getTable(schema.getFullName() + "." + created.getName(), null, null)).isEqualTo(created);
  }

  @Test
  void managedTableWithoutAnyStorageRootLivesUnderTheMetastoreRoot() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    CatalogInfo catalog = new CatalogsApi(client).getCatalog(schema.getCatalogName());

    TableInfo created =
        tables.createTable(
            new CreateTable()
                .name(unique("managed"))
                .catalogName(schema.getCatalogName())
                .schemaName(schema.getName())
                .tableType(TableType.MANAGED)
                .columns(List.of(new ColumnInfo().name("n").typeName(ColumnTypeName.INT))));

    assertThat(created.getDataSourceFormat()).as("MANAGED defaults to DELTA").isEqualTo(DataSourceFormat.DELTA);
    assertThat(created.getStorageLocation())
        .endsWith("/__unitystorage/catalogs/" + catalog.getId() + "/tables/" + created.getTableId());
  }

  @Test
  void managedTableCanBeCreatedThroughTheClientsStagingTableFlow() throws ApiException {
    // Unity Catalog 0.6.0 creates MANAGED tables in two steps: POST /staging-tables allocates
    // the storage, then POST /tables with table_type MANAGED and storage_location set to the
    // staging location (and the io.unitycatalog.tableId property) promotes it to a table.
    SchemaInfo schema = UcCompat.createSchema(client);
    String name = unique("staged");

    StagingTableInfo staging =
        tables.createStagingTable(
            new CreateStagingTable()
                .catalogName(schema.getCatalogName())
                .schemaName(schema.getName())
                .name(name));

    assertThat(staging.getName()).isEqualTo(name);
    assertThat(staging.getCatalogName()).isEqualTo(schema.getCatalogName());
    assertThat(staging.getSchemaName()).isEqualTo(schema.getName());
    assertUuid(staging.getId());
    assertThat(staging.getStagingLocation()).isNotBlank();

    TableInfo created =
        tables.createTable(
            new CreateTable()
                .name(name)
                .catalogName(schema.getCatalogName())
                .schemaName(schema.getName())
                .tableType(TableType.MANAGED)
                .dataSourceFormat(DataSourceFormat.DELTA)
                .storageLocation(staging.getStagingLocation())
                .properties(Map.of("io.unitycatalog.tableId", staging.getId()))
                .columns(List.of(new ColumnInfo().name("id").typeName(ColumnTypeName.LONG))));

    assertThat(created.getTableId()).isEqualTo(staging.getId());
    assertThat(created.getStorageLocation()).isEqualTo(staging.getStagingLocation());
    assertThat(created.getTableType()).isEqualTo(TableType.MANAGED);
  }

  @Test
  void columnsGivenWithOnlyNameAndTypeAreCompletedByTheServer() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);

    TableInfo created =
        tables.createTable(
            externalTable(schema, unique("t"), UcCompat.uniqueLocation("t"))
                .columns(
                    List.of(
                        new ColumnInfo().name("n").typeName(ColumnTypeName.INT),
                        new ColumnInfo().name("price").typeName(ColumnTypeName.DECIMAL).typePrecision(9).typeScale(2),
                        new ColumnInfo().name("label").typeName(ColumnTypeName.STRING).nullable(false))));

    assertThat(created.getColumns())
        .extracting(ColumnInfo::getName, ColumnInfo::getTypeText, ColumnInfo::getPosition, ColumnInfo::getNullable)
        .containsExactly(
            tuple("n", "int", 0, true),
            tuple("price", "decimal(9,2)", 1, true),
            tuple("label", "string", 2, false));
    assertThat(created.getColumns()).allSatisfy(c -> assertThat(c.getTypeJson()).contains("\"name\""));
    assertThat(created.getColumns().get(1).getTypePrecision()).isEqualTo(9);
    assertThat(created.getColumns().get(1).getTypeScale()).isEqualTo(2);
    assertThat(created.getColumns()).allSatisfy(c -> assertThat(c.getPartitionIndex()).isNull());
  }

  @Test
  void listingTablesWithTheClientFollowsPageTokensToTheEnd() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    List<TableInfo> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(tables.createTable(externalTable(schema, unique("page"), UcCompat.uniqueLocation("page"))));
    }

    List<List<TableInfo>> pages =
        allPages(
            token -> {
              ListTablesResponse r = tables.listTables(schema.getCatalogName(), schema.getName(), 2, token);
              return new Page<>(r.getTables(), r.getNextPageToken());
            });

    assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
    assertThat(keys(pages, TableInfo::getName)).doesNotHaveDuplicates();
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void listingTablesOfAnEmptySchemaReturnsNoTablesAndNoToken() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);

    ListTablesResponse r = tables.listTables(schema.getCatalogName(), schema.getName(), 10, null);

    assertThat(r.getTables()).isEmpty();
    assertThat(r.getNextPageToken()).isNull();
  }

  @Test
  void deletingATableWithTheClientRemovesItAndFreesItsLocation() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String location = UcCompat.uniqueLocation("dropme");
    TableInfo created = tables.createTable(externalTable(schema, unique("t"), location));
    String fullName = schema.getFullName() + "." + created.getName();

    tables.deleteTable(fullName);

    apiError(404, "NOT_FOUND", () -> tables.getTable(fullName, null, null));
    apiError(404, "NOT_FOUND", () -> tables.deleteTable(fullName));
    TableInfo again = tables.createTable(externalTable(schema, created.getName(), location));
    assertThat(again.getTableId()).isNotEqualTo(created.getTableId());
  }

  @Test
  void missingTableIs404ForGetDeleteAndListing() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String missingTable = schema.getFullName() + "." + unique("missing");
    String inMissingSchema = schema.getCatalogName() + "." + unique("nosch") + ".t";
    String inMissingCatalog = unique("nocat") + ".s.t";

    for (String missing : List.of(missingTable, inMissingSchema, inMissingCatalog)) {
      apiError(404, "NOT_FOUND", () -> tables.getTable(missing, null, null));
      apiError(404, "NOT_FOUND", () -> tables.deleteTable(missing));
    }
    apiError(404, "NOT_FOUND", () -> tables.listTables(schema.getCatalogName(), unique("nosch"), null, null));
    SchemaInfo fake = new SchemaInfo().catalogName(schema.getCatalogName()).name(unique("nosch"));
    apiError(404, "NOT_FOUND",
        () -> tables.createTable(externalTable(fake, unique("t"), UcCompat.uniqueLocation("t"))));
  }

  @Test
  void creatingTheSameTableTwiceIs409EvenWhenOnlyTheCaseDiffers() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String name = unique("Dup");
    TableInfo created = tables.createTable(externalTable(schema, name, UcCompat.uniqueLocation("dup")));

    apiError(409, "TABLE_ALREADY_EXISTS",
        () -> tables.createTable(externalTable(schema, name, UcCompat.uniqueLocation("dup"))));
    apiError(409, "TABLE_ALREADY_EXISTS",
        () -> tables.createTable(externalTable(schema, name.toUpperCase(), UcCompat.uniqueLocation("dup"))));
    apiError(409, "TABLE_ALREADY_EXISTS",
        () -> tables.createTable(externalTable(schema, name.toLowerCase(), UcCompat.uniqueLocation("dup"))));
    assertThat(tables.getTable(schema.getFullName() + "." + name, null, null)).isEqualTo(created);
  }

  @Test
  void invalidTableNamesAndShapesAreRefusedAs400() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    for (String bad : List.of("has space", "dot.ted", "slash/ed", "")) {
      apiError(400, "INVALID_ARGUMENT",
          () -> tables.createTable(externalTable(schema, bad, UcCompat.uniqueLocation("bad"))));
    }
    apiError(400, "INVALID_ARGUMENT", () -> tables.getTable(schema.getFullName(), null, null));
    apiError(400, "INVALID_ARGUMENT",
        () -> tables.createTable(externalTable(schema, unique("t"), UcCompat.uniqueLocation("t")).tableType(null)));
    apiError(400, "INVALID_ARGUMENT",
        () -> tables.createTable(externalTable(schema, unique("t"), null)));
    apiError(400, "INVALID_ARGUMENT",
        () -> tables.createTable(externalTable(schema, unique("t"), "not a url")));
  }

  @Test
  void overlappingExternalLocationsAreRefusedAs400() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String location = UcCompat.uniqueLocation("overlap");
    tables.createTable(externalTable(schema, unique("t"), location));

    apiError(400, "INVALID_ARGUMENT", () -> tables.createTable(externalTable(schema, unique("t"), location)));
    apiError(400, "INVALID_ARGUMENT",
        () -> tables.createTable(externalTable(schema, unique("t"), location + "/inner")));
  }
}
