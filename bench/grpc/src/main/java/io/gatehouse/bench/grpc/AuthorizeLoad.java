package io.gatehouse.bench.grpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.ListAuthorizedRequest;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Drives Gatehouse's gRPC Authorize with batches of 1, 10 and 100 checks, ResolveTable (no
 * credentials) and ListAuthorized (a page of 100 tables) over loopback, and, in
 * the same run, grpc-java's plain empty unary call on a bare grpc-java server, so that the two can
 * be compared as a ratio. Closed loop: a fixed number of calls in flight on one channel.
 *
 * <p>Usage: AuthorizeLoad http-port grpc-port admin-token seconds [in-flight]
 */
public final class AuthorizeLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TABLES = 1000;

  public static void main(String[] args) throws Exception {
    int httpPort = Integer.parseInt(args[0]);
    int grpcPort = Integer.parseInt(args[1]);
    String admin = args[2];
    int seconds = Integer.parseInt(args[3]);
    int inFlight = args.length > 4 ? Integer.parseInt(args[4]) : 16;

    String token = seed(httpPort, admin);

    Server bare = NettyServerBuilder.forPort(0).addService(emptyService()).build().start();
    ManagedChannel bareChannel = NettyChannelBuilder.forAddress("127.0.0.1", bare.getPort()).usePlaintext().build();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    Metadata auth = new Metadata();
    auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    var stub = AuthorizationServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
    var tables = TableServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));

    System.out.printf("in flight %d, %d s per workload, a service principal granted through a nested group, %d tables%n",
        inFlight, seconds, TABLES);
    System.out.printf("%-22s %12s %12s %10s %10s%n", "workload", "calls/s", "checks/s", "p50 us", "p99 us");
    for (int round = 0; round < 2; round++) {
      boolean measure = round == 1; // the first round warms both JVMs up
      Result empty = run(seconds, inFlight, done -> ClientCalls.asyncUnaryCall(
          bareChannel.newCall(EMPTY, CallOptions.DEFAULT), new byte[0], observer(done)));
      if (measure) {
        print("grpc-java empty unary", empty, 0);
      }
      for (int batch : new int[] {1, 10, 100}) {
        AuthorizeRequest[] requests = requests(batch);
        AtomicLong next = new AtomicLong();
        Result r = run(seconds, inFlight, done -> stub.authorize(
            requests[(int) (next.getAndIncrement() % requests.length)], observer(done)));
        if (measure) {
          print("Authorize batch " + batch, r, batch);
          System.out.printf("%-22s %12.2f%n", "  ratio to empty", r.callsPerSecond() / empty.callsPerSecond());
        }
      }
      // ResolveTable without credentials, on the tables the principal may read (t0, t2, ...).
      AtomicLong nextTable = new AtomicLong();
      Result resolve = run(seconds, inFlight, done -> tables.resolveTable(ResolveTableRequest.newBuilder()
          .setFullName("benchgrpc.s.t" + (2 * (nextTable.getAndIncrement() * 7919 % (TABLES / 2)))).build(), observer(done)));
      // ListAuthorized: the first page (100) of the schema's tables the principal may see (500 of 1,000).
      Result list = run(seconds, inFlight, done -> stub.listAuthorized(ListAuthorizedRequest.newBuilder()
          .setType(SecurableType.TABLE).setParent("benchgrpc.s").setPageSize(100).build(), observer(done)));
      if (measure) {
        print("ResolveTable", resolve, 0);
        System.out.printf("%-22s %12.2f%n", "  ratio to empty", resolve.callsPerSecond() / empty.callsPerSecond());
        print("ListAuthorized 100", list, 0);
        System.out.printf("%-22s %12.2f%n", "  ratio to empty", list.callsPerSecond() / empty.callsPerSecond());
      }
    }
    channel.shutdownNow();
    bareChannel.shutdownNow();
    bare.shutdownNow();
  }

  record Result(double callsPerSecond, long p50Micros, long p99Micros) {}

  private static void print(String name, Result r, int batch) {
    System.out.printf("%-22s %12.0f %12s %10d %10d%n", name, r.callsPerSecond(),
        batch == 0 ? "-" : String.format("%.0f", r.callsPerSecond() * batch), r.p50Micros(), r.p99Micros());
  }

  /** Keeps {@code inFlight} calls going for {@code seconds}; each call reports its own end. */
  static Result run(int seconds, int inFlight, Consumer<Runnable> call) throws InterruptedException {
    Semaphore window = new Semaphore(inFlight);
    long[] latencies = new long[4_000_000];
    AtomicLong count = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long start = System.nanoTime();
    while (System.nanoTime() < end) {
      window.acquire();
      long began = System.nanoTime();
      call.accept(() -> {
        long i = count.getAndIncrement();
        if (i < latencies.length) {
          latencies[(int) i] = System.nanoTime() - began;
        }
        window.release();
      });
    }
    window.acquire(inFlight);
    double elapsed = (System.nanoTime() - start) / 1e9;
    int n = (int) Math.min(count.get(), latencies.length);
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    return new Result(count.get() / elapsed, sorted[n / 2] / 1000, sorted[(int) (n * 0.99)] / 1000);
  }

  static <T> StreamObserver<T> observer(Runnable done) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {}

      @Override
      public void onError(Throwable t) {
        System.err.println("call failed: " + t);
        done.run();
      }

      @Override
      public void onCompleted() {
        done.run();
      }
    };
  }

  private static AuthorizeRequest[] requests(int batch) {
    AuthorizeRequest[] requests = new AuthorizeRequest[64];
    java.util.Random random = new java.util.Random(batch);
    for (int r = 0; r < requests.length; r++) {
      AuthorizeRequest.Builder b = AuthorizeRequest.newBuilder();
      for (int i = 0; i < batch; i++) {
        int t = random.nextInt(TABLES);
        b.addChecks(Check.newBuilder()
            .setSecurable(SecurableRef.newBuilder().setType(SecurableType.TABLE).setFullName("benchgrpc.s.t" + t))
            .setPrivilege(random.nextBoolean() ? Privilege.SELECT : Privilege.MODIFY));
      }
      requests[r] = b.build();
    }
    return requests;
  }

  // --- grpc-java's empty unary call, on a bare server -------------------------------------
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  static final MethodDescriptor<byte[], byte[]> EMPTY = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("bench.Empty/Call")
      .setRequestMarshaller(BYTES)
      .setResponseMarshaller(BYTES)
      .build();

  static ServerServiceDefinition emptyService() {
    return ServerServiceDefinition.builder("bench.Empty")
        .addMethod(EMPTY, ServerCalls.asyncUnaryCall((request, out) -> {
          out.onNext(new byte[0]);
          out.onCompleted();
        }))
        .build();
  }

  // --- seeding over REST ------------------------------------------------------------------
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * A catalog of 1,000 tables and a service principal whose USE and SELECT (on every other table)
   * come through a nested group; returns the service principal's token.
   */
  private static String seed(int port, String admin) throws Exception {
    String appId = "grpc-bench-" + System.nanoTime();
    String sp = (String) post(port, admin, "/api/2.0/scim/v2/ServicePrincipals", Map.of(
        "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"),
        "applicationId", appId, "displayName", "gRPC bench")).get("id");
    String inner = (String) post(port, admin, "/api/2.0/scim/v2/Groups", Map.of(
        "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
        "displayName", appId + "-inner", "members", List.of(Map.of("value", sp)))).get("id");
    String outer = appId + "-outer";
    post(port, admin, "/api/2.0/scim/v2/Groups", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
        "displayName", outer, "members", List.of(Map.of("value", inner))));
    StringBuilder script = new StringBuilder("CREATE CATALOG IF NOT EXISTS benchgrpc; CREATE SCHEMA IF NOT EXISTS benchgrpc.s;");
    for (int t = 0; t < TABLES; t++) {
      script.append("CREATE TABLE IF NOT EXISTS benchgrpc.s.t").append(t)
          .append(" (id INT, v STRING) LOCATION 's3://bench/grpc/t").append(t).append("';");
    }
    script.append("GRANT USE CATALOG, USE SCHEMA ON CATALOG benchgrpc TO `").append(outer).append("`;");
    for (int t = 0; t < TABLES; t += 2) {
      script.append("GRANT SELECT ON TABLE benchgrpc.s.t").append(t).append(" TO `").append(outer).append("`;");
    }
    post(port, admin, "/api/gatehouse/v1/sql", Map.of("statement", script.toString()));
    return (String) post(port, admin, "/api/2.0/token-management/on-behalf-of/tokens",
        Map.of("application_id", appId, "lifetime_seconds", 3600)).get("token_value");
  }

  private static Map<?, ?> post(int port, String token, String path, Object body) throws Exception {
    return send(port, token, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private static Map<?, ?> send(int port, String token, HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r = HTTP.send(request.header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
    return r.body().isEmpty() ? Map.of() : JSON.readValue(r.body(), Map.class);
  }
}
