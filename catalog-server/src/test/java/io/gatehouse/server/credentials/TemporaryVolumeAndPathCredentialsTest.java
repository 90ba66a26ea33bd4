package io.gatehouse.server.credentials;

import static io.gatehouse.server.credentials.LakeWorld.status;
import static io.gatehouse.server.credentials.Storage.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.credentials.testing.CephTestServer;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Volume and path credentials, and SCIM passthrough, tried against the real radosgw. */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class TemporaryVolumeAndPathCredentialsTest {
  static LakeWorld lake;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get();
  }

  static ValidatableResponse volumeCredentials(RequestSpecification as, String volumeId, String operation) {
    return as.body(Map.of("volume_id", volumeId, "operation", operation)).post(Api.BASE + "/temporary-volume-credentials").then();
  }

  static ValidatableResponse pathCredentials(RequestSpecification as, String url, String operation) {
    return as.body(Map.of("url", url, "operation", operation)).post(Api.BASE + "/temporary-path-credentials").then();
  }

  String volume(String name, String prefix) {
    lake.put(prefix + "/file.csv", "a,b");
    return Api.post("/volumes", Map.of("catalog_name", lake.catalog, "schema_name", lake.schema, "name", name,
        "volume_type", "EXTERNAL", "storage_location", lake.url(prefix))).statusCode(200).extract().path("volume_id");
  }

  @Test
  void readVolumeReadsTheVolumeAndWriteVolumeWritesIt() {
    String landing = Api.unique("landing");
    String id = volume(landing, "warehouse/" + landing);
    String user = Storage.user("volumes");
    lake.outsideEngine(user);
    String fullName = lake.catalog + "." + lake.schema + "." + landing;

    Api.error(volumeCredentials(as(user), id, "READ_VOLUME"), 403, "PERMISSION_DENIED").body("message", containsString("READ VOLUME"));
    Storage.grant("volume", fullName, user, "READ VOLUME");
    S3Client reader = lake.s3(volumeCredentials(as(user), id, "READ_VOLUME").body("url", equalTo(lake.url("warehouse/" + landing))));
    assertThat(lake.read(reader, "warehouse/" + landing + "/file.csv")).isEqualTo("a,b");
    assertThat(status(() -> lake.write(reader, "warehouse/" + landing + "/new.csv"))).isEqualTo(403);

    Api.error(volumeCredentials(as(user), id, "WRITE_VOLUME"), 403, "PERMISSION_DENIED").body("message", containsString("WRITE VOLUME"));
    Storage.grant("volume", fullName, user, "WRITE VOLUME");
    S3Client writer = lake.s3(volumeCredentials(as(user), id, "WRITE_VOLUME"));
    lake.write(writer, "warehouse/" + landing + "/new.csv");
    assertThat(status(() -> lake.write(writer, "warehouse/elsewhere.csv"))).isEqualTo(403);
  }

  @Test
  void pathCredentialsFollowReadFilesAndWriteFilesOnTheExternalLocation() {
    String raw = "warehouse/" + Api.unique("raw");
    lake.put(raw + "/dump.json", "{}");
    String user = Storage.user("paths");
    Api.error(pathCredentials(as(user), lake.url(raw), "PATH_READ"), 403, "PERMISSION_DENIED")
        .body("message", containsString("READ FILES"));
    Storage.grant("external_location", lake.location, user, "READ FILES");
    S3Client reader = lake.s3(pathCredentials(as(user), lake.url(raw) + "/", "PATH_READ").body("url", equalTo(lake.url(raw))));
    assertThat(lake.read(reader, raw + "/dump.json")).isEqualTo("{}");
    assertThat(status(() -> lake.write(reader, raw + "/more.json"))).isEqualTo(403);

    Api.error(pathCredentials(as(user), lake.url(raw), "PATH_READ_WRITE"), 403, "PERMISSION_DENIED")
        .body("message", containsString("WRITE FILES"));
    Storage.grant("external_location", lake.location, user, "WRITE FILES");
    S3Client writer = lake.s3(pathCredentials(as(user), lake.url(raw), "PATH_READ_WRITE"));
    lake.write(writer, raw + "/more.json");
  }

  @Test
  void pathCredentialsAreNotGivenForTablesOrOutsideExternalLocations() {
    String t = Api.unique("pathtable");
    lake.table(t, "warehouse/" + t);
    String user = Storage.user("sneaky");
    Storage.grant("external_location", lake.location, user, "READ FILES", "WRITE FILES", "CREATE EXTERNAL TABLE");
    for (String url : List.of(lake.url("warehouse/" + t), lake.url("warehouse/" + t + "/part-0.parquet"), lake.url("warehouse"))) {
      Api.error(pathCredentials(as(user), url, "PATH_READ"), 403, "PERMISSION_DENIED")
          .body("message", containsString("temporary-table-credentials"));
    }
    Api.error(pathCredentials(as(user), lake.url("not-a-location/x"), "PATH_READ"), 403, "PERMISSION_DENIED")
        .body("message", containsString("no external location contains it"));
    Api.error(pathCredentials(as(user), "gs://bucket/x", "PATH_READ"), 400, "INVALID_ARGUMENT");
  }

  @Test
  void createTableCredentialsNeedCreateExternalTable() {
    String fresh = "warehouse/" + Api.unique("fresh");
    String user = Storage.user("creator");
    Api.error(pathCredentials(as(user), lake.url(fresh), "PATH_CREATE_TABLE"), 403, "PERMISSION_DENIED")
        .body("message", containsString("CREATE EXTERNAL TABLE"));
    Storage.grant("external_location", lake.location, user, "CREATE EXTERNAL TABLE");
    S3Client s3 = lake.s3(pathCredentials(as(user), lake.url(fresh), "PATH_CREATE_TABLE"));
    lake.write(s3, fresh + "/_delta_log/00000000000000000000.json");
  }

  @Test
  void scimPassthroughVendsTheRoleOfThePrincipalsGroup() {
    String credential = Storage.credential(CephTestServer.CATALOG_ROLE, "SCIM_PASSTHROUGH");
    String prefix = Api.unique("scim");
    Storage.location(lake.url(prefix), credential);
    String t = Api.unique("shared");
    String id = lake.table(t, prefix + "/" + t);
    String analyst = Identities.email("analyst");
    String analystId = Identities.user(analyst);
    Storage.joinGroup("credtest-analysts", analystId);
    String loner = Storage.user("loner");
    for (String user : List.of(analyst, loner)) {
      lake.outsideEngine(user);
      Storage.grant("table", lake.fullName(t), user, "SELECT");
    }

    S3Client s3 = lake.s3(LakeWorld.tableCredentials(as(analyst), id, "READ"));
    assertThat(lake.read(s3, prefix + "/" + t + "/part-0.parquet")).isEqualTo("rows of " + t);
    List<Map<String, Object>> events = Api.json().queryParam("securable", lake.fullName(t)).queryParam("result", "SUCCEEDED")
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(events).anySatisfy(e -> assertThat(e.get("detail").toString())
        .contains("SCIM_PASSTHROUGH").contains("role arn:aws:iam:::role/gatehouse-analysts"));

    Api.error(LakeWorld.tableCredentials(as(loner), id, "READ"), 403, "PERMISSION_DENIED")
        .body("message", containsString("none of the principal's groups is mapped to a data role"));
  }
}
