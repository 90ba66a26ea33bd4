package io.gatehouse.lineage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures ingestion and graph queries on the performance-targets workload; prints figures and
 * appends them to target/lineage-bench.txt. Asserts nothing. Run it alone:
 *
 * <pre>
 * ./mvnw -q -B -pl lineage test -Dtest=LineageBench -Dlineage.excludedGroups= \
 *     [-Dbench.jobsPerLayer=500] [-Dbench.bigJobsPerLayer=2500] [-Dbench.threads=8]
 * </pre>
 *
 * Commits are durable (synchronous_commit on, see TestDatabase).
 */
@Tag("bench")
class LineageBench {
  private static final Path REPORT = Path.of("target", "lineage-bench.txt");
  private final int threads = Integer.getInteger("bench.threads", 8);
  private final int queries = Integer.getInteger("bench.queries", 300);

  @Test
  void workloadOf10kJobsThroughSingleEventCalls() throws Exception {
    var workload = new LineageWorkload(20, Integer.getInteger("bench.jobsPerLayer", 500), 42);
    DataSource ds = database("lineage_bench_small");
    List<String> events = workload.events();
    report("== %d layers x %d jobs: %d events, average %d bytes", workload.layers(), workload.jobsPerLayer(),
        events.size(), events.stream().mapToInt(String::length).sum() / events.size());
    LineageIngest ingest = new LineageIngest(ds, TableResolver.NONE);

    int warm = 2_000;
    timedSingle(ingest, events.subList(0, warm), 1, false, "ingest(), 1 thread (warm-up)");
    timedSingle(ingest, events.subList(warm, 5_000), 1, false, "ingest(), 1 thread");
    timedSingle(ingest, events.subList(5_000, 10_000), threads, false, "ingest(), " + threads + " threads");
    timedSingle(ingest, events.subList(10_000, events.size()), threads, true, "submit(), " + threads + " threads");
    timedSingle(ingest, events.subList(0, 2_000), threads, true, "submit() of re-sent events, " + threads + " threads");
    ingest.close();

    measureQueries(ds, workload);
  }

  @Test
  void workloadOf100kNodesThroughBatches() throws Exception {
    var workload = new LineageWorkload(20, Integer.getInteger("bench.bigJobsPerLayer", 2_500), 7);
    DataSource ds = database("lineage_bench_big");
    List<String> events = workload.events();
    report("== %d layers x %d jobs: %d events, %d datasets + %d jobs", workload.layers(), workload.jobsPerLayer(),
        events.size(), (workload.layers() + 1) * workload.jobsPerLayer(), workload.layers() * workload.jobsPerLayer());
    LineageIngest ingest = new LineageIngest(ds, TableResolver.NONE);
    int batch = Integer.getInteger("bench.batch", 500);
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < events.size(); i += batch) {
      batches.add(events.subList(i, Math.min(events.size(), i + batch)));
    }
    int workers = Integer.getInteger("bench.batchThreads", 2);
    long start = System.nanoTime();
    runConcurrently(batches.size(), workers, i -> ingest.ingestBatch(batches.get(i)));
    double seconds = (System.nanoTime() - start) / 1e9;
    report("batches of %d, %d threads: %.0f events/s (%.1f s)", batch, workers, events.size() / seconds, seconds);

