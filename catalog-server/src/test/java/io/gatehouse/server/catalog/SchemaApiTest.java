package io.gatehouse.server.catalog;

import static io.gatehouse.server.catalog.Api.error;
import static io.gatehouse.server.catalog.Api.get;
import static io.gatehouse.server.catalog.Api.patch;
import static io.gatehouse.server.catalog.Api.post;
import static io.gatehouse.server.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SchemaApiTest {

  @Test
  void createdSchemaCarriesFullNameAndParent() {
    String catalog = Api.catalog();
    String name = unique("sch");
    post("/schemas", Map.of("name", name, "catalog_name", catalog, "comment", "c", "properties", Map.of("a", "1")))
        .statusCode(200)
        .body("name", equalTo(name))
        .body("catalog_name", equalTo(catalog))
        .body("full_name", equalTo(catalog + "." + name))
        .body("comment", equalTo("c"))
        .body("properties.a", equalTo("1"))
        .body("owner", equalTo("admin"))
        .body("schema_id", notNullValue());
    get("/schemas/" + catalog + "." + name).statusCode(200).body("full_name", equalTo(catalog + "." + name));
  }

  @Test
  void schemaWithStorageRootGetsManagedLocation() {
    String catalog = Api.catalog();
    post("/schemas", Map.of("name", unique("sch"), "catalog_name", catalog, "storage_root", "s3://b/schemas"))
        .statusCode(200)
        .body("storage_root", equalTo("s3://b/schemas"))
        .body("storage_location", startsWith("s3://b/schemas/__unitystorage/schemas/"));
  }

  @Test
  void schemaInMissingCatalogIs404AndNothingIsWritten() {
    String catalog = unique("nocat");
    error(post("/schemas", Map.of("name", "s", "catalog_name", catalog)), 404, "NOT_FOUND");
    error(get("/catalogs/" + catalog), 404, "NOT_FOUND");
  }

  @Test
  void duplicateSchemaIs409EvenInOtherCase() {
    String full = Api.schema();
    String[] parts = full.split("\\.");
    error(post("/schemas", Map.of("name", parts[1].toUpperCase(), "catalog_name", parts[0])), 409, "SCHEMA_ALREADY_EXISTS");
  }

  @Test
  void sameSchemaNameMayExistInTwoCatalogs() {
    String name = unique("sch");
    post("/schemas", Map.of("name", name, "catalog_name", Api.catalog())).statusCode(200);
    post("/schemas", Map.of("name", name, "catalog_name", Api.catalog())).statusCode(200);
  }

  @Test
  void listingIsScopedToTheCatalogAndPaged() {
    String catalog = Api.catalog();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = unique("sch");
      post("/schemas", Map.of("name", name, "catalog_name", catalog)).statusCode(200);
      created.add(name);
    }
    Api.schema(); // a schema elsewhere must not show up
    List<String> seen = Api.pageThrough("/schemas", Map.of("catalog_name", catalog), "schemas", 2);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void listingNeedsCatalogName() {
    error(get("/schemas"), 400, "INVALID_ARGUMENT");
    error(get("/schemas?catalog_name=" + unique("nocat")), 404, "NOT_FOUND");
  }

  @Test
  void updateRenamesSchemaAndKeepsItsTables() {
    String full = Api.schema();
    String[] parts = full.split("\\.");
    String table = unique("t");
    Api.post("/tables", TableApiTest.external(parts[0], parts[1], table, "s3://b/" + unique("loc"))).statusCode(200);
    String newName = unique("renamed");
    patch("/schemas/" + full, Map.of("new_name", newName, "comment", "moved"))
        .statusCode(200)
        .body("full_name", equalTo(parts[0] + "." + newName))
        .body("comment", equalTo("moved"));
    get("/tables/" + parts[0] + "." + newName + "." + table).statusCode(200);
    error(get("/schemas/" + full), 404, "NOT_FOUND");
  }

  @Test
  void nonEmptySchemaNeedsForceAndForceRemovesChildren() {
    String full = Api.schema();
    String[] parts = full.split("\\.");
    String location = "s3://b/" + unique("loc");
    Api.post("/tables", TableApiTest.external(parts[0], parts[1], "t", location)).statusCode(200);
    error(Api.delete("/schemas/" + full), 400, "FAILED_PRECONDITION");
    get("/tables/" + full + ".t").statusCode(200);
    Api.delete("/schemas/" + full + "?force=true").statusCode(200);
    error(get("/tables/" + full + ".t"), 404, "NOT_FOUND");
    // The location went with the table: another table may take it now.
    String other = Api.schema().split("\\.")[0];
    post("/schemas", Map.of("name", "s2", "catalog_name", other)).statusCode(200);
    Api.post("/tables", TableApiTest.external(other, "s2", "t", location)).statusCode(200);
  }

  @Test
  void malformedFullNameIs400() {
    error(get("/schemas/onlyone"), 400, "INVALID_ARGUMENT");
    error(get("/schemas/a.b.c"), 400, "INVALID_ARGUMENT");
  }
}
