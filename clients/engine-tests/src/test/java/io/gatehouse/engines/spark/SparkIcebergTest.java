package io.gatehouse.engines.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.GatehouseServer.Principal;
import io.gatehouse.engines.Lake;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.aws.s3.VendedCredentialsProvider;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Unmodified Spark 4.0.1 with Iceberg 1.10.2 against the packaged server's Iceberg REST catalog,
 * reading and writing radosgw with the credentials Gatehouse vends: the whole life of a table,
 * who is refused, and what the vended credentials cannot do.
 */
class SparkIcebergTest {
  static Lake lake;
  static GatehouseServer server;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    lake = Lake.get();
    server = lake.server;
    spark = SparkEngine.session();
  }

  /** A warehouse with a namespace made through Spark by a new owner, who may also take data outside. */
  record Place(String warehouse, Principal owner, String catalog, String namespace) {
    String table(String name) {
      return catalog + "." + namespace + "." + name;
    }

    String fullName(String name) {
      return warehouse + "." + namespace + "." + name;
    }
  }

  static Place place() {
    String warehouse = lake.warehouse();
    Principal owner = server.principal("owner");
    server.grant("catalog", warehouse, owner.name(), "USE CATALOG", "CREATE SCHEMA");
    String catalog = SparkEngine.catalog(warehouse, owner.token());
    String namespace = GatehouseServer.unique("ns");
    sql("CREATE NAMESPACE " + catalog + "." + namespace);
    server.grant("schema", warehouse + "." + namespace, owner.name(), "EXTERNAL USE SCHEMA");
    return new Place(warehouse, owner, catalog, namespace);
  }

  /** A principal who may use the place's catalog and schema from outside, with {@code privileges} on {@code table}. */
  static Principal reader(Place place, String table, String... privileges) {
    Principal reader = server.principal("reader");
    server.grant("catalog", place.warehouse(), reader.name(), "USE CATALOG");
    server.grant("schema", place.warehouse() + "." + place.namespace(), reader.name(), "USE SCHEMA", "EXTERNAL USE SCHEMA");
    if (privileges.length > 0) {
      server.grant("table", place.fullName(table), reader.name(), privileges);
    }
    return reader;
  }

  static List<Row> sql(String statement) {
    return spark.sql(statement).collectAsList();
  }

  static List<String> rows(String query) {
    return sql(query).stream().map(Row::toString).toList();
  }

  static String messages(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Test
  void tableLivesItsWholeLifeThroughSpark() {
    Place place = place();
    String t = place.table("events");
    sql("CREATE TABLE " + t + " (id BIGINT, data STRING) USING iceberg");
    sql("INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    assertThat(rows("SELECT * FROM " + t + " ORDER BY id")).containsExactly("[1,a]", "[2,b]", "[3,c]");

    // The table is a catalog table, its columns kept in step with the Iceberg schema.
    String info = server.call("GET", "/api/2.1/unity-catalog/tables/" + place.fullName("events"), null, server.adminToken).body();
    assertThat(info).contains("\"data_source_format\":\"ICEBERG\"");
    assertThat(columns(info)).containsExactly("id", "data");

    sql("CREATE TABLE " + place.table("copy") + " USING iceberg AS SELECT id * 10 AS id, data FROM " + t + " WHERE id > 1");
    assertThat(rows("SELECT * FROM " + place.table("copy") + " ORDER BY id")).containsExactly("[20,b]", "[30,c]");

    sql("ALTER TABLE " + t + " ADD COLUMN score DOUBLE");
    sql("INSERT INTO " + t + " VALUES (4, 'd', 0.5)");
    sql("ALTER TABLE " + t + " RENAME COLUMN data TO label");
    assertThat(rows("SELECT id, label, score FROM " + t + " ORDER BY id"))
        .containsExactly("[1,a,null]", "[2,b,null]", "[3,c,null]", "[4,d,0.5]");
    assertThat(columns(server.call("GET", "/api/2.1/unity-catalog/tables/" + place.fullName("events"), null,
        server.adminToken).body())).containsExactly("id", "label", "score");

    sql("DELETE FROM " + t + " WHERE id = 2");
    assertThat(rows("SELECT id FROM " + t + " ORDER BY id")).containsExactly("[1]", "[3]", "[4]");
    sql("INSERT OVERWRITE " + t + " SELECT id, label, score FROM " + t + " WHERE id > 1");
    assertThat(rows("SELECT id FROM " + t + " ORDER BY id")).containsExactly("[3]", "[4]");
    assertThat(rows("SHOW TABLES IN " + place.catalog() + "." + place.namespace()))
        .anyMatch(r -> r.contains("events")).anyMatch(r -> r.contains("copy"));

    sql("DROP TABLE " + t);
    assertThatThrownBy(() -> sql("SELECT * FROM " + t)).hasMessageContaining("events");

    // Spark drops, then deletes the files itself with S3's bulk delete, which radosgw 16 refuses
    // per key under session policies (docs/iceberg.md): the files stay there, the drop stands.
    sql("DROP TABLE " + place.table("copy") + " PURGE");
    assertThatThrownBy(() -> sql("SELECT * FROM " + place.table("copy"))).hasMessageContaining("copy");
    sql("DROP NAMESPACE " + place.catalog() + "." + place.namespace());
    assertThat(rows("SHOW NAMESPACES IN " + place.catalog())).noneMatch(r -> r.contains(place.namespace()));
  }

  @Test
  void readerWithoutSelectIsRefusedAndOneWithSelectReads() {
    Place place = place();
    String t = place.table("secret");
    sql("CREATE TABLE " + t + " (id BIGINT) USING iceberg");
    sql("INSERT INTO " + t + " VALUES (7)");

    Principal browser = reader(place, "secret");
    // Refused on the load itself, not only when credentials are asked for.
    HttpResponse<String> load = server.call("GET", "/api/2.1/unity-catalog/iceberg/v1/" + place.warehouse() + "/namespaces/"
        + place.namespace() + "/tables/secret", null, browser.token());
    assertThat(load.statusCode()).isEqualTo(403);
    assertThat(load.body()).contains("\"type\":\"ForbiddenException\"").contains("SELECT");
    String browsing = SparkEngine.catalog(place.warehouse(), browser.token());
    assertThatThrownBy(() -> sql("SELECT * FROM " + browsing + "." + place.namespace() + ".secret"))
        .satisfies(e -> assertThat(messages(e)).contains("ForbiddenException"));

    Principal reader = reader(place, "secret", "SELECT");
    String reading = SparkEngine.catalog(place.warehouse(), reader.token());
    assertThat(rows("SELECT * FROM " + reading + "." + place.namespace() + ".secret")).containsExactly("[7]");
  }

  @Test
  void readCredentialsCannotWriteAndTheWriteFailsAtS3() {
    Place place = place();
    String t = place.table("facts");
    sql("CREATE TABLE " + t + " (id BIGINT) USING iceberg");
    sql("INSERT INTO " + t + " VALUES (1)");
    String prefix = tablePrefix(place, "facts");
    List<String> before = lake.keys(prefix);

    Principal reader = reader(place, "facts", "SELECT");
    String reading = SparkEngine.catalog(place.warehouse(), reader.token());
    String asReader = reading + "." + place.namespace() + ".facts";
    assertThat(rows("SELECT * FROM " + asReader)).containsExactly("[1]");
    assertThatThrownBy(() -> sql("INSERT INTO " + asReader + " VALUES (2)"))
        .satisfies(e -> assertThat(messages(e)).containsAnyOf("Status Code: 403", "AccessDenied"));
    assertThat(lake.keys(prefix)).as("nothing written with READ credentials").isEqualTo(before);
    assertThat(rows("SELECT * FROM " + t)).containsExactly("[1]");
  }

  @Test
  void credentialsTriedBeyondTheTablesPrefixFail() {
    Place place = place();
    sql("CREATE TABLE " + place.table("mine") + " (id BIGINT) USING iceberg");
    sql("CREATE TABLE " + place.table("mine_too") + " (id BIGINT) USING iceberg");
    sql("INSERT INTO " + place.table("mine_too") + " VALUES (1)");
    String mine = tablePrefix(place, "mine");
    String sibling = tablePrefix(place, "mine_too");
    String siblingKey = lake.keys(sibling).get(0);

    // The owner holds MODIFY: read-write credentials, as Spark got them.
    HttpResponse<String> load = server.call("GET", "/api/2.1/unity-catalog/iceberg/v1/" + place.warehouse()
        + "/namespaces/" + place.namespace() + "/tables/mine", null, place.owner().token(), Map.of(
            "X-Iceberg-Access-Delegation", "vended-credentials"));
    assertThat(load.statusCode()).isEqualTo(200);
    S3Client vended = server.radosgw.s3(field(load.body(), "s3.access-key-id"), field(load.body(), "s3.secret-access-key"),
        field(load.body(), "s3.session-token"));
    String bucket = lake.bucket;

    // Inside the prefix: read, write, list, delete.
    vended.putObject(b -> b.bucket(bucket).key(mine + "/data/probe"), RequestBody.fromString("x"));
    assertThat(vended.getObjectAsBytes(b -> b.bucket(bucket).key(mine + "/data/probe")).asUtf8String()).isEqualTo("x");
    assertThat(vended.listObjectsV2(b -> b.bucket(bucket).prefix(mine + "/")).contents()).isNotEmpty();
    vended.deleteObject(b -> b.bucket(bucket).key(mine + "/data/probe"));
    assertThat(lake.keys(mine + "/data/")).doesNotContain(mine + "/data/probe");

    // Beyond it: the sibling sharing its name's start, the warehouse, the bucket.
    assertThat(status(() -> vended.getObject(b -> b.bucket(bucket).key(siblingKey)))).isEqualTo(403);
    assertThat(status(() -> vended.putObject(b -> b.bucket(bucket).key(sibling + "/data/planted"), RequestBody.fromString("x"))))
        .isEqualTo(403);
    assertThat(status(() -> vended.putObject(b -> b.bucket(bucket).key("outside"), RequestBody.fromString("x")))).isEqualTo(403);
    assertThat(status(() -> vended.deleteObject(b -> b.bucket(bucket).key(siblingKey)))).isEqualTo(403);
    assertThat(status(() -> vended.listObjectsV2(b -> b.bucket(bucket).prefix(sibling + "/")))).isEqualTo(403);
    assertThat(status(() -> vended.listObjectsV2(b -> b.bucket(bucket).prefix(mine)))).as("the bare prefix lists siblings").isEqualTo(403);
    assertThat(status(() -> vended.listObjectsV2(b -> b.bucket(bucket)))).isEqualTo(403);
    try {
      // AWS answers a bulk delete key by key; radosgw 16 refuses it whole under a session policy.
      var bulk = vended.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(o -> o.key(siblingKey))));
      assertThat(bulk.errors()).as("bulk delete beyond the prefix").hasSize(1);
    } catch (S3Exception refused) {
      assertThat(refused.statusCode()).isEqualTo(403);
    }
    assertThat(lake.keys(sibling)).contains(siblingKey);
  }

  /** The column names of a Unity Catalog table answer, in order. */
  static List<String> columns(String tableInfo) {
    Matcher m = Pattern.compile("\\{\"name\":\\s*\"([^\"]*)\",\\s*\"nullable\"").matcher(tableInfo);
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void tablesWithAMaskOrARowFilterAreRefusedToAPlainClientWithTheReason() {
    Place place = place();
    sql("CREATE TABLE " + place.table("people") + " (id BIGINT, ssn STRING) USING iceberg");
    sql("CREATE TABLE " + place.table("orders") + " (id BIGINT, region STRING) USING iceberg");
    sql("INSERT INTO " + place.table("people") + " VALUES (1, '123-45-6789')");
    assertThat(rows("SELECT * FROM " + place.table("people"))).hasSize(1);
    server.sql(place.warehouse(), place.namespace(), """
        CREATE FUNCTION redact(s STRING) RETURN '***';
        CREATE FUNCTION emea_only(region STRING) RETURN region = 'EMEA';
        ALTER TABLE people ALTER COLUMN ssn SET MASK redact;
        ALTER TABLE orders SET ROW FILTER emea_only ON (region);
        """);
    for (String table : List.of("people", "orders")) {
      assertThatThrownBy(() -> sql("SELECT * FROM " + place.table(table)))
          .satisfies(e -> assertThat(messages(e)).contains("ForbiddenException")
              .contains("has a row filter or column masks, which an Iceberg client reading its files directly would not apply"));
    }
  }

  @Test
  void twoWritersCommittingAtOnceBothLandOneAfterARetry() throws Exception {
    Place place = place();
    String t = place.table("busy");
    sql("CREATE TABLE " + t + " (writer STRING, n INT) USING iceberg");
    Principal other = server.principal("writer");
    server.grant("catalog", place.warehouse(), other.name(), "USE CATALOG");
    server.grant("schema", place.warehouse() + "." + place.namespace(), other.name(), "USE SCHEMA", "EXTERNAL USE SCHEMA");
    server.grant("table", place.fullName("busy"), other.name(), "SELECT", "MODIFY");
    String otherCatalog = SparkEngine.catalog(place.warehouse(), other.token());
    List<String> tables = List.of(t, otherCatalog + "." + place.namespace() + ".busy");
    int rounds = 3;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < rounds; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          String table = tables.get(w);
          String values = "('w" + w + "', " + round + ")";
          writes.add(pool.submit(() -> {
            start.await();
            return sql("INSERT INTO " + table + " VALUES " + values);
          }));
        }
        start.countDown();
        for (Future<?> write : writes) {
          write.get();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> expected = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      for (int round = 0; round < rounds; round++) {
        expected.add("[w" + w + "," + round + "]");
      }
    }
    assertThat(rows("SELECT * FROM " + t + " ORDER BY writer, n")).containsExactlyElementsOf(expected);
    String path = "/api/2.1/unity-catalog/iceberg/v1/" + place.warehouse() + "/namespaces/" + place.namespace() + "/tables/busy";
    assertThat(server.answered("POST", path, 409)).as("commits that lost a race (CommitFailedException) and were retried")
        .isPositive();
  }

  @Test
  void credentialsNearTheirExpiryAreRefreshedByIcebergsOwnProviderButNotForARevokedReader() throws Exception {
    Place place = place();
    String t = place.table("long_read");
    sql("CREATE TABLE " + t + " (id BIGINT) USING iceberg");
    sql("INSERT INTO " + t + " VALUES (1), (2)");
    Principal reader = reader(place, "long_read", "SELECT");
    String table = "/api/2.1/unity-catalog/iceberg/v1/" + place.warehouse() + "/namespaces/" + place.namespace() + "/tables/long_read";
    HttpResponse<String> load = server.call("GET", table, null, reader.token(),
        Map.of("X-Iceberg-Access-Delegation", "vended-credentials"));
    assertThat(load.statusCode()).isEqualTo(200);
    Map<String, String> props = new HashMap<>();
    new ObjectMapper().readTree(load.body()).path("storage-credentials").get(0).path("config").fields()
        .forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
    assertThat(props).containsKeys("s3.access-key-id", "s3.secret-access-key", "s3.session-token",
        "s3.session-token-expires-at-ms", "s3.endpoint", "s3.path-style-access", "client.region");
    assertThat(props.get("client.refresh-credentials-endpoint")).isEqualTo(table.substring(table.indexOf("v1/")) + "/credentials");
    // As S3FileIO hands them to the provider, a minute before they expire: Iceberg asks for new
    // ones 5 minutes before expiry.
    props.put("s3.session-token-expires-at-ms", Long.toString(System.currentTimeMillis() + 60_000));
    props.put("uri", server.icebergUri());
    props.put("credentials.uri", server.icebergUri() + "/" + props.get("client.refresh-credentials-endpoint"));
    props.put("token", reader.token());

    long refreshed = server.answered("GET", table + "/credentials", 200);
    try (VendedCredentialsProvider provider = VendedCredentialsProvider.create(props)) {
      AwsSessionCredentials fresh = (AwsSessionCredentials) provider.resolveCredentials();
      assertThat(fresh.expirationTime()).hasValueSatisfying(at -> assertThat(at).isAfter(Instant.now().plusSeconds(600)));
      S3Client s3 = server.radosgw.s3(fresh.accessKeyId(), fresh.secretAccessKey(), fresh.sessionToken());
      assertThat(s3.listObjectsV2(b -> b.bucket(lake.bucket).prefix(tablePrefix(place, "long_read") + "/")).contents()).isNotEmpty();
    }
    assertThat(server.answered("GET", table + "/credentials", 200)).isEqualTo(refreshed + 1);

    server.revoke("table", place.fullName("long_read"), reader.name(), "SELECT");
    try (VendedCredentialsProvider provider = VendedCredentialsProvider.create(props)) {
      assertThatThrownBy(provider::resolveCredentials).satisfies(e -> assertThat(messages(e)).contains("ForbiddenException"));
    }
    assertThat(server.answered("GET", table + "/credentials", 403)).isEqualTo(1);
  }

  static int status(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (S3Exception e) {
      return e.statusCode();
    }
  }

  /** The bucket key prefix of a table's location. */
  static String tablePrefix(Place place, String table) {
    String info = server.call("GET", "/api/2.1/unity-catalog/tables/" + place.fullName(table), null, server.adminToken).body();
    String location = field(info, "storage_location");
    return location.substring(("s3://" + lake.bucket + "/").length());
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }
}