    measureQueries(ds, workload);
  }

  /** Where the time of a single-event call goes: the same events with parts of the work taken away. */
  @Test
  void ingestionVariants() throws Exception {
    List<String> events = new LineageWorkload(20, 500, 42).events().subList(0, 8_000);
    String[][] variants = {
        {"as is"},
        {"synchronous_commit off", "ALTER DATABASE %s SET synchronous_commit = off"},
    };
    int n = 0;
    for (String[] variant : variants) {
      String name = "lineage_variant" + n++;
      DataSource ds = TestDatabase.database(name, 12);
      LineageSchema.migrate(ds);
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        for (int i = 1; i < variant.length; i++) {
          s.execute(variant[i].formatted(name));
        }
      }
      // Fresh connections pick up database settings.
      ((AutoCloseable) ds).close();
      ds = TestDatabase.reopen(name, 12);
      LineageIngest ingest = new LineageIngest(ds, TableResolver.NONE);
      timedSingle(ingest, events.subList(0, 2_000), 1, variant[0] + ": warm-up");
      timedSingle(ingest, events.subList(2_000, 5_000), 1, variant[0] + ": 1 thread");
      timedSingle(ingest, events.subList(5_000, 8_000), threads, variant[0] + ": " + threads + " threads");
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
              + " WHERE statement LIKE '%INSERT INTO lineage.events%'")) {
        while (rs.next()) {
          report("  one connection's ingest statement: %d generic plans, %d custom plans", rs.getLong(1), rs.getLong(2));
        }
      }
    }
  }

  /** CPU per event by batch size: what coalescing concurrent single events would save. */
  @Test
  void batchSizes() throws Exception {
    List<String> events = new LineageWorkload(20, 500, 42).events().subList(0, 12_000);
    int n = 0;
    for (int size : new int[] {1, 4, 16, 64, 256}) {
      DataSource ds = TestDatabase.database("lineage_batch" + n++, 4);
      LineageSchema.migrate(ds);
      LineageIngest ingest = new LineageIngest(ds, TableResolver.NONE);
      for (int i = 0; i < 2_000; i += size) {
        ingest.ingestBatch(events.subList(i, Math.min(2_000, i + size)));
      }
      List<String> measured = events.subList(2_000, events.size());
      long jvmCpu = jvmCpuNanos();
      long pgCpu = postgresCpuNanos();
      long start = System.nanoTime();
      for (int i = 0; i < measured.size(); i += size) {
        ingest.ingestBatch(measured.subList(i, Math.min(measured.size(), i + size)));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      report("batch of %3d, 1 thread: %.0f events/s; CPU per event: JVM %.0f us, PostgreSQL %.0f us", size,
          measured.size() / seconds, (jvmCpuNanos() - jvmCpu) / 1e3 / measured.size(),
          (postgresCpuNanos() - pgCpu) / 1e3 / measured.size());
    }
  }

  @Test
  void parsingAndProjectionInJava() {
    List<String> events = new LineageWorkload(20, 500, 42).events();
    EventParser parser = new EventParser();
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      long facetBytes = 0;
      for (String json : events) {
        Projection p = new Projection();
        p.add(parser.parse(json));
        for (Projection.DatasetRow d : p.datasets.values()) {
          facetBytes += d.facets.facets.toString().length();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      report("parse + validate + project in Java, 1 thread, round %d: %.0f events/s (%.1f us each; %d facet bytes)", round,
          events.size() / seconds, seconds * 1e6 / events.size(), facetBytes / events.size());
    }
  }

  private void measureQueries(DataSource ds, LineageWorkload workload) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
      try (var rs = s.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database())),"
          + " (SELECT count(*) FROM lineage.datasets), (SELECT count(*) FROM lineage.jobs),"
          + " (SELECT count(*) FROM lineage.job_datasets), (SELECT count(*) FROM lineage.column_edges)")) {
        rs.next();
        report("database %s: %d datasets, %d jobs, %d dataset-job edges, %d column edges", rs.getString(1),
            rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
      }
    }
    LineageGraph graph = new LineageGraph(ds);
    Random random = new Random(1);
    int middle = workload.layers() / 2;
    for (int depth : new int[] {1, 5, 10}) {
      long[] nodes = {0};
      long[] edges = {0};
      double[] ms = time(queries, () -> {
        var start = NodeRef.dataset(LineageWorkload.NAMESPACE,
            LineageWorkload.dataset(middle, random.nextInt(workload.jobsPerLayer())));
        LineageGraphResult r = graph.lineage(GraphQuery.of(start, Direction.BOTH, depth));
        nodes[0] += r.totalNodes();
        edges[0] += r.edges().size();
      });
      report("graph BOTH depth %2d from layer %d: p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms (%d nodes, %d edges on average)",
          depth, middle, ms[0], ms[1], ms[2], nodes[0] / queries, edges[0] / queries);
    }
    for (int depth : new int[] {5, 10}) {
      long[] columns = {0};
      double[] ms = time(queries, () -> {
        var start = NodeRef.dataset(LineageWorkload.NAMESPACE,
            LineageWorkload.dataset(workload.layers(), random.nextInt(workload.jobsPerLayer())));
        columns[0] += graph.columnLineage(ColumnQuery.of(start, "amount", Direction.UPSTREAM, depth)).columns().size();
      });
      report("column UPSTREAM depth %2d from layer %d: p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms (%d columns on average)",
          depth, workload.layers(), ms[0], ms[1], ms[2], columns[0] / queries);
    }
  }

  private void timedSingle(LineageIngest ingest, List<String> events, int workers, String label) throws Exception {
    timedSingle(ingest, events, workers, false, label);
  }

  private void timedSingle(LineageIngest ingest, List<String> events, int workers, boolean grouped, String label)
      throws Exception {
    long[] latencies = new long[events.size()];
    long jvmCpu = jvmCpuNanos();
    long pgCpu = postgresCpuNanos();
    long start = System.nanoTime();
    runConcurrently(events.size(), workers, i -> {
      long t = System.nanoTime();
      if (grouped) {
        ingest.submit(events.get(i)).get();
      } else {
        ingest.ingest(events.get(i));
      }
      latencies[i] = System.nanoTime() - t;
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    double jvmUs = (jvmCpuNanos() - jvmCpu) / 1e3 / events.size();
    double pgUs = (postgresCpuNanos() - pgCpu) / 1e3 / events.size();
    Arrays.sort(latencies);
    report("%s: %.0f events/s, latency p50 %.2f ms, p99 %.2f ms; CPU per event: JVM %.0f us, PostgreSQL %.0f us (%d events)",
        label, events.size() / seconds, latencies[latencies.length / 2] / 1e6,
        latencies[(int) (latencies.length * 0.99)] / 1e6, jvmUs, pgUs, events.size());
  }

  private static long jvmCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  /** CPU time of this JVM's embedded PostgreSQL: its postmaster and every backend. */
  private static long postgresCpuNanos() {
    String dataDir = "data-" + ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dataDir)).orElse(false))
        .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
        .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L))
        .sum();
  }

  interface IndexedTask {
    void run(int index) throws Exception;
  }

  private static void runConcurrently(int tasks, int workers, IndexedTask task) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
            task.run(i);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** p50, p99 and max in milliseconds, after a tenth as many warm-up runs. */
  private static double[] time(int runs, Runnable query) {
    for (int i = 0; i < runs / 10; i++) {
      query.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      query.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return new double[] {ms[runs / 2], ms[(int) (runs * 0.99)], ms[runs - 1]};
  }

  private static DataSource database(String name) throws SQLException {
    DataSource ds = TestDatabase.database(name, 12);
    LineageSchema.migrate(ds);
    return ds;
  }

  private static void report(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    System.out.println(line);
    try {
      Files.writeString(REPORT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
