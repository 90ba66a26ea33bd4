package io.gatehouse.spark;

import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.Lake;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.engines.GatehouseServer.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the connector costs a query: one aggregate over the same rows read three ways, alternated,
 * in one Spark session (local[2]) against the packaged server and radosgw:
 *
 * <ul>
 *   <li>raw: the Parquet files at a path outside any table, read with the bucket owner's keys
 *       (no catalog, no policy);
 *   <li>exempt: through {@link GatehouseCatalog}, on behalf of a reader the row filter and the
 *       mask exempt (both are still evaluated for every row);
 *   <li>filtered: on behalf of a reader who sees a quarter of the rows with the e-mails masked.
 * </ul>
 *
 * Not a test: run with {@code bench/spark/run} (or {@code -Dtest=ConnectorOverheadBench
 * -Dbench.spark-overhead=true}); it prints its figures. Timings are reported, never asserted; the
 * answers are checked.
 */
@EnabledIfSystemProperty(named = "bench.spark-overhead", matches = "true")
class ConnectorOverheadBench {
  private static final long ROWS = Long.getLong("bench.spark-overhead.rows", 4_000_000L);
  private static final int ROUNDS = Integer.getInteger("bench.spark-overhead.rounds", 7);
  private static final String QUERY =
      "SELECT region, count(*), sum(amount), count(DISTINCT email) FROM %s GROUP BY region ORDER BY region";

