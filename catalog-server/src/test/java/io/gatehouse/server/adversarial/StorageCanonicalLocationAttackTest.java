package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.StorageAttacks.createTable;
import static io.gatehouse.server.adversarial.StorageAttacks.createVolume;
import static io.gatehouse.server.adversarial.StorageAttacks.encodeFirst;
import static io.gatehouse.server.adversarial.StorageAttacks.pathCredentials;
import static io.gatehouse.server.adversarial.StorageAttacks.sql;
import static io.gatehouse.server.credentials.LakeWorld.status;
import static io.gatehouse.server.credentials.LakeWorld.tableCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.gatehouse.server.adversarial.StorageAttacks.Attacker;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.LakeWorld;
import io.gatehouse.server.credentials.Storage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One spelling per location: a table's prefix cannot be claimed again under another spelling of
 * it (Hadoop's schemes, case, slashes, escapes, dot segments), through REST, SQL or volumes, and
 * no path credentials reach it; the refusal names the other table only to those who may see it.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class StorageCanonicalLocationAttackTest {
  static LakeWorld lake;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get();
  }

  /** Spellings of {@code s3://bucket/warehouse/<name>} (or of a path inside it) that name the same objects. */
  static List<String> otherSpellings(String bucket, String name) {
    return List.of(
        "s3n://" + bucket + "/warehouse/" + name,
        "s3a://" + bucket + "/warehouse/" + name,
        "S3://" + bucket + "/warehouse/" + name,
        "s3://" + bucket.toUpperCase() + "/warehouse/" + name,
        "s3://" + bucket + "/warehouse/" + name + "/",
        "s3://" + bucket + "//warehouse//" + name,
        "s3://" + bucket + "/warehouse/" + encodeFirst(name),
        "s3://" + bucket + "/%77arehouse%2F" + name,
        "s3a://" + bucket + "/warehouse/" + name + "/part-0",
        "s3n://" + bucket + "/warehouse");
  }

  String victimTable(String name) {
    return lake.table(name, "warehouse/" + name);
  }

  Attacker attackerWithCreateExternalTable(String prefix) {
    Attacker attacker = StorageAttacks.attacker(lake, prefix);
    Storage.grant("external_location", lake.location, attacker.email(), "CREATE EXTERNAL TABLE", "CREATE EXTERNAL VOLUME");
    return attacker;
  }

  @Test
  void anotherSpellingOfATablesLocationIsRefusedAndNamesNoHiddenTable() {
    String orders = Api.unique("orders");
    victimTable(orders);
    Attacker attacker = attackerWithCreateExternalTable("spelling");

    for (String spelling : otherSpellings(lake.bucket, orders)) {
      String mine = Api.unique("mine");
      ValidatableResponse created = createTable(attacker.as(), attacker.catalog(), attacker.schema(), mine, spelling);
      if (created.extract().statusCode() == 200) {
        // Today's break: the table is accepted and its READ_WRITE credentials read the victim's files.
        S3Client s3 = lake.s3(tableCredentials(attacker.as(), created.extract().path("table_id"), "READ_WRITE"));
        assertThat(status(() -> lake.read(s3, "warehouse/" + orders + "/part-0.parquet"))).as(spelling).isEqualTo(403);
      }
      Api.error(created, 400, "INVALID_ARGUMENT")
          .body("message", containsString("overlaps"))
          .body("message", not(containsString(lake.fullName(orders))))
          .body("message", not(containsString("table " + lake.catalog)));
    }
  }

  @Test
  void theOverlapNamesTheTableToWhoMaySeeIt() {
    String orders = Api.unique("seen");
    victimTable(orders);
    Api.error(Api.post("/tables", Api.externalTable(lake.catalog, lake.schema, Api.unique("again"),
            "s3a://" + lake.bucket + "/warehouse/" + orders)), 400, "INVALID_ARGUMENT")
        .body("message", containsString(lake.fullName(orders)));
  }

  @Test
  void dotSegmentsCannotEscapeIntoAnotherTable() {
    String orders = Api.unique("dots");
    victimTable(orders);
    Attacker attacker = attackerWithCreateExternalTable("dots");
    String mine = Api.unique("mine");
    for (String spelling : List.of(
        "s3://" + lake.bucket + "/warehouse/" + mine + "/../" + orders,
        "s3://" + lake.bucket + "/warehouse/" + mine + "/%2E%2E/" + orders,
        "s3://" + lake.bucket + "/warehouse/" + mine + "%2F..%2F" + orders,
        "s3://" + lake.bucket + "/warehouse/./" + orders)) {
      Api.error(createTable(attacker.as(), attacker.catalog(), attacker.schema(), Api.unique("dot"), spelling),
          400, "INVALID_ARGUMENT").body("message", containsString("storage_location"));
    }
  }

  @Test
  void sqlLocationAndVolumesAreCanonicalToo() {
    String orders = Api.unique("sqlorders");
    victimTable(orders);
    Attacker attacker = attackerWithCreateExternalTable("sqlspelling");
    String s3n = "s3n://" + lake.bucket + "/warehouse/" + encodeFirst(orders);
    sql(attacker.as(), "CREATE TABLE " + attacker.schemaName() + "." + Api.unique("t") + " (id BIGINT) USING DELTA LOCATION '"
        + s3n + "'").statusCode(400);
    sql(attacker.as(), "CREATE VOLUME " + attacker.schemaName() + "." + Api.unique("v") + " LOCATION '" + s3n + "'")
        .statusCode(400);
    Api.error(createVolume(attacker.as(), attacker.catalog(), attacker.schema(), Api.unique("v"), s3n), 400, "INVALID_ARGUMENT");
  }

  @Test
  void pathCredentialsAreRefusedForEverySpellingOfATable() {
    String orders = Api.unique("pathorders");
    victimTable(orders);
    String reader = Storage.user("pathspelling");
    Storage.grant("external_location", lake.location, reader, "READ FILES", "WRITE FILES");
    for (String spelling : otherSpellings(lake.bucket, orders)) {
      ValidatableResponse response = pathCredentials(Storage.as(reader), spelling, "PATH_READ");
      if (response.extract().statusCode() == 200) {
        S3Client s3 = lake.s3(response);
        assertThat(status(() -> lake.read(s3, "warehouse/" + orders + "/part-0.parquet"))).as(spelling).isEqualTo(403);
      }
      Api.error(response, 403, "PERMISSION_DENIED");
    }
  }

  @Test
  void storedLocationsAreCanonical() {
    Attacker attacker = attackerWithCreateExternalTable("stored");
    String name = Api.unique("canon");
    createTable(attacker.as(), attacker.catalog(), attacker.schema(), name,
        "S3A://" + lake.bucket.toUpperCase() + "//warehouse/" + encodeFirst(name) + "/")
        .statusCode(200)
        .body("storage_location", org.hamcrest.Matchers.equalTo(lake.url("warehouse/" + name)));
  }
}
