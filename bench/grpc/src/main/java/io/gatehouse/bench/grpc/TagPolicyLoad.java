package io.gatehouse.bench.grpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attribute-based policies at size: 1,000 tables of 10 columns, every column tagged (10,000
 * tagged columns), every table tagged; decisions (gRPC Authorize, batches of 1 and 100) and
 * ResolveTable measured first without any policy, then with 1,000 policies on the catalog (500
 * column masks, each matching the columns of one tag value, and 500 DENY policies, each matching
 * the tables of one tag value and applying to everyone but the benchmark's group), and the ratio
 * of the two; grpc-java's empty unary call in the same run is the machine marker.
 *
 * <p>Usage: TagPolicyLoad http-port grpc-port admin-token seconds [in-flight]
 */
public final class TagPolicyLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TABLES = 1000;
  private static final int COLUMNS = 10;
  private static final int MASK_POLICIES = 500;
  private static final int DENY_POLICIES = 500;

  private TagPolicyLoad() {}

  public static void main(String[] args) throws Exception {
    int httpPort = Integer.parseInt(args[0]);
    int grpcPort = Integer.parseInt(args[1]);
    String admin = args[2];
    int seconds = Integer.parseInt(args[3]);
    int inFlight = args.length > 4 ? Integer.parseInt(args[4]) : 16;

    long seeding = System.nanoTime();
    String[] seeded = seed(httpPort, admin);
    String token = seeded[0];
    String group = seeded[1];
    System.out.printf("seeded %d tables, %d tagged columns in %.1f s%n", TABLES, TABLES * COLUMNS,
        (System.nanoTime() - seeding) / 1e9);

    Server bare = NettyServerBuilder.forPort(0).addService(AuthorizeLoad.emptyService()).build().start();
    ManagedChannel bareChannel = NettyChannelBuilder.forAddress("127.0.0.1", bare.getPort()).usePlaintext().build();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    Metadata auth = new Metadata();
    auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    var stub = AuthorizationServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
    var tables = TableServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
    var blockingTables = TableServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));

    System.out.printf("in flight %d, %d s per workload, a service principal granted through a nested group%n",
        inFlight, seconds);
    System.out.printf("%-34s %12s %12s %10s %10s%n", "workload", "calls/s", "checks/s", "p50 us", "p99 us");
    Map<String, AuthorizeLoad.Result> without = measure(seconds, inFlight, bareChannel, stub, tables, "no policies");

    long creating = System.nanoTime();
    createPolicies(httpPort, admin, group);
    System.out.printf("created %d policies in %.1f s (one script)%n", MASK_POLICIES + DENY_POLICIES,
        (System.nanoTime() - creating) / 1e9);
    ResolveTableResponse sample = blockingTables.resolveTable(ResolveTableRequest.newBuilder().setFullName("benchtag.s.t7").build());
    System.out.printf("benchtag.s.t7 resolves with %d masks, policy version %d%n", sample.getColumnMasksCount(),
        sample.getPolicyVersion());
    Map<String, AuthorizeLoad.Result> with = measure(seconds, inFlight, bareChannel, stub, tables, "1,000 policies");
    System.out.println();
    System.out.printf("%-34s %12s%n", "ratio with / without policies", "calls/s");
    for (String workload : List.of("Authorize batch 1", "Authorize batch 100", "ResolveTable")) {
      System.out.printf("%-34s %12.2f%n", workload, with.get(workload).callsPerSecond() / without.get(workload).callsPerSecond());
    }
    channel.shutdownNow();
    bareChannel.shutdownNow();
    bare.shutdownNow();
  }

  private static Map<String, AuthorizeLoad.Result> measure(int seconds, int inFlight, ManagedChannel bareChannel,
      AuthorizationServiceGrpc.AuthorizationServiceStub stub, TableServiceGrpc.TableServiceStub tables, String label)
      throws InterruptedException {
    Map<String, AuthorizeLoad.Result> results = new java.util.LinkedHashMap<>();
    for (int round = 0; round < 2; round++) {
      boolean measure = round == 1; // the first round warms both JVMs up
      results.put("empty", AuthorizeLoad.run(seconds, inFlight, done -> ClientCalls.asyncUnaryCall(
          bareChannel.newCall(AuthorizeLoad.EMPTY, CallOptions.DEFAULT), new byte[0], AuthorizeLoad.observer(done))));
      for (int batch : new int[] {1, 100}) {
        AuthorizeRequest[] requests = requests(batch);
        AtomicLong next = new AtomicLong();
        results.put("Authorize batch " + batch, AuthorizeLoad.run(seconds, inFlight, done -> stub.authorize(
            requests[(int) (next.getAndIncrement() % requests.length)], AuthorizeLoad.observer(done))));
      }
      AtomicLong nextTable = new AtomicLong();
      results.put("ResolveTable", AuthorizeLoad.run(seconds, inFlight, done -> tables.resolveTable(
          ResolveTableRequest.newBuilder().setFullName("benchtag.s.t" + (nextTable.getAndIncrement() * 7919 % TABLES)).build(),
          AuthorizeLoad.observer(done))));
    }
    for (var e : results.entrySet()) {
      AuthorizeLoad.Result r = e.getValue();
      String name = e.getKey().equals("empty") ? "grpc-java empty unary" : e.getKey();
      int batch = name.startsWith("Authorize batch ") ? Integer.parseInt(name.substring(16)) : 0;
      System.out.printf("%-34s %12.0f %12s %10d %10d%n", name + " (" + label + ")", r.callsPerSecond(),
          batch == 0 ? "-" : String.format("%.0f", r.callsPerSecond() * batch), r.p50Micros(), r.p99Micros());
    }
    return results;
  }

  private static AuthorizeRequest[] requests(int batch) {
    AuthorizeRequest[] requests = new AuthorizeRequest[64];
    Random random = new Random(batch);
    for (int r = 0; r < requests.length; r++) {
      AuthorizeRequest.Builder b = AuthorizeRequest.newBuilder();
      for (int i = 0; i < batch; i++) {
        b.addChecks(Check.newBuilder()
            .setSecurable(SecurableRef.newBuilder().setType(SecurableType.TABLE)
                .setFullName("benchtag.s.t" + random.nextInt(TABLES)))
            .setPrivilege(Privilege.SELECT));
      }
      requests[r] = b.build();
    }
    return requests;
  }

  // --- seeding over REST ------------------------------------------------------------------
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * Catalog benchtag: 1,000 tables of 10 columns; column c of table t tagged pii = v((t * 10 + c)
   * % 500), table t tagged dept = d(t % 500); a service principal whose USE and SELECT come
   * through a nested group. Returns its token and the group's name.
   */
  private static String[] seed(int port, String admin) throws Exception {
    String appId = "tag-bench-" + System.nanoTime();
    String sp = (String) post(port, admin, "/api/2.0/scim/v2/ServicePrincipals", Map.of(
        "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"),
        "applicationId", appId, "displayName", "tag policy bench")).get("id");
    String inner = (String) post(port, admin, "/api/2.0/scim/v2/Groups", Map.of(
        "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
        "displayName", appId + "-inner", "members", List.of(Map.of("value", sp)))).get("id");
    String outer = appId + "-outer";
    post(port, admin, "/api/2.0/scim/v2/Groups", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
        "displayName", outer, "members", List.of(Map.of("value", inner))));
    sql(port, admin, "CREATE CATALOG IF NOT EXISTS benchtag; CREATE SCHEMA IF NOT EXISTS benchtag.s;"
        + " CREATE FUNCTION benchtag.s.mask(v STRING) RETURN '***';"
        + " GRANT USE CATALOG, USE SCHEMA, SELECT ON CATALOG benchtag TO `" + outer + "`");
    for (int from = 0; from < TABLES; from += 100) {
      StringBuilder script = new StringBuilder();
      for (int t = from; t < from + 100; t++) {
        script.append("CREATE TABLE IF NOT EXISTS benchtag.s.t").append(t).append(" (");
        for (int c = 0; c < COLUMNS; c++) {
          script.append(c == 0 ? "" : ", ").append("c").append(c).append(" STRING");
        }
        script.append(") LOCATION 's3://bench/tag/t").append(t).append("';");
        script.append("ALTER TABLE benchtag.s.t").append(t).append(" SET TAGS ('dept' = 'd").append(t % DENY_POLICIES)
            .append("');");
        for (int c = 0; c < COLUMNS; c++) {
          script.append("ALTER TABLE benchtag.s.t").append(t).append(" ALTER COLUMN c").append(c)
              .append(" SET TAGS ('pii' = 'v").append((t * COLUMNS + c) % MASK_POLICIES).append("');");
        }
      }
      sql(port, admin, script.toString());
    }
    String token = (String) post(port, admin, "/api/2.0/token-management/on-behalf-of/tokens",
        Map.of("application_id", appId, "lifetime_seconds", 3600)).get("token_value");
    return new String[] {token, outer};
  }

  /** 500 mask policies (one per pii value) and 500 DENY policies (one per dept value) exempting {@code group}. */
  private static void createPolicies(int port, String admin, String group) throws Exception {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < MASK_POLICIES; i++) {
      script.append("CREATE POLICY m").append(i).append(" ON CATALOG benchtag COLUMN MASK benchtag.s.mask")
          .append(" TO `account users` FOR TABLES MATCH COLUMNS hasTagValue('pii', 'v").append(i)
          .append("') AS c ON COLUMN c;");
    }
    for (int i = 0; i < DENY_POLICIES; i++) {
      script.append("CREATE POLICY d").append(i).append(" ON CATALOG benchtag DENY SELECT TO `account users` EXCEPT `")
          .append(group).append("` FOR TABLES WHEN hasTagValue('dept', 'd").append(i).append("');");
    }
    sql(port, admin, script.toString());
  }

  private static void sql(int port, String admin, String script) throws Exception {
    post(port, admin, "/api/gatehouse/v1/sql", Map.of("statement", script));
  }

  private static Map<?, ?> post(int port, String token, String path, Object body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(r.statusCode() + " " + r.body().substring(0, Math.min(2000, r.body().length())));
    }
    return r.body().isEmpty() ? Map.of() : JSON.readValue(r.body(), Map.class);
  }
}
