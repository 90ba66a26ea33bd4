package io.gatehouse.server.network;

import io.gatehouse.server.audit.RepeatedRefusals;
import io.gatehouse.server.common.ErrorBody;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.RequestIds;
import io.gatehouse.server.identity.AuthenticationFilter;
import io.gatehouse.server.identity.Caller;
import io.gatehouse.server.identity.Workspaces;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;

/**
 * Refuses HTTP requests from addresses the IP access lists keep out, before authentication (the
 * lists of the workspace the request addresses, or of the default workspace, the front door of
 * requests that address none) and again after it when the caller acts in another workspace (a
 * token of another workspace, sent without addressing it):
 * the API, the web pages under /ui, the OpenAPI document, metrics; only health probes pass, so
 * that an orchestrator can still see the server. Decided on the event loop, in memory. A refusal
 * is 403 in the error shape of the path (Unity Catalog, SCIM, Iceberg) naming the address, and is
 * audited as IP_ACCESS_DENIED, repeated refusals aggregated per address.
 */
@ApplicationScoped
public class IpAccessFilter {
  // After HttpFailures' request guard (100,000), before authentication (90,000).
  private static final int PRIORITY = 95_000;

  /** Where the filter notes which workspace's lists it checked before authentication. */
  private static final String CHECKED = "gatehouse.ip-access.checked-workspace";
  // After authentication (90,000), before every route.
  private static final int AFTER_AUTHENTICATION = 85_000;

  private final IpAccessLists lists;
  private final ClientAddress clients;
  private final Workspaces workspaces;
  private final RepeatedRefusals refusals;

  IpAccessFilter(IpAccessLists lists, ClientAddress clients, Workspaces workspaces, RepeatedRefusals refusals) {
    this.lists = lists;
    this.clients = clients;
    this.workspaces = workspaces;
    this.refusals = refusals;
  }

  void install(@Observes Filters filters) {
    filters.register(this::beforeAuthentication, PRIORITY);
    filters.register(this::afterAuthentication, AFTER_AUTHENTICATION);
  }

  /**
   * The lists of the workspace the request addresses (by header or host), else of the default
   * workspace, before any credential is looked at.
   */
  private void beforeAuthentication(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (!lists.anyEnabled() && !clients.anyTrusted() || path != null && (path.equals("/q/health") || path.startsWith("/q/health/"))) {
      ctx.next();
      return;
    }
    ClientAddress.Resolved client = client(ctx);
    if (!client.text().equals(peer(ctx))) {
      // Behind a trusted proxy: audit records name the client, not the proxy.
      ctx.put(RequestIds.CLIENT_ADDRESS_KEY, client.text());
    }
    long workspace = workspaces.addressedOrDefault(ctx.request().getHeader(Workspaces.HEADER),
        ctx.request().getHeader(HttpHeaders.HOST));
    ctx.put(CHECKED, workspace);
    decide(ctx, client, workspace);
  }

  /** The lists of the workspace the caller acts in, when they were not the ones checked before. */
  private void afterAuthentication(RoutingContext ctx) {
    Caller caller = AuthenticationFilter.verified(ctx);
    if (caller == null || caller.workspace() == null || !lists.anyEnabled() || caller.workspace().equals(ctx.get(CHECKED))) {
      ctx.next();
      return;
    }
    decide(ctx, client(ctx), caller.workspace());
  }

  private static String peer(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host();
  }

  private ClientAddress.Resolved client(RoutingContext ctx) {
    return clients.resolve(peer(ctx), ctx.request().headers().getAll(clients.header()));
  }

  private void decide(RoutingContext ctx, ClientAddress.Resolved client, long workspace) {
    IpAccessPolicy policy = lists.policy(workspace);
    String refusal = policy.enabled() ? policy.refusal(client.address()) : null;
    if (refusal == null) {
      ctx.next();
      return;
    }
    String path = ctx.normalizedPath();
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