  @Test
  void theSameAggregateRawAndThroughTheConnector() {
    Lake lake = Lake.get();
    GatehouseServer server = lake.server;
    SparkSession spark = SparkWorld.session();
    String warehouse = lake.warehouse();
    server.post("/schemas", "{\"name\":\"bench\",\"catalog_name\":\"" + warehouse + "\"}");
    Principal owner = server.principal("bench_owner");
    server.grant("catalog", warehouse, owner.name(), "USE CATALOG");
    server.grant("schema", warehouse + ".bench", owner.name(), "USE SCHEMA", "CREATE TABLE", "EXTERNAL USE SCHEMA");
    server.grant("external_location", lake.location, owner.name(), "CREATE EXTERNAL TABLE");
    String asOwner = SparkWorld.catalog(warehouse, owner.token(), null);
    String rows = "SELECT id, element_at(array('EMEA', 'AMER', 'APAC', 'LATAM'), CAST(id % 4 + 1 AS INT)) AS region,"
        + " concat('user', id % 100000, '@x.com') AS email, CAST(id % 1000 AS DOUBLE) AS amount FROM range(" + ROWS + ")";

    long started = System.nanoTime();
    spark.sql("CREATE TABLE " + asOwner + ".bench.events (id BIGINT, region STRING, email STRING, amount DOUBLE)"
        + " USING parquet LOCATION '" + lake.url("warehouse/ext-" + warehouse + "/events") + "'");
    spark.sql("INSERT INTO " + asOwner + ".bench.events " + rows);
    // The same rows as plain files in a bucket of their own, written and read with the owner's keys
    // (set for that bucket only: keys for the lake's bucket would stand in for the tables' credentials).
    String rawBucket = "raw-" + warehouse.replace('_', '-').toLowerCase(java.util.Locale.ROOT);
    lake.admin.createBucket(b -> b.bucket(rawBucket));
    String raw = "s3a://" + rawBucket + "/events";
    // Runtime SQL settings reach the Hadoop configuration of reads and writes under their own keys.
    String hadoop = "fs.s3a.bucket." + rawBucket + ".";
    spark.conf().set(hadoop + "access.key", server.radosgw.admin.accessKeyId());
    spark.conf().set(hadoop + "secret.key", server.radosgw.admin.secretAccessKey());
    spark.conf().set(hadoop + "endpoint", server.radosgw.endpoint.toString());
    spark.conf().set(hadoop + "path.style.access", "true");
    spark.conf().set(hadoop + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    spark.conf().set("fs.s3a.audit.execution.interceptors", UnchunkedPayloads.class.getName());
    spark.conf().set("fs.s3a.multiobjectdelete.enable", "false");
    spark.sql(rows).write().parquet(raw);
    spark.read().parquet(raw).createOrReplaceTempView("raw_events");
    System.out.printf("bench: %,d rows written twice in %.1f s%n", ROWS, (System.nanoTime() - started) / 1e9);

    String exempted = server.user("bench_exempt");
    String reader = server.user("bench_reader");
    String exempt = server.group("bench_exempt", server.scimId("Users", "userName", exempted));
    server.sql(warehouse, "bench", """
        CREATE FUNCTION %1$s.bench.emea_only(region STRING) RETURN is_account_group_member('%2$s') OR region = 'EMEA';
        CREATE FUNCTION %1$s.bench.hide_email(email STRING)
          RETURN CASE WHEN is_account_group_member('%2$s') THEN email ELSE '***' END;
        ALTER TABLE %1$s.bench.events SET ROW FILTER %1$s.bench.emea_only ON (region);
        ALTER TABLE %1$s.bench.events ALTER COLUMN email SET MASK %1$s.bench.hide_email;
        """.formatted(warehouse, exempt));
    for (String user : List.of(exempted, reader)) {
      server.grant("catalog", warehouse, user, "USE CATALOG");
      server.grant("schema", warehouse + ".bench", user, "USE SCHEMA", "EXTERNAL USE SCHEMA");
      server.grant("table", warehouse + ".bench.events", user, "SELECT");
    }
    Principal engine = server.principal("bench_engine");
    server.join("engines", server.scimId("ServicePrincipals", "applicationId", engine.name()));

    Map<String, String> ways = new LinkedHashMap<>();
    ways.put("raw files", "raw_events");
    ways.put("connector, exempt reader", SparkWorld.catalog(warehouse, engine.token(), exempted) + ".bench.events");
    ways.put("connector, filtered and masked", SparkWorld.catalog(warehouse, engine.token(), reader) + ".bench.events");

    // The raw files and the exempt reader give one answer; the filtered reader sees EMEA, masked.
    List<String> whole = answer(spark, ways.get("raw files"));
    assertThat(answer(spark, ways.get("connector, exempt reader"))).isEqualTo(whole);
    assertThat(answer(spark, ways.get("connector, filtered and masked")))
        .containsExactly("[EMEA," + ROWS / 4 + "," + whole.stream().filter(r -> r.startsWith("[EMEA,")).findFirst()
            .orElseThrow().split(",")[2] + ",1]");

    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    ways.keySet().forEach(way -> seconds.put(way, new ArrayList<>()));
    for (int round = 0; round < ROUNDS + 2; round++) { // two warm-up rounds
      for (var way : ways.entrySet()) {
        long t0 = System.nanoTime();
        answer(spark, way.getValue());
        if (round >= 2) {
          seconds.get(way.getKey()).add((System.nanoTime() - t0) / 1e9);
        }
      }
    }
    double rawMedian = median(seconds.get("raw files"));
    System.out.printf("bench: %s over %,d rows, %d rounds alternated after 2 warm-up rounds%n",
        QUERY.formatted("t"), ROWS, ROUNDS);
    for (var way : seconds.entrySet()) {
      double m = median(way.getValue());
      System.out.printf("bench: %-32s median %.3f s, min %.3f s, max %.3f s, %.2fx the raw files%n", way.getKey(), m,
          way.getValue().stream().mapToDouble(d -> d).min().orElseThrow(),
          way.getValue().stream().mapToDouble(d -> d).max().orElseThrow(), m / rawMedian);
    }
  }

  private static List<String> answer(SparkSession spark, String table) {
    return spark.sql(QUERY.formatted(table)).collectAsList().stream().map(Row::toString).toList();
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(d -> d).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
