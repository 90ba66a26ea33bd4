package io.gatehouse.server.credentials;

import static io.gatehouse.server.credentials.LakeWorld.status;
import static io.gatehouse.server.credentials.LakeWorld.tableCredentials;
import static io.gatehouse.server.credentials.Storage.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.gatehouse.credentials.CredentialVendor;
import io.gatehouse.server.catalog.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Temporary table credentials vended by the server and tried against the real radosgw: what
 * they reach, what they do not, and who gets none.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class TemporaryTableCredentialsTest {
  static LakeWorld lake;

  @Inject
  CredentialVendor vendor;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get(); // once per JVM; after the server is up, which a static @BeforeAll is not
  }

  @Test
  void readCredentialsReadTheTablesFilesAndNothingBeside() {
    String orders = Api.unique("orders");
    String id = lake.table(orders, "warehouse/" + orders);
    lake.table(orders + "_archive", "warehouse/" + orders + "_archive");
    String sibling = Api.unique("returns");
    lake.table(sibling, "warehouse/" + sibling);
    String reader = Storage.user("reader");
    lake.outsideEngine(reader);
    Storage.grant("table", lake.fullName(orders), reader, "SELECT");

    var response = tableCredentials(as(reader), id, "READ").statusCode(200)
        .body("aws_temp_credentials.access_key_id", notNullValue())
        .body("url", equalTo(lake.url("warehouse/" + orders)));
    long expiration = response.extract().<Long>path("expiration_time");
    assertThat(Instant.ofEpochMilli(expiration)).isBetween(Instant.now().plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(61)));
    S3Client s3 = lake.s3(response);

    assertThat(lake.read(s3, "warehouse/" + orders + "/part-0.parquet")).isEqualTo("rows of " + orders);
    assertThat(s3.listObjectsV2(b -> b.bucket(lake.bucket).prefix("warehouse/" + orders + "/")).contents()).hasSize(1);
    assertThat(status(() -> lake.read(s3, "warehouse/" + sibling + "/part-0.parquet"))).isEqualTo(403);
    assertThat(status(() -> lake.read(s3, "warehouse/" + orders + "_archive/part-0.parquet"))).isEqualTo(403);
    assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(lake.bucket).prefix("warehouse/" + sibling + "/")))).isEqualTo(403);
    assertThat(status(() -> lake.write(s3, "warehouse/" + orders + "/part-1.parquet"))).isEqualTo(403);
    assertThat(status(() -> s3.deleteObject(b -> b.bucket(lake.bucket).key("warehouse/" + orders + "/part-0.parquet")))).isEqualTo(403);
  }

  @Test
  void readWriteCredentialsWriteTheTablesFilesOnly() {
    String events = Api.unique("events");
    String id = lake.table(events, "warehouse/" + events);
    String other = Api.unique("other");
    lake.table(other, "warehouse/" + other);
    String writer = Storage.user("writer");
    lake.outsideEngine(writer);
    Storage.grant("table", lake.fullName(events), writer, "SELECT", "MODIFY");

    S3Client s3 = lake.s3(tableCredentials(as(writer), id, "READ_WRITE"));
    lake.write(s3, "warehouse/" + events + "/part-1.parquet");
    assertThat(lake.read(s3, "warehouse/" + events + "/part-1.parquet")).isEqualTo("written");
    s3.deleteObject(b -> b.bucket(lake.bucket).key("warehouse/" + events + "/part-1.parquet"));
    assertThat(status(() -> lake.write(s3, "warehouse/" + other + "/part-1.parquet"))).isEqualTo(403);
    assertThat(status(() -> lake.read(s3, "warehouse/" + other + "/part-0.parquet"))).isEqualTo(403);
  }

  @Test
  void principalWithoutSelectGetsNoCredentialsAndCausesNoStsCall() {
    String secret = Api.unique("secret");
    String id = lake.table(secret, "warehouse/" + secret);
    String outsider = Storage.user("outsider");
    lake.outsideEngine(outsider);
    long stsCalls = vendor.stats().stsCalls();
    long requests = vendor.stats().requests();

    Api.error(tableCredentials(as(outsider), id, "READ"), 403, "PERMISSION_DENIED")
        .body("message", containsString("SELECT"))
        .body("aws_temp_credentials", org.hamcrest.Matchers.nullValue());
    Api.error(tableCredentials(as(outsider), id, "READ_WRITE"), 403, "PERMISSION_DENIED");
    assertThat(vendor.stats().stsCalls()).isEqualTo(stsCalls);
    assertThat(vendor.stats().requests()).isEqualTo(requests);
  }

  @Test
  void readWriteNeedsModifyBesidesSelect() {
    String t = Api.unique("readonly");
    String id = lake.table(t, "warehouse/" + t);
    String reader = Storage.user("noModify");
    lake.outsideEngine(reader);
    Storage.grant("table", lake.fullName(t), reader, "SELECT");
    Api.error(tableCredentials(as(reader), id, "READ_WRITE"), 403, "PERMISSION_DENIED").body("message", containsString("MODIFY"));
  }

  @Test
  void outsideEngineNeedsExternalUseSchema() {
    String t = Api.unique("internal");
    String id = lake.table(t, "warehouse/" + t);
    String user = Storage.user("noExternal");
    Storage.grant("catalog", lake.catalog, user, "USE CATALOG");
    Storage.grant("schema", lake.catalog + "." + lake.schema, user, "USE SCHEMA");
    Storage.grant("table", lake.fullName(t), user, "SELECT");
    Api.error(tableCredentials(as(user), id, "READ"), 403, "PERMISSION_DENIED")
        .body("message", containsString("EXTERNAL USE SCHEMA"));
  }

  @Test
  void repeatedRequestIsServedFromTheCacheWithoutAnotherStsCall() {
    String t = Api.unique("hot");
    String id = lake.table(t, "warehouse/" + t);
    String reader = Storage.user("repeat");
    lake.outsideEngine(reader);
    Storage.grant("table", lake.fullName(t), reader, "SELECT");
    String first = tableCredentials(as(reader), id, "READ").statusCode(200).extract().path("aws_temp_credentials.access_key_id");
    long stsCalls = vendor.stats().stsCalls();
    String second = tableCredentials(as(reader), id, "READ").statusCode(200).extract().path("aws_temp_credentials.access_key_id");
    assertThat(second).isEqualTo(first);
    assertThat(vendor.stats().stsCalls()).isEqualTo(stsCalls);
  }

  @Test
  void issuanceIsAuditedWithRoleSessionAndExpiryButNoSecret() {
    String t = Api.unique("audited");
    String id = lake.table(t, "warehouse/" + t);
    String reader = Storage.user("audited");
    lake.outsideEngine(reader);
    Storage.grant("table", lake.fullName(t), reader, "SELECT");
    var credentials = tableCredentials(as(reader), id, "READ").statusCode(200).extract();
    String secret = credentials.path("aws_temp_credentials.secret_access_key");
    String token = credentials.path("aws_temp_credentials.session_token");

    var trail = Api.json().queryParam("securable", lake.fullName(t)).queryParam("action", TemporaryCredentialService.TABLE_ACTION.auditName())
        .get("/api/gatehouse/v1/audit").then().statusCode(200);
    List<Map<String, Object>> events = trail.extract().path("events");
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("principal", reader).containsEntry("result", "ALLOWED"));
    assertThat(events).anySatisfy(e -> {
      assertThat(e).containsEntry("principal", reader).containsEntry("result", "SUCCEEDED").containsEntry("securable_type", "table");
      assertThat(e.get("detail").toString())
          .contains("operation READ", "storage credential " + lake.credential, "role arn:aws:iam:::role/gatehouse-data",
              "session " + reader, "expires 20");
    });
    assertThat(trail.extract().asString()).doesNotContain(secret).doesNotContain(token);
  }

  @Test
  void tableWithRowFilterOrMaskGetsNoCredentials() {
    String t = Api.unique("filtered");
    String id = lake.table(t, "warehouse/" + t);
    String reader = Storage.user("filtered");
    lake.outsideEngine(reader);
    Storage.grant("table", lake.fullName(t), reader, "SELECT");
    String fn = lake.catalog + "." + lake.schema + "." + Api.unique("only_emea");
    StorageSecurablesApiTest.sql("CREATE FUNCTION " + fn + "(id BIGINT) RETURN id > 0;"
        + " ALTER TABLE " + lake.fullName(t) + " SET ROW FILTER " + fn + " ON (id)").statusCode(200);
    Api.error(tableCredentials(as(reader), id, "READ"), 403, "PERMISSION_DENIED").body("message", containsString("row filter"));
  }

  @Test
  void requestsThatCannotBeServedSayWhy() {
    String reader = Storage.user("asker");
    Api.error(tableCredentials(as(reader), "not-an-id", "READ"), 400, "INVALID_ARGUMENT").body("message", containsString("table_id"));
    Api.error(tableCredentials(as(reader), java.util.UUID.randomUUID().toString(), "READ"), 404, "NOT_FOUND");
    Api.error(as(reader).body(Map.of("table_id", java.util.UUID.randomUUID().toString())).post(Api.BASE + "/temporary-table-credentials").then(),
        400, "INVALID_ARGUMENT").body("message", containsString("operation"));
    Api.error(tableCredentials(as(reader), java.util.UUID.randomUUID().toString(), "WRITE"), 400, "INVALID_ARGUMENT");

    String view = Api.unique("v");
    String viewId = Api.post("/tables", Map.of("name", view, "catalog_name", lake.catalog, "schema_name", lake.schema,
        "table_type", "VIEW", "view_definition", "SELECT 1", "columns", List.of(Api.column("x", "INT"))))
        .statusCode(200).extract().path("table_id");
    Api.error(tableCredentials(Api.json(), viewId, "READ"), 400, "INVALID_ARGUMENT").body("message", containsString("view"));

    String outside = Api.unique("outside");
    String outsideId = Api.post("/tables", Api.externalTable(lake.catalog, lake.schema, outside,
        "s3://" + lake.bucket + "/elsewhere/" + outside)).statusCode(200).extract().path("table_id");
    Api.error(tableCredentials(Api.json(), outsideId, "READ"), 400, "FAILED_PRECONDITION")
        .body("message", containsString("No external location contains"));
  }
}
