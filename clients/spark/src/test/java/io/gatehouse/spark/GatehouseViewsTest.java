package io.gatehouse.spark;

import static io.gatehouse.spark.SparkWorld.messages;
import static io.gatehouse.spark.SparkWorld.rows;
import static io.gatehouse.spark.SparkWorld.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.client.GatehouseGrpcClient;
import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.GatehouseServer.Principal;
import io.gatehouse.engines.Lake;
import io.gatehouse.proto.v1.CredentialOperation;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.TemporaryCredentials;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Views stored in Gatehouse, through the connector, as Databricks Unity Catalog has them: the
 * auditor (exempt from the orders' filter and mask) owns views over the governed orders; a viewer
 * holding SELECT on a view only reads it, with the viewer's own filter and mask applied to the rows
 * beneath (not the owner's); the tables beneath are read with the owner's right.
 */
class GatehouseViewsTest {
  static final List<String> ALL = GovernedQueriesTest.ALL;
  static final List<String> ANALYST = GovernedQueriesTest.ANALYST;

  static Lake lake;
  static GatehouseServer server;
  static SparkSession spark;
  static String warehouse;
  static Principal engine;
  static String auditor;
  static String analyst;
  static String viewer;
  static String asAuditor;
  static String asAnalyst;
  static String asViewer;
  static String asStranger;
  static String ordersLocation;

  @BeforeAll
  static void world() {
    lake = Lake.get();
    server = lake.server;
    spark = SparkWorld.session();
    warehouse = lake.warehouse();
    server.post("/schemas", "{\"name\":\"sales\",\"catalog_name\":\"" + warehouse + "\"}");
    Principal owner = server.principal("v_owner");
    server.grant("catalog", warehouse, owner.name(), "USE CATALOG");
    server.grant("schema", warehouse + ".sales", owner.name(), "USE SCHEMA", "CREATE TABLE", "EXTERNAL USE SCHEMA");
    server.grant("external_location", lake.location, owner.name(), "CREATE EXTERNAL TABLE");
    String asOwner = SparkWorld.catalog(warehouse, owner.token(), null);
    ordersLocation = lake.url("warehouse/ext-" + warehouse + "/orders");
    sql("CREATE TABLE " + asOwner + ".sales.orders (id INT, region STRING, email STRING, amount DOUBLE) USING parquet"
        + " LOCATION '" + ordersLocation + "'");
    sql("INSERT INTO " + asOwner + ".sales.orders VALUES (1, 'EMEA', 'a@x.com', 10.0), (2, 'AMER', 'b@x.com', 20.0),"
        + " (3, 'EMEA', 'c@x.com', 30.0), (4, 'APAC', 'd@x.com', 40.0)");

    SparkWorld.Readers readers = SparkWorld.governOrders(server, warehouse, "v_");
    engine = readers.engine();
    auditor = readers.auditor();
    analyst = readers.analyst();
    // The auditor creates the views: CREATE TABLE on the schema, as Databricks asks for a view.
    server.grant("schema", warehouse + ".sales", auditor, "CREATE TABLE");
    viewer = server.user("v_viewer");
    SparkWorld.useSales(server, warehouse, viewer);
    asAuditor = SparkWorld.catalog(warehouse, engine.token(), auditor);
    asAnalyst = SparkWorld.catalog(warehouse, engine.token(), analyst);
    asViewer = SparkWorld.catalog(warehouse, engine.token(), viewer);
    asStranger = SparkWorld.catalog(warehouse, engine.token(), readers.stranger());
  }

  /** A view the auditor creates over the orders, readable by {@code readers}; returns its name. */
  static String view(String text, String... readers) {
    String name = GatehouseServer.unique("v").replace('-', '_');
    sql("CREATE VIEW " + asAuditor + ".sales." + name + " AS " + text);
    for (String reader : readers) {
      server.grant("table", warehouse + ".sales." + name, reader, "SELECT");
    }
    return name;
  }

  @Test
  void aReaderOfTheViewReadsTheRowsBeneathUnderTheReadersOwnPolicy() {
    String v = view("SELECT id, region, email, amount FROM sales.orders", viewer, auditor);
    // Stored in Gatehouse as the session's user, over the table it reads.
    String stored = server.call("GET", "/api/2.1/unity-catalog/tables/" + warehouse + ".sales." + v, null,
        server.adminToken).body();
    assertThat(stored).contains("\"table_type\":\"VIEW\"").contains("\"owner\":\"" + auditor + "\"")
        .contains("\"table_full_name\":\"" + warehouse + ".sales.orders\"");
    assertThat(rows("SHOW VIEWS IN " + asAuditor + ".sales")).anyMatch(r -> r.contains(v));

    // The viewer holds SELECT on the view only: the viewer's filter and mask, not the owner's exemption.
    assertThat(rows("SELECT * FROM " + asViewer + ".sales." + v + " ORDER BY id")).isEqualTo(ANALYST);
    assertThat(rows("SELECT * FROM " + asAuditor + ".sales." + v + " ORDER BY id")).isEqualTo(ALL);
    assertThat(spark.table(asViewer + ".sales." + v).count()).isEqualTo(2);
    // A view whose text has a CTE and a subquery over the same table.
    String cte = view("WITH e AS (SELECT * FROM orders) SELECT count(*) AS n, max(email) AS m FROM e"
        + " WHERE id IN (SELECT id FROM sales.orders)", viewer);
    assertThat(rows("SELECT * FROM " + asViewer + ".sales." + cte)).containsExactly("[2,***]");
    // Other spellings of the same view.
    assertThat(rows("SELECT * FROM `" + asViewer + "`.`SALES`.`" + v.toUpperCase() + "` ORDER BY id")).isEqualTo(ANALYST);
    sql("USE " + asViewer + ".sales");
    try {
      assertThat(rows("SELECT count(*) FROM " + v)).containsExactly("[2]");
      assertThat(rows("SHOW VIEWS")).anyMatch(r -> r.contains(v));
    } finally {
      sql("USE spark_catalog.default");
    }
    // Not the table beneath, not without SELECT on the view.
    assertThatThrownBy(() -> sql("SELECT * FROM " + asViewer + ".sales.orders"))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("SELECT"));
    assertThatThrownBy(() -> sql("SELECT * FROM " + asAnalyst + ".sales." + v))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("SELECT"));
    assertThatThrownBy(() -> sql("SELECT * FROM " + asStranger + ".sales." + v))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused"));
  }

  @Test
  void aViewCannotLiftAMaskOrAFilter() {
    String emails = view("SELECT id, email, upper(email) AS loud FROM " + warehouse + ".sales.orders", viewer);
    assertThat(rows("SELECT * FROM " + asViewer + ".sales." + emails + " ORDER BY id"))
        .containsExactly("[1,***,***]", "[3,***,***]");
    // The view's own predicate on the masked column compares the masked value.
    String byEmail = view("SELECT id FROM orders WHERE email = 'a@x.com' OR region = 'AMER'", viewer);
    assertThat(rows("SELECT * FROM " + asViewer + ".sales." + byEmail)).isEmpty();
    assertThat(rows("SELECT * FROM " + asViewer + ".sales." + byEmail + " WHERE id > 0")).isEmpty();
  }

  @Test
  void theOwnerLosingSelectBreaksTheView() {
    String owner = server.user("v_curator");
    SparkWorld.useSales(server, warehouse, owner);
    server.grant("schema", warehouse + ".sales", owner, "CREATE TABLE");
    server.grant("table", warehouse + ".sales.orders", owner, "SELECT");
    String asCurator = SparkWorld.catalog(warehouse, engine.token(), owner);
    String v = GatehouseServer.unique("curated").replace('-', '_');
    sql("CREATE VIEW " + asCurator + ".sales." + v + " AS SELECT id, region FROM sales.orders");
    server.grant("table", warehouse + ".sales." + v, viewer, "SELECT");
    assertThat(rows("SELECT * FROM " + asViewer + ".sales." + v + " ORDER BY id")).containsExactly("[1,EMEA]", "[3,EMEA]");

    // A temporary view over the view keeps its analyzed plan: checked again beneath the view once the
    // policy moves, so an unrelated change leaves it readable and the owner's revoke breaks it.
    spark.table(asViewer + ".sales." + v).createOrReplaceTempView("curated_frame");
    long analyzedAt = GatehouseCatalog.POLICY_VERSION.get();
    server.grant("table", warehouse + ".sales.orders", server.user("v_unrelated"), "SELECT");
    awaitPolicyAfter(analyzedAt);
    assertThat(rows("SELECT count(*) FROM curated_frame")).containsExactly("[2]");

    server.revoke("table", warehouse + ".sales.orders", owner, "SELECT");
    awaitRefusal("SELECT * FROM " + asViewer + ".sales." + v);
    assertThatThrownBy(() -> sql("SELECT * FROM " + asViewer + ".sales." + v))
        .satisfies(e -> assertThat(messages(e)).contains("owner '" + owner + "'").contains("may not read"));
    assertThatThrownBy(() -> sql("SELECT count(*) FROM curated_frame"))
        .satisfies(e -> assertThat(messages(e)).contains("owner '" + owner + "'").contains("may not read"));
    server.grant("table", warehouse + ".sales.orders", owner, "SELECT");
    assertThat(rows("SELECT count(*) FROM " + asViewer + ".sales." + v)).containsExactly("[2]");
  }

  /** Waits until the catalogs have seen a policy version newer than {@code version} (WatchPolicyVersion). */
  static void awaitPolicyAfter(long version) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (GatehouseCatalog.POLICY_VERSION.get() <= version && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    assertThat(GatehouseCatalog.POLICY_VERSION.get()).as("a newer policy version").isGreaterThan(version);
  }

  /** Waits until {@code query} is refused (the server's snapshot follows a change within a second or so). */
  static void awaitRefusal(String query) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        sql(query);
        Thread.sleep(200);
      } catch (RuntimeException e) {
        return;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void aViewJoinedWithItsBaseTable() {
    String v = view("SELECT id, email FROM sales.orders", viewer, analyst);
    // The viewer may read the view, not the table.
    assertThatThrownBy(() -> sql("SELECT * FROM " + asViewer + ".sales." + v + " v JOIN " + asViewer
        + ".sales.orders o ON v.id = o.id"))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("SELECT"));
    // Also when the table is named after the view (a subquery is analyzed later): nothing loaded
    // beneath the view stands in for it.
    assertThatThrownBy(() -> sql("SELECT * FROM " + asViewer + ".sales." + v + " WHERE id IN (SELECT id FROM "
        + asViewer + ".sales.orders)"))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused").contains("SELECT"));
    // The analyst may read both: each side under the analyst's policy, once.
    assertThat(rows("SELECT v.id, v.email, o.email FROM " + asAnalyst + ".sales." + v + " v JOIN " + asAnalyst
        + ".sales.orders o ON v.id = o.id ORDER BY v.id")).containsExactly("[1,***,***]", "[3,***,***]");
    assertThat(rows("SELECT count(*) FROM " + asAnalyst + ".sales." + v + " WHERE id IN (SELECT id FROM " + asAnalyst
        + ".sales.orders)")).containsExactly("[2]");
  }

  @Test
  void theFilesBeneathAViewStayOutOfReach() {
    String v = view("SELECT * FROM sales.orders", viewer);
    assertThat(rows("SELECT count(*) FROM " + asViewer + ".sales." + v)).containsExactly("[2]");
    // The very credentials Gatehouse vends the engine for the viewer beneath the view.
    TemporaryCredentials vended;
    try (GatehouseGrpcClient grpc = GatehouseGrpcClient.builder("127.0.0.1", server.grpcPort).token(engine.token()).build()) {
      vended = grpc.resolveTable(ResolveTableRequest.newBuilder().setFullName(warehouse + ".sales.orders")
          .setThroughView(warehouse + ".sales." + v).setOnBehalfOf(viewer).setCredentials(CredentialOperation.READ)
          .build()).getCredentials();
    }
    Map<String, String> keys = Map.of(
        "fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem",
        "fs.s3.impl.disable.cache", "true",
        "fs.s3a.impl.disable.cache", "true",
        "fs.s3a.access.key", vended.getAccessKeyId(),
        "fs.s3a.secret.key", vended.getSecretAccessKey(),
        "fs.s3a.session.token", vended.getSessionToken(),
        "fs.s3a.endpoint", server.radosgw.endpoint.toString(),
        "fs.s3a.path.style.access", "true",
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider");
    assertThatThrownBy(() -> spark.read().options(keys).parquet(ordersLocation).collectAsList())
        .satisfies(e -> assertThat(messages(e)).contains("governed table's files"));
    // Beneath a view the server answers only for the tables the view names, and only to an engine.
    String other = GatehouseServer.unique("v_self");
    Principal self = server.principal(other);
    SparkWorld.useSales(server, warehouse, self.name());
    server.grant("table", warehouse + ".sales." + v, self.name(), "SELECT");
    String asSelf = SparkWorld.catalog(warehouse, self.token(), null);
    assertThatThrownBy(() -> sql("SELECT * FROM " + asSelf + ".sales." + v))
        .satisfies(e -> assertThat(messages(e)).contains("engine of the engines group"));
  }

  @Test
  void credentialsBeneathAViewAreRenewedBeneathIt() throws InterruptedException {
    // The server vends 15-minute credentials; renewing 897 s before expiry renews after 3 s.
    String reader = server.user("v_long_query");
    SparkWorld.useSales(server, warehouse, reader);
    String v = view("SELECT id, email FROM sales.orders", reader);
    String asReader = SparkWorld.catalog(warehouse, engine.token(), reader, "credentials.renew-before-seconds", "897");
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = spark.table(asReader + ".sales." + v);
    long before = GatehouseCredentialsProvider.RENEWALS.get();
    Thread.sleep(4_000);
    assertThat(df.orderBy("id").collectAsList()).extracting(Object::toString).containsExactly("[1,***]", "[3,***]");
    assertThat(GatehouseCredentialsProvider.RENEWALS.get()).isGreaterThan(before);
  }

  @Test
  void aViewNotNamingTheTableLendsNoRight() {
    // Made over the REST API as the auditor, without the table among its dependencies.
    String v = GatehouseServer.unique("forged").replace('-', '_');
    String body = "{\"name\":\"" + v + "\",\"catalog_name\":\"" + warehouse + "\",\"schema_name\":\"sales\","
        + "\"table_type\":\"VIEW\",\"view_definition\":\"SELECT id FROM sales.orders\","
        + "\"columns\":[{\"name\":\"id\",\"type_text\":\"int\",\"type_name\":\"INT\",\"position\":0}]}";
    assertThat(server.call("POST", "/api/2.1/unity-catalog/tables", body, engine.token(),
        Map.of("X-Gatehouse-On-Behalf-Of", auditor)).statusCode()).isEqualTo(200);
    server.grant("table", warehouse + ".sales." + v, viewer, "SELECT");
    assertThatThrownBy(() -> sql("SELECT * FROM " + asViewer + ".sales." + v))
        .satisfies(e -> assertThat(messages(e)).contains("does not name table " + warehouse + ".sales.orders"));
  }

  @Test
  void viewsReachingOutsideTheirCatalogFailClosed() {
    sql("CREATE OR REPLACE TEMP VIEW v_temp AS SELECT * FROM " + asAuditor + ".sales.orders");
    String name = asAuditor + ".sales." + GatehouseServer.unique("bad").replace('-', '_');
    assertThatThrownBy(() -> sql("CREATE VIEW " + name + " AS SELECT * FROM v_temp"))
        .satisfies(e -> assertThat(messages(e)).contains("cannot be resolved"));
    assertThatThrownBy(() -> sql("CREATE VIEW " + name + " AS SELECT * FROM spark_catalog.default.t"))
        .satisfies(e -> assertThat(messages(e)).contains("no table of Gatehouse catalog " + warehouse));
    assertThatThrownBy(() -> sql("CREATE VIEW " + name + " AS SELECT * FROM parquet.`" + ordersLocation + "`"))
        .satisfies(e -> assertThat(messages(e)).containsIgnoringCase("refused"));
    assertThatThrownBy(() -> sql("CREATE VIEW " + name + " AS SELECT reflect('java.lang.System', 'getenv', 'HOME') AS h,"
        + " my_udf(id) FROM sales.orders"))
        .satisfies(e -> assertThat(messages(e)).contains("my_udf").contains("no built-in function"));
    String inner = view("SELECT id FROM sales.orders", viewer);
    assertThatThrownBy(() -> sql("CREATE VIEW " + name + " AS SELECT * FROM sales." + inner))
        .satisfies(e -> assertThat(messages(e)).contains("views over views are not served"));
    assertThat(rows("SHOW VIEWS IN " + asAuditor + ".sales")).noneMatch(r -> r.contains(name.substring(name.lastIndexOf('.') + 1)));

    // A view another engine stored in SQL Spark does not parse reads nothing.
    String foreign = GatehouseServer.unique("foreign").replace('-', '_');
    String body = "{\"name\":\"" + foreign + "\",\"catalog_name\":\"" + warehouse + "\",\"schema_name\":\"sales\","
        + "\"table_type\":\"VIEW\",\"view_definition\":\"SELECT id FROM sales.orders WHERE id =\","
        + "\"columns\":[{\"name\":\"id\",\"type_text\":\"int\",\"type_name\":\"INT\",\"position\":0}]}";
    assertThat(server.call("POST", "/api/2.1/unity-catalog/tables", body, engine.token(),
        Map.of("X-Gatehouse-On-Behalf-Of", auditor)).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> sql("SELECT * FROM " + asAuditor + ".sales." + foreign))
        .satisfies(e -> assertThat(messages(e)).contains("does not parse"));
  }

  @Test
  void createOrReplaceAndDropAsTheSessionsUser() {
    String v = view("SELECT id FROM sales.orders", viewer);
    sql("CREATE OR REPLACE VIEW " + asAuditor + ".sales." + v + " (order_id, mail) AS SELECT id, email FROM sales.orders");
    server.grant("table", warehouse + ".sales." + v, viewer, "SELECT");
    assertThat(rows("SELECT order_id, mail FROM " + asViewer + ".sales." + v + " ORDER BY order_id"))
        .containsExactly("[1,***]", "[3,***]");
    assertThatThrownBy(() -> sql("CREATE VIEW " + asAuditor + ".sales." + v + " AS SELECT 1 AS one FROM sales.orders"))
        .satisfies(e -> assertThat(messages(e)).containsIgnoringCase("already exists"));
    sql("CREATE VIEW IF NOT EXISTS " + asAuditor + ".sales." + v + " AS SELECT 1 AS one FROM sales.orders");
    // Creating needs CREATE TABLE on the schema, dropping needs ownership; DROP VIEW drops views only.
    assertThatThrownBy(() -> sql("CREATE VIEW " + asAnalyst + ".sales.mine AS SELECT id FROM sales.orders"))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused to create view").contains("CREATE"));
    assertThatThrownBy(() -> sql("DROP VIEW " + asViewer + ".sales." + v))
        .satisfies(e -> assertThat(messages(e)).contains("Gatehouse refused to drop view"));
    assertThatThrownBy(() -> sql("DROP VIEW " + asAuditor + ".sales.orders"))
        .satisfies(e -> assertThat(messages(e)).contains("is a table, not a view"));
    sql("DROP VIEW " + asAuditor + ".sales." + v);
    sql("DROP VIEW IF EXISTS " + asAuditor + ".sales." + v);
    assertThat(rows("SHOW VIEWS IN " + asAuditor + ".sales")).noneMatch(r -> r.contains(v));
  }
}
