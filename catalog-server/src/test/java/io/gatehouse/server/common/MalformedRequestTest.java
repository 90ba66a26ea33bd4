package io.gatehouse.server.common;

import static io.gatehouse.server.catalog.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sweep of malformed requests over every endpoint: each must answer 4xx in the Unity Catalog
 * error shape, without SQL or a stack trace in the body, and must leave nothing behind.
 */
@QuarkusTest
class MalformedRequestTest {
  private static final String LONG_NAME = "x".repeat(256);
  private static String catalog;
  private static String schema;

  // Created on first use: REST Assured points at the test server only once a test method runs.
  private static synchronized void createParents() {
    if (catalog == null) {
      String full = Api.schema();
      catalog = full.split("\\.")[0];
      schema = full.split("\\.")[1];
    }
  }

  static Stream<Arguments> malformedBodies() {
    List<Arguments> cases = new ArrayList<>();
    for (String path : List.of("/catalogs", "/schemas", "/tables", "/volumes", "/functions")) {
      cases.add(Arguments.of("POST", path, "{\"name\": "));
      cases.add(Arguments.of("POST", path, "not json"));
      cases.add(Arguments.of("POST", path, "[]"));
      cases.add(Arguments.of("POST", path, "\"a string\""));
      cases.add(Arguments.of("POST", path, "{}"));
      cases.add(Arguments.of("POST", path, "{\"name\": 12}"));
      cases.add(Arguments.of("POST", path, "{\"name\": \"ok\", \"name\": \"twice\"}"));
      cases.add(Arguments.of("POST", path, "{\"nonsense_field\": true}"));
      cases.add(Arguments.of("POST", path, "{\"name\": {\"nested\": 1}}"));
      cases.add(Arguments.of("POST", path, "{\"name\": \"a\"} trailing"));
      cases.add(Arguments.of("POST", path, ""));
      cases.add(Arguments.of("POST", path, "null"));
    }
    for (String path : List.of("/catalogs/%c", "/schemas/%c.%s")) {
      cases.add(Arguments.of("PATCH", path, "{\"new_name\": \"bad name\"}"));
      cases.add(Arguments.of("PATCH", path, "{\"new_name\": \"" + LONG_NAME + "\"}"));
      cases.add(Arguments.of("PATCH", path, "{\"properties\": {\"k\": 1}}"));
      cases.add(Arguments.of("PATCH", path, "{\"properties\": [1]}"));
      cases.add(Arguments.of("PATCH", path, "{\"owner\": \"\"}"));
      cases.add(Arguments.of("PATCH", path, "{\"comment\": false}"));
      cases.add(Arguments.of("PATCH", path, "{oops}"));
    }
    cases.add(Arguments.of("POST", "/catalogs", "{\"name\": \"has space\"}"));
    cases.add(Arguments.of("POST", "/catalogs", "{\"name\": \"dotted.name\"}"));
    cases.add(Arguments.of("POST", "/catalogs", "{\"name\": \"" + LONG_NAME + "\"}"));
    cases.add(Arguments.of("POST", "/catalogs", "{\"name\": \"a/b\"}"));
    cases.add(Arguments.of("POST", "/catalogs", "{\"name\": \"ok\", \"storage_root\": \"::bad::\"}"));
    cases.add(Arguments.of("POST", "/catalogs", "{\"name\": \"ok\", \"comment\": \"" + "c".repeat(70_000) + "\"}"));
    cases.add(Arguments.of("POST", "/catalogs", "{\"name\": \"ok\", \"properties\": {\"\": \"v\"}}"));
    cases.add(Arguments.of("POST", "/tables", table("\"table_type\": \"SIDEWAYS\"")));
    cases.add(Arguments.of("POST", "/tables", table("\"columns\": [{\"name\": \"a\", \"type_name\": \"NOPE\"}]")));
    cases.add(Arguments.of("POST", "/tables", table("\"columns\": [{\"name\": \"a\"}]")));
    cases.add(Arguments.of("POST", "/tables", table("\"columns\": [null]")));
    cases.add(Arguments.of("POST", "/tables", table("\"columns\": [{\"name\": \"a\", \"type_name\": \"INT\", \"position\": -1}]")));
    cases.add(Arguments.of("POST", "/tables", table("\"columns\": [{\"name\": \"a\", \"type_name\": \"INT\", \"type_json\": \"{not json\"}]")));
    cases.add(Arguments.of("POST", "/tables", table("\"columns\": {\"name\": \"a\"}")));
    cases.add(Arguments.of("POST", "/tables", table("\"storage_location\": \"s3://\"")));
    cases.add(Arguments.of("POST", "/volumes", "{\"catalog_name\": \"%c\", \"schema_name\": \"%s\", \"name\": \"v\", \"volume_type\": \"SOMETIMES\"}"));
    cases.add(Arguments.of("POST", "/functions", "{\"function_info\": {\"name\": \"f\", \"catalog_name\": \"%c\", \"schema_name\": \"%s\"}}"));
    cases.add(Arguments.of("POST", "/functions", "{\"function_info\": \"text\"}"));
    return cases.stream();
  }

