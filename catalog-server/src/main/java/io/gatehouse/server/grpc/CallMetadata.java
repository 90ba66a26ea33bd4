package io.gatehouse.server.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.UUID;

/**
 * Captures what a call's metadata says about who calls, on the event loop and without blocking:
 * the authorization header, the call id ({@code x-request-id}, or a new one) and the peer's
 * address. The service methods verify the credential on a worker thread ({@link GrpcCalls}).
 */
@ApplicationScoped
@GlobalInterceptor
public class CallMetadata implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
  static final Context.Key<String> AUTHORIZATION_VALUE = Context.key("gatehouse-authorization");
  static final Context.Key<String> CALL_ID = Context.key("gatehouse-call-id");
  static final Context.Key<String> PEER = Context.key("gatehouse-peer");
  static final Metadata.Key<String> WORKSPACE = Metadata.Key.of("x-databricks-org-id", Metadata.ASCII_STRING_MARSHALLER);
  /** The workspace header's value and the call's authority (its host), for {@code Workspaces#addressed}. */
  static final Context.Key<String> WORKSPACE_VALUE = Context.key("gatehouse-workspace");
  static final Context.Key<String> AUTHORITY = Context.key("gatehouse-authority");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String id = headers.get(REQUEST_ID);
    if (id == null || id.isBlank() || id.length() > 128) {
      id = UUID.randomUUID().toString();
    }
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    String peer = remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : null;
    Context context = Context.current()
        .withValue(AUTHORIZATION_VALUE, headers.get(AUTHORIZATION))
        .withValue(CALL_ID, id)
        .withValue(PEER, peer)
        .withValue(WORKSPACE_VALUE, headers.get(WORKSPACE))
        .withValue(AUTHORITY, call.getAuthority());
    return Contexts.interceptCall(context, call, headers, next);
  }
}
