package io.gatehouse.server.adversarial;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.LakeWorld;
import io.gatehouse.server.credentials.Storage;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;

/**
 * The attacker of the storage cases: a principal with a schema of its own in the lake's catalog
 * (USE CATALOG, USE SCHEMA, CREATE TABLE, CREATE VOLUME, EXTERNAL USE SCHEMA), and whatever a
 * test grants on top. Everything is made through the APIs, as the admin.
 */
final class StorageAttacks {
  private StorageAttacks() {}

  record Attacker(String email, String catalog, String schema) {
    RequestSpecification as() {
      return Storage.as(email);
    }

    String schemaName() {
      return catalog + "." + schema;
    }
  }

  static Attacker attacker(LakeWorld lake, String prefix) {
    String email = Storage.user(prefix);
    String schema = Api.unique("own");
    Api.post("/schemas", Map.of("name", schema, "catalog_name", lake.catalog)).statusCode(200);
    Storage.grant("catalog", lake.catalog, email, "USE CATALOG");
    Storage.grant("schema", lake.catalog + "." + schema, email, "USE SCHEMA", "CREATE TABLE", "CREATE VOLUME",
        "EXTERNAL USE SCHEMA");
    return new Attacker(email, lake.catalog, schema);
  }

  static ValidatableResponse createTable(RequestSpecification as, String catalog, String schema, String name, String location) {
    return as.body(Api.externalTable(catalog, schema, name, location)).post(Api.BASE + "/tables").then();
  }

  static ValidatableResponse createVolume(RequestSpecification as, String catalog, String schema, String name, String location) {
    Map<String, Object> body = new HashMap<>(Map.of("catalog_name", catalog, "schema_name", schema, "name", name,
        "volume_type", "EXTERNAL"));
    body.put("storage_location", location);
    return as.body(body).post(Api.BASE + "/volumes").then();
  }

  static ValidatableResponse sql(RequestSpecification as, String script) {
    return as.body(Map.of("statement", script)).post("/api/gatehouse/v1/sql").then();
  }

  static ValidatableResponse volumeCredentials(RequestSpecification as, String volumeId, String operation) {
    return as.body(Map.of("volume_id", volumeId, "operation", operation))
        .post(Api.BASE + "/temporary-volume-credentials").then();
  }

  static ValidatableResponse pathCredentials(RequestSpecification as, String url, String operation) {
    return as.body(Map.of("url", url, "operation", operation)).post(Api.BASE + "/temporary-path-credentials").then();
  }

  /** {@code s} with its first letter percent-encoded, e.g. {@code orders} as {@code %6Frders}. */
  static String encodeFirst(String s) {
    return String.format("%%%02X", (int) s.charAt(0)) + s.substring(1);
  }
}
