package io.gatehouse.server.network;

import io.gatehouse.server.audit.RepeatedRefusals;
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
 * The IP access lists on gRPC: a call from an address they keep out is closed with
 * PERMISSION_DENIED before anything reads its credential. The address is the transport's peer,
 * or, from a trusted proxy, the forwarding header's (as metadata), as for HTTP.
 */
@ApplicationScoped
@GlobalInterceptor
public class IpAccessInterceptor implements ServerInterceptor {
  private final IpAccessLists lists;
  private final ClientAddress clients;
  private final RepeatedRefusals refusals;
  private final Metadata.Key<String> forwarded;

  IpAccessInterceptor(IpAccessLists lists, ClientAddress clients, RepeatedRefusals refusals) {
    this.lists = lists;
    this.clients = clients;
    this.refusals = refusals;
    this.forwarded = Metadata.Key.of(clients.header(), Metadata.ASCII_STRING_MARSHALLER);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    IpAccessPolicy policy = lists.policy();
    if (!policy.enabled()) {
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
    String refusal = policy.refusal(client.address());
    if (refusal == null) {
      return next.startCall(call, headers);
    }
    refusals.refused(new RepeatedRefusals.Kind(client.text(), null, "IP_ACCESS_DENIED", null, null, "PERMISSION_DENIED " + refusal),
        UUID.randomUUID().toString());
    call.close(Status.PERMISSION_DENIED.withDescription(
        "Source address " + client.text() + " may not call this workspace: " + refusal + " of the IP access lists."), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
