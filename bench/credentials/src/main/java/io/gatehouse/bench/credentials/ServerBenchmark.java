package io.gatehouse.bench.credentials;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST /temporary-table-credentials through a running server whose STS is the test radosgw:
 * authentication, the authorization decision, the vendor and two audit records per request.
 * Seeds a storage credential, an external location and tables through the API as the admin.
 */
public final class ServerBenchmark {
  private static final Pattern TABLE_ID = Pattern.compile("\"table_id\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final String token;
  private String catalog;

  ServerBenchmark(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    ServerBenchmark bench = new ServerBenchmark(args[0], args[1]);
    List<String> tables = bench.seed(400);
    System.out.printf("server at %s, %d CPUs shared with radosgw and PostgreSQL%n%n", args[0], Runtime.getRuntime().availableProcessors());
    bench.baseline(5_000);
    bench.latency("miss (first request for a table: AssumeRole on radosgw)", tables.subList(100, 400), 1);
    bench.latency("hit, 1 connection", List.of(tables.get(0)), 5_000);
    bench.throughput(tables.subList(0, 100), 8, Duration.ofSeconds(10));
  }

  List<String> seed(int count) throws Exception {
    String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    String bucket = "bench-http-" + UUID.randomUUID().toString().substring(0, 8);
    post("/credentials", "{\"name\":\"bench_cred_" + run + "\",\"aws_iam_role\":{\"role_arn\":\"arn:aws:iam:::role/gatehouse-data\"}}");
    post("/external-locations", "{\"name\":\"bench_loc_" + run + "\",\"url\":\"s3://" + bucket + "\",\"credential_name\":\"bench_cred_" + run + "\"}");
    catalog = "bench_" + run;
    post("/catalogs", "{\"name\":\"bench_" + run + "\"}");
    post("/schemas", "{\"name\":\"s\",\"catalog_name\":\"bench_" + run + "\"}");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String body = post("/tables", "{\"name\":\"t" + i + "\",\"catalog_name\":\"bench_" + run + "\",\"schema_name\":\"s\","
          + "\"table_type\":\"EXTERNAL\",\"data_source_format\":\"DELTA\",\"storage_location\":\"s3://" + bucket + "/t" + i + "\","
          + "\"columns\":[{\"name\":\"id\",\"type_name\":\"LONG\"}]}");
      Matcher m = TABLE_ID.matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("no table_id in " + body);
      }
      ids.add(m.group(1));
    }
    return ids;
  }

  /** GET a table by name on one connection: the server's plainest authenticated, authorized read. */
  void baseline(int requests) throws Exception {
    URI uri = URI.create(base + "/api/2.1/unity-catalog/tables/" + catalog + ".s.t0");
    Latencies latencies = new Latencies(requests);
    for (int i = 0; i < requests + 500; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET table answered " + response.statusCode());
      }
      if (i >= 500) {
        latencies.add(System.nanoTime() - start);
      }
    }
    System.out.printf("baseline: GET a table, 1 connection: %s%n", latencies.summary());
  }

  void latency(String label, List<String> tables, int perTable) throws Exception {
    for (int i = 0; i < Math.min(200, perTable); i++) {
      credentials(tables.get(0)); // warm the path (a hit after the first)
    }
    Latencies latencies = new Latencies(tables.size() * perTable);
    for (String table : label.startsWith("miss") ? tables.subList(1, tables.size()) : tables) {
      for (int i = 0; i < perTable; i++) {
        long start = System.nanoTime();
        credentials(table);
        latencies.add(System.nanoTime() - start);
      }
    }
    System.out.printf("%s: %s%n", label, latencies.summary());
  }

  void throughput(List<String> tables, int connections, Duration duration) throws Exception {
    for (String table : tables) {
      credentials(table);
    }
    AtomicLong done = new AtomicLong();
    Latencies latencies = new Latencies(100_000);
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    long deadline = System.nanoTime() + duration.toNanos();
    for (int c = 0; c < connections; c++) {
      int offset = c;
      pool.submit(() -> {
        int i = offset;
        while (System.nanoTime() < deadline) {
          long start = System.nanoTime();
          credentials(tables.get(i++ % tables.size()));
          latencies.add(System.nanoTime() - start);
          done.incrementAndGet();
        }
        return null;
      });
    }
    pool.shutdown();
    pool.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS);
    System.out.printf("hits over %d tables, %d connections: %.0f req/s; %s%n", tables.size(), connections,
        done.get() / (double) duration.toSeconds(), latencies.summary());
  }

  String credentials(String tableId) throws Exception {
    return post("/temporary-table-credentials", "{\"table_id\":\"" + tableId + "\",\"operation\":\"READ\"}");
  }

  String post(String path, String json) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/2.1/unity-catalog" + path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
