package io.gatehouse.engines.spark;

import io.gatehouse.engines.GatehouseServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * Unmodified Spark 4.0.1 with iceberg-spark-runtime 1.10.2 and the AWS bundle in local[2] mode,
 * one session per JVM (it takes about 30 s to start). Each test adds its own catalogs to it,
 * one per principal and warehouse, configured exactly as docs/iceberg.md tells users to.
 */
final class SparkEngine {
  private static SparkSession session;
  private static final AtomicInteger CATALOGS = new AtomicInteger();

  private SparkEngine() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("gatehouse-engine-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
          .config("spark.sql.warehouse.dir", "target/spark-warehouse")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /** A new Spark catalog over {@code warehouse} for the bearer of {@code token}; returns its name. */
  static String catalog(String warehouse, String token) {
    return catalog(warehouse, token, Map.of());
  }

  static String catalog(String warehouse, String token, Map<String, String> extra) {
    SparkSession spark = session();
    String name = "gh" + CATALOGS.incrementAndGet();
    Map<String, String> props = new HashMap<>();
    props.put("", "org.apache.iceberg.spark.SparkCatalog");
    props.put(".type", "rest");
    props.put(".uri", GatehouseServer.get().icebergUri());
    props.put(".warehouse", warehouse);
    props.put(".token", token);
    props.put(".rest.auth.type", "oauth2");
    props.put(".header.X-Iceberg-Access-Delegation", "vended-credentials");
    props.put(".io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    // Spark's own cache of tables would hide what another writer committed meanwhile.
    props.put(".cache-enabled", "false");
    extra.forEach((k, v) -> props.put("." + k, v));
    props.forEach((k, v) -> spark.conf().set("spark.sql.catalog." + name + k, v));
    return name;
  }
}
