package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.Storage;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Engines acting on behalf of users on the Unity Catalog REST API (X-Gatehouse-On-Behalf-Of), as a
 * Spark connector does for DDL: only members of the engines group may; every decision is then the
 * end user's, never the engine's own rights; what is created belongs to the user and the audit
 * trail names both. Endpoints that manage identities or credentials refuse the header outright.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class RestOnBehalfTest {
  static final String HEADER = OnBehalfHeader.HEADER;
  static final String SCIM_PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /**
   * A catalog whose owner is the engine itself (its own rights would allow anything in it), a
   * {@code creator} who may use it and create schemas in it, and a {@code bystander} who may only
   * use it.
   */
  private record World(String catalog, String engine, String creator, String bystander) {
    RequestSpecification engineFor(String endUser) {
      return Storage.as(engine).header(HEADER, endUser);
    }
  }

  private static World world() {
    String engine = Storage.user("rest-obo-engine");
    Storage.joinGroup("engines", principalId(engine));
    String creator = Storage.user("rest-obo-creator");
    String bystander = Storage.user("rest-obo-bystander");
    String catalog = Api.catalog();
    Api.patch("/catalogs/" + catalog, Map.of("owner", engine)).statusCode(200);
    Storage.grant("catalog", catalog, creator, "USE CATALOG", "CREATE SCHEMA");
    Storage.grant("catalog", catalog, bystander, "USE CATALOG");
    return new World(catalog, engine, creator, bystander);
  }

  private static String principalId(String userName) {
    return Identities.scim().queryParam("filter", "userName eq \"" + userName + "\"")
        .get(Identities.SCIM + "/Users").then().statusCode(200).extract().path("Resources[0].id");
  }

  private static ValidatableResponse createSchema(RequestSpecification as, String catalog, String name) {
    return as.body(Map.of("name", name, "catalog_name", catalog)).post("/api/2.1/unity-catalog/schemas").then();
  }

  private static void schemaAbsent(String fullName) {
    Api.get("/schemas/" + fullName).statusCode(404);
  }

  @Test
  void anEngineCreatesASchemaForAUserWhoMayAndTheUserOwnsItWithBothInTheAuditTrail() {
    World w = world();
    String name = Api.unique("obo_s");
    createSchema(w.engineFor(w.creator()), w.catalog(), name).statusCode(200).body("owner", equalTo(w.creator()));
    Api.get("/schemas/" + w.catalog() + "." + name).statusCode(200).body("owner", equalTo(w.creator()));

    // The creator never called itself: every record naming it was made through the engine.
    List<Map<String, Object>> events = Api.json().queryParam("principal", w.creator())
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e).containsEntry("acting_principal", w.engine()));
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("action", "CREATE_SCHEMA")
        .containsEntry("result", "ALLOWED"));
  }

  @Test
  void theEnginesOwnRightsNeverStandInForTheUsers() {
    World w = world();
    String name = Api.unique("obo_s");
    // The engine owns the catalog: as itself it may create there.
    createSchema(Storage.as(w.engine()), w.catalog(), Api.unique("own_s")).statusCode(200);
    // For the bystander (USE CATALOG only) it may not, nor may it grant the bystander anything.
    Api.error(createSchema(w.engineFor(w.bystander()), w.catalog(), name), 403, "PERMISSION_DENIED");
    schemaAbsent(w.catalog() + "." + name);
    Api.error(w.engineFor(w.bystander())
        .body(Map.of("changes", List.of(Map.of("principal", w.bystander(), "add", List.of("CREATE SCHEMA"), "remove", List.of()))))
        .patch("/api/2.1/unity-catalog/permissions/catalog/" + w.catalog()).then(), 403, "PERMISSION_DENIED");
    Api.error(w.engineFor(w.bystander()).body(Map.of("statement", "GRANT CREATE SCHEMA ON CATALOG " + w.catalog()
        + " TO `" + w.bystander() + "`")).post("/api/gatehouse/v1/sql").then(), 403, "PERMISSION_DENIED");
    Api.get("/permissions/catalog/" + w.catalog() + "?principal=" + w.bystander()).statusCode(200)
        .body("privilege_assignments[0].privileges", not(org.hamcrest.Matchers.hasItem("CREATE_SCHEMA")));
    // Nor drop what the engine owns.
    Api.error(w.engineFor(w.bystander()).delete("/api/2.1/unity-catalog/catalogs/" + w.catalog() + "?force=true").then(),
        403, "PERMISSION_DENIED");
    Api.get("/catalogs/" + w.catalog()).statusCode(200);
  }

  @Test
  void readsOnBehalfOfAUserSeeOnlyWhatThatUserMaySee() {
    World w = world();
    String visible = Api.unique("obo_v");
    createSchema(w.engineFor(w.creator()), w.catalog(), visible).statusCode(200);
    String hidden = Api.unique("obo_h");
    createSchema(Storage.as(w.engine()), w.catalog(), hidden).statusCode(200);

    List<String> asCreator = w.engineFor(w.creator()).queryParam("catalog_name", w.catalog())
        .get("/api/2.1/unity-catalog/schemas").then().statusCode(200).extract().path("schemas.name");
    assertThat(asCreator).contains(visible).doesNotContain(hidden);
    List<String> asEngine = Storage.as(w.engine()).queryParam("catalog_name", w.catalog())
        .get("/api/2.1/unity-catalog/schemas").then().statusCode(200).extract().path("schemas.name");
    assertThat(asEngine).contains(visible, hidden);
    w.engineFor(w.bystander()).get("/api/2.1/unity-catalog/schemas/" + w.catalog() + "." + hidden).then()
        .statusCode(org.hamcrest.Matchers.anyOf(equalTo(403), equalTo(404)));
  }

  /**
   * GET of a table is answered on the event loop; an engine naming an end user makes the request
   * wait for the end user on a worker thread first. Twice in a row, so the second finds the
   * caches warm: the decision is the end user's both times, and the record names both.
   */
  @Test
  void tableReadOnBehalfOfAUserIsThatUsersDecision() {
    World w = world();
    String schema = Api.unique("obo_t");
    createSchema(w.engineFor(w.creator()), w.catalog(), schema).statusCode(200);
    String table = w.catalog() + "." + schema + "." + Api.unique("t");
    String[] parts = table.split("\\.");
    Api.post("/tables", Api.externalTable(parts[0], parts[1], parts[2], "s3://rest-obo/" + parts[2])).statusCode(200);
    Storage.grant("schema", parts[0] + "." + parts[1], w.creator(), "USE SCHEMA");
    Storage.grant("table", table, w.creator(), "SELECT");
    for (int i = 0; i < 2; i++) {
      String requestId = Api.unique("obo-get");
      w.engineFor(w.creator()).header("X-Request-Id", requestId).get("/api/2.1/unity-catalog/tables/" + table).then()
          .statusCode(200).body("full_name", equalTo(table));
      List<Map<String, Object>> records = Api.json().queryParam("securable", table).queryParam("action", "GET_TABLE")
          .queryParam("max_results", 100).get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
      assertThat(records).filteredOn(e -> requestId.equals(e.get("request_id"))).singleElement()
          .satisfies(e -> assertThat(e).containsEntry("principal", w.creator()).containsEntry("acting_principal", w.engine())
              .containsEntry("result", "ALLOWED"));
      // The bystander may use the catalog but holds nothing on the schema or the table; the engine owns the catalog.
      Api.error(w.engineFor(w.bystander()).get("/api/2.1/unity-catalog/tables/" + table).then(), 403, "PERMISSION_DENIED");
      Api.error(w.engineFor(w.bystander().toUpperCase(java.util.Locale.ROOT)).get("/api/2.1/unity-catalog/tables/" + table).then(),
          403, "PERMISSION_DENIED");
    }
    Storage.as(w.engine()).get("/api/2.1/unity-catalog/tables/" + table).then().statusCode(200);
  }

  @Test
  void aCallerOutsideTheEnginesGroupIsRefusedWhateverItNamesEvenTheAdmin() {
    World w = world();
    String name = Api.unique("obo_s");
    // The creator may create schemas itself, but may not make the request anyone else's.
    Api.error(createSchema(Storage.as(w.creator()).header(HEADER, w.bystander()), w.catalog(), name), 403,
        "PERMISSION_DENIED").body("message", containsString("engines group"));
    // The metastore admin is no engine either.
    Api.error(createSchema(Api.json().header(HEADER, w.creator()), w.catalog(), name), 403, "PERMISSION_DENIED");
    schemaAbsent(w.catalog() + "." + name);
  }

  @Test
  void endpointsThatManageIdentitiesOrCredentialsRefuseTheHeader() {
    World w = world();
    Api.error(w.engineFor(w.creator()).body(Map.of("comment", "obo", "lifetime_seconds", 600))
        .post("/api/2.0/token/create").then(), 400, "INVALID_ARGUMENT").body("message", containsString(HEADER));
    Api.error(w.engineFor(w.creator()).body(Map.of("table_id", java.util.UUID.randomUUID().toString(), "operation", "READ"))
        .post("/api/2.1/unity-catalog/temporary-table-credentials").then(), 400, "INVALID_ARGUMENT");
    Api.error(w.engineFor(w.creator()).get("/api/gatehouse/v1/audit").then(), 400, "INVALID_ARGUMENT");
    w.engineFor(w.creator()).accept("application/scim+json").get(Identities.SCIM + "/Me").then().statusCode(400);
    // The engine made no token for the user: the user's token list is empty.
    List<?> tokens = Storage.as(w.creator()).get("/api/2.0/token/list").then().statusCode(200)
        .extract().path("token_infos");
    assertThat(tokens == null ? List.of() : tokens).isEmpty();
  }

  @Test
  void malformedOrUnknownEndUsersAreRefusedBeforeAnythingHappens() {
    World w = world();
    String name = Api.unique("obo_s");
    String catalog = w.catalog();
    RequestSpecification engine = Storage.as(w.engine());
    Api.error(createSchema(engine.header(HEADER, w.creator()).header(HEADER, w.bystander()), catalog, name), 400,
        "INVALID_ARGUMENT");
    Api.error(createSchema(Storage.as(w.engine()).header(HEADER, " "), catalog, name), 400, "INVALID_ARGUMENT");
    Api.error(createSchema(Storage.as(w.engine()).header(HEADER, "nobody-" + name + "@example.com"), catalog, name), 400,
        "INVALID_ARGUMENT").body("message", containsString("names no principal"));
    Api.error(createSchema(Storage.as(w.engine()).header(HEADER, "engines"), catalog, name), 400, "INVALID_ARGUMENT")
        .body("message", containsString("group"));
    schemaAbsent(catalog + "." + name);

    // Another spelling of the header's name and of the user's name reach the same user.
    createSchema(Storage.as(w.engine()).header(HEADER.toLowerCase(java.util.Locale.ROOT),
        w.creator().toUpperCase(java.util.Locale.ROOT)), catalog, name).statusCode(200).body("owner", equalTo(w.creator()));
  }

  @Test
  void aDeactivatedUserCannotBeActedFor() {
    World w = world();
    Identities.scim()
        .body(Map.of("schemas", List.of(SCIM_PATCH), "Operations", List.of(Map.of("op", "replace", "value", Map.of("active", false)))))
        .patch(Identities.SCIM + "/Users/" + principalId(w.creator())).then().statusCode(200);
    String name = Api.unique("obo_s");
    Api.error(createSchema(w.engineFor(w.creator()), w.catalog(), name), 403, "PERMISSION_DENIED")
        .body("message", containsString("deactivated"));
    schemaAbsent(w.catalog() + "." + name);
  }
}
