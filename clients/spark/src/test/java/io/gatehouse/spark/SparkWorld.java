package io.gatehouse.spark;

import io.gatehouse.client.GatehouseGrpcClient;
import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.GatehouseServer.Principal;
import io.gatehouse.proto.v1.CredentialOperation;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.TemporaryCredentials;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark 4.0.1 in local[2] mode with GatehouseExtensions, one session per JVM (it takes about 30 s to
 * start), against the packaged server and radosgw. Each Spark catalog is one Gatehouse reader,
 * configured as docs/spark.md tells users to.
 */
final class SparkWorld {
  private static SparkSession session;
  private static final AtomicInteger CATALOGS = new AtomicInteger();

  private SparkWorld() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("gatehouse-spark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          // Delta's extension beside Gatehouse's, as docs/spark.md tells users: Delta's analysis rules.
          .config("spark.sql.extensions", GatehouseExtensions.class.getName() + ",io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.sql.warehouse.dir", "target/spark-warehouse")
          // OpenLineage's listener sends each job's lineage to Gatehouse (docs/lineage.md).
          .config("spark.extraListeners", "io.openlineage.spark.agent.OpenLineageSparkListener")
          .config("spark.openlineage.transport.type", "http")
          .config("spark.openlineage.transport.url", GatehouseServer.get().base)
          .config("spark.openlineage.transport.endpoint", "/api/v1/lineage")
          .config("spark.openlineage.transport.auth.type", "api_key")
          .config("spark.openlineage.transport.auth.apiKey", GatehouseServer.get().adminToken)
          .config("spark.openlineage.namespace", "gatehouse-spark-tests")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /**
   * A Spark catalog over Gatehouse catalog {@code catalog} for {@code token}'s principal, or for
   * {@code user} when the token is an engine's; returns its Spark name.
   */
  static String catalog(String catalog, String token, String user, String... extra) {
    SparkSession spark = session();
    GatehouseServer server = GatehouseServer.get();
    String name = "gh" + CATALOGS.incrementAndGet();
    String prefix = "spark.sql.catalog." + name;
    spark.conf().set(prefix, GatehouseCatalog.class.getName());
    spark.conf().set(prefix + ".uri", server.base);
    spark.conf().set(prefix + ".grpc-uri", "127.0.0.1:" + server.grpcPort);
    spark.conf().set(prefix + ".token", token);
    spark.conf().set(prefix + ".catalog", catalog);
    if (user != null) {
      spark.conf().set(prefix + ".user", user);
    }
    spark.conf().set(prefix + ".s3.endpoint", server.radosgw.endpoint.toString());
    spark.conf().set(prefix + ".s3.path-style-access", "true");
    // radosgw 16 refuses the SDK's chunked signature of empty PUTs (S3A's directory markers).
    spark.conf().set(prefix + ".hadoop.fs.s3a.audit.execution.interceptors", UnchunkedPayloads.class.getName());
    // radosgw 16 refuses multi-object deletes under session policies (docs/iceberg.md): one at a time.
    spark.conf().set(prefix + ".hadoop.fs.s3a.multiobjectdelete.enable", "false");
    for (int i = 0; i + 1 < extra.length; i += 2) {
      spark.conf().set(prefix + "." + extra[i], extra[i + 1]);
    }
    return name;
  }

  /** The end user a Spark catalog of {@link #catalog} acts for. */
  static String userOf(String sparkCatalog) {
    return session().conf().get("spark.sql.catalog." + sparkCatalog + ".user");
  }

  /** USE on the catalog and {@code sales}, EXTERNAL USE SCHEMA: what reading from Spark needs beside SELECT. */
  static void useSales(GatehouseServer server, String warehouse, String reader) {
    server.grant("catalog", warehouse, reader, "USE CATALOG");
    server.grant("schema", warehouse + ".sales", reader, "USE SCHEMA", "EXTERNAL USE SCHEMA");
  }

  /**
   * The readers of {@code <warehouse>.sales.orders}, governed as every connector test governs it:
   * a row filter (EMEA only, members of the auditors group exempt) and an e-mail mask (the same
   * exemption); the analyst and the auditor hold SELECT, the stranger does not; the engine is a
   * service principal in the engines group, which acts for each of them.
   */
  record Readers(Principal engine, String analyst, String auditor, String stranger) {}

  static Readers governOrders(GatehouseServer server, String warehouse, String prefix) {
    String analyst = server.user(prefix + "analyst");
    String auditor = server.user(prefix + "auditor");
    String stranger = server.user(prefix + "stranger");
    String auditors = server.group(prefix + "auditors", server.scimId("Users", "userName", auditor));
    server.sql(warehouse, "sales", """
        CREATE FUNCTION %1$s.sales.emea_only(region STRING) RETURN is_account_group_member('%2$s') OR region = 'EMEA';
        CREATE FUNCTION %1$s.sales.hide_email(email STRING)
          RETURN CASE WHEN is_account_group_member('%2$s') THEN email ELSE '***' END;
        ALTER TABLE %1$s.sales.orders SET ROW FILTER %1$s.sales.emea_only ON (region);
        ALTER TABLE %1$s.sales.orders ALTER COLUMN email SET MASK %1$s.sales.hide_email;
        """.formatted(warehouse, auditors));
    for (String reader : List.of(analyst, auditor, stranger)) {
      useSales(server, warehouse, reader);
    }
    server.grant("table", warehouse + ".sales.orders", analyst, "SELECT");
    server.grant("table", warehouse + ".sales.orders", auditor, "SELECT");
    Principal engine = server.principal(prefix + "engine");
    server.join("engines", server.scimId("ServicePrincipals", "applicationId", engine.name()));
    return new Readers(engine, analyst, auditor, stranger);
  }

  /**
   * S3A options holding the very credentials Gatehouse vends the engine for {@code user} to read
   * {@code fullName}: what an attacker in the session would hand a direct read of the files.
   */
  static Map<String, String> vendedKeys(GatehouseServer server, Principal engine, String fullName, String user) {
    TemporaryCredentials vended;
    try (GatehouseGrpcClient grpc = GatehouseGrpcClient.builder("127.0.0.1", server.grpcPort).token(engine.token()).build()) {
      vended = grpc.resolveTable(ResolveTableRequest.newBuilder().setFullName(fullName)
          .setOnBehalfOf(user).setCredentials(CredentialOperation.READ).build()).getCredentials();
    }
    return Map.of(
        "fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem",
        // Hadoop's cache would hand back the bucket's filesystem of a read without keys.
        "fs.s3.impl.disable.cache", "true",
        "fs.s3a.impl.disable.cache", "true",
        "fs.s3a.access.key", vended.getAccessKeyId(),
        "fs.s3a.secret.key", vended.getSecretAccessKey(),
        "fs.s3a.session.token", vended.getSessionToken(),
        "fs.s3a.endpoint", server.radosgw.endpoint.toString(),
        "fs.s3a.path.style.access", "true",
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider");
  }

  static List<Row> sql(String statement) {
    return session().sql(statement).collectAsList();
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
}
