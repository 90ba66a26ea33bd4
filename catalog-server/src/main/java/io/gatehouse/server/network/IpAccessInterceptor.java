package io.gatehouse.server.network;

import io.gatehouse.server.audit.RepeatedRefusals;
import io.gatehouse.server.identity.Workspaces;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.UUID;

/**
 * The IP access lists on gRPC: a call from an address the lists of the workspace it addresses
 * (metadata {@code x-databricks-org-id} or its authority; else the default workspace) keep out is
 * closed with PERMISSION_DENIED before anything reads its credential, and one whose caller acts in
 * another workspace is checked against that one's lists after authentication ({@link #refusalIn}). The address is the transport's peer,
 * or, from a trusted proxy, the forwarding header's (as metadata), as for HTTP.
 */
@ApplicationScoped
@GlobalInterceptor
public class IpAccessInterceptor implements ServerInterceptor {
  private static final Context.Key<ClientAddress.Resolved> CLIENT = Context.key("gatehouse-ip-access-client");
  private static final Context.Key<Long> CHECKED = Context.key("gatehouse-ip-access-checked");
  private static final Metadata.Key<String> WORKSPACE = Metadata.Key.of("x-databricks-org-id", Metadata.ASCII_STRING_MARSHALLER);

  private final IpAccessLists lists;
  private final ClientAddress clients;
  private final Workspaces workspaces;
  private final RepeatedRefusals refusals;
  private final Metadata.Key<String> forwarded;

  IpAccessInterceptor(IpAccessLists lists, ClientAddress clients, Workspaces workspaces, RepeatedRefusals refusals) {
    this.lists = lists;
    this.clients = clients;
    this.workspaces = workspaces;
    this.refusals = refusals;
    this.forwarded = Metadata.Key.of(clients.header(), Metadata.ASCII_STRING_MARSHALLER);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!lists.anyEnabled()) {
      return next.startCall(call, headers);
    }
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    String peer = remote instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress() : null;
    Iterable<String> values = headers.getAll(forwarded);
    List<String> hops = new java.util.ArrayList<>();
    if (values != null) {
      values.forEach(hops::add);
    }
    ClientAddress.Resolved client = clients.resolve(peer, hops);
    long workspace = workspaces.addressedOrDefault(headers.get(WORKSPACE), call.getAuthority());
    String refusal = lists.policy(workspace).refusal(client.address());
    if (refusal == null) {
      Context context = Context.current().withValue(CLIENT, client).withValue(CHECKED, workspace);
      return Contexts.interceptCall(context, call, headers, next);
    }
    refusals.refused(new RepeatedRefusals.Kind(client.text(), null, "IP_ACCESS_DENIED", null, null, "PERMISSION_DENIED " + refusal),
        UUID.randomUUID().toString());
    call.close(Status.PERMISSION_DENIED.withDescription(message(client, refusal)), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /**
   * Why the current call may not go on in {@code workspace}, the one its caller turned out to act
   * in, or null: the lists were checked before authentication for the workspace the call
   * addressed (or the default one), and are checked again here when that was another one.
   */
  public String refusalIn(long workspace) {
    if (!needsCheck(workspace)) {
      return null;
    }
    ClientAddress.Resolved client = CLIENT.get();
    String refusal = lists.policy(workspace).refusal(client.address());
    if (refusal == null) {
      return null;
    }
    refusals.refused(new RepeatedRefusals.Kind(client.text(), null, "IP_ACCESS_DENIED", null, null, "PERMISSION_DENIED " + refusal),
        UUID.randomUUID().toString());
    return message(client, refusal);
  }

  /** Whether the current call must still be checked against {@code workspace}'s lists. */
  public boolean needsCheck(long workspace) {
    Long checked = CHECKED.get();
    return CLIENT.get() != null && checked != null && checked != workspace;
  }

  private static String message(ClientAddress.Resolved client, String refusal) {
    return "Source address " + client.text() + " may not call this workspace: " + refusal + " of the IP access lists.";
  }
}
