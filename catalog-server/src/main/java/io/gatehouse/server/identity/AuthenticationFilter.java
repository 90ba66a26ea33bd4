package io.gatehouse.server.identity;

import io.gatehouse.server.audit.RepeatedRefusals;
import io.gatehouse.server.common.BenchMode;
import io.gatehouse.server.common.DatabaseFailures;
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
import org.jboss.logging.Logger;

/**
 * Authenticates every request before it reaches any route (the API, metrics, the OpenAPI
 * document), except health probes, the OAuth token endpoint, which checks client credentials
 * itself, and the static files of the lineage page. A credential verified within the cache lifetime is accepted on the event loop; any
 * other is verified on a worker thread. Quarkus keeps the request paused until its route runs,
 * so request bodies wait for the verdict.
 */
@ApplicationScoped
public class AuthenticationFilter {
  static final String CALLER = "gatehouse.caller";
  private static final Logger LOG = Logger.getLogger(AuthenticationFilter.class);
  // After HttpFailures' request guard (100,000), before every route.
  private static final int PRIORITY = 90_000;

  private final Authenticator authenticator;
  private final Workspaces workspaces;
  private final RepeatedRefusals refusals;
  private final boolean unguarded;
  /** With the benchmark's switch on: the first caller that authenticated, whom every request then is. */
  private volatile Caller benchCaller;

  AuthenticationFilter(Authenticator authenticator, Workspaces workspaces, RepeatedRefusals refusals, BenchMode bench) {
    this.authenticator = authenticator;
    this.workspaces = workspaces;
    this.refusals = refusals;
    this.unguarded = bench.unguarded();
  }

  void install(@Observes Filters filters) {
    filters.register(this::filter, PRIORITY);
  }

  /** The caller this filter verified for the request (in its workspace), or null before it ran or on a public path. */
  public static Caller verified(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  static boolean isPublic(String path) {
    return path.equals("/q/health")
        || path.startsWith("/q/health/")
        || path.equals(OAuthTokenResource.PATH)
        // SAML sign-in: the way to a token, so reached without one.
        || path.equals("/saml/login") || path.equals("/saml/acs") || path.equals("/saml/metadata")
        // OIDC sign-in, and the sign-in screen's list of both.
        || path.equals("/oidc/login") || path.equals("/oidc/callback") || path.equals("/sign-in/options")
        // Sign-in from the command line: its start, and the exchange of its one-time code.
        || path.equals("/sign-in/cli") || path.equals("/sign-in/cli/token")
        // The console (the lineage page among it) and its JavaScript libraries: static files that
        // hold no data; the page calls the API with the token its user signs in with.
        || path.equals("/ui")
        || path.startsWith("/ui/")
        || path.startsWith("/webjars/");
  }

  private void filter(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path != null && isPublic(path)) {
      ctx.next();
      return;
    }
    if (benchCaller != null) {
      ctx.put(CALLER, benchCaller);
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    Caller caller;
    Long addressed;
    try {
      addressed = workspaces.addressed(ctx.request().getHeader(Workspaces.HEADER), ctx.request().getHeader(HttpHeaders.HOST));
      caller = authenticator.cached(header);
      caller = caller == null ? null : workspaces.admitWithoutIo(caller, addressed);
    } catch (AuthenticationException e) {
      refuse(ctx, e);
      return;
    }
    if (caller != null) {
      ctx.put(CALLER, caller);
      ctx.next();
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> {
          Caller verified = authenticator.authenticate(header, RequestIds.clientAddress(ctx));
          return workspaces.admit(verified, addressed);
        }, false)
        .onComplete(
            result -> {
              if (result.succeeded()) {
                if (unguarded) {
                  benchCaller = result.result();
                }
                ctx.put(CALLER, result.result());
                ctx.next();
              } else if (result.cause() instanceof AuthenticationException e) {
                refuse(ctx, e);
              } else {
                fail(ctx, result.cause());
              }
            });
  }

  private void refuse(RoutingContext ctx, AuthenticationException e) {
    String challenge = "Bearer realm=\"gatehouse\"";
    if (e.bearerError() != null) {
      challenge += ", error=\"" + e.bearerError() + "\", error_description=\"" + e.getMessage().replace("\"", "'") + "\"";
    }
    String requestId = UUID.randomUUID().toString();
    refusals.refused(new RepeatedRefusals.Kind(RequestIds.clientAddress(ctx), e.principal(), "AUTHENTICATE",
        e.credentialId() == null ? null : "TOKEN", e.credentialId(), "401 " + e.getMessage()), requestId);
    boolean scim = ctx.normalizedPath() != null && ctx.normalizedPath().startsWith(ErrorBody.SCIM_PATH);
    ctx.response()
        .setStatusCode(401)
        .putHeader("WWW-Authenticate", challenge)
        .putHeader(HttpHeaders.CONTENT_TYPE, scim ? "application/scim+json" : "application/json")
        .putHeader(RequestIds.HEADER, requestId)
        .end(Json.encode(scim
            ? ErrorBody.ScimError.of(401, null, e.getMessage())
            : iceberg(ctx) ? ErrorBody.IcebergError.of(ErrorCode.UNAUTHENTICATED, e.getMessage(), null)
            : ErrorBody.of(ErrorCode.UNAUTHENTICATED, e.getMessage(), requestId)));
  }

  private static boolean iceberg(RoutingContext ctx) {
    return ctx.normalizedPath() != null && ctx.normalizedPath().startsWith(ErrorBody.ICEBERG_PATH);
  }

  private static void fail(RoutingContext ctx, Throwable cause) {
    String requestId = UUID.randomUUID().toString();
    LOG.errorf(cause, "request %s: authentication failed unexpectedly", requestId);
    ctx.response()
        .setStatusCode(503)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(RequestIds.HEADER, requestId)
        .putHeader("Retry-After", Long.toString(DatabaseFailures.RETRY_AFTER.toSeconds()))
        .end(Json.encode(ErrorBody.of(
            ErrorCode.UNAVAILABLE, "Credentials could not be checked now; retry. Request id " + requestId + ".", requestId)));
  }
}
