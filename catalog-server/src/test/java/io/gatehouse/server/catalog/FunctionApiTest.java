package io.gatehouse.server.catalog;

import static io.gatehouse.server.catalog.Api.error;
import static io.gatehouse.server.catalog.Api.get;
import static io.gatehouse.server.catalog.Api.patch;
import static io.gatehouse.server.catalog.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FunctionApiTest {

  static Map<String, Object> sqlFunction(String catalog, String schema, String name) {
    Map<String, Object> info = new HashMap<>();
    info.put("name", name);
    info.put("catalog_name", catalog);
    info.put("schema_name", schema);
    info.put(
        "input_params",
        Map.of(
            "parameters",
            List.of(
                Map.of("name", "region", "type_text", "string", "type_json", "{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}",
                    "type_name", "STRING", "position", 0))));
    info.put("data_type", "BOOLEAN");
    info.put("full_data_type", "boolean");
    info.put("routine_body", "SQL");
    info.put("routine_definition", "region = 'EU' OR is_account_group_member('admins')");
    info.put("parameter_style", "S");
    info.put("is_deterministic", true);
    info.put("sql_data_access", "CONTAINS_SQL");
    info.put("is_null_call", false);
    info.put("security_type", "DEFINER");
    info.put("specific_name", name);
    info.put("comment", "row filter");
    return Map.of("function_info", info);
  }

  @Test
  void sqlFunctionRoundTrips() {
    String[] s = Api.schema().split("\\.");
    post("/functions", sqlFunction(s[0], s[1], "eu_only")).statusCode(200).body("function_id", notNullValue());
    get("/functions/" + s[0] + "." + s[1] + ".eu_only")
        .statusCode(200)
        .body("full_name", equalTo(s[0] + "." + s[1] + ".eu_only"))
        .body("input_params.parameters", hasSize(1))
        .body("input_params.parameters[0].name", equalTo("region"))
        .body("input_params.parameters[0].type_name", equalTo("STRING"))
        .body("data_type", equalTo("BOOLEAN"))
        .body("routine_body", equalTo("SQL"))
        .body("routine_definition", equalTo("region = 'EU' OR is_account_group_member('admins')"))
        .body("parameter_style", equalTo("S"))
        .body("is_deterministic", equalTo(true))
        .body("sql_data_access", equalTo("CONTAINS_SQL"))
        .body("is_null_call", equalTo(false))
        .body("security_type", equalTo("DEFINER"))
        .body("comment", equalTo("row filter"))
        .body("owner", equalTo("admin"));
  }

  @Test
  void functionListUpdateAndDelete() {
    String[] s = Api.schema().split("\\.");
    post("/functions", sqlFunction(s[0], s[1], "f1")).statusCode(200);
    post("/functions", sqlFunction(s[0], s[1], "f2")).statusCode(200);
    error(post("/functions", sqlFunction(s[0], s[1], "F1")), 409, "ALREADY_EXISTS");
    Api.json()
        .queryParam("catalog_name", s[0])
        .queryParam("schema_name", s[1])
        .get(Api.BASE + "/functions")
        .then()
        .statusCode(200)
        .body("functions.name", equalTo(List.of("f1", "f2")));
    String stewards = Api.unique("stewards"); // owners must exist
    io.gatehouse.server.identity.Identities.group(stewards);
    patch("/functions/" + s[0] + "." + s[1] + ".f1", Map.of("owner", stewards)).statusCode(200).body("owner", equalTo(stewards));
    Api.delete("/functions/" + s[0] + "." + s[1] + ".f1").statusCode(200);
    error(get("/functions/" + s[0] + "." + s[1] + ".f1"), 404, "NOT_FOUND");
  }

  @Test
  void functionWithoutBodyIsRefusedNamingTheField() {
    String[] s = Api.schema().split("\\.");
    Map<String, Object> body = sqlFunction(s[0], s[1], "f");
    @SuppressWarnings("unchecked")
    Map<String, Object> info = (Map<String, Object>) body.get("function_info");
    info.remove("routine_definition");
    error(post("/functions", body), 400, "INVALID_ARGUMENT")
        .body("message", equalTo("Field 'function_info.routine_definition' is required."));
    error(post("/functions", Map.of()), 400, "INVALID_ARGUMENT");
  }
}
