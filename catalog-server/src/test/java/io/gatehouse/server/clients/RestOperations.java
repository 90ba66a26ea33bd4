package io.gatehouse.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.client.model.CatalogInfo;
import io.gatehouse.client.model.CreatedToken;
import io.gatehouse.client.model.FunctionInfo;
import io.gatehouse.client.model.Identity;
import io.gatehouse.client.model.PrivilegeAssignment;
import io.gatehouse.client.model.SchemaInfo;
import io.gatehouse.client.model.SqlResult;
import io.gatehouse.client.model.TableInfo;
import io.gatehouse.client.model.TokenInfo;
import io.gatehouse.client.model.VolumeInfo;
import io.gatehouse.client.model.ModelVersionInfo;
import io.gatehouse.client.model.RegisteredModelInfo;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The suite's operations as raw HTTP with REST Assured: the wire contract itself. */
final class RestOperations implements Operations {
  static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final String UC = "/api/2.1/unity-catalog";
  private final String token;

  RestOperations(String token) {
    this.token = token;
  }

  @Override
  public Operations as(String token) {
    return new RestOperations(token);
  }

  private RequestSpecification request() {
    return RestAssured.given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
        .accept(ContentType.JSON);
  }

  /** The body of a 200 as {@code type}; anything else becomes the failure its status and body say. */
  private static <T> T answer(Response r, JavaType type) {
    if (r.statusCode() == 200) {
      try {
        return JSON.readValue(r.asString(), type);
      } catch (java.io.IOException e) {
        throw new AssertionError("unreadable answer: " + r.asString(), e);
      }
    }
    throw failure(r);
  }

  private static <T> T answer(Response r, Class<T> type) {
    return answer(r, JSON.constructType(type));
  }

  private static <T> List<T> items(JsonNode page, String field, Class<T> type) {
    return JSON.convertValue(page.path(field), JSON.getTypeFactory().constructCollectionType(List.class, type));
  }

  static OperationFailed failure(Response r) {
    String requestId = r.header("X-Request-Id");
    JsonNode body;
    try {
      body = JSON.readTree(r.asString());
    } catch (java.io.IOException e) {
      throw new AssertionError("HTTP " + r.statusCode() + " without a JSON error body: " + r.asString());
    }
    Failure failure = switch (r.statusCode()) {
      case 400 -> Failure.INVALID;
      case 401 -> Failure.UNAUTHENTICATED;
      case 403 -> Failure.PERMISSION_DENIED;
      case 404 -> Failure.NOT_FOUND;
      case 409 -> Failure.CONFLICT;
      default -> throw new AssertionError("unexpected HTTP " + r.statusCode() + ": " + r.asString());
    };
    String message;
    if (body.has("error_code")) {
      // The Unity Catalog body: a code of the status, and the request id of the header.
      Set<String> codes = switch (failure) {
        case INVALID -> Set.of("INVALID_ARGUMENT", "FAILED_PRECONDITION");
        case UNAUTHENTICATED -> Set.of("UNAUTHENTICATED");
        case PERMISSION_DENIED -> Set.of("PERMISSION_DENIED");
        case NOT_FOUND -> Set.of("NOT_FOUND");
        case CONFLICT -> Set.of("ALREADY_EXISTS", "CATALOG_ALREADY_EXISTS", "SCHEMA_ALREADY_EXISTS", "TABLE_ALREADY_EXISTS");
      };
      assertThat(body.get("error_code").asText()).isIn(codes);
      assertThat(body.path("details").path(0).path("@type").asText()).isEqualTo("google.rpc.ErrorInfo");
      assertThat(body.path("details").path(0).path("metadata").path("request_id").asText()).isEqualTo(requestId);
      message = body.path("message").asText();
    } else {
      // SCIM's body (/Me): the status again, and a detail.
      assertThat(body.path("status").asText()).isEqualTo(Integer.toString(r.statusCode()));
      message = body.path("detail").asText();
    }
    return new OperationFailed(failure, message, requestId);
  }

  /** Every page of a listing, checking that no page is larger than asked. */
  private <T> List<T> pages(String path, Map<String, Object> query, String field, Class<T> type, int pageSize) {
    List<T> all = new ArrayList<>();
    String pageToken = null;
    do {
      RequestSpecification q = request().queryParams(query);
      if (pageSize > 0) {
        q.queryParam("max_results", pageSize);
      }
      if (pageToken != null) {
        q.queryParam("page_token", pageToken);
      }
      JsonNode page = answer(q.get(UC + path), JsonNode.class);
      List<T> items = items(page, field, type);
      if (pageSize > 0) {
        assertThat(items.size()).as("page size").isLessThanOrEqualTo(pageSize);
      }
      all.addAll(items);
      pageToken = page.hasNonNull("next_page_token") ? page.get("next_page_token").asText() : null;
    } while (pageToken != null);
    return all;
  }

  private static Map<String, Object> body(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        m.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    return m;
  }

