package io.gatehouse.server.credentials;

import io.gatehouse.credentials.testing.CephTestServer;
import io.gatehouse.server.catalog.Api;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A lake on the test radosgw, made once per JVM through the real APIs: a bucket, a storage
 * credential for the catalog role, an external location over {@code s3://bucket/warehouse}, and a
 * catalog with one schema. Tests add their own tables and principals.
 */
public final class LakeWorld {
  private static LakeWorld instance;

  public final CephTestServer ceph;
  public final S3Client admin;
  public final String bucket;
  public final String credential;
  public final String location;
  public final String catalog;
  public final String schema;

  private LakeWorld() {
    ceph = CephTestServer.get();
    admin = ceph.s3(ceph.admin);
    bucket = "lake-" + UUID.randomUUID().toString().substring(0, 13);
    admin.createBucket(b -> b.bucket(bucket));
    credential = Storage.credential(CephTestServer.CATALOG_ROLE, null);
    location = Storage.location(url("warehouse"), credential);
    String[] parts = Api.schema().split("\\.");
    catalog = parts[0];
    schema = parts[1];
  }

  public static synchronized LakeWorld get() {
    if (instance == null) {
      instance = new LakeWorld();
    }
    return instance;
  }

  public String url(String path) {
    return "s3://" + bucket + "/" + path;
  }

  /** An external table at {@code warehouse/<prefix>} holding one object; returns its table id. */
  public String table(String name, String prefix) {
    put(prefix + "/part-0.parquet", "rows of " + name);
    return Api.post("/tables", Api.externalTable(catalog, schema, name, url(prefix))).statusCode(200).extract().path("table_id");
  }

  public String fullName(String table) {
    return catalog + "." + schema + "." + table;
  }

  public void put(String key, String content) {
    admin.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
  }

  /** USE CATALOG, USE SCHEMA and EXTERNAL USE SCHEMA: what an outside engine needs around a table. */
  public void outsideEngine(String principal) {
    Storage.grant("catalog", catalog, principal, "USE CATALOG");
    Storage.grant("schema", catalog + "." + schema, principal, "USE SCHEMA", "EXTERNAL USE SCHEMA");
  }

  public static ValidatableResponse tableCredentials(RequestSpecification as, String tableId, String operation) {
    return as.body(Map.of("table_id", tableId, "operation", operation))
        .post(Api.BASE + "/temporary-table-credentials").then();
  }

  /** An S3 client with the credentials of a temporary-credentials response. */
  public S3Client s3(ValidatableResponse response) {
    var body = response.statusCode(200).extract();
    return ceph.s3(body.path("aws_temp_credentials.access_key_id"), body.path("aws_temp_credentials.secret_access_key"),
        body.path("aws_temp_credentials.session_token"));
  }

  public String read(S3Client s3, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  public void write(S3Client s3, String key) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("written"));
  }

  public static int status(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (S3Exception e) {
      return e.statusCode();
    }
  }
}