  private static String table(String override) {
    String key = override.substring(0, override.indexOf(':'));
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("\"name\"", "\"t_bad\"");
    fields.put("\"catalog_name\"", "\"%c\"");
    fields.put("\"schema_name\"", "\"%s\"");
    fields.put("\"table_type\"", "\"EXTERNAL\"");
    fields.put("\"data_source_format\"", "\"DELTA\"");
    fields.put("\"storage_location\"", "\"s3://bucket/malformed\"");
    fields.put("\"columns\"", "[{\"name\": \"a\", \"type_name\": \"INT\"}]");
    fields.put(key, override.substring(override.indexOf(':') + 1).trim());
    StringBuilder json = new StringBuilder("{");
    fields.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "").append(k).append(": ").append(v));
    return json.append('}').toString();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("malformedBodies")
  void malformedBodyIsA4xxInTheErrorShapeAndWritesNothing(String method, String path, String body) {
    createParents();
    String target = path.replace("%c", catalog).replace("%s", schema);
    String payload = body.replace("%c", catalog).replace("%s", schema);
    long before = objectCount();
    Response response =
        given().contentType("application/json").body(payload).request(method, Api.BASE + target);
    assertErrorShape(response);
    assertThat(objectCount()).as("objects after a refused request").isEqualTo(before);
  }

  static Stream<Arguments> malformedQueries() {
    return Stream.of(
        Arguments.of("/catalogs?max_results=-1"),
        Arguments.of("/catalogs?max_results=ten"),
        Arguments.of("/catalogs?max_results=99999999999"),
        Arguments.of("/catalogs?page_token=%25%25%25"),
        Arguments.of("/catalogs?page_token=c2NoZW1hc3x4"),
        Arguments.of("/schemas"),
        Arguments.of("/schemas?catalog_name=bad%20name"),
        Arguments.of("/tables?catalog_name=%c"),
        Arguments.of("/tables?catalog_name=%c&schema_name=%s&page_token=!!"),
        Arguments.of("/volumes?schema_name=%s"),
        Arguments.of("/functions?catalog_name=%c&schema_name=%s&max_results=1.5"),
        Arguments.of("/tables/only.two"),
        Arguments.of("/tables/a.b.c.d"),
        Arguments.of("/tables/a..c"),
        Arguments.of("/volumes/%c.%s.missing"),
        Arguments.of("/functions/x"),
        Arguments.of("/catalogs/" + LONG_NAME),
        Arguments.of("/nowhere"));
  }

  @ParameterizedTest(name = "GET {0}")
  @MethodSource("malformedQueries")
  void malformedQueryIsA4xxInTheErrorShape(String path) {
    createParents();
    String target = path.replace("%c", catalog).replace("%s", schema);
    assertErrorShape(given().urlEncodingEnabled(false).accept("application/json").get(Api.BASE + target));
  }

  @Test
  void wrongMethodAndContentTypeAreRefusedInTheErrorShape() {
    createParents();
    assertErrorShape(given().contentType("application/json").body("{}").put(Api.BASE + "/catalogs/" + catalog));
    assertErrorShape(given().contentType("text/plain").body("name=x").post(Api.BASE + "/catalogs"));
    assertErrorShape(given().contentType("application/json").body("{}").delete(Api.BASE + "/catalogs"));
    assertErrorShape(
        given().urlEncodingEnabled(false).contentType("application/json").delete(Api.BASE + "/catalogs/" + catalog + "?force=maybe"));
  }

  @Test
  void oversizedBodyIsRefusedWith413InTheErrorShape() {
    String huge = "{\"name\": \"" + "a".repeat(17 * 1024 * 1024) + "\"}";
    Response response = given().contentType("application/json").body(huge).post(Api.BASE + "/catalogs");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.jsonPath().getString("error_code")).isEqualTo("REQUEST_TOO_LARGE");
  }

  private static void assertErrorShape(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isBetween(400, 499);
    assertThat(response.contentType()).startsWith("application/json");
    Map<String, Object> body = response.jsonPath().getMap("");
    assertThat(body).containsKeys("error_code", "message", "details");
    String text = response.asString().toLowerCase();
    assertThat(text).doesNotContain("exception", "select ", "insert ", " at io.", "org.hibernate", "sqlstate");
  }

  private static long objectCount() {
    // Counted through the API itself: catalogs visible, and children of the sweep's schema.
    long catalogs = 0;
    String token = null;
    do {
      var request = given().queryParam("max_results", 1000);
      if (token != null) {
        request.queryParam("page_token", token);
      }
      var page = request.get(Api.BASE + "/catalogs").then().statusCode(200).extract();
      catalogs += page.<List<Object>>path("catalogs").size();
      token = page.path("next_page_token");
    } while (token != null);
    long children = 0;
    for (String kind : List.of("schemas", "tables", "volumes", "functions")) {
      var request = given().queryParam("catalog_name", catalog).queryParam("max_results", 1000);
      if (!kind.equals("schemas")) {
        request.queryParam("schema_name", schema);
      }
      children += request.get(Api.BASE + "/" + kind).then().statusCode(200).extract().<List<Object>>path(kind).size();
    }
    return catalogs + children;
  }
}
