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
import io.unitycatalog.client.api.MetastoresApi;
import io.unitycatalog.client.api.SchemasApi;
import io.unitycatalog.client.model.CatalogInfo;
import io.unitycatalog.client.model.CreateCatalog;
import io.unitycatalog.client.model.CreateSchema;
import io.unitycatalog.client.model.GetMetastoreSummaryResponse;
import io.unitycatalog.client.model.ListCatalogsResponse;
import io.unitycatalog.client.model.SchemaInfo;
import io.unitycatalog.client.model.UpdateCatalog;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Catalogs and the metastore summary through the unmodified Unity Catalog OSS 0.6.0 client. */
@QuarkusTest
class UnityCatalogClientCatalogTest {
  @TestHTTPResource("/")
  URL url;

  private ApiClient client;
  private CatalogsApi catalogs;

  @BeforeEach
  void connect() {
    client = UcCompat.client(url);
    catalogs = new CatalogsApi(client);
  }

  @Test
  void createdCatalogComesBackWithEveryFieldOfTheSpecFilled() throws ApiException {
    String name = unique("cat");
    String root = UcCompat.uniqueLocation("catroot");
    long before = System.currentTimeMillis();
    CatalogInfo created =
        catalogs.createCatalog(
            new CreateCatalog()
                .name(name)
                .comment("sales data")
                .properties(Map.of("team", "sales", "tier", "gold"))
                .storageRoot(root));
    long after = System.currentTimeMillis();

    assertThat(created.getName()).isEqualTo(name);
    assertThat(created.getComment()).isEqualTo("sales data");
    assertThat(created.getProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "sales", "tier", "gold"));
    assertThat(created.getOwner()).isEqualTo(ADMIN);
    assertCreatedStamps(
        created.getCreatedAt(), created.getCreatedBy(), created.getUpdatedAt(), created.getUpdatedBy(), before, after);
    assertUuid(created.getId());
    assertThat(created.getStorageRoot()).isEqualTo(root);
    assertThat(created.getStorageLocation()).isEqualTo(root + "/__unitystorage/catalogs/" + created.getId());
  }

  @Test
  void gettingACatalogWithTheClientReturnsWhatCreateReturned() throws ApiException {
    String name = unique("cat");
    CatalogInfo created =
        catalogs.createCatalog(new CreateCatalog().name(name).comment("c").properties(Map.of("k", "v")));

    assertThat(catalogs.getCatalog(name)).isEqualTo(created);
    assertThat(catalogs.getCatalog(name.toUpperCase())).as("lookup ignores case").isEqualTo(created);
  }

  @Test
  void catalogWithoutStorageRootHasNoManagedLocationOfItsOwn() throws ApiException {
    CatalogInfo created = catalogs.createCatalog(new CreateCatalog().name(unique("cat")));

    assertThat(created.getStorageRoot()).isNull();
    assertThat(created.getStorageLocation()).isNull();
    assertThat(created.getComment()).isNull();
    assertThat(created.getProperties()).isEmpty();
  }

  @Test
  void listingCatalogsWithTheClientFollowsPageTokensToTheEnd() throws ApiException {
    List<CatalogInfo> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(catalogs.createCatalog(new CreateCatalog().name(unique("page")).properties(Map.of("i", "" + i))));
    }

    List<List<CatalogInfo>> pages =
        allPages(
            token -> {
              ListCatalogsResponse r = catalogs.listCatalogs(token, 2);
              return new Page<>(r.getCatalogs(), r.getNextPageToken());
            });

    assertThat(pages).allSatisfy(page -> assertThat(page).hasSizeLessThanOrEqualTo(2));
    assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
    List<String> seen = keys(pages, CatalogInfo::getName);
    assertThat(seen).doesNotHaveDuplicates();
    List<CatalogInfo> listed = pages.stream().flatMap(List::stream).toList();
    assertThat(listed).as("listed items equal what create returned").containsAll(created);
  }

  @Test
  void listingCatalogsWithoutMaxResultsReturnsOnePageWithoutToken() throws ApiException {
    CatalogInfo created = UcCompat.createCatalog(client);

    ListCatalogsResponse first = catalogs.listCatalogs(null, null);
    List<String> names = new ArrayList<>(first.getCatalogs().stream().map(CatalogInfo::getName).toList());
    String token = first.getNextPageToken();
    while (token != null) {
      ListCatalogsResponse next = catalogs.listCatalogs(token, null);
      next.getCatalogs().forEach(c -> names.add(c.getName()));
      token = next.getNextPageToken();
    }
    assertThat(names).contains(created.getName()).doesNotHaveDuplicates();
  }

  @Test
  void negativeMaxResultsIsRefusedAs400() {
    apiError(400, "INVALID_ARGUMENT", () -> catalogs.listCatalogs(null, -1));
  }

  @Test
  void updatingACatalogWithTheClientRenamesAndChangesCommentAndProperties() throws ApiException {
    CatalogInfo created =
        catalogs.createCatalog(new CreateCatalog().name(unique("cat")).comment("c1").properties(Map.of("a", "1")));
    String newName = unique("renamed");

    CatalogInfo updated =
        catalogs.updateCatalog(
            created.getName(),
            new UpdateCatalog().newName(newName).comment("c2").properties(Map.of("b", "2", "c", "3")));

    assertThat(updated.getName()).isEqualTo(newName);
    assertThat(updated.getComment()).isEqualTo("c2");
    assertThat(updated.getProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "2", "c", "3"));
    assertThat(updated.getId()).isEqualTo(created.getId());
    assertThat(updated.getOwner()).isEqualTo(ADMIN);
    assertThat(updated.getCreatedAt()).isEqualTo(created.getCreatedAt());
    assertThat(updated.getCreatedBy()).isEqualTo(ADMIN);
    assertThat(updated.getUpdatedAt()).isGreaterThanOrEqualTo(created.getUpdatedAt());
    assertThat(updated.getUpdatedBy()).isEqualTo(ADMIN);
    assertThat(catalogs.getCatalog(newName)).isEqualTo(updated);
    apiError(404, "NOT_FOUND", () -> catalogs.getCatalog(created.getName()));
  }

  @Test
  void renamingACatalogWithTheClientKeepsItsCommentAndProperties() throws ApiException {
    // The client's UpdateCatalog starts with an empty properties map and sends it as
    // "properties": {}; Unity Catalog treats an empty map as "leave the properties alone".
    CatalogInfo created =
        catalogs.createCatalog(
            new CreateCatalog().name(unique("cat")).comment("keep me").properties(Map.of("keep", "me")));
    String newName = unique("renamed");

    CatalogInfo updated = catalogs.updateCatalog(created.getName(), new UpdateCatalog().newName(newName));

    assertThat(updated.getName()).isEqualTo(newName);
    assertThat(updated.getComment()).isEqualTo("keep me");
    assertThat(updated.getProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("keep", "me"));
    assertThat(catalogs.getCatalog(newName).getProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("keep", "me"));
  }

  @Test
  void updatingOnlyTheCommentWithTheClientKeepsTheCatalogProperties() throws ApiException {
    CatalogInfo created =
        catalogs.createCatalog(new CreateCatalog().name(unique("cat")).properties(Map.of("keep", "me")));

    CatalogInfo updated = catalogs.updateCatalog(created.getName(), new UpdateCatalog().comment("new comment"));

    assertThat(updated.getComment()).isEqualTo("new comment");
    assertThat(updated.getName()).isEqualTo(created.getName());
    assertThat(updated.getProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("keep", "me"));
  }

  @Test
  void renamingACatalogOntoAnExistingNameIs409() throws ApiException {
    CatalogInfo a = UcCompat.createCatalog(client);
    CatalogInfo b = UcCompat.createCatalog(client);

    apiError(409, "CATALOG_ALREADY_EXISTS",
        () -> catalogs.updateCatalog(a.getName(), new UpdateCatalog().newName(b.getName().toUpperCase())));
    assertThat(catalogs.getCatalog(a.getName())).isEqualTo(a);
  }

  @Test
  void deletingAnEmptyCatalogWithTheClientRemovesIt() throws ApiException {
    CatalogInfo created = UcCompat.createCatalog(client);

    catalogs.deleteCatalog(created.getName(), null);

    apiError(404, "NOT_FOUND", () -> catalogs.getCatalog(created.getName()));
    apiError(404, "NOT_FOUND", () -> catalogs.deleteCatalog(created.getName(), null));
  }

  @Test
  void deletingANonEmptyCatalogWithTheClientNeedsForce() throws ApiException {
    SchemasApi schemas = new SchemasApi(client);
    CatalogInfo catalog = UcCompat.createCatalog(client);
    SchemaInfo schema = schemas.createSchema(new CreateSchema().name(unique("sch")).catalogName(catalog.getName()));

    apiError(400, "FAILED_PRECONDITION", () -> catalogs.deleteCatalog(catalog.getName(), null));
    apiError(400, "FAILED_PRECONDITION", () -> catalogs.deleteCatalog(catalog.getName(), false));
    assertThat(schemas.getSchema(schema.getFullName())).isEqualTo(schema);

    catalogs.deleteCatalog(catalog.getName(), true);

    apiError(404, "NOT_FOUND", () -> catalogs.getCatalog(catalog.getName()));
    apiError(404, "NOT_FOUND", () -> schemas.getSchema(schema.getFullName()));
  }

  @Test
  void missingCatalogIs404ForGetUpdateAndDelete() {
    String missing = unique("missing");

    apiError(404, "NOT_FOUND", () -> catalogs.getCatalog(missing));
    apiError(404, "NOT_FOUND", () -> catalogs.updateCatalog(missing, new UpdateCatalog().comment("x")));
    apiError(404, "NOT_FOUND", () -> catalogs.deleteCatalog(missing, null));
    apiError(404, "NOT_FOUND", () -> catalogs.deleteCatalog(missing, true));
  }

  @Test
  void creatingTheSameCatalogTwiceIs409EvenWhenOnlyTheCaseDiffers() throws ApiException {
    String name = unique("Dup");
    CatalogInfo created = catalogs.createCatalog(new CreateCatalog().name(name));

    apiError(409, "CATALOG_ALREADY_EXISTS", () -> catalogs.createCatalog(new CreateCatalog().name(name)));
    apiError(409, "CATALOG_ALREADY_EXISTS",
        () -> catalogs.createCatalog(new CreateCatalog().name(name.toUpperCase())));
    apiError(409, "CATALOG_ALREADY_EXISTS",
        () -> catalogs.createCatalog(new CreateCatalog().name(name.toLowerCase())));
    assertThat(catalogs.getCatalog(name)).isEqualTo(created);
  }

  @Test
  void invalidCatalogNamesAreRefusedAs400() throws ApiException {
    for (String bad : List.of("has space", "dot.ted", "slash/ed", "")) {
      apiError(400, "INVALID_ARGUMENT", () -> catalogs.createCatalog(new CreateCatalog().name(bad)));
    }
    apiError(400, "INVALID_ARGUMENT", () -> catalogs.createCatalog(new CreateCatalog()));
    CatalogInfo created = UcCompat.createCatalog(client);
    apiError(400, "INVALID_ARGUMENT",
        () -> catalogs.updateCatalog(created.getName(), new UpdateCatalog().newName("not valid")));
    assertThat(catalogs.getCatalog(created.getName())).isEqualTo(created);
  }

  @Test
  void metastoreSummaryWithTheClientNamesTheMetastore() throws ApiException {
    MetastoresApi metastores = new MetastoresApi(client);

    GetMetastoreSummaryResponse summary = metastores.summary();

    assertUuid(summary.getMetastoreId());
    assertThat(metastores.summary()).as("the metastore id is stable").isEqualTo(summary);
  }
}
