package io.gatehouse.client;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.AuthorizeResponse;
import io.gatehouse.proto.v1.AuthorizedSecurable;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.ListAuthorizedRequest;
import io.gatehouse.proto.v1.ListAuthorizedResponse;
import io.gatehouse.proto.v1.PolicyVersion;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.gatehouse.proto.v1.WatchPolicyVersionRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The engines' gRPC API ({@code gatehouse/v1}): batches of access checks, table resolution with
 * the row filter and masks in force, listings of what a principal may use, and the stream of
 * policy versions. Each call carries the bearer token and a fresh {@code x-request-id}, has a
 * deadline, and fails with the {@link GatehouseException} of its status. The unary calls are
 * reads and are retried on UNAVAILABLE by grpc-java's retry policy; the stream is not.
 */
public final class GatehouseGrpcClient implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;
  private final boolean ownsChannel;
  private final String token;
  private final Duration deadline;

  private GatehouseGrpcClient(ManagedChannel channel, boolean ownsChannel, String token, Duration deadline) {
    this.channel = channel;
    this.ownsChannel = ownsChannel;
    this.token = token;
    this.deadline = deadline;
  }

  /** A client of the server's gRPC port (9090 by default), over its own channel. */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /** One check: may the principal exercise {@code privilege} on the securable named {@code fullName}? */
  public static Check check(io.gatehouse.proto.v1.SecurableType type, String fullName, Privilege privilege) {
    return Check.newBuilder().setSecurable(SecurableRef.newBuilder().setType(type).setFullName(fullName))
        .setPrivilege(privilege).build();
  }

  /** Decides the checks for the caller; the decisions come in the order of the checks. */
  public AuthorizeResponse authorize(List<Check> checks) {
    return authorize(checks, null);
  }

  /** Decides the checks for {@code onBehalfOf} (needs the engines group), or the caller when null. */
  public AuthorizeResponse authorize(List<Check> checks, String onBehalfOf) {
    AuthorizeRequest.Builder request = AuthorizeRequest.newBuilder().addAllChecks(checks);
    if (onBehalfOf != null) {
      request.setOnBehalfOf(onBehalfOf);
    }
    return unary(id -> authorization(id).authorize(request.build()));
  }

  /** The table's metadata, row filter and masks for the caller. */
  public ResolveTableResponse resolveTable(String fullName) {
    return resolveTable(ResolveTableRequest.newBuilder().setFullName(fullName).build());
  }

  public ResolveTableResponse resolveTable(ResolveTableRequest request) {
    return unary(id -> tables(id).resolveTable(request));
  }

  /**
   * The securables of {@code type} under {@code parent} that the principal may use (holding
   * {@code privilege} when not null), read in pages as iterated.
   */
  public Paged<AuthorizedSecurable> listAuthorized(
      io.gatehouse.proto.v1.SecurableType type, String parent, Privilege privilege, int pageSize, String onBehalfOf) {
    ListAuthorizedRequest.Builder base = ListAuthorizedRequest.newBuilder().setType(type)
        .setParent(parent == null ? "" : parent).setPageSize(Math.max(0, pageSize));
    if (privilege != null) {
      base.setPrivilege(privilege);
    }
    if (onBehalfOf != null) {
      base.setOnBehalfOf(onBehalfOf);
    }
    return new Paged<>(token -> {
      ListAuthorizedRequest request = token == null ? base.build() : base.clone().setPageToken(token).build();
      ListAuthorizedResponse r = unary(id -> authorization(id).listAuthorized(request));
      return new Page<>(r.getSecurablesList(), r.getNextPageToken().isEmpty() ? null : r.getNextPageToken());
    });
  }

  /**
   * Follows the policy version: {@code onVersion} gets the current version at once and every
   * newer one as the server loads it. {@code onEnd} is called once when the stream ends by the
   * server (with the exception, e.g. {@link UnauthenticatedException} when the token was revoked,
   * or null); not when it is closed through the handle.
   */
  public PolicyWatch watchPolicyVersion(LongConsumer onVersion, Consumer<GatehouseException> onEnd) {
    String id = UUID.randomUUID().toString();
    PolicyWatch watch = new PolicyWatch();
    AuthorizationServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(id)))
        .watchPolicyVersion(WatchPolicyVersionRequest.getDefaultInstance(),
            new ClientResponseObserver<WatchPolicyVersionRequest, PolicyVersion>() {
              @Override
              public void beforeStart(ClientCallStreamObserver<WatchPolicyVersionRequest> call) {
                watch.call = call;
              }

              @Override
              public void onNext(PolicyVersion value) {
                onVersion.accept(value.getVersion());
              }

              @Override
              public void onError(Throwable t) {
                if (!watch.closed) {
                  onEnd.accept(t instanceof StatusRuntimeException s ? failure(s, id) : GatehouseException.of(
                      GatehouseException.Details.local(ErrorCode.UNAVAILABLE, String.valueOf(t.getMessage()), t)));
                }
              }

              @Override
              public void onCompleted() {
                if (!watch.closed) {
                  onEnd.accept(null);
                }
              }
            });
    return watch;
  }

  /** The handle of a running {@link #watchPolicyVersion}; closing it cancels the stream. */
  public static final class PolicyWatch implements AutoCloseable {
    private volatile ClientCallStreamObserver<WatchPolicyVersionRequest> call;
    private volatile boolean closed;

    @Override
    public void close() {
      closed = true;
      if (call != null) {
        call.cancel("closed by the client", null);
      }
    }
  }

  @Override
  public void close() {
    if (!ownsChannel) {
      return;
    }
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private AuthorizationServiceGrpc.AuthorizationServiceBlockingStub authorization(String id) {
    return withDeadline(AuthorizationServiceGrpc.newBlockingStub(channel).withInterceptors(
        MetadataUtils.newAttachHeadersInterceptor(headers(id))));
  }

  private TableServiceGrpc.TableServiceBlockingStub tables(String id) {
    return withDeadline(TableServiceGrpc.newBlockingStub(channel).withInterceptors(
        MetadataUtils.newAttachHeadersInterceptor(headers(id))));
  }

  private <S extends AbstractStub<S>> S withDeadline(S stub) {
    return stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  private Metadata headers(String requestId) {
    Metadata m = new Metadata();
    if (token != null) {
      m.put(AUTHORIZATION, "Bearer " + token);
    }
    m.put(REQUEST_ID, requestId);
    return m;
  }

  private interface Call<T> {
    T run(String requestId);
  }

  private static <T> T unary(Call<T> call) {
    String id = UUID.randomUUID().toString();
    try {
      return call.run(id);
    } catch (StatusRuntimeException e) {
      throw failure(e, id);
    }
  }

  static GatehouseException failure(StatusRuntimeException e, String requestId) {
    ErrorCode code = ErrorCode.forGrpcCode(e.getStatus().getCode().value());
    String description = e.getStatus().getDescription();
    return GatehouseException.of(new GatehouseException.Details(code, e.getStatus().getCode().name(),
        description != null ? description : e.getStatus().getCode().name(), 0, requestId, Map.of(), null, e));
  }

  public static final class Builder {
    private final String host;
    private final int port;
    private String token;
    private Duration deadline = Duration.ofSeconds(30);
    private boolean plaintext = true;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private ManagedChannel channel;

    private Builder(String host, int port) {
      this.host = Objects.requireNonNull(host);
      this.port = port;
    }

    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** The deadline of each unary call (30 s by default). */
    public Builder deadline(Duration deadline) {
      this.deadline = Objects.requireNonNull(deadline);
      return this;
    }

    /** TLS to the server; without it the channel is plaintext, as the server listens by default. */
    public Builder useTransportSecurity() {
      this.plaintext = false;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry);
      return this;
    }

    /** Uses {@code channel} instead of opening one (it is not shut down by {@link #close()}). */
    public Builder channel(ManagedChannel channel) {
      this.channel = channel;
      return this;
    }

    public GatehouseGrpcClient build() {
      if (channel != null) {
        return new GatehouseGrpcClient(channel, false, token, deadline);
      }
      NettyChannelBuilder b = NettyChannelBuilder.forAddress(host, port)
          .defaultServiceConfig(serviceConfig(retry))
          .enableRetry();
      if (plaintext) {
        b.usePlaintext();
      } else {
        b.useTransportSecurity();
      }
      return new GatehouseGrpcClient(b.build(), true, token, deadline);
    }
  }

  /** grpc-java's retry policy for the unary reads; its numbers are JSON numbers, hence doubles. */
  static Map<String, Object> serviceConfig(RetryPolicy retry) {
    List<Map<String, Object>> methods = List.of(
        Map.of("service", "gatehouse.v1.AuthorizationService", "method", "Authorize"),
        Map.of("service", "gatehouse.v1.AuthorizationService", "method", "ListAuthorized"),
        Map.of("service", "gatehouse.v1.TableService", "method", "ResolveTable"));
    if (retry.maxAttempts() < 2) {
      return Map.of();
    }
    Map<String, Object> policy = Map.of(
        "maxAttempts", (double) retry.maxAttempts(),
        "initialBackoff", seconds(retry.initialBackoff()),
        "maxBackoff", seconds(retry.maxBackoff()),
        "backoffMultiplier", retry.multiplier(),
        "retryableStatusCodes", List.of("UNAVAILABLE"));
    return Map.of("methodConfig", List.of(Map.of("name", methods, "retryPolicy", policy)));
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.3fs", Math.max(d.toMillis(), 1) / 1000.0);
  }
}
