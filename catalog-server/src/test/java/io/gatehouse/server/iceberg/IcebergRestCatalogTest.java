package io.gatehouse.server.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.LakeWorld;
import io.gatehouse.server.credentials.Storage;
import io.gatehouse.server.iceberg.IcebergWorld.Place;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * iceberg-core's own RESTCatalog against the server and the test radosgw: namespaces, tables,
 * appends of files written with vended credentials, commits racing, and who is refused.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class IcebergRestCatalogTest {
  static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "id", Types.LongType.get()),
      Types.NestedField.optional(2, "data", Types.StringType.get()));

  LakeWorld lake;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get();
  }

  private Place place() {
    return IcebergWorld.place(lake);
  }

  static DataFile writeDataFile(Table table, String name) {
    OutputFile out = table.io().newOutputFile(table.locationProvider().newDataLocation(name));
    byte[] bytes = ("rows of " + name).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (PositionOutputStream stream = out.createOrOverwrite()) {
      stream.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DataFiles.builder(table.spec()).withPath(out.location()).withFileSizeInBytes(bytes.length)
        .withRecordCount(1).withFormat(FileFormat.PARQUET).build();
  }

  private static Set<String> dataFiles(Table table) {
    Set<String> paths = new HashSet<>();
    table.newScan().planFiles().forEach(task -> paths.add(task.file().location()));
    return paths;
  }

  @Test
  void aTableCreatedAppendedAndEvolvedThroughTheRestClientIsACatalogTableWithItsColumns() throws Exception {
    Place place = place();
    TableIdentifier ident = TableIdentifier.of(place.namespace(), "events");
    try (RESTCatalog writer = IcebergWorld.client(place.warehouse(), place.creator());
        RESTCatalog other = IcebergWorld.client(place.warehouse(), place.creator())) {
      assertThat(writer.listNamespaces()).contains(place.namespace());
      assertThat(writer.loadNamespaceMetadata(place.namespace())).containsEntry("owner_note", "made by iceberg");
      Table table = writer.createTable(ident, SCHEMA);
      assertThat(table.location()).startsWith(lake.url("warehouse/" + place.warehouse()));
      DataFile file = writeDataFile(table, "part-0.parquet");
      table.newAppend().appendFile(file).commit();

      Table loaded = other.loadTable(ident);
      assertThat(loaded.currentSnapshot()).isNotNull();
      assertThat(dataFiles(loaded)).containsExactly(file.location());
      assertThat(other.listTables(place.namespace())).containsExactly(ident);
      assertThat(other.tableExists(ident)).isTrue();

      loaded.updateSchema().addColumn("extra", Types.IntegerType.get()).commit();
      Api.get("/tables/" + place.schema() + ".events").statusCode(200)
          .body("data_source_format", equalTo("ICEBERG"))
          .body("columns.name", equalTo(List.of("id", "data", "extra")))
          .body("columns[0].type_name", equalTo("LONG"))
          .body("columns[0].nullable", equalTo(false));
      assertThat(writer.loadTable(ident).schema().findField("extra")).isNotNull();

      writer.renameTable(ident, TableIdentifier.of(place.namespace(), "events_renamed"));
      assertThat(writer.tableExists(ident)).isFalse();
      assertThat(writer.dropTable(TableIdentifier.of(place.namespace(), "events_renamed"), true)).isTrue();
      Api.get("/tables/" + place.schema() + ".events_renamed").statusCode(404);
      assertThat(writer.dropNamespace(place.namespace())).isTrue();
    }
  }

  /**
   * Every commit writes the table's columns from its Iceberg schema: the column tags Gatehouse
   * keeps beside them (what tag policies match) stay through appends and follow a renamed column
   * by its field id; a column dropped and added again under its old name is a new column, untagged.
   */
  @Test
  void columnTagsStayWithTheirColumnsThroughCommits() throws Exception {
    Place place = place();
    TableIdentifier ident = TableIdentifier.of(place.namespace(), "tagged");
    String t = place.schema() + ".tagged";
    try (RESTCatalog writer = IcebergWorld.client(place.warehouse(), place.creator())) {
      Table table = writer.createTable(ident, SCHEMA);
      Api.json().body(Map.of("statement", "ALTER TABLE " + t + " ALTER COLUMN data SET TAGS ('pii' = 'ssn');"
          + " ALTER TABLE " + t + " ALTER COLUMN id SET TAGS ('key')")).post("/api/gatehouse/v1/sql").then().statusCode(200);
      table.newAppend().appendFile(writeDataFile(table, "part-0.parquet")).commit();
      Api.get("/tables/" + t).statusCode(200)
          .body("columns.name", equalTo(List.of("id", "data")))
          .body("columns[0].tags", equalTo(Map.of("key", "")))
          .body("columns[1].tags", equalTo(Map.of("pii", "ssn")));

      writer.loadTable(ident).updateSchema().renameColumn("data", "payload").addColumn("extra", Types.IntegerType.get())
          .commit();
      Api.get("/tables/" + t).statusCode(200)
          .body("columns.name", equalTo(List.of("id", "payload", "extra")))
          .body("columns[0].tags", equalTo(Map.of("key", "")))
          .body("columns[1].tags", equalTo(Map.of("pii", "ssn")))
          .body("columns[2].tags", nullValue());

      writer.loadTable(ident).updateSchema().deleteColumn("payload").commit();
      writer.loadTable(ident).updateSchema().addColumn("payload", Types.StringType.get()).commit();
      Api.get("/tables/" + t).statusCode(200)
          .body("columns.name", equalTo(List.of("id", "extra", "payload")))
          .body("columns[0].tags", equalTo(Map.of("key", "")))
          .body("columns[2].tags", nullValue());
    }
  }

  @Test
  void aStagedCreateComesIntoBeingWithItsFirstCommit() throws Exception {
    Place place = place();
    TableIdentifier ident = TableIdentifier.of(place.namespace(), "staged");
    try (RESTCatalog writer = IcebergWorld.client(place.warehouse(), place.creator())) {
      var tx = writer.buildTable(ident, SCHEMA).createTransaction();
      Api.get("/tables/" + place.schema() + ".staged").statusCode(404);
      Table staged = tx.table();
      tx.newAppend().appendFile(writeDataFile(staged, "first.parquet")).commit();
      tx.commitTransaction();
      assertThat(dataFiles(writer.loadTable(ident))).hasSize(1);
      Api.get("/tables/" + place.schema() + ".staged").statusCode(200).body("table_type", equalTo("MANAGED"));
    }
  }

  /**
   * A staged create at an explicit location is checked as a create there would be (CREATE
   * EXTERNAL TABLE on the external location, no other object's location) and gets READ_WRITE
   * credentials for exactly that location: a create-as-select with LOCATION writes its first files.
   */
  @Test
  void aStagedCreateAtAnExplicitLocationGetsCredentialsForExactlyThatLocation() throws Exception {
    Place place = place();
    String prefix = "warehouse/" + Api.unique("explicit");
    String location = lake.url(prefix);
    String body = "{\"name\": \"%s\", \"location\": \"%s\", \"stage-create\": true, \"schema\": "
        + org.apache.iceberg.SchemaParser.toJson(SCHEMA) + "}";
    var staged = IcebergWorld.as(place.creator()).header("X-Iceberg-Access-Delegation", "vended-credentials");
    staged.body(body.formatted("at", location)).post(place.tables()).then().statusCode(403)
        .body("error.message", containsString("CREATE EXTERNAL TABLE"));

    Storage.grant("external_location", lake.location, place.creator(), "CREATE EXTERNAL TABLE");
    var answer = IcebergWorld.as(place.creator()).header("X-Iceberg-Access-Delegation", "vended-credentials")
        .body(body.formatted("at", location)).post(place.tables()).then().statusCode(200)
        .body("metadata.location", equalTo(location))
        .body("'storage-credentials'[0].prefix", equalTo(location))
        .body("config.'s3.session-token'", notNullValue())
        .extract();
    Api.get("/tables/" + place.schema() + ".at").statusCode(404);
    S3Client s3 = lake.ceph.s3(answer.path("config.'s3.access-key-id'"), answer.path("config.'s3.secret-access-key'"),
        answer.path("config.'s3.session-token'"));
    lake.write(s3, prefix + "/data/first.parquet");
    assertThat(lake.read(s3, prefix + "/data/first.parquet")).isEqualTo("written");
    assertThat(LakeWorld.status(() -> lake.write(s3, prefix + "-sibling/x.parquet"))).isEqualTo(403);
    assertThat(LakeWorld.status(() -> lake.write(s3, "warehouse/x.parquet"))).isEqualTo(403);
    assertThat(LakeWorld.status(() -> lake.write(s3, place.warehouse() + "/x.parquet"))).isEqualTo(403);

    // The location of another table, or one inside it, is not given out.
    try (RESTCatalog writer = IcebergWorld.client(place.warehouse(), place.creator())) {
      String other = writer.createTable(TableIdentifier.of(place.namespace(), "other"), SCHEMA).location();
      for (String taken : List.of(other, other + "/data")) {
        IcebergWorld.as(place.creator()).header("X-Iceberg-Access-Delegation", "vended-credentials")
            .body(body.formatted("over", taken)).post(place.tables()).then().statusCode(400)
            .body("error.message", containsString("overlaps")).body("'storage-credentials'", org.hamcrest.Matchers.nullValue());
      }
      // The whole flow of iceberg-core (as a create-as-select with LOCATION): stage, write, create on commit.
      TableIdentifier ident = TableIdentifier.of(place.namespace(), "ctas");
      String ctasLocation = lake.url("warehouse/" + Api.unique("ctas"));
      Transaction tx = writer.buildTable(ident, SCHEMA).withLocation(ctasLocation).createTransaction();
      tx.newAppend().appendFile(writeDataFile(tx.table(), "first.parquet")).commit();
      tx.commitTransaction();
      assertThat(dataFiles(writer.loadTable(ident))).singleElement().asString().startsWith(ctasLocation + "/");
      Api.get("/tables/" + place.schema() + ".ctas").statusCode(200).body("table_type", equalTo("EXTERNAL"))
          .body("storage_location", equalTo(ctasLocation));
    }
  }

  @Test
  void aWriterWhoseTransactionStartedBeforeAnotherCommitLandsOnTheNewMetadata() throws Exception {
    Place place = place();
    TableIdentifier ident = TableIdentifier.of(place.namespace(), "raced");
    try (RESTCatalog one = IcebergWorld.client(place.warehouse(), place.creator());
        RESTCatalog two = IcebergWorld.client(place.warehouse(), place.creator())) {
      Table created = one.createTable(ident, SCHEMA, null, new java.util.HashMap<>(Map.of("commit.retry.num-retries", "0")));
      Table first = one.loadTable(ident);
      Table second = two.loadTable(ident);
      DataFile a = writeDataFile(first, "a.parquet");
      DataFile b = writeDataFile(second, "b.parquet");
      // The second writer's transaction started before the first commit; iceberg-core's client
      // refreshes and applies its append again on the new metadata (the server's 409 for a commit
      // whose requirements no longer hold is checked on the wire in the forged-names test).
      Transaction stale = second.newTransaction();
      stale.newAppend().appendFile(b).commit();
      first.newAppend().appendFile(a).commit();
      stale.commitTransaction();
      assertThat(dataFiles(one.loadTable(ident))).containsExactlyInAnyOrder(a.location(), b.location());
      assertThat(created.location()).isEqualTo(second.location());
    }
  }

  @Test
  void concurrentWritersLoseNoCommit() throws Exception {
    Place place = place();
    TableIdentifier ident = TableIdentifier.of(place.namespace(), "contended");
    try (RESTCatalog setup = IcebergWorld.client(place.warehouse(), place.creator())) {
      setup.createTable(ident, SCHEMA, null, new java.util.HashMap<>(Map.of("commit.retry.num-retries", "20", "commit.retry.min-wait-ms", "10")));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<List<String>>> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int writer = w;
      Callable<List<String>> work = () -> {
        List<String> written = new ArrayList<>();
        try (RESTCatalog catalog = IcebergWorld.client(place.warehouse(), place.creator())) {
          Table table = catalog.loadTable(ident);
          for (int i = 0; i < 3; i++) {
            DataFile file = writeDataFile(table, "w" + writer + "-" + i + ".parquet");
            table.newAppend().appendFile(file).commit();
            written.add(file.location());
          }
        }
        return written;
      };
      writers.add(pool.submit(work));
    }
    Set<String> expected = new HashSet<>();
    for (Future<List<String>> f : writers) {
      expected.addAll(f.get());
    }
    pool.shutdown();
    try (RESTCatalog reader = IcebergWorld.client(place.warehouse(), place.creator())) {
      assertThat(dataFiles(reader.loadTable(ident))).isEqualTo(expected).hasSize(6);
    }
  }

  @Test
  void aReaderWithoutSelectIsRefusedAndAReaderWithSelectGetsCredentialsThatCannotWrite() throws Exception {
    Place place = place();
    TableIdentifier ident = TableIdentifier.of(place.namespace(), "guarded");
    String location;
    try (RESTCatalog writer = IcebergWorld.client(place.warehouse(), place.creator())) {
      Table table = writer.createTable(ident, SCHEMA);
      table.newAppend().appendFile(writeDataFile(table, "p.parquet")).commit();
      location = table.location();
    }
    String reader = Storage.user("icereader");
    Storage.grant("catalog", place.warehouse(), reader, "USE CATALOG");
    Storage.grant("schema", place.schema(), reader, "USE SCHEMA", "EXTERNAL USE SCHEMA");
    try (RESTCatalog catalog = IcebergWorld.client(place.warehouse(), reader)) {
      assertThat(catalog.listTables(place.namespace())).isEmpty();
      assertThatThrownBy(() -> catalog.loadTable(ident)).isInstanceOf(ForbiddenException.class);
    }
    String path = IcebergWorld.ROOT + "/v1/" + place.warehouse() + "/namespaces/" + place.namespace().level(0) + "/tables/guarded";
    IcebergWorld.as(reader).get(path + "/credentials").then().statusCode(403)
        .body("error.type", equalTo("ForbiddenException")).body("error.code", equalTo(403));

    Storage.grant("table", place.schema() + ".guarded", reader, "SELECT");
    var loaded = IcebergWorld.as(reader).header("X-Iceberg-Access-Delegation", "vended-credentials")
        .get(path).then().statusCode(200)
        .body("'storage-credentials'[0].prefix", equalTo(location))
        .body("config.'client.refresh-credentials-endpoint'", notNullValue())
        .body("config.'s3.session-token-expires-at-ms'", notNullValue())
        .extract();
    S3Client s3 = lake.ceph.s3(loaded.path("config.'s3.access-key-id'"), loaded.path("config.'s3.secret-access-key'"),
        loaded.path("config.'s3.session-token'"));
    String metadataKey = ((String) loaded.path("'metadata-location'")).substring(("s3://" + lake.bucket + "/").length());
    String prefix = location.substring(("s3://" + lake.bucket + "/").length());
    assertThat(lake.read(s3, metadataKey)).contains("\"format-version\"");
    assertThat(LakeWorld.status(() -> lake.write(s3, prefix + "/data/forged.parquet"))).isEqualTo(403);
    assertThat(LakeWorld.status(() -> lake.write(s3, prefix + "-sibling/x.parquet"))).isEqualTo(403);
    assertThat(LakeWorld.status(() -> s3.deleteObject(b -> b.bucket(lake.bucket).key(metadataKey)))).isEqualTo(403);
    IcebergWorld.as(reader).get(path + "/credentials").then().statusCode(200)
        .body("'storage-credentials'[0].prefix", equalTo(location))
        .body("'storage-credentials'[0].config.'s3.access-key-id'", notNullValue());

    // The refresh decides again: a revoked reader gets nothing more.
    Api.patch("/permissions/table/" + place.schema() + ".guarded", Map.of("changes",
        List.of(Map.of("principal", reader, "add", List.of(), "remove", List.of("SELECT"))))).statusCode(200);
    IcebergWorld.as(reader).get(path + "/credentials").then().statusCode(403);
  }

  @Test
  void forgedNamesUnknownWarehousesAndOtherCatalogsAreRefusedInTheIcebergErrorShape() throws Exception {
    Place place = place();
    try (RESTCatalog writer = IcebergWorld.client(place.warehouse(), place.creator())) {
      writer.createTable(TableIdentifier.of(place.namespace(), "t"), SCHEMA);
    }
    Place elsewhere = place();
    String ns = place.namespace().level(0);
    Api.json().get(IcebergWorld.ROOT + "/v1/config?warehouse=nosuchwarehouse").then().statusCode(404)
        .body("error.type", notNullValue()).body("error.code", equalTo(404)).body("error.message", notNullValue());
    Api.json().get(IcebergWorld.ROOT + "/v1/config").then().statusCode(400).body("error.type", equalTo("BadRequestException"));
    Api.json().get(IcebergWorld.ROOT + "/v1/config?warehouse=" + place.warehouse()).then().statusCode(200)
        .body("overrides.prefix", equalTo(place.warehouse()))
        .body("endpoints", hasItem("POST /v1/{prefix}/namespaces/{namespace}/tables/{table}"))
        .body("endpoints", not(hasItem("GET /v1/{prefix}/namespaces/{namespace}/views")));
    // Another catalog's namespace through this warehouse's prefix: a table of a namespace that
    // does not exist does not exist (as iceberg-core answers, and the REST Compatibility Kit checks).
    Api.json().get(IcebergWorld.ROOT + "/v1/" + elsewhere.warehouse() + "/namespaces/" + ns + "/tables/t").then().statusCode(404)
        .body("error.type", equalTo("NoSuchTableException"));
    Api.json().get(IcebergWorld.ROOT + "/v1/" + elsewhere.warehouse() + "/namespaces/" + ns).then().statusCode(404)
        .body("error.type", equalTo("NoSuchNamespaceException"));
    for (String forged : List.of("..", "%2E%2E", "a%2Fb", "a%1Fb", "a%00", "a.b")) {
      Api.json().urlEncodingEnabled(false).get(IcebergWorld.ROOT + "/v1/" + place.warehouse() + "/namespaces/" + forged + "/tables/t")
          .then().statusCode(org.hamcrest.Matchers.oneOf(400, 404))
          .body("error.code", notNullValue()).body("error.type", notNullValue());
    }
    // (A table segment of ".." is a dot segment: the HTTP layer resolves it to the namespace itself.)
    for (String forged : List.of("a%2Fb", "a%1Fb", "a%00", "a.b")) {
      Api.json().urlEncodingEnabled(false).get(IcebergWorld.ROOT + "/v1/" + place.warehouse() + "/namespaces/" + ns + "/tables/" + forged)
          .then().statusCode(org.hamcrest.Matchers.oneOf(400, 404))
          .body("error.code", notNullValue()).body("error.type", notNullValue());
    }
    Api.json().urlEncodingEnabled(false).get(IcebergWorld.ROOT + "/v1/" + place.warehouse() + "/namespaces/" + ns + "/tables/missing")
        .then().statusCode(404).body("error.type", equalTo("NoSuchTableException"));
    Api.json().body("{\"requirements\": [{\"type\": \"assert-table-uuid\", \"uuid\": \"00000000-0000-0000-0000-000000000000\"}],"
            + " \"updates\": []}")
        .post(IcebergWorld.ROOT + "/v1/" + place.warehouse() + "/namespaces/" + ns + "/tables/t").then().statusCode(409)
        .body("error.type", equalTo("CommitFailedException"));
    Api.json().body("{not json").post(IcebergWorld.ROOT + "/v1/" + place.warehouse() + "/namespaces").then().statusCode(400)
        .body("error.type", equalTo("BadRequestException"));
    try (RESTCatalog writer = IcebergWorld.client(place.warehouse(), place.creator())) {
      assertThatThrownBy(() -> writer.createTable(TableIdentifier.of(Namespace.of("nosuchns"), "t"), SCHEMA))
          .isInstanceOf(NoSuchNamespaceException.class);
      assertThatThrownBy(() -> writer.loadTable(TableIdentifier.of(place.namespace(), "nosuch")))
          .isInstanceOf(NoSuchTableException.class);
    }
    IcebergWorld.as("nobody@example.com").get(IcebergWorld.ROOT + "/v1/config?warehouse=" + place.warehouse()).then()
        .statusCode(org.hamcrest.Matchers.oneOf(401, 403)).body("error.type", notNullValue());
  }

  /**
   * A commit that creates a table (assert-create) from a caller who may not create tables there
   * is refused the same way whether the name is taken or not: the refusal does not tell which
   * names exist.
   */
  @Test
  void aCreateOnCommitWithoutCreateTableDoesNotTellWhetherTheNameIsTaken() throws Exception {
    Place place = place();
    try (RESTCatalog writer = IcebergWorld.client(place.warehouse(), place.creator())) {
      writer.createTable(TableIdentifier.of(place.namespace(), "taken"), SCHEMA);
    }
    String outsider = Storage.user("iceoutsider");
    Storage.grant("catalog", place.warehouse(), outsider, "USE CATALOG");
    Storage.grant("schema", place.schema(), outsider, "USE SCHEMA");
    String tables = IcebergWorld.ROOT + "/v1/" + place.warehouse() + "/namespaces/" + place.namespace().level(0) + "/tables/";
    String body = "{\"requirements\": [{\"type\": \"assert-create\"}], \"updates\": [{\"action\": \"set-location\","
        + " \"location\": \"s3://nowhere/x\"}]}";
    for (String name : List.of("taken", "free")) {
      IcebergWorld.as(outsider).contentType("application/json").body(body).post(tables + name).then()
          .statusCode(403).body("error.type", equalTo("ForbiddenException"));
    }
  }
}
