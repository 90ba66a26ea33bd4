package io.gatehouse.server.catalog;

import static io.gatehouse.server.catalog.Api.error;
import static io.gatehouse.server.catalog.Api.get;
import static io.gatehouse.server.catalog.Api.patch;
import static io.gatehouse.server.catalog.Api.post;
import static io.gatehouse.server.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VolumeApiTest {

  private static Map<String, Object> volume(String[] s, String name, String type, String location) {
    var body = new java.util.HashMap<String, Object>(
        Map.of("catalog_name", s[0], "schema_name", s[1], "name", name, "volume_type", type));
    if (location != null) {
      body.put("storage_location", location);
    }
    return body;
  }

  @Test
  void externalVolumeIsCreatedAndRead() {
    String[] s = Api.schema().split("\\.");
    String location = "s3://files/" + unique("vol");
    post("/volumes", volume(s, "raw", "EXTERNAL", location))
        .statusCode(200)
        .body("volume_id", notNullValue())
        .body("full_name", equalTo(s[0] + "." + s[1] + ".raw"))
        .body("storage_location", equalTo(location))
        .body("volume_type", equalTo("EXTERNAL"));
    get("/volumes/" + s[0] + "." + s[1] + ".raw").statusCode(200).body("owner", equalTo("admin"));
  }

  @Test
  void managedVolumeGetsItsOwnLocation() {
    String[] s = Api.schema().split("\\.");
    String id = post("/volumes", volume(s, "m", "MANAGED", null)).statusCode(200).extract().path("volume_id");
    get("/volumes/" + s[0] + "." + s[1] + ".m").body("storage_location", containsString("/volumes/" + id));
    error(post("/volumes", volume(s, "m2", "MANAGED", "s3://b/" + unique("x"))), 400, "INVALID_ARGUMENT");
  }

  @Test
  void externalVolumeNeedsLocation() {
    String[] s = Api.schema().split("\\.");
    error(post("/volumes", volume(s, "v", "EXTERNAL", null)), 400, "INVALID_ARGUMENT")
        .body("message", containsString("storage_location"));
  }

  @Test
  void renameAndCommentUpdate() {
    String[] s = Api.schema().split("\\.");
    post("/volumes", volume(s, "v", "MANAGED", null)).statusCode(200);
    patch("/volumes/" + s[0] + "." + s[1] + ".v", Map.of("new_name", "w", "comment", "renamed"))
        .statusCode(200)
        .body("name", equalTo("w"))
        .body("comment", equalTo("renamed"));
    error(get("/volumes/" + s[0] + "." + s[1] + ".v"), 404, "NOT_FOUND");
    post("/volumes", volume(s, "x", "MANAGED", null)).statusCode(200);
    error(patch("/volumes/" + s[0] + "." + s[1] + ".x", Map.of("new_name", "W")), 409, "ALREADY_EXISTS");
  }

  @Test
  void listingAndDeleting() {
    String[] s = Api.schema().split("\\.");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      post("/volumes", volume(s, "v" + i, "MANAGED", null)).statusCode(200);
      created.add("v" + i);
    }
    List<String> seen =
        Api.pageThrough("/volumes", Map.of("catalog_name", s[0], "schema_name", s[1]), "volumes", 3);
    assertThat(seen).containsExactlyElementsOf(created);
    Api.delete("/volumes/" + s[0] + "." + s[1] + ".v0").statusCode(200);
    error(Api.delete("/volumes/" + s[0] + "." + s[1] + ".v0"), 404, "NOT_FOUND");
  }
}
