package io.gatehouse.bench.grpc;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.SecurableType;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's load (bench/soak/run): clients in a closed loop through the load balancer, each
 * step one of catalog reads (a table, a page of tables), writes (a table created, then its
 * comment changed), grants (given and taken back), gRPC decisions, and lineage events, in a fixed
 * mix. Every minute it writes one row: requests, errors, p50 and p99 of that minute.
 *
 * <p>Usage: SoakLoad rest-url grpc-port admin-token minutes clients out.csv
 */
public final class SoakLoad {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) throws Exception {
    String rest = args[0];
    int grpcPort = Integer.parseInt(args[1]);
    String token = args[2];
    int minutes = Integer.parseInt(args[3]);
    int clients = Integer.parseInt(args[4]);
    Path out = Path.of(args[5]);

    String catalog = "soak_" + Long.toString(System.currentTimeMillis(), 36);
    check(send(rest, "POST", "/api/2.1/unity-catalog/catalogs", "{\"name\":\"" + catalog + "\"}", token));
    check(send(rest, "POST", "/api/2.1/unity-catalog/schemas", "{\"name\":\"s\",\"catalog_name\":\"" + catalog + "\"}", token));
    check(send(rest, "POST", "/api/2.0/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"" + catalog + "@example.com\"}", token));
    for (int i = 0; i < 50; i++) {
      check(send(rest, "POST", "/api/2.1/unity-catalog/tables", table(catalog, "t" + i), token));
    }

    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    Metadata bearer = new Metadata();
    bearer.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    var authz = AuthorizationServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer));

    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong errors = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      pool.submit(() -> {
        long step = 0;
        while (running.get()) {
          long started = System.nanoTime();
          try {
            boolean ok = step(rest, token, catalog, client, step++, authz);
            if (!ok) {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
          latencies.add(System.nanoTime() - started);
        }
        return null;
      });
    }
    try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out))) {
      csv.println("minute,requests,errors,p50_ms,p99_ms");
      for (int minute = 1; minute <= minutes; minute++) {
        Thread.sleep(60_000);
        List<Long> window = new ArrayList<>();
        Long l;
        while ((l = latencies.poll()) != null) {
          window.add(l);
        }
        long[] sorted = window.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        String row = minute + "," + sorted.length + "," + errors.getAndSet(0) + ","
            + ms(percentile(sorted, 0.50)) + "," + ms(percentile(sorted, 0.99));
        csv.println(row);
        csv.flush();
        System.out.println(row);
      }
    } finally {
      running.set(false);
      pool.shutdown();
      pool.awaitTermination(30, TimeUnit.SECONDS);
      channel.shutdownNow();
    }
  }

  /** One step of the mix: mostly reads and decisions, some writes, grants and lineage. */
  private static boolean step(String rest, String token, String catalog, int client, long step,
      AuthorizationServiceGrpc.AuthorizationServiceBlockingStub authz) throws IOException, InterruptedException {
    String table = catalog + ".s.t" + (step % 50);
    switch ((int) (step % 10)) {
      case 0, 1, 2 -> {
        return send(rest, "GET", "/api/2.1/unity-catalog/tables/" + table, null, token).statusCode() == 200;
      }
      case 3 -> {
        return send(rest, "GET", "/api/2.1/unity-catalog/tables?catalog_name=" + catalog + "&schema_name=s&max_results=20",
            null, token).statusCode() == 200;
      }
      case 4, 5 -> {
        var answer = authz.withDeadlineAfter(10, TimeUnit.SECONDS).authorize(AuthorizeRequest.newBuilder()
            .addChecks(Check.newBuilder().setSecurable(SecurableRef.newBuilder().setType(SecurableType.TABLE).setFullName(table))
                .setPrivilege(Privilege.SELECT)).build());
        return answer.getDecisionsCount() == 1;
      }
      case 6 -> {
        String name = "w" + client + "_" + step;
        return send(rest, "POST", "/api/2.1/unity-catalog/tables", table(catalog, name), token).statusCode() == 200
            && send(rest, "PATCH", "/api/2.1/unity-catalog/tables/" + catalog + ".s." + name, "{\"comment\":\"soaked\"}", token)
                .statusCode() == 200
            && send(rest, "DELETE", "/api/2.1/unity-catalog/tables/" + catalog + ".s." + name, null, token).statusCode() == 200;
      }
      case 7 -> {
        String change = step % 20 == 7 ? "\"add\":[\"SELECT\"],\"remove\":[]" : "\"add\":[],\"remove\":[\"SELECT\"]";
        return send(rest, "PATCH", "/api/2.1/unity-catalog/permissions/table/" + table,
            "{\"changes\":[{\"principal\":\"" + catalog + "@example.com\"," + change + "}]}", token).statusCode() == 200;
      }
      case 8 -> {
        String event = "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-12-01T00:00:00Z\",\"producer\":\"https://example.com/soak\","
            + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent\","
            + "\"run\":{\"runId\":\"" + UUID.randomUUID() + "\"},\"job\":{\"namespace\":\"soak\",\"name\":\"job" + (step % 100) + "\"},"
            + "\"inputs\":[{\"namespace\":\"warehouse\",\"name\":\"" + table + "\"}],"
            + "\"outputs\":[{\"namespace\":\"s3://soak\",\"name\":\"out/" + (step % 100) + "\"}]}";
        return send(rest, "POST", "/api/v1/lineage", event, token).statusCode() == 201;
      }
      default -> {
        return send(rest, "GET", "/api/gatehouse/v1/lineage/graph?table=" + table + "&depth=2", null, token).statusCode() == 200;
      }
    }
  }

  private static String table(String catalog, String name) {
    return "{\"name\":\"" + name + "\",\"catalog_name\":\"" + catalog + "\",\"schema_name\":\"s\",\"table_type\":\"EXTERNAL\","
        + "\"data_source_format\":\"PARQUET\",\"storage_location\":\"s3://soak/" + catalog + "/" + name + "\","
        + "\"columns\":[{\"name\":\"id\",\"type_name\":\"LONG\",\"type_text\":\"bigint\",\"position\":0}]}";
  }

  private static HttpResponse<String> send(String rest, String method, String path, String body, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rest + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", path.contains("/scim/") ? "application/scim+json" : "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void check(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
  }

  private static long percentile(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static String ms(long nanos) {
    return String.format("%.1f", nanos / 1e6);
  }
}
