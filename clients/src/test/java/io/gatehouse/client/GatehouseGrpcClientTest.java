package io.gatehouse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.AuthorizeResponse;
import io.gatehouse.proto.v1.AuthorizedSecurable;
import io.gatehouse.proto.v1.Decision;
import io.gatehouse.proto.v1.ListAuthorizedRequest;
import io.gatehouse.proto.v1.ListAuthorizedResponse;
import io.gatehouse.proto.v1.PolicyVersion;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.proto.v1.WatchPolicyVersionRequest;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC client against a scripted server over a real socket: metadata, statuses, retries, paging, streams. */
class GatehouseGrpcClientTest {
  private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
  private static final io.grpc.Context.Key<Metadata> HEADERS = io.grpc.Context.key("headers");

  private final List<Metadata> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile Status failWith = Status.UNAVAILABLE;
  private volatile StreamObserver<PolicyVersion> watcher;
  private Server server;
  private GatehouseGrpcClient client;

  @BeforeEach
  void start() throws Exception {
    ServerInterceptor capture = new ServerInterceptor() {
      @Override
      public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
          io.grpc.ServerCall<Q, R> call, Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
        seen.add(headers);
        return Contexts.interceptCall(io.grpc.Context.current().withValue(HEADERS, headers), call, headers, next);
      }
    };
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(new FakeAuthorization(), capture)).build().start();
    client = GatehouseGrpcClient.builder("127.0.0.1", server.getPort()).token("gat_engine")
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), 2.0)).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  final class FakeAuthorization extends AuthorizationServiceGrpc.AuthorizationServiceImplBase {
    @Override
    public void authorize(AuthorizeRequest request, StreamObserver<AuthorizeResponse> out) {
      if (failuresLeft.getAndDecrement() > 0) {
        out.onError(failWith.asRuntimeException());
        return;
      }
      AuthorizeResponse.Builder r = AuthorizeResponse.newBuilder().setPolicyVersion(7);
      request.getChecksList().forEach(c -> r.addDecisions(Decision.newBuilder()
          .setAllowed(c.getPrivilege() == Privilege.SELECT).setReason(request.getOnBehalfOf())));
      out.onNext(r.build());
      out.onCompleted();
    }

    @Override
    public void listAuthorized(ListAuthorizedRequest request, StreamObserver<ListAuthorizedResponse> out) {
      int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
      ListAuthorizedResponse.Builder r = ListAuthorizedResponse.newBuilder();
      for (int i = from; i < Math.min(5, from + request.getPageSize()); i++) {
        r.addSecurables(AuthorizedSecurable.newBuilder().setFullName(request.getParent() + ".t" + i));
      }
      if (from + request.getPageSize() < 5) {
        r.setNextPageToken(Integer.toString(from + request.getPageSize()));
      }
      out.onNext(r.build());
      out.onCompleted();
    }

    @Override
    public void watchPolicyVersion(WatchPolicyVersionRequest request, StreamObserver<PolicyVersion> out) {
      // Known before the first version goes out: the test answers that version by pushing the next.
      watcher = out;
      out.onNext(PolicyVersion.newBuilder().setVersion(1).build());
    }
  }

  @Test
  void authorizeSendsTheTokenAndARequestIdAndKeepsTheOrder() {
    AuthorizeResponse r = client.authorize(List.of(
        GatehouseGrpcClient.check(SecurableType.TABLE, "c.s.t", Privilege.SELECT),
        GatehouseGrpcClient.check(SecurableType.TABLE, "c.s.t", Privilege.MODIFY)), "alice@example.com");
    assertThat(r.getDecisionsList()).extracting(Decision::getAllowed).containsExactly(true, false);
    assertThat(r.getDecisions(0).getReason()).isEqualTo("alice@example.com");
    assertThat(seen.get(0).get(AUTHORIZATION)).isEqualTo("Bearer gat_engine");
    assertThat(seen.get(0).get(REQUEST_ID)).isNotBlank();
  }

  @Test
  void unavailableIsRetriedAndOtherStatusesAreTypedExceptions() {
    failuresLeft.set(2);
    assertThat(client.authorize(List.of(GatehouseGrpcClient.check(SecurableType.CATALOG, "c", Privilege.SELECT)))
        .getPolicyVersion()).isEqualTo(7);
    assertThat(seen).hasSize(3);

    failuresLeft.set(1);
    failWith = Status.PERMISSION_DENIED.withDescription("not in the engines group");
    assertThatThrownBy(() -> client.authorize(List.of()))
        .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("not in the engines group");
          assertThat(e.requestId()).isEqualTo(seen.get(seen.size() - 1).get(REQUEST_ID));
          assertThat(e.httpStatus()).isZero();
        });
    assertThat(seen).hasSize(4);

    failuresLeft.set(10);
    failWith = Status.UNAVAILABLE;
    assertThatThrownBy(() -> client.authorize(List.of())).isInstanceOf(UnavailableException.class);
    assertThat(seen).hasSize(7);

    for (var c : List.of(Status.NOT_FOUND, Status.UNAUTHENTICATED, Status.INVALID_ARGUMENT, Status.FAILED_PRECONDITION,
        Status.RESOURCE_EXHAUSTED, Status.INTERNAL)) {
      failuresLeft.set(1);
      failWith = c;
      assertThatThrownBy(() -> client.authorize(List.of())).isInstanceOfSatisfying(GatehouseException.class,
          e -> assertThat(e.code().grpcCode()).isEqualTo(c.getCode().value()));
    }
  }

  @Test
  void aDeadlineThatPassesIsDeadlineExceeded() {
    GatehouseGrpcClient hasty = GatehouseGrpcClient.builder("127.0.0.1", server.getPort()).token("t")
        .deadline(Duration.ofNanos(1)).build();
    try {
      assertThatThrownBy(() -> hasty.authorize(List.of())).isInstanceOf(DeadlineExceededException.class);
    } finally {
      hasty.close();
    }
  }

  @Test
  void listAuthorizedPagesThroughEveryPage() {
    Paged<AuthorizedSecurable> all = client.listAuthorized(SecurableType.TABLE, "c.s", null, 2, null);
    assertThat(all.stream().map(AuthorizedSecurable::getFullName)).containsExactly("c.s.t0", "c.s.t1", "c.s.t2", "c.s.t3", "c.s.t4");
    assertThat(seen).hasSize(3);
  }

  @Test
  void watchDeliversVersionsAndReportsTheEndOfTheStream() throws Exception {
    BlockingQueue<Long> versions = new ArrayBlockingQueue<>(10);
    BlockingQueue<Object> ends = new ArrayBlockingQueue<>(10);
    GatehouseGrpcClient.PolicyWatch watch = client.watchPolicyVersion(versions::add, e -> ends.add(e == null ? "done" : e));
    assertThat(versions.poll(5, TimeUnit.SECONDS)).isEqualTo(1L);
    watcher.onNext(PolicyVersion.newBuilder().setVersion(2).build());
    assertThat(versions.poll(5, TimeUnit.SECONDS)).isEqualTo(2L);
    watcher.onError(Status.UNAUTHENTICATED.withDescription("token revoked").asRuntimeException());
    assertThat(ends.poll(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(UnauthenticatedException.class,
        e -> assertThat(e.getMessage()).isEqualTo("token revoked"));
    watch.close();

    GatehouseGrpcClient.PolicyWatch second = client.watchPolicyVersion(versions::add, e -> ends.add("ended"));
    assertThat(versions.poll(5, TimeUnit.SECONDS)).isEqualTo(1L);
    second.close();
    assertThat(ends.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }
}
