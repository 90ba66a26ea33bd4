package io.gatehouse.server.catalog;

import static io.gatehouse.server.catalog.Api.error;
import static io.gatehouse.server.catalog.Api.get;
import static io.gatehouse.server.catalog.Api.patch;
import static io.gatehouse.server.catalog.Api.post;
import static io.gatehouse.server.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.server.common.PageRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogApiTest {
  @Inject ObjectMapper mapper;

  @Test
  void listingWritesCatalogsByteForByteAsTheEntitiesWithJacksonDid() {
    String name = unique("listjson");
    post("/catalogs", Map.of("name", name, "comment", "a \"quoted\" – ünï comment\n",
        "properties", Map.of("k", "v", "owner.team", "data"))).statusCode(200);
    for (String size : new String[] {"2", "1000"}) {
      String answer = get("/catalogs?max_results=" + size).statusCode(200).extract().asString();
      // What the resource answered before: the entities' page through CatalogResource.info and Jackson.
      String expected = QuarkusTransaction.requiringNew().call(() -> {
        PageRequest page = PageRequest.parse(CatalogService.PAGE_KIND, size, null);
        List<CatalogEntity> rows = CatalogEntity.<CatalogEntity>list("order by lower(name)").stream()
            .limit(page.size() + 1).toList();
        var slice = page.slice(CatalogService.PAGE_KIND, rows, c -> SchemaChildEntity.key(c.name));
        return mapper.writeValueAsString(new CatalogApi.ListCatalogsResponse(
            slice.items().stream().map(CatalogResource::info).toList(), slice.nextPageToken()));
      });
      assertThat(answer).isEqualTo(expected);
    }
    assertThat(get("/catalogs?max_results=1000").extract().asString()).contains("\"name\":\"" + name + "\"");
  }

  @Test
  void createdCatalogIsReturnedWithEveryUnityCatalogField() {
    String name = unique("cat");
    post("/catalogs", Map.of("name", name, "comment", "sales data", "properties", Map.of("team", "sales")))
        .statusCode(200)
        .body("name", equalTo(name))
        .body("comment", equalTo("sales data"))
        .body("properties.team", equalTo("sales"))
        .body("owner", equalTo("admin"))
        .body("created_by", equalTo("admin"))
        .body("created_at", notNullValue())
        .body("updated_at", notNullValue())
        .body("id", notNullValue());

    get("/catalogs/" + name).statusCode(200).body("name", equalTo(name)).body("properties.team", equalTo("sales"));
  }

  @Test
  void catalogWithStorageRootGetsManagedLocationBelowIt() {
    String name = unique("cat");
    String id =
        post("/catalogs", Map.of("name", name, "storage_root", "s3://bucket/root/"))
            .statusCode(200)
            .body("storage_root", equalTo("s3://bucket/root"))
            .extract()
            .path("id");
    get("/catalogs/" + name)
        .body("storage_location", equalTo("s3://bucket/root/__unitystorage/catalogs/" + id));
  }

  @Test
  void namesAreUniqueIgnoringCase() {
    String name = unique("Cat");
    post("/catalogs", Map.of("name", name)).statusCode(200);
    error(post("/catalogs", Map.of("name", name.toUpperCase())), 409, "CATALOG_ALREADY_EXISTS");
    get("/catalogs/" + name.toLowerCase()).statusCode(200).body("name", equalTo(name));
  }

  @Test
  void listingPagesThroughEveryCatalogOnce() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(Api.catalog());
    }
    List<String> seen = Api.pageThrough("/catalogs", Map.of(), "catalogs", 2);
    assertThat(seen).containsAll(created).doesNotHaveDuplicates();
  }

  @Test
  void pagingEndsWithAPageWithoutNextPageToken() {
    String name = Api.catalog();
    // pageThrough follows next_page_token until a page comes without one.
    assertThat(Api.pageThrough("/catalogs", Map.of(), "catalogs", 1000)).contains(name);
  }

  @Test
  void maxResultsZeroMeansServerDefault() {
    get("/catalogs?max_results=0").statusCode(200).body("catalogs.size()", greaterThanOrEqualTo(0));
  }

  @Test
  void updateRenamesAndChangesCommentPropertiesAndOwner() {
    String name = Api.catalog();
    String newName = unique("renamed");
    // Owners must exist: the team is a group of the directory.
    String team = unique("data-team");
    io.gatehouse.server.identity.Identities.group(team);
    patch(
            "/catalogs/" + name,
            Map.of("new_name", newName, "comment", "c2", "properties", Map.of("k", "v"), "owner", team))
        .statusCode(200)
        .body("name", equalTo(newName))
        .body("comment", equalTo("c2"))
        .body("properties.k", equalTo("v"))
        .body("owner", equalTo(team));
    error(get("/catalogs/" + name), 404, "NOT_FOUND");
    get("/catalogs/" + newName).statusCode(200).body("comment", equalTo("c2"));
  }

  @Test
  void renameOntoExistingCatalogIsRefusedAndChangesNothing() {
    String a = Api.catalog();
    String b = Api.catalog();
    error(patch("/catalogs/" + a, Map.of("new_name", b, "comment", "should not stick")), 409, "CATALOG_ALREADY_EXISTS");
    get("/catalogs/" + a).statusCode(200).body("comment", nullValue());
  }

  @Test
  void nonEmptyCatalogNeedsForceToDelete() {
    String schema = Api.schema();
    String catalog = schema.split("\\.")[0];
    error(Api.delete("/catalogs/" + catalog), 400, "FAILED_PRECONDITION");
    get("/schemas/" + schema).statusCode(200);
    Api.delete("/catalogs/" + catalog + "?force=true").statusCode(200);
    error(get("/catalogs/" + catalog), 404, "NOT_FOUND");
    error(get("/schemas/" + schema), 404, "NOT_FOUND");
  }

  @Test
  void deletingMissingCatalogIs404() {
    error(Api.delete("/catalogs/" + unique("nope")), 404, "NOT_FOUND");
  }

  @Test
  void unknownFieldsAreIgnoredAsUnityCatalogIgnoresThem() {
    String name = unique("cat");
    post("/catalogs", Map.of("name", name, "isolation_mode", "OPEN", "options", Map.of("a", "b")))
        .statusCode(200)
        .body("name", equalTo(name));
  }

  @Test
  void metastoreSummaryNamesTheMetastore() {
    get("/metastore_summary").statusCode(200).body("metastore_id", notNullValue());
  }
}
