package io.gatehouse.server.catalog;

import io.restassured.RestAssured;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** REST calls against the Unity Catalog API of the running test server, and fresh names. */
public final class Api {
  public static final String BASE = "/api/2.1/unity-catalog";
  /** The bootstrap admin's token in the test profile (application.properties). */
  public static final String ADMIN_TOKEN = "gat_test-admin-token-0123456789abcdefghijklmnopqrstuv";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  private Api() {}

  /** A name no earlier test run has used, so tests share one database without clashing. */
  public static String unique(String prefix) {
    return prefix + "_" + RUN + "_" + COUNTER.incrementAndGet();
  }

  /** A request authenticated as the bootstrap admin. */
  public static RequestSpecification given() {
    return RestAssured.given().header("Authorization", "Bearer " + ADMIN_TOKEN);
  }

  public static RequestSpecification json() {
    return given().contentType(ContentType.JSON).accept(ContentType.JSON);
  }

  public static ValidatableResponse post(String path, Object body) {
    return json().body(body).when().post(BASE + path).then();
  }

  public static ValidatableResponse get(String path) {
    return json().when().get(BASE + path).then();
  }

  public static ValidatableResponse patch(String path, Object body) {
    return json().body(body).when().patch(BASE + path).then();
  }

  public static ValidatableResponse delete(String path) {
    return json().when().delete(BASE + path).then();
  }

  /** Asserts the Unity Catalog error body with the given status and code. */
  public static ValidatableResponse error(ValidatableResponse response, int status, String errorCode) {
    return response
        .statusCode(status)
        .contentType(ContentType.JSON)
        .body("error_code", equalTo(errorCode))
        .body("message", notNullValue())
        .body("details[0].'@type'", equalTo("google.rpc.ErrorInfo"))
        .body("details[0].reason", equalTo(errorCode));
  }

  public static String catalog() {
    String name = unique("cat");
    post("/catalogs", Map.of("name", name)).statusCode(200);
    return name;
  }

  /** A fresh catalog with one schema; returns "catalog.schema". */
  public static String schema() {
    String catalog = catalog();
    String schema = unique("sch");
    post("/schemas", Map.of("name", schema, "catalog_name", catalog)).statusCode(200);
    return catalog + "." + schema;
  }

  /** The names of every item of a listing, following next_page_token with pages of pageSize. */
  public static List<String> pageThrough(String path, Map<String, Object> query, String items, int pageSize) {
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      var request = json().queryParams(query).queryParam("max_results", pageSize);
      if (token != null) {
        request.queryParam("page_token", token);
      }
      var page = request.get(BASE + path).then().statusCode(200).extract();
      List<String> names = page.path(items + ".name");
      if (names.size() > pageSize) {
        throw new AssertionError("page of " + names.size() + " items, asked for " + pageSize);
      }
      seen.addAll(names);
      token = page.path("next_page_token");
    } while (token != null);
    return seen;
  }

  /** The body of an EXTERNAL Delta table with one column at {@code location}. */
  public static Map<String, Object> externalTable(String catalog, String schema, String name, String location) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", name);
    body.put("catalog_name", catalog);
    body.put("schema_name", schema);
    body.put("table_type", "EXTERNAL");
    body.put("data_source_format", "DELTA");
    body.put("storage_location", location);
    body.put("columns", List.of(column("id", "LONG")));
    return body;
  }

  public static Map<String, Object> column(String name, String typeName) {
    return Map.of("name", name, "type_name", typeName);
  }
}