  @Override
  public CatalogInfo createCatalog(String name, String comment) {
    return answer(request().body(body("name", name, "comment", comment)).post(UC + "/catalogs"), CatalogInfo.class);
  }

  @Override
  public CatalogInfo getCatalog(String name) {
    return answer(request().get(UC + "/catalogs/" + name), CatalogInfo.class);
  }

  @Override
  public List<CatalogInfo> listCatalogs(int pageSize) {
    return pages("/catalogs", Map.of(), "catalogs", CatalogInfo.class, pageSize);
  }

  @Override
  public CatalogInfo updateCatalog(String name, String newName, String comment) {
    return answer(request().body(body("new_name", newName, "comment", comment)).patch(UC + "/catalogs/" + name),
        CatalogInfo.class);
  }

  @Override
  public void deleteCatalog(String name, boolean force) {
    answer(request().queryParam("force", force).delete(UC + "/catalogs/" + name), JsonNode.class);
  }

  @Override
  public SchemaInfo createSchema(String catalog, String name, String comment) {
    return answer(request().body(body("name", name, "catalog_name", catalog, "comment", comment)).post(UC + "/schemas"),
        SchemaInfo.class);
  }

  @Override
  public SchemaInfo getSchema(String fullName) {
    return answer(request().get(UC + "/schemas/" + fullName), SchemaInfo.class);
  }

  @Override
  public List<SchemaInfo> listSchemas(String catalog, int pageSize) {
    return pages("/schemas", Map.of("catalog_name", catalog), "schemas", SchemaInfo.class, pageSize);
  }

  @Override
  public SchemaInfo updateSchema(String fullName, String newName, String comment) {
    return answer(request().body(body("new_name", newName, "comment", comment)).patch(UC + "/schemas/" + fullName),
        SchemaInfo.class);
  }

  @Override
  public void deleteSchema(String fullName, boolean force) {
    answer(request().queryParam("force", force).delete(UC + "/schemas/" + fullName), JsonNode.class);
  }

  @Override
  public TableInfo createTable(String catalog, String schema, String name, String location, List<Column> columns) {
    List<Map<String, Object>> cols = columns.stream()
        .map(c -> Map.<String, Object>of("name", c.name(), "type_name", c.typeName())).toList();
    return answer(request().body(body("name", name, "catalog_name", catalog, "schema_name", schema,
        "table_type", "EXTERNAL", "data_source_format", "DELTA", "storage_location", location, "columns", cols))
        .post(UC + "/tables"), TableInfo.class);
  }

  @Override
  public TableInfo getTable(String fullName) {
    return answer(request().get(UC + "/tables/" + fullName), TableInfo.class);
  }

  @Override
  public List<TableInfo> listTables(String catalog, String schema, int pageSize) {
    return pages("/tables", Map.of("catalog_name", catalog, "schema_name", schema), "tables", TableInfo.class, pageSize);
  }

  @Override
  public TableInfo updateTableOwner(String fullName, String owner) {
    return answer(request().body(Map.of("owner", owner)).patch(UC + "/tables/" + fullName), TableInfo.class);
  }

  @Override
  public void deleteTable(String fullName) {
    answer(request().delete(UC + "/tables/" + fullName), JsonNode.class);
  }

  @Override
  public VolumeInfo createVolume(String catalog, String schema, String name, String comment) {
    return answer(request().body(body("name", name, "catalog_name", catalog, "schema_name", schema,
        "volume_type", "MANAGED", "comment", comment)).post(UC + "/volumes"), VolumeInfo.class);
  }

  @Override
  public VolumeInfo getVolume(String fullName) {
    return answer(request().get(UC + "/volumes/" + fullName), VolumeInfo.class);
  }

  @Override
  public List<VolumeInfo> listVolumes(String catalog, String schema, int pageSize) {
    return pages("/volumes", Map.of("catalog_name", catalog, "schema_name", schema), "volumes", VolumeInfo.class, pageSize);
  }

  @Override
  public VolumeInfo updateVolume(String fullName, String newName, String comment) {
    return answer(request().body(body("new_name", newName, "comment", comment)).patch(UC + "/volumes/" + fullName),
        VolumeInfo.class);
  }

  @Override
  public void deleteVolume(String fullName) {
    answer(request().delete(UC + "/volumes/" + fullName), JsonNode.class);
  }

  @Override
  public RegisteredModelInfo createModel(String catalog, String schema, String name, String comment) {
    return answer(request().body(body("name", name, "catalog_name", catalog, "schema_name", schema, "comment", comment))
        .post(UC + "/models"), RegisteredModelInfo.class);
  }

  @Override
  public RegisteredModelInfo getModel(String fullName) {
    return answer(request().get(UC + "/models/" + fullName), RegisteredModelInfo.class);
  }

  @Override
  public List<RegisteredModelInfo> listModels(String catalog, String schema, int pageSize) {
    Map<String, Object> query = new LinkedHashMap<>(body("catalog_name", catalog, "schema_name", schema));
    return pages("/models", query, "registered_models", RegisteredModelInfo.class, pageSize);
  }

