package io.gatehouse.server.identity;

import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.TokenApi.CreateOboToken;
import io.gatehouse.server.identity.TokenApi.CreatedToken;
import io.gatehouse.server.identity.TokenApi.OneToken;
import io.gatehouse.server.identity.TokenApi.TokenList;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admins manage every token, and create tokens for service principals on their behalf, so jobs
 * and engines get credentials without a browser (the Databricks token-management API).
 */
@Path("/api/2.0/token-management")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Token management")
@Transactional
public class TokenManagementResource {
  private final CallerContext caller;
  private final TokenService tokens;
  private final Workspaces workspaces;
  private final Memberships memberships;

  TokenManagementResource(CallerContext caller, TokenService tokens, Workspaces workspaces, Memberships memberships) {
    this.caller = caller;
    this.tokens = tokens;
    this.workspaces = workspaces;
    this.memberships = memberships;
  }

  @POST
  @Path("on-behalf-of/tokens")
  public CreatedToken createOnBehalfOf(CreateOboToken request) {
    caller.requireAdmin("create tokens on behalf of service principals");
    Validation.required("body", request);
    String applicationId = Validation.required("application_id", request.applicationId(), 255);
    PrincipalEntity sp = PrincipalEntity.findByName(Principal.Type.SERVICE_PRINCIPAL, applicationId);
    if (sp == null) {
      throw GatehouseException.notFound("Service principal '" + Validation.printable(applicationId) + "' does not exist.");
    }
    if (!sp.active) {
      throw GatehouseException.failedPrecondition("Service principal '" + sp.name + "' is deactivated.");
    }
    long workspace = request.workspaceId() == null ? caller.workspace() : request.workspaceId();
    String refusal = workspaces.refusal(workspace, sp.id, Set.of(), () -> memberships.effectiveGroupNames(sp.id));
    if (refusal != null) {
      throw GatehouseException.failedPrecondition("Service principal '" + sp.name + "' may not have a token for workspace "
          + workspace + ": " + refusal);
    }
    return tokens.issue(sp, caller.principal().id(), TokenEntity.Kind.PAT, request.lifetimeSeconds(), request.comment(),
        workspace);
  }

  @GET
  @Path("tokens")
  @Transactional(Transactional.TxType.SUPPORTS)
  public TokenList list(@QueryParam("created_by_id") String createdById) {
    caller.requireWorkspaceAdmin("list the tokens");
    return new TokenList(tokens.listAll(createdById, scope()));
  }

  @GET
  @Path("tokens/{token_id}")
  @Transactional(Transactional.TxType.SUPPORTS)
  public OneToken get(@PathParam("token_id") String tokenId) {
    caller.requireWorkspaceAdmin("read the tokens");
    return new OneToken(tokens.get(tokenId, scope()));
  }

  @DELETE
  @Path("tokens/{token_id}")
  public Map<String, Object> delete(@PathParam("token_id") String tokenId) {
    caller.requireWorkspaceAdmin("revoke tokens");
    tokens.revokeAdministered(tokenId, scope());
    return Map.of();
  }

  /** Metastore admins administer every token; a workspace's admins only the tokens of their workspace. */
  private Long scope() {
    return caller.isAdmin() ? null : caller.workspace();
  }
}
