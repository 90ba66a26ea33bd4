package io.gatehouse.server.identity;

import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.TokenApi.CreateToken;
import io.gatehouse.server.identity.TokenApi.CreatedToken;
import io.gatehouse.server.identity.TokenApi.DeleteToken;
import io.gatehouse.server.identity.TokenApi.TokenList;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own personal access tokens, in the shape of the Databricks token API. */
@Path("/api/2.0/token")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
@Transactional
public class TokenResource {
  private final CallerContext caller;
  private final TokenService tokens;

  TokenResource(CallerContext caller, TokenService tokens) {
    this.caller = caller;
    this.tokens = tokens;
  }

  @POST
  @Path("create")
  public CreatedToken create(CreateToken request) {
    CreateToken body = request == null ? new CreateToken(null, null) : request;
    PrincipalEntity me = PrincipalEntity.findById(caller.principal().id());
    return tokens.issue(me, me.id, TokenEntity.Kind.PAT, body.lifetimeSeconds(), body.comment(), caller.workspace());
  }

  @GET
  @Path("list")
  public TokenList list() {
    return new TokenList(tokens.listOwnedBy(caller.principal().id()));
  }

  @POST
  @Path("delete")
  public Map<String, Object> delete(DeleteToken request) {
    Validation.required("body", request);
    tokens.revoke(request.tokenId(), caller.principal().id());
    return Map.of();
  }
}