  @Override
  public RegisteredModelInfo updateModel(String fullName, String newName, String comment, String owner) {
    return answer(request().body(body("new_name", newName, "comment", comment, "owner", owner))
        .patch(UC + "/models/" + fullName), RegisteredModelInfo.class);
  }

  @Override
  public void deleteModel(String fullName, boolean force) {
    answer(request().queryParam("force", force).delete(UC + "/models/" + fullName), JsonNode.class);
  }

  @Override
  public ModelVersionInfo createModelVersion(String catalog, String schema, String model, String source) {
    return answer(request().body(body("catalog_name", catalog, "schema_name", schema, "model_name", model,
        "source", source)).post(UC + "/models/versions"), ModelVersionInfo.class);
  }

  @Override
  public List<ModelVersionInfo> listModelVersions(String fullName, int pageSize) {
    return pages("/models/" + fullName + "/versions", Map.of(), "model_versions", ModelVersionInfo.class, pageSize);
  }

  @Override
  public ModelVersionInfo finalizeModelVersion(String fullName, long version) {
    return answer(request().body(body("full_name", fullName, "version", version))
        .patch(UC + "/models/" + fullName + "/versions/" + version + "/finalize"), ModelVersionInfo.class);
  }

  @Override
  public FunctionInfo createFunction(String catalog, String schema, String name, String parameter, String body) {
    Map<String, Object> param = new HashMap<>(Map.of("name", parameter, "type_name", "STRING", "type_text", "string",
        "position", 0));
    Map<String, Object> info = body("name", name, "catalog_name", catalog, "schema_name", schema,
        "input_params", Map.of("parameters", List.of(param)), "data_type", "BOOLEAN", "full_data_type", "boolean",
        "routine_body", "SQL", "routine_definition", body, "parameter_style", "S", "is_deterministic", true,
        "sql_data_access", "CONTAINS_SQL", "is_null_call", false, "security_type", "DEFINER", "specific_name", name);
    return answer(request().body(Map.of("function_info", info)).post(UC + "/functions"), FunctionInfo.class);
  }

  @Override
  public FunctionInfo getFunction(String fullName) {
    return answer(request().get(UC + "/functions/" + fullName), FunctionInfo.class);
  }

  @Override
  public List<FunctionInfo> listFunctions(String catalog, String schema, int pageSize) {
    return pages("/functions", Map.of("catalog_name", catalog, "schema_name", schema), "functions", FunctionInfo.class,
        pageSize);
  }

  @Override
  public void deleteFunction(String fullName) {
    answer(request().delete(UC + "/functions/" + fullName), JsonNode.class);
  }

  private List<PrivilegeAssignment> assignments(Response r) {
    return items(answer(r, JsonNode.class), "privilege_assignments", PrivilegeAssignment.class);
  }

  @Override
  public List<PrivilegeAssignment> grant(String type, String fullName, String principal, List<String> privileges) {
    return assignments(request().body(Map.of("changes", List.of(Map.of("principal", principal, "add", privileges))))
        .patch(UC + "/permissions/" + type + "/" + fullName));
  }

  @Override
  public List<PrivilegeAssignment> revoke(String type, String fullName, String principal, List<String> privileges) {
    return assignments(request().body(Map.of("changes", List.of(Map.of("principal", principal, "remove", privileges))))
        .patch(UC + "/permissions/" + type + "/" + fullName));
  }

  @Override
  public List<PrivilegeAssignment> showGrants(String type, String fullName) {
    return assignments(request().get(UC + "/permissions/" + type + "/" + fullName));
  }

  @Override
  public SqlResult sql(String script) {
    return answer(request().body(Map.of("statement", script)).post("/api/gatehouse/v1/sql"), SqlResult.class);
  }

  @Override
  public Identity whoami() {
    JsonNode me = answer(request().accept("application/scim+json").get("/api/2.0/scim/v2/Me"), JsonNode.class);
    List<String> groups = new ArrayList<>();
    me.path("groups").forEach(g -> groups.add(g.path("display").asText()));
    return new Identity(me.path("id").asText(), me.path("userName").asText(me.path("applicationId").asText(null)),
        me.path("displayName").asText(null), me.has("applicationId") ? "SERVICE_PRINCIPAL" : "USER",
        me.path("active").asBoolean(), groups);
  }

  @Override
  public CreatedToken createToken(String comment) {
    return answer(request().body(Map.of("comment", comment)).post("/api/2.0/token/create"), CreatedToken.class);
  }

  @Override
  public List<TokenInfo> listTokens() {
    return JSON.convertValue(answer(request().get("/api/2.0/token/list"), JsonNode.class).path("token_infos"),
        new TypeReference<List<TokenInfo>>() {});
  }

  @Override
  public void revokeToken(String tokenId) {
    answer(request().body(Map.of("token_id", tokenId)).post("/api/2.0/token/delete"), JsonNode.class);
  }
}
