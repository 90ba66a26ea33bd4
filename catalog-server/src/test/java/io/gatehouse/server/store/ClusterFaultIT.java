package io.gatehouse.server.store;

import static io.gatehouse.server.store.PackagedServers.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.server.common.FreePorts;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.SecurableType;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topology of {@code scripts/cluster}, run for real: Debian's PostgreSQL, three packaged
 * replicas and HAProxy in front of their REST and gRPC ports. Clients drive REST reads and writes
 * and gRPC decisions through HAProxy while one replica is killed with SIGKILL and restarted:
 * reads never fail, at most the requests that were on the killed process fail (and only with a
 * 5xx that says to retry), and every write that was answered as done is there afterwards.
 */
class ClusterFaultIT {
  private static final Path SCRIPT = Path.of("..", "scripts", "cluster").toAbsolutePath().normalize();
  private static final int CLIENTS = 4;
  private static Map<String, String> env;
  private static String rest;
  private static int grpcPort;
  private static String token;

  @BeforeAll
  static void cluster() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-it-");
    // Ten ports for the replicas (the script numbers each one's from a base), then PostgreSQL's and HAProxy's.
    int base = FreePorts.block(13);
    env = new HashMap<>(Map.of(
        "GATEHOUSE_CLUSTER_DIR", dir.toString(),
        "GATEHOUSE_CLUSTER_PG_NAME", "gatehouse_it",
        "GATEHOUSE_CLUSTER_PG_PORT", Integer.toString(base + 10),
        "GATEHOUSE_CLUSTER_REST_PORT", Integer.toString(base + 11),
        "GATEHOUSE_CLUSTER_GRPC_PORT", Integer.toString(base + 12),
        "GATEHOUSE_CLUSTER_REPLICA_REST_BASE", Integer.toString(base),
        "GATEHOUSE_CLUSTER_REPLICA_GRPC_BASE", Integer.toString(base + 3),
        "GATEHOUSE_CLUSTER_REPLICA_MGMT_BASE", Integer.toString(base + 6),
        "GATEHOUSE_CLUSTER_HEAP", "512m"));
    run("destroy"); // whatever an earlier run left
    Files.createDirectories(dir);
    run("start");
    rest = "http://127.0.0.1:" + env.get("GATEHOUSE_CLUSTER_REST_PORT");
    grpcPort = Integer.parseInt(env.get("GATEHOUSE_CLUSTER_GRPC_PORT"));
    token = "gat_cluster-" + Files.readString(dir.resolve("admin-secret")).trim();
  }

  @AfterAll
  static void destroy() throws Exception {
    if (env != null) {
      run("destroy");
    }
  }

  @Test
  void aReplicaKilledUnderLoadCostsAtMostTheRequestsItHeld() throws Exception {
    assertThat(send("POST", rest + "/api/2.1/unity-catalog/catalogs", "{\"name\":\"fault\"}", token).statusCode())
        .isEqualTo(200);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    AtomicBoolean running = new AtomicBoolean(true);
    Map<String, Integer> answers = new ConcurrentHashMap<>();
    Set<String> done = ConcurrentHashMap.newKeySet();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> clients = new java.util.ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(pool.submit(() -> {
          int i = 0;
          while (running.get()) {
            String schema = "s_" + client + "_" + i++;
            try {
              HttpResponse<String> create = send("POST", rest + "/api/2.1/unity-catalog/schemas",
                  "{\"name\":\"" + schema + "\",\"catalog_name\":\"fault\"}", token);
              answers.merge("create " + create.statusCode(), 1, Integer::sum);
              if (create.statusCode() == 200 || create.statusCode() == 409) {
                done.add(schema); // 409: a retry of a create the killed replica had committed
              } else {
                failures.add("create " + schema + ": " + create.statusCode() + " " + create.body());
              }
              HttpResponse<String> read = send("GET", rest + "/api/2.1/unity-catalog/catalogs/fault", null, token);
              answers.merge("read " + read.statusCode(), 1, Integer::sum);
              if (read.statusCode() != 200) {
                failures.add("read: " + read.statusCode() + " " + read.body());
              }
              authorize(channel, answers, failures);
            } catch (Exception e) {
              failures.add(schema + ": " + e);
            }
          }
          return null;
        }));
      }
      Thread.sleep(5_000);
      run("kill", "2");
      Thread.sleep(5_000);
      run("restart", "2");
      Thread.sleep(5_000);
      running.set(false);
      for (Future<?> client : clients) {
        client.get(60, TimeUnit.SECONDS);
      }
    } finally {
      running.set(false);
      pool.shutdownNow();
      channel.shutdownNow();
    }
    System.out.println("Answers through HAProxy while replica 2 was killed and restarted: " + answers
        + "; failures: " + failures);
    assertThat(answers.getOrDefault("read 200", 0)).isGreaterThan(20);
    assertThat(failures).as("requests that were on the killed replica, at most one per client").hasSizeLessThanOrEqualTo(CLIENTS)
        // A request in flight on the killed replica ends as a 5xx or, when HAProxy had already sent
        // it on and may not retry a write, as a connection closed without an answer.
        .allSatisfy(f -> assertThat(f).containsAnyOf(": 502", ": 503", ": 504", "UNAVAILABLE", "received no bytes"));
    for (String schema : done) {
      assertThat(send("GET", rest + "/api/2.1/unity-catalog/schemas/fault." + schema, null, token).statusCode())
          .as("schema " + schema + ", answered as created").isEqualTo(200);
    }
  }

  private static void authorize(ManagedChannel channel, Map<String, Integer> answers, ConcurrentLinkedQueue<String> failures) {
    Metadata bearer = new Metadata();
    bearer.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    try {
      boolean allowed = AuthorizationServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .authorize(AuthorizeRequest.newBuilder().addChecks(Check.newBuilder()
              .setSecurable(SecurableRef.newBuilder().setType(SecurableType.CATALOG).setFullName("fault"))
              .setPrivilege(Privilege.USE_CATALOG)).build())
          .getDecisions(0).getAllowed();
      answers.merge("authorize " + allowed, 1, Integer::sum);
    } catch (StatusRuntimeException e) {
      answers.merge("authorize " + e.getStatus().getCode(), 1, Integer::sum);
      failures.add("authorize: " + e.getStatus());
    }
  }

  private static void run(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(Path.of("target").toAbsolutePath(), "cluster-" + args[0] + "-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(600, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("scripts/cluster " + String.join(" ", args) + " did not finish:\n" + Files.readString(log));
    }
    assertThat(process.exitValue()).as("scripts/cluster " + String.join(" ", args) + ":\n" + Files.readString(log)).isZero();
  }
}
