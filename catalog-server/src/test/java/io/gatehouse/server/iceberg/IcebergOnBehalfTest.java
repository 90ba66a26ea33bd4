package io.gatehouse.server.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.LakeWorld;
import io.gatehouse.server.credentials.Storage;
import io.gatehouse.server.iceberg.IcebergWorld.Place;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Engines acting on behalf of users on the Iceberg REST catalog (X-Gatehouse-On-Behalf-Of): only
 * members of the engines group may, every decision is then the end user's, and only such requests
 * load tables with a row filter or column masks, with the restrictions in force for that user.
 * Everyone else, and every malformed header, is refused before the table is looked at.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class IcebergOnBehalfTest {
  static final String HEADER = "X-Gatehouse-On-Behalf-Of";
  static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "id", Types.LongType.get()),
      Types.NestedField.optional(2, "email", Types.StringType.get()),
      Types.NestedField.optional(3, "region", Types.StringType.get()),
      Types.NestedField.optional(4, "phone", Types.StringType.get()));

  LakeWorld lake;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get();
  }

  /**
   * A warehouse with an Iceberg table {@code people} that has a row filter (EU rows) and two
   * masks: email, from which members of {@code exemptGroup} are exempt, and phone, which uses
   * region. {@code reader} and {@code exempt} may read it, {@code stranger} may use the schema
   * but not read it; {@code engine} is a member of the engines group and holds nothing itself.
   */
  private record World(Place place, String reader, String exempt, String stranger, String engine, String exemptGroup) {
    String people() {
      return place.path("people");
    }

    String fullName() {
      return place.schema() + ".people";
    }
  }

  private World world() {
    Place place = IcebergWorld.place(lake);
    try (RESTCatalog catalog = IcebergWorld.client(place.warehouse(), place.creator())) {
      Table table = catalog.createTable(TableIdentifier.of(place.namespace(), "people"), SCHEMA);
      table.newAppend().appendFile(IcebergRestCatalogTest.writeDataFile(table, "p.parquet")).commit();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String reader = Identities.email("obo-reader");
    Identities.user(reader);
    String exempt = Identities.email("obo-exempt");
    String exemptId = Identities.user(exempt);
    String exemptGroup = Api.unique("obo-exempt-group");
    Identities.group(exemptGroup, exemptId);
    String stranger = Identities.email("obo-stranger");
    Identities.user(stranger);
    String engine = Identities.email("obo-engine");
    Storage.joinGroup("engines", Identities.user(engine));
    for (String user : List.of(reader, exempt, stranger)) {
      Storage.grant("catalog", place.warehouse(), user, "USE CATALOG");
      Storage.grant("schema", place.schema(), user, "USE SCHEMA", "EXTERNAL USE SCHEMA");
    }
    String s = place.schema();
    sql("CREATE FUNCTION " + s + ".eu_only(region STRING) RETURN region = 'EU';"
        + " CREATE FUNCTION " + s + ".hide_email(email STRING) RETURN CASE WHEN is_account_group_member('" + exemptGroup
        + "') THEN email ELSE '***' END;"
        + " CREATE FUNCTION " + s + ".hide_phone(phone STRING, region STRING) RETURN CASE WHEN region = 'EU' THEN '***'"
        + " ELSE phone END;"
        + " ALTER TABLE " + s + ".people SET ROW FILTER " + s + ".eu_only ON (region);"
        + " ALTER TABLE " + s + ".people ALTER COLUMN email SET MASK " + s + ".hide_email;"
        + " ALTER TABLE " + s + ".people ALTER COLUMN phone SET MASK " + s + ".hide_phone USING COLUMNS (region);");
    Storage.grant("table", s + ".people", reader, "SELECT");
    Storage.grant("table", s + ".people", exempt, "SELECT");
    return new World(place, reader, exempt, stranger, engine, exemptGroup);
  }

  private static void sql(String script) {
    Api.json().body(Map.of("statement", script)).post("/api/gatehouse/v1/sql").then().statusCode(200);
  }

  private static RequestSpecification engine(World w, String endUser) {
    return IcebergWorld.as(w.engine()).header(HEADER, endUser);
  }

  private static RequestSpecification vended(RequestSpecification request) {
    return request.header("X-Iceberg-Access-Delegation", "vended-credentials");
  }

  @Test
  void anEngineOnBehalfOfAReaderLoadsAFilteredMaskedTableWithThatReadersRestrictions() {
    World w = world();
    ExtractableResponse<Response> loaded = vended(engine(w, w.reader())).get(w.people()).then().statusCode(200)
        .body("'read-restrictions'.'required-row-filter'.type", equalTo("gatehouse-sql-function"))
        .body("'read-restrictions'.'required-row-filter'.function", equalTo(w.place().schema() + ".eu_only"))
        .body("'read-restrictions'.'required-row-filter'.arguments", equalTo(List.of("region")))
        .body("'read-restrictions'.'required-row-filter'.expression", containsString("'EU'"))
        .body("'read-restrictions'.'required-column-projections'.size()", equalTo(2))
        .body("'storage-credentials'[0].config.'s3.access-key-id'", notNullValue())
        .extract();
    List<Map<String, Object>> projections = loaded.path("'read-restrictions'.'required-column-projections'");
    assertThat(projections).anySatisfy(p -> assertThat(p)
        .containsEntry("field-id", 2).containsEntry("column", "email").containsEntry("action", "gatehouse-sql-function")
        .containsEntry("function", w.place().schema() + ".hide_email").containsEntry("using-columns", List.of()));
    assertThat(projections).anySatisfy(p -> assertThat(p)
        .containsEntry("field-id", 4).containsEntry("column", "phone")
        .containsEntry("function", w.place().schema() + ".hide_phone").containsEntry("using-columns", List.of("region")));
    assertThat(projections).allSatisfy(p -> assertThat((String) p.get("expression")).contains("'***'"));
    // Mirrored in the config, where an engine reading with iceberg-core finds it (the FileIO's properties).
    assertThat((String) loaded.path("config.'gatehouse.read-restrictions'")).contains("hide_email", "hide_phone", "eu_only");

    Map<String, String> props = new HashMap<>();
    props.put("header." + HEADER, w.reader());
    try (RESTCatalog engine = IcebergWorld.client(w.place().warehouse(), w.engine(), props)) {
      Table table = engine.loadTable(TableIdentifier.of(w.place().namespace(), "people"));
      assertThat(table.io().properties().get("gatehouse.read-restrictions")).contains("hide_phone", "\"field-id\":4");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    // Both identities in the trail: the end user decided, the engine acted.
    List<Map<String, Object>> events = Api.json().queryParam("securable", w.fullName()).queryParam("principal", w.reader())
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("action", "LOAD_ICEBERG_TABLE")
        .containsEntry("acting_principal", w.engine()).containsEntry("result", "ALLOWED"));
  }

  @Test
  void aUserExemptFromAMaskGetsNoMaskButTheOthers() {
    World w = world();
    ExtractableResponse<Response> loaded = engine(w, w.exempt()).get(w.people()).then().statusCode(200)
        .body("'read-restrictions'.'required-row-filter'.function", equalTo(w.place().schema() + ".eu_only"))
        .body("'read-restrictions'.'required-column-projections'.size()", equalTo(1))
        .body("'read-restrictions'.'required-column-projections'[0].column", equalTo("phone"))
        .extract();
    assertThat(loaded.asString()).doesNotContain("hide_email");
    // Taken out of the exempt group, the user is masked again.
    String groupId = Identities.scim().queryParam("filter", "displayName eq \"" + w.exemptGroup() + "\"")
        .get(Identities.SCIM + "/Groups").then().statusCode(200).extract().path("Resources[0].id");
    Identities.scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            "Operations", List.of(Map.of("op", "replace", "path", "members", "value", List.of()))))
        .patch(Identities.SCIM + "/Groups/" + groupId).then().statusCode(200);
    long until = System.currentTimeMillis() + 5_000;
    int masks;
    do {
      masks = engine(w, w.exempt()).get(w.people()).then().statusCode(200)
          .extract().path("'read-restrictions'.'required-column-projections'.size()");
    } while (masks != 2 && System.currentTimeMillis() < until);
    assertThat(masks).as("masks once out of the exempt group").isEqualTo(2);
  }

  @Test
  void plainClientsAndEnginesWithoutTheHeaderAreStillRefusedWithTheReason() {
    World w = world();
    // The engine may read the table itself: what refuses it is the filter and masks.
    Storage.grant("catalog", w.place().warehouse(), w.engine(), "USE CATALOG");
    Storage.grant("schema", w.place().schema(), w.engine(), "USE SCHEMA");
    Storage.grant("table", w.fullName(), w.engine(), "SELECT");
    for (String caller : List.of(w.reader(), w.engine())) {
      IcebergWorld.as(caller).get(w.people()).then().statusCode(403)
          .body("error.type", equalTo("ForbiddenException"))
          .body("error.message", containsString("row filter or column masks"))
          .body("error.message", containsString(HEADER));
      IcebergWorld.as(caller).get(w.people() + "/credentials").then().statusCode(403);
    }
    // An engine naming itself acts as itself.
    engine(w, w.engine().toUpperCase(Locale.ROOT)).get(w.people()).then().statusCode(403);
    // A plain client with MODIFY gets no metadata or credentials through a commit either.
    Storage.grant("table", w.fullName(), w.reader(), "MODIFY");
    vended(IcebergWorld.as(w.reader())).body("{\"requirements\": [], \"updates\": []}").post(w.people())
        .then().statusCode(403).body("error.message", containsString("row filter or column masks"));
  }

  @Test
  void aCallerOutsideTheEnginesGroupSendingTheHeaderIsRefusedAndLearnsNothingAboutTheTable() {
    World w = world();
    String missing = w.place().path("nosuchtable");
    // The reader may read neither as someone else, whether the table exists or not.
    ExtractableResponse<Response> existing = IcebergWorld.as(w.reader()).header(HEADER, w.exempt()).get(w.people())
        .then().statusCode(403).body("error.type", equalTo("ForbiddenException"))
        .body("error.message", containsString("engines group")).extract();
    ExtractableResponse<Response> absent = IcebergWorld.as(w.reader()).header(HEADER, w.exempt()).get(missing)
        .then().statusCode(403).extract();
    assertThat(absent.asString()).isEqualTo(existing.asString());
    assertThat(existing.asString()).doesNotContain("people", w.place().namespace().level(0), "row filter");
    for (String path : List.of(w.people() + "/credentials", w.place().tables(),
        IcebergWorld.ROOT + "/v1/config?warehouse=" + w.place().warehouse())) {
      IcebergWorld.as(w.reader()).header(HEADER, w.exempt()).get(path).then().statusCode(403)
          .body("error.message", containsString("engines group"));
    }
    // Naming a user who does not exist, or themselves in another case, tells nothing more.
    IcebergWorld.as(w.stranger()).header(HEADER, "ghost@example.com").get(w.people()).then().statusCode(403)
        .body("error.message", containsString("engines group"));
  }

  @Test
  void malformedOrMisleadingHeadersAreRefusedOrNameExactlyThePrincipal() {
    World w = world();
    // A group, a principal that does not exist, an empty name, percent-encoding (not decoded), two headers.
    for (String bad : List.of(w.exemptGroup(), "engines", "ghost@example.com", "",
        w.reader().replace("@", "%40"), w.reader() + "," + w.exempt())) {
      IcebergWorld.as(w.engine()).header(HEADER, bad).get(w.people()).then().statusCode(400)
          .body("error.type", equalTo("BadRequestException"))
          .body("'read-restrictions'", nullValue());
    }
    IcebergWorld.as(w.engine()).header(HEADER, w.reader()).header(HEADER, w.exempt()).get(w.people()).then().statusCode(400)
        .body("error.message", containsString("once"));
    // Another case names the same principal (names are case-insensitive); spaces around the value
    // are not part of an HTTP header value. Either way the decision is exactly the reader's.
    String readersAnswer = engine(w, w.reader()).get(w.people()).then().statusCode(200)
        .extract().path("'read-restrictions'").toString();
    for (String same : List.of(w.reader().toUpperCase(Locale.ROOT), "  " + w.reader() + "  ")) {
      assertThat(engine(w, same).get(w.people()).then().statusCode(200).extract().path("'read-restrictions'").toString())
          .isEqualTo(readersAnswer);
    }
    // A deactivated user is refused.
    String gone = Identities.email("obo-gone");
    String goneId = Identities.user(gone);
    Storage.grant("table", w.fullName(), gone, "SELECT");
    Identities.scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            "Operations", List.of(Map.of("op", "replace", "path", "active", "value", false))))
        .patch(Identities.SCIM + "/Users/" + goneId).then().statusCode(200);
    engine(w, gone).get(w.people()).then().statusCode(403).body("error.message", containsString("deactivated"));
  }

  @Test
  void anEngineOnBehalfOfAUserWithoutSelectIsRefusedAndSeesOnlyWhatThatUserSees() {
    World w = world();
    engine(w, w.stranger()).get(w.people()).then().statusCode(403)
        .body("error.message", containsString("SELECT")).body("'read-restrictions'", nullValue());
    engine(w, w.stranger()).get(w.people() + "/credentials").then().statusCode(403);
    String tables = w.place().tables();
    engine(w, w.stranger()).get(tables).then().statusCode(200).body("identifiers.size()", equalTo(0));
    engine(w, w.reader()).get(tables).then().statusCode(200).body("identifiers[0].name", equalTo("people"));
    // The engine itself sees nothing of the warehouse.
    IcebergWorld.as(w.engine()).get(tables).then().statusCode(403);
    // A table created on behalf of the creator is the creator's.
    engine(w, w.place().creator()).body("{\"name\": \"made\", \"schema\": " + org.apache.iceberg.SchemaParser.toJson(SCHEMA) + "}")
        .post(tables).then().statusCode(200);
    Api.get("/tables/" + w.place().schema() + ".made").statusCode(200).body("owner", equalTo(w.place().creator()));
  }

  @Test
  void aRevokedEndUserCannotRefreshCredentialsThroughTheEngine() {
    World w = world();
    engine(w, w.reader()).get(w.people() + "/credentials").then().statusCode(200)
        .body("'storage-credentials'[0].config.'s3.session-token'", notNullValue());
    Api.patch("/permissions/table/" + w.fullName(), Map.of("changes",
        List.of(Map.of("principal", w.reader(), "add", List.of(), "remove", List.of("SELECT"))))).statusCode(200);
    engine(w, w.reader()).get(w.people() + "/credentials").then().statusCode(403)
        .body("error.message", not(containsString("engines group")));
    engine(w, w.reader()).get(w.people()).then().statusCode(403);
  }
}
