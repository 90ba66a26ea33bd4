package io.gatehouse.server.iceberg;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.LakeWorld;
import io.gatehouse.server.credentials.Storage;
import io.gatehouse.server.identity.TestIssuer;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * Iceberg REST clients against the test server: a warehouse (a catalog whose managed storage is
 * on the test radosgw, inside LakeWorld's external location) and iceberg-core's own RESTCatalog
 * for a principal, with S3FileIO taking the vended credentials.
 */
final class IcebergWorld {
  static final String ROOT = "/api/2.1/unity-catalog/iceberg";

  static {
    // radosgw refuses the AWS SDK's default request checksums (../shared/notes/engines.md).
    System.setProperty("aws.requestChecksumCalculation", "when_required");
    System.setProperty("aws.responseChecksumValidation", "when_required");
  }

  private IcebergWorld() {}

  /** A new catalog with managed storage on S3; returns its name. */
  static String warehouse(LakeWorld lake) {
    String name = Api.unique("ice");
    Api.post("/catalogs", Map.of("name", name, "storage_root", lake.url("warehouse/" + name))).statusCode(200);
    return name;
  }

  /** A user who may create namespaces in {@code warehouse} and owns what it creates; returns its email. */
  static String creator(String warehouse) {
    String user = Storage.user("icewriter");
    Storage.grant("catalog", warehouse, user, "USE CATALOG", "CREATE SCHEMA");
    return user;
  }

  static RESTCatalog client(String warehouse, String email) {
    return clientWithToken(warehouse, TestIssuer.jwt(email));
  }

  /** As {@link #client(String, String)}, with more catalog properties ({@code header.*} ones, say). */
  static RESTCatalog client(String warehouse, String email, Map<String, String> more) {
    return clientWithToken(warehouse, TestIssuer.jwt(email), more);
  }

  static RESTCatalog clientWithToken(String warehouse, String token) {
    return clientWithToken(warehouse, token, Map.of());
  }

  static RESTCatalog clientWithToken(String warehouse, String token, Map<String, String> more) {
    Map<String, String> props = new HashMap<>();
    props.put("uri", "http://localhost:" + RestAssured.port + ROOT);
    props.put("warehouse", warehouse);
    props.put("token", token);
    props.put("rest.auth.type", "oauth2");
    props.put("header.X-Iceberg-Access-Delegation", "vended-credentials");
    props.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    props.put("http-client.type", "urlconnection");
    props.putAll(more);
    RESTCatalog catalog = new RESTCatalog();
    catalog.initialize("gatehouse", props);
    return catalog;
  }

  /** A namespace of a new warehouse made by a new creator, who may also hand out credentials for it. */
  record Place(String warehouse, String creator, Namespace namespace) {
    String schema() {
      return warehouse + "." + namespace.level(0);
    }

    /** The Iceberg REST path of the namespace's tables. */
    String tables() {
      return ROOT + "/v1/" + warehouse + "/namespaces/" + namespace.level(0) + "/tables";
    }

    /** The Iceberg REST path of table {@code name} of the namespace. */
    String path(String name) {
      return ROOT + "/v1/" + warehouse + "/namespaces/" + namespace.level(0) + "/tables/" + name;
    }
  }

  static Place place(LakeWorld lake) {
    String warehouse = warehouse(lake);
    String creator = creator(warehouse);
    Namespace ns = Namespace.of(Api.unique("ns"));
    try (RESTCatalog catalog = client(warehouse, creator)) {
      catalog.createNamespace(ns, new HashMap<>(Map.of("owner_note", "made by iceberg")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Storage.grant("schema", warehouse + "." + ns.level(0), creator, "EXTERNAL USE SCHEMA");
    return new Place(warehouse, creator, ns);
  }

  /** A raw request to the Iceberg REST API as {@code email}. */
  static RequestSpecification as(String email) {
    return Storage.as(email);
  }
}
