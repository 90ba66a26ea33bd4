package io.gatehouse.spark;

import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A lake on the test radosgw made through the server's APIs, once per JVM: a bucket, a storage
 * credential for the catalog role, and an external location over {@code s3://bucket/warehouse}.
 * Each test makes its own warehouse (a catalog with managed storage there).
 */
public final class Lake {
  private static Lake instance;

  public final GatehouseServer server;
  public final S3Client admin;
  public final String bucket;
  public final String credential;
  public final String location;

  private Lake() {
    server = GatehouseServer.get();
    admin = server.radosgw.s3(server.radosgw.admin);
    bucket = "engines-" + UUID.randomUUID().toString().substring(0, 13);
    admin.createBucket(b -> b.bucket(bucket));
    credential = GatehouseServer.unique("cred");
    server.post("/credentials", "{\"name\":\"" + credential + "\",\"aws_iam_role\":{\"role_arn\":\"" + Radosgw.CATALOG_ROLE + "\"}}");
    location = GatehouseServer.unique("loc");
    server.post("/external-locations", "{\"name\":\"" + location + "\",\"url\":\"" + url("warehouse")
        + "\",\"credential_name\":\"" + credential + "\"}");
  }

  public static synchronized Lake get() {
    if (instance == null) {
      instance = new Lake();
    }
    return instance;
  }

  public String url(String path) {
    return "s3://" + bucket + "/" + path;
  }

  /** A new catalog with managed storage in the lake; returns its name. */
  public String warehouse() {
    String name = GatehouseServer.unique("wh");
    server.post("/catalogs", "{\"name\":\"" + name + "\",\"storage_root\":\"" + url("warehouse/" + name) + "\"}");
    return name;
  }

  /** Keys of the objects under {@code prefix} (a key prefix in the bucket). */
  public java.util.List<String> keys(String prefix) {
    return admin.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(o -> o.key()).toList();
  }
}
