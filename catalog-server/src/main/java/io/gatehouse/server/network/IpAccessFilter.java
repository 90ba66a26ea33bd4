package io.gatehouse.server.network;

import io.gatehouse.server.audit.RepeatedRefusals;
import io.gatehouse.server.common.ErrorBody;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.RequestIds;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;

/**
 * Refuses HTTP requests from addresses the IP access lists keep out, before authentication:
 * the API, the web pages under /ui, the OpenAPI document, metrics; only health probes pass, so
 * that an orchestrator can still see the server. Decided on the event loop, in memory. A refusal
 * is 403 in the error shape of the path (Unity Catalog, SCIM, Iceberg) naming the address, and is
 * audited as IP_ACCESS_DENIED, repeated refusals aggregated per address.
 */
@ApplicationScoped
public class IpAccessFilter {
  // After HttpFailures' request guard (100,000), before authentication (90,000).
  private static final int PRIORITY = 95_000;

  private final IpAccessLists lists;
  private final ClientAddress clients;
  private final RepeatedRefusals refusals;

  IpAccessFilter(IpAccessLists lists, ClientAddress clients, RepeatedRefusals refusals) {
    this.lists = lists;
    this.clients = clients;
    this.refusals = refusals;
  }

  void install(@Observes Filters filters) {
    filters.register(this::filter, PRIORITY);
  }

  private void filter(RoutingContext ctx) {
    IpAccessPolicy policy = lists.policy();
    String path = ctx.normalizedPath();
    if (!policy.enabled() && !clients.anyTrusted() || path != null && (path.equals("/q/health") || path.startsWith("/q/health/"))) {
      ctx.next();
      return;
    }
    String peer = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host();
    ClientAddress.Resolved client = clients.resolve(peer, ctx.request().headers().getAll(clients.header()));
    if (!client.text().equals(peer)) {
      // Behind a trusted proxy: audit records name the client, not the proxy.
      ctx.put(RequestIds.CLIENT_ADDRESS_KEY, client.text());
    }
    String refusal = policy.enabled() ? policy.refusal(client.address()) : null;
    if (refusal == null) {
      ctx.next();
      return;
    }
    String message = "Source address " + client.text() + " may not call this workspace: " + refusal + " of the IP access lists.";
    String requestId = UUID.randomUUID().toString();
    refusals.refused(new RepeatedRefusals.Kind(client.text(), null, "IP_ACCESS_DENIED", null, null, "403 " + refusal), requestId);
    boolean scim = path != null && path.startsWith(ErrorBody.SCIM_PATH);
    boolean iceberg = path != null && path.startsWith(ErrorBody.ICEBERG_PATH);
    ctx.response()
        .setStatusCode(ErrorCode.PERMISSION_DENIED.httpStatus())
        .putHeader(HttpHeaders.CONTENT_TYPE, scim ? "application/scim+json" : "application/json")
        .putHeader(RequestIds.HEADER, requestId)
        .end(Json.encode(scim
            ? ErrorBody.ScimError.of(403, null, message)
            : iceberg ? ErrorBody.IcebergError.of(ErrorCode.PERMISSION_DENIED, message, null)
            : ErrorBody.of(ErrorCode.PERMISSION_DENIED, message, requestId)));
  }
}
