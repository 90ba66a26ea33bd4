package io.gatehouse.server.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.LakeWorld;
import io.gatehouse.server.credentials.Storage;
import io.gatehouse.server.iceberg.IcebergWorld.Place;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ETag and If-None-Match on loadTable (the Iceberg REST spec): a current copy gets 304, any change
 * of what the answer would hold gives another tag, and the caller is decided first, so a caller
 * who lost SELECT gets 403 and never learns whether its copy is current.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class IcebergEntityTagTest {
  LakeWorld lake;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get();
  }

  private record Loaded(Place place, String reader, String path) {
    String table() {
      return place.schema() + ".tagged";
    }
  }

  private Loaded table() {
    Place place = IcebergWorld.place(lake);
    try (RESTCatalog catalog = IcebergWorld.client(place.warehouse(), place.creator())) {
      catalog.createTable(TableIdentifier.of(place.namespace(), "tagged"), IcebergRestCatalogTest.SCHEMA);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String reader = Storage.user("icetag");
    Storage.grant("catalog", place.warehouse(), reader, "USE CATALOG");
    Storage.grant("schema", place.schema(), reader, "USE SCHEMA", "EXTERNAL USE SCHEMA");
    Storage.grant("table", place.schema() + ".tagged", reader, "SELECT");
    return new Loaded(place, reader, place.path("tagged"));
  }

  private static String etag(String reader, String path) {
    return IcebergWorld.as(reader).get(path).then().statusCode(200).header("ETag", notNullValue()).extract().header("ETag");
  }

  @Test
  void aMatchingTagGets304AndACommitGivesANewTag() {
    Loaded t = table();
    String tag = etag(t.reader(), t.path());
    assertThat(tag).startsWith("\"").endsWith("\"");
    assertThat(etag(t.reader(), t.path())).isEqualTo(tag);
    IcebergWorld.as(t.reader()).header("If-None-Match", tag).get(t.path()).then().statusCode(304)
        .header("ETag", equalTo(tag)).body(emptyString());

    try (RESTCatalog writer = IcebergWorld.client(t.place().warehouse(), t.place().creator())) {
      Table table = writer.loadTable(TableIdentifier.of(t.place().namespace(), "tagged"));
      table.updateProperties().set("k", "v").commit();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String after = IcebergWorld.as(t.reader()).header("If-None-Match", tag).get(t.path()).then().statusCode(200)
        .body("metadata.properties.k", equalTo("v")).extract().header("ETag");
    assertThat(after).isNotEqualTo(tag);
    IcebergWorld.as(t.reader()).header("If-None-Match", after).get(t.path()).then().statusCode(304);
  }

  @Test
  void theTagChangesWithTheSnapshotsAskedForAndTheCredentialsAsked() {
    Loaded t = table();
    Set<String> tags = new HashSet<>();
    tags.add(etag(t.reader(), t.path()));
    tags.add(etag(t.reader(), t.path() + "?snapshots=refs"));
    String vended = IcebergWorld.as(t.reader()).header("X-Iceberg-Access-Delegation", "vended-credentials").get(t.path())
        .then().statusCode(200).extract().header("ETag");
    tags.add(vended);
    assertThat(tags).hasSize(3);
    // With MODIFY the credentials would be READ_WRITE: another answer, another tag.
    Storage.grant("table", t.table(), t.reader(), "MODIFY");
    String readWrite = IcebergWorld.as(t.reader()).header("X-Iceberg-Access-Delegation", "vended-credentials").get(t.path())
        .then().statusCode(200).extract().header("ETag");
    assertThat(readWrite).isNotIn(tags);
    // A tag of another mode does not match.
    IcebergWorld.as(t.reader()).header("If-None-Match", etag(t.reader(), t.path())).get(t.path() + "?snapshots=refs").then()
        .statusCode(200);
  }

  @Test
  void aCallerWhoLostSelectGets403EvenWithAMatchingTag() {
    Loaded t = table();
    String tag = etag(t.reader(), t.path());
    Api.patch("/permissions/table/" + t.table(), Map.of("changes",
        List.of(Map.of("principal", t.reader(), "add", List.of(), "remove", List.of("SELECT"))))).statusCode(200);
    for (String header : List.of(tag, "*", "W/" + tag)) {
      IcebergWorld.as(t.reader()).header("If-None-Match", header).get(t.path()).then().statusCode(403)
          .body("error.type", equalTo("ForbiddenException"));
    }
    IcebergWorld.as("stranger-" + Api.unique("x") + "@example.com").header("If-None-Match", "*").get(t.path()).then()
        .statusCode(org.hamcrest.Matchers.oneOf(401, 403));
  }

  @Test
  void weakListedAndStarTagsMatchWhileGarbageAndUnquotedOnesDoNot() {
    Loaded t = table();
    String tag = etag(t.reader(), t.path());
    String bare = tag.substring(1, tag.length() - 1);
    for (String matching : List.of("W/" + tag, "\"other\", " + tag, "W/\"x\",W/" + tag, "*", " " + tag + " ")) {
      IcebergWorld.as(t.reader()).header("If-None-Match", matching).get(t.path()).then().statusCode(304);
    }
    for (String other : List.of(bare, "\"" + tag + "\"", "\"" + bare.toUpperCase() + "\"", "garbage", "\"", "W/", "",
        "\"" + bare + "x\"", tag.substring(0, tag.length() - 1), "x".repeat(9_000))) {
      IcebergWorld.as(t.reader()).header("If-None-Match", other).get(t.path()).then().statusCode(200)
          .header("ETag", equalTo(tag));
    }
  }
}
