package io.gatehouse.server.identity;

import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.audit.RepeatedRefusals;
import io.gatehouse.server.store.DatabaseClock;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OAuth 2.0 client-credentials grant (RFC 6749 §4.4) for service principals: client id is
 * the application id, the secret one of its client secrets, given as HTTP Basic or form fields.
 * Errors are RFC 6749 error objects, as OAuth clients expect them.
 */
@Path(OAuthTokenResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "OAuth")
public class OAuthTokenResource {
  static final String PATH = "/oidc/v1/token";

  private final TokenService tokens;
  private final AuthConfig config;
  private final AuditTrail audit;
  private final RepeatedRefusals refusals;
  private final CallerContext request;
  private final Workspaces workspaces;
  private final Memberships memberships;

  OAuthTokenResource(TokenService tokens, AuthConfig config, AuditTrail audit, RepeatedRefusals refusals, CallerContext request,
      Workspaces workspaces, Memberships memberships) {
    this.tokens = tokens;
    this.workspaces = workspaces;
    this.memberships = memberships;
    this.config = config;
    this.audit = audit;
    this.refusals = refusals;
    this.request = request;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Transactional
  public Response token(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam(Workspaces.HEADER) String workspaceHeader,
      @HeaderParam("Host") String host,
      @FormParam("grant_type") String grantType,
      @FormParam("client_id") String formClientId,
      @FormParam("client_secret") String formClientSecret,
      @FormParam("scope") String scope) {
    if (grantType == null) {
      return error(400, "invalid_request", "grant_type is required.");
    }
    if (!grantType.equals("client_credentials")) {
      return error(400, "unsupported_grant_type", "Only the client_credentials grant is supported.");
    }
    String[] credentials = basic(authorization);
    String clientId = credentials != null ? credentials[0] : formClientId;
    String clientSecret = credentials != null ? credentials[1] : formClientSecret;
    if (clientId == null || clientSecret == null) {
      refused(null, null, "client authentication missing");
      return error(401, "invalid_client", "Client authentication is required.");
    }
    PrincipalEntity sp = PrincipalEntity.findByName(Principal.Type.SERVICE_PRINCIPAL, clientId);
    Match match = sp == null ? Match.NONE : match(sp, clientSecret);
    if (sp == null || !sp.active || match.secret() == null || match.expired()) {
      String name = sp == null ? null : sp.name;
      String why = sp == null ? "unknown client id" : !sp.active ? "service principal deactivated"
          : match.secret() == null ? "wrong client secret" : "expired client secret";
      refused(name, match.secret() == null ? null : match.secret().id, why);
      return error(401, "invalid_client", "Client authentication failed.");
    }
    recordFirstUse(sp, match.secret());
    long lifetime = config.oauthTokenLifetime().toSeconds();
    // The token is for the workspace the request addresses (its host or header), as a workspace's
    // own token endpoint issues tokens for that workspace.
    long workspace;
    try {
      Long addressed = workspaces.addressed(workspaceHeader, host);
      workspace = addressed == null ? WorkspaceSettings.DEFAULT_WORKSPACE : addressed;
    } catch (AuthenticationException e) {
      return error(400, "invalid_request", e.getMessage());
    }
    String outside = workspaces.refusal(workspace, sp.id, Set.of(), () -> memberships.effectiveGroupNames(sp.id));
    if (outside != null) {
      refused(sp.name, match.secret().id, outside);
      return error(401, "invalid_client", outside);
    }
    String token = tokens.issue(sp, sp.id, TokenEntity.Kind.OAUTH, lifetime, "client_credentials", workspace).tokenValue();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token);
    body.put("token_type", "Bearer");
    body.put("expires_in", lifetime);
    body.put("scope", scope == null || scope.isBlank() ? "all-apis" : scope);
    return Response.ok(body).header("Cache-Control", "no-store").build();
  }

  private record Match(SecretEntity secret, boolean expired) {
    static final Match NONE = new Match(null, false);
  }

  // Every secret of the client is compared in constant time, so the answer's timing says nothing
  // about which secret, or how much of one, matched.
  private static Match match(PrincipalEntity sp, String secret) {
    byte[] offered = Tokens.hash(secret);
    Instant now = DatabaseClock.now();
    List<SecretEntity> secrets = SecretEntity.list("principalId", sp.id);
    SecretEntity matched = null;
    for (SecretEntity s : secrets) {
      if (MessageDigest.isEqual(s.hash, offered)) {
        matched = s;
      }
    }
    return matched == null ? Match.NONE : new Match(matched, matched.expiresAt != null && !matched.expiresAt.isAfter(now));
  }

  // Refusals are aggregated per source: a flood of bad logins costs a few records, not one each.
  private void refused(String servicePrincipal, String secretId, String why) {
    refusals.refused(new RepeatedRefusals.Kind(request.sourceAddress(), servicePrincipal, "OAUTH_CLIENT_CREDENTIALS",
        secretId == null ? null : "SECRET", secretId, "401 invalid_client: " + why), request.requestId());
  }

  // One conditional UPDATE, and only while the secret has never been used.
  private void recordFirstUse(PrincipalEntity sp, SecretEntity secret) {
    if (secret.firstUsedAt != null) {
      return;
    }
    int updated = SecretEntity.update("firstUsedAt = ?1 where id = ?2 and firstUsedAt is null", Instant.now(), secret.id);
    if (updated == 1) {
      audit.recordFor(sp.name, request.requestId(), request.sourceAddress(), "USE_SECRET_FIRST_TIME", "SECRET", secret.id,
          AuditEvent.Result.SUCCEEDED, null);
    }
  }

  private static String[] basic(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Response error(int status, String error, String description) {
    Response.ResponseBuilder response =
        Response.status(status).entity(Map.of("error", error, "error_description", description)).header("Cache-Control", "no-store");
    if (status == 401) {
      response.header("WWW-Authenticate", "Basic realm=\"gatehouse\"");
    }
    return response.build();
  }
}
