package io.gatehouse.server.credentials;

import static io.gatehouse.server.credentials.Storage.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Storage credentials and external locations through Unity Catalog's REST API, SQL and the permissions API. */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class StorageSecurablesApiTest {
  static final String ROLE = "arn:aws:iam::123456789012:role/lake-reader";

  @Test
  void credentialIsCreatedReadListedUpdatedAndDeletedInUnityCatalogsShape() {
    String name = Api.unique("cred");
    Api.post("/credentials", Map.of("name", name, "comment", "lake", "purpose", "STORAGE",
            "aws_iam_role", Map.of("role_arn", ROLE)))
        .statusCode(200)
        .body("name", equalTo(name))
        .body("full_name", equalTo(name))
        .body("aws_iam_role.role_arn", equalTo(ROLE))
        .body("aws_iam_role.external_id", matchesPattern("[0-9a-f-]{36}"))
        .body("purpose", equalTo("STORAGE"))
        .body("access_mode", equalTo("CATALOG_ROLE"))
        .body("owner", equalTo("admin"))
        .body("created_by", equalTo("admin"))
        .body("id", notNullValue())
        .body("created_at", notNullValue());
    Api.get("/credentials/" + name).statusCode(200).body("comment", equalTo("lake"));
    assertThat(Api.pageThrough("/credentials", Map.of(), "credentials", 2)).contains(name);
    String renamed = name + "_v2";
    Api.patch("/credentials/" + name, Map.of("new_name", renamed, "comment", "moved",
            "aws_iam_role", Map.of("role_arn", "arn:aws:iam::123456789012:role/lake-writer")))
        .statusCode(200)
        .body("name", equalTo(renamed))
        .body("aws_iam_role.role_arn", equalTo("arn:aws:iam::123456789012:role/lake-writer"));
    Api.error(Api.get("/credentials/" + name), 404, "NOT_FOUND");
    Api.delete("/credentials/" + renamed).statusCode(200);
    Api.error(Api.get("/credentials/" + renamed), 404, "NOT_FOUND");
  }

  @Test
  void credentialInputIsChecked() {
    Api.error(Storage.createCredential(Api.unique("cred"), "arn:aws:s3:::not-a-role", null), 400, "INVALID_ARGUMENT")
        .body("message", containsString("aws_iam_role.role_arn"));
    Api.error(Api.post("/credentials", Map.of("name", Api.unique("cred"))), 400, "INVALID_ARGUMENT")
        .body("message", containsString("aws_iam_role"));
    Api.error(Storage.createCredential("bad.name", ROLE, null), 400, "INVALID_ARGUMENT");
    Api.error(Storage.createCredential(Api.unique("cred"), ROLE, "TELEPATHY"), 400, "INVALID_ARGUMENT")
        .body("message", containsString("access_mode"));
    String name = Storage.credential(ROLE, null);
    Api.error(Storage.createCredential(name.toUpperCase(), ROLE, null), 409, "ALREADY_EXISTS");
  }

  @Test
  void externalLocationIsCreatedReadListedUpdatedAndDeleted() {
    String credential = Storage.credential(ROLE, null);
    String name = Api.unique("loc");
    String bucket = "loc-" + Api.unique("b").toLowerCase().replace('_', '-');
    Storage.createLocation(name, "s3a://" + bucket + "/raw/", credential)
        .statusCode(200)
        .body("name", equalTo(name))
        .body("url", equalTo("s3://" + bucket + "/raw"))
        .body("credential_name", equalTo(credential))
        .body("credential_id", notNullValue())
        .body("owner", equalTo("admin"));
    Api.get("/external-locations/" + name).statusCode(200).body("url", equalTo("s3://" + bucket + "/raw"));
    assertThat(Api.pageThrough("/external-locations", Map.of(), "external_locations", 3)).contains(name);
    Api.patch("/external-locations/" + name, Map.of("url", "s3://" + bucket + "/curated", "comment", "moved"))
        .statusCode(200).body("url", equalTo("s3://" + bucket + "/curated")).body("comment", equalTo("moved"));
    Api.delete("/external-locations/" + name).statusCode(200);
    Api.error(Api.get("/external-locations/" + name), 404, "NOT_FOUND");
  }

  @Test
  void externalLocationsMayNotOverlap() {
    String credential = Storage.credential(ROLE, null);
    String bucket = "overlap-" + Api.unique("b").toLowerCase().replace('_', '-');
    Storage.location("s3://" + bucket + "/a/b", credential);
    for (String url : List.of("s3://" + bucket + "/a/b", "s3://" + bucket + "/a", "s3://" + bucket + "/a/b/c", "s3://" + bucket)) {
      Api.error(Storage.createLocation(Api.unique("loc"), url, credential), 400, "INVALID_ARGUMENT")
          .body("message", containsString("overlaps"));
    }
    Storage.location("s3://" + bucket + "/a/bc", credential); // a sibling sharing the name's start is no overlap
  }

  @Test
  void externalLocationUrlMustBeS3() {
    String credential = Storage.credential(ROLE, null);
    Api.error(Storage.createLocation(Api.unique("loc"), "abfss://c@acct.dfs.core.windows.net/x", credential), 400, "INVALID_ARGUMENT")
        .body("message", containsString("s3://"));
    Api.error(Storage.createLocation(Api.unique("loc"), "s3://Not_A_Bucket/x", credential), 400, "INVALID_ARGUMENT");
    Api.error(Storage.createLocation(Api.unique("loc"), "s3://fine-bucket/x", "no_such_credential"), 404, "NOT_FOUND");
  }

  @Test
  void credentialInUseIsDeletedOnlyWithForceAndTakesItsLocations() {
    String credential = Storage.credential(ROLE, null);
    String location = Storage.location("s3://force-" + Api.unique("b").toLowerCase().replace('_', '-') + "/x", credential);
    Api.error(Api.delete("/credentials/" + credential), 400, "FAILED_PRECONDITION").body("message", containsString(location));
    Api.json().queryParam("force", "true").delete(Api.BASE + "/credentials/" + credential).then().statusCode(200);
    Api.error(Api.get("/external-locations/" + location), 404, "NOT_FOUND");
  }

  @Test
  void locationHoldingATableIsDeletedOnlyWithForce() {
    String credential = Storage.credential(ROLE, null);
    String bucket = "holding-" + Api.unique("b").toLowerCase().replace('_', '-');
    String location = Storage.location("s3://" + bucket + "/warehouse", credential);
    String[] schema = Api.schema().split("\\.");
    Api.post("/tables", Api.externalTable(schema[0], schema[1], "t", "s3a://" + bucket + "/warehouse/t")).statusCode(200);
    Api.error(Api.delete("/external-locations/" + location), 400, "FAILED_PRECONDITION")
        .body("message", containsString("s3://" + bucket + "/warehouse/t"));
    Api.json().queryParam("force", "true").delete(Api.BASE + "/external-locations/" + location).then().statusCode(200);
  }

  @Test
  void creatingACredentialNeedsCreateStorageCredentialOnTheMetastore() {
    String user = Storage.user("credmaker");
    Api.error(as(user).body(Map.of("name", Api.unique("cred"), "aws_iam_role", Map.of("role_arn", ROLE)))
        .post(Api.BASE + "/credentials").then(), 403, "PERMISSION_DENIED")
        .body("message", containsString("CREATE STORAGE CREDENTIAL"));
    Storage.grant("metastore", Storage.metastoreId(), user, "CREATE STORAGE CREDENTIAL");
    String name = Api.unique("cred");
    as(user).body(Map.of("name", name, "aws_iam_role", Map.of("role_arn", ROLE)))
        .post(Api.BASE + "/credentials").then().statusCode(200).body("owner", equalTo(user));
    as(user).get(Api.BASE + "/credentials/" + name).then().statusCode(200);
  }

  @Test
  void creatingALocationNeedsCreateExternalLocationOnTheMetastoreAndTheCredential() {
    String user = Storage.user("locmaker");
    String credential = Storage.credential(ROLE, null);
    String url = "s3://grant-" + Api.unique("b").toLowerCase().replace('_', '-') + "/x";
    Map<String, Object> body = Map.of("name", Api.unique("loc"), "url", url, "credential_name", credential);
    Api.error(as(user).body(body).post(Api.BASE + "/external-locations").then(), 403, "PERMISSION_DENIED")
        .body("message", containsString("CREATE EXTERNAL LOCATION on metastore"));
    Storage.grant("metastore", Storage.metastoreId(), user, "CREATE EXTERNAL LOCATION");
    Api.error(as(user).body(body).post(Api.BASE + "/external-locations").then(), 403, "PERMISSION_DENIED")
        .body("message", containsString("CREATE EXTERNAL LOCATION on credential " + credential));
    Storage.grant("credential", credential, user, "CREATE EXTERNAL LOCATION");
    as(user).body(body).post(Api.BASE + "/external-locations").then().statusCode(200).body("owner", equalTo(user));
  }

  @Test
  void othersSeeOnlyWhatTheyOwnOrHoldAPrivilegeOn() {
    String user = Storage.user("looker");
    String hidden = Storage.credential(ROLE, null);
    String shown = Storage.credential(ROLE, null);
    String bucket = "vis-" + Api.unique("b").toLowerCase().replace('_', '-');
    String hiddenLocation = Storage.location("s3://" + bucket + "/hidden", shown);
    String shownLocation = Storage.location("s3://" + bucket + "/shown", shown);
    Storage.grant("credential", shown, user, "CREATE EXTERNAL LOCATION");
    Storage.grant("external_location", shownLocation, user, "READ FILES");

    Api.error(as(user).get(Api.BASE + "/credentials/" + hidden).then(), 403, "PERMISSION_DENIED");
    as(user).get(Api.BASE + "/credentials/" + shown).then().statusCode(200);
    as(user).get(Api.BASE + "/credentials").then().statusCode(200)
        .body("credentials.name", hasItem(shown)).body("credentials.name", not(hasItem(hidden)));
    as(user).get(Api.BASE + "/external-locations").then().statusCode(200)
        .body("external_locations.name", hasItem(shownLocation)).body("external_locations.name", not(hasItem(hiddenLocation)));
    Api.error(as(user).body(Map.of("comment", "mine now")).patch(Api.BASE + "/external-locations/" + shownLocation).then(),
        403, "PERMISSION_DENIED");
  }

  @Test
  void permissionsApiReadsAndChangesGrantsOnBoth() {
    String user = Storage.user("grantee");
    String credential = Storage.credential(ROLE, null);
    String location = Storage.location("s3://perm-" + Api.unique("b").toLowerCase().replace('_', '-') + "/x", credential);
    Storage.grant("external_location", location, user, "READ FILES", "WRITE FILES");
    Storage.grant("credential", credential, user, "CREATE EXTERNAL TABLE");
    Api.get("/permissions/external_location/" + location).statusCode(200)
        .body("privilege_assignments[0].principal", equalTo(user))
        .body("privilege_assignments[0].privileges", org.hamcrest.Matchers.containsInAnyOrder("READ FILES", "WRITE FILES"));
    Api.get("/permissions/credential/" + credential).statusCode(200)
        .body("privilege_assignments[0].privileges", org.hamcrest.Matchers.contains("CREATE EXTERNAL TABLE"));
    Api.error(Api.patch("/permissions/external_location/" + location,
        Map.of("changes", List.of(Map.of("principal", user, "add", List.of("SELECT"))))), 400, "INVALID_ARGUMENT");
    as(user).get(Api.BASE + "/external-locations/" + location).then().statusCode(200);
  }

  @Test
  void sqlGrantsRevokesAndShowsGrantsOnBothAndChangesTheirOwner() {
    String user = Storage.user("sqlgrantee");
    String credential = Storage.credential(ROLE, null);
    String location = Storage.location("s3://sql-" + Api.unique("b").toLowerCase().replace('_', '-') + "/x", credential);
    sql("GRANT READ FILES, WRITE FILES ON EXTERNAL LOCATION " + location + " TO `" + user + "`;"
        + " GRANT CREATE EXTERNAL LOCATION ON STORAGE CREDENTIAL " + credential + " TO `" + user + "`").statusCode(200);
    sql("SHOW GRANTS ON EXTERNAL LOCATION " + location).statusCode(200)
        .body(containsString("READ FILES")).body(containsString("EXTERNAL LOCATION"));
    sql("SHOW GRANTS `" + user + "` ON STORAGE CREDENTIAL " + credential).statusCode(200)
        .body(containsString("CREATE EXTERNAL LOCATION")).body(containsString("STORAGE CREDENTIAL"));
    sql("SHOW GRANTS TO `" + user + "`").statusCode(200).body(containsString(location)).body(containsString(credential));
    sql("REVOKE WRITE FILES ON EXTERNAL LOCATION " + location + " FROM `" + user + "`").statusCode(200);
    Api.get("/permissions/external_location/" + location).statusCode(200)
        .body("privilege_assignments[0].privileges", org.hamcrest.Matchers.contains("READ FILES"));
    sql("ALTER EXTERNAL LOCATION " + location + " OWNER TO `" + user + "`;"
        + " ALTER STORAGE CREDENTIAL " + credential + " OWNER TO `" + user + "`").statusCode(200);
    Api.get("/external-locations/" + location).statusCode(200).body("owner", equalTo(user));
    Api.get("/credentials/" + credential).statusCode(200).body("owner", equalTo(user));
  }

  static io.restassured.response.ValidatableResponse sql(String script) {
    return Api.json().body(Map.of("statement", script)).post("/api/gatehouse/v1/sql").then();
  }

  static final String KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1f2e3d4c-0000-4000-8000-000000000001";

  @Test
  void anExternalLocationNamesItsEncryptionInDatabricksShapeAndOnlyAKeyArnForSseKms() {
    String credential = Storage.credential(ROLE, null);
    String name = Api.unique("loc");
    String bucket = Api.unique("kms-bucket").replace('_', '-');
    Api.post("/external-locations", Map.of("name", name, "url", "s3://" + bucket + "/raw", "credential_name", credential,
            "encryption_details", Map.of("sse_encryption_details", Map.of("algorithm", "AWS_SSE_KMS", "aws_kms_key_arn", KMS_KEY))))
        .statusCode(200)
        .body("encryption_details.sse_encryption_details.algorithm", equalTo("AWS_SSE_KMS"))
        .body("encryption_details.sse_encryption_details.aws_kms_key_arn", equalTo(KMS_KEY));
    Api.get("/external-locations/" + name).statusCode(200)
        .body("encryption_details.sse_encryption_details.aws_kms_key_arn", equalTo(KMS_KEY));
    // A patch without encryption_details keeps it; one with SSE-S3 drops the key; an empty one drops both.
    Api.patch("/external-locations/" + name, Map.of("comment", "raw")).statusCode(200)
        .body("encryption_details.sse_encryption_details.aws_kms_key_arn", equalTo(KMS_KEY));
    Api.patch("/external-locations/" + name, Map.of("encryption_details", Map.of("sse_encryption_details", Map.of("algorithm", "AWS_SSE_S3"))))
        .statusCode(200)
        .body("encryption_details.sse_encryption_details.algorithm", equalTo("AWS_SSE_S3"))
        .body("encryption_details.sse_encryption_details.aws_kms_key_arn", equalTo(null));
    Api.patch("/external-locations/" + name, Map.of("encryption_details", Map.of())).statusCode(200)
        .body("encryption_details", equalTo(null));

    List<Map<String, Object>> refused = List.of(
        Map.of("algorithm", "AWS_SSE_KMS"),                                                        // no key
        Map.of("algorithm", "AWS_SSE_KMS", "aws_kms_key_arn", "arn:aws:kms:eu-west-1:123456789012:alias/lake"), // an alias
        Map.of("algorithm", "AWS_SSE_KMS", "aws_kms_key_arn", "arn:aws:kms:eu-west-1:123456789012:key/*"),     // a wildcard
        Map.of("algorithm", "AWS_SSE_KMS", "aws_kms_key_arn", KMS_KEY + "\",\"Resource\":\"*"),              // JSON smuggled in
        Map.of("algorithm", "AWS_SSE_KMS", "aws_kms_key_arn", "arn:aws:iam::123456789012:role/lake-reader"),   // not KMS
        Map.of("algorithm", "AWS_SSE_S3", "aws_kms_key_arn", KMS_KEY),                             // a key for SSE-S3
        Map.of("aws_kms_key_arn", KMS_KEY),                                                        // a key alone
        Map.of("algorithm", "aws_sse_kms", "aws_kms_key_arn", KMS_KEY));                           // another spelling
    for (Map<String, Object> sse : refused) {
      String other = Api.unique("loc");
      Api.error(Api.post("/external-locations", Map.of("name", other, "url", "s3://" + bucket + "/" + other,
          "credential_name", credential, "encryption_details", Map.of("sse_encryption_details", sse))), 400, "INVALID_ARGUMENT");
      Api.error(Api.get("/external-locations/" + other), 404, "NOT_FOUND");
      Api.error(Api.patch("/external-locations/" + name, Map.of("encryption_details", Map.of("sse_encryption_details", sse))),
          400, "INVALID_ARGUMENT");
    }
    Api.get("/external-locations/" + name).statusCode(200).body("encryption_details", equalTo(null));
  }
}
