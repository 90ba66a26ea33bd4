package io.gatehouse.spark;

import io.gatehouse.engines.GatehouseServer;
import java.util.List;
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
