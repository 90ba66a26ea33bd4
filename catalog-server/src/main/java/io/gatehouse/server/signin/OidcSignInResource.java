package io.gatehouse.server.signin;

import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OIDC sign-in for the web console: {@code GET /oidc/login?issuer=<name>} sends the browser to the
 * issuer's authorization endpoint, {@code GET /oidc/callback} takes its answer and hands the
 * signed-in browser tab a short-lived token (or a page saying why not). Both are reached without
 * a token; see {@link OidcSignIn} for the checks.
 */
@Path("/oidc")
@Tag(name = "Sign-in")
@Performs(Operation.SIGN_IN)
public class OidcSignInResource {
  private final OidcSignIn signIn;

  OidcSignInResource(OidcSignIn signIn) {
    this.signIn = signIn;
  }

  @GET
  @Path("login")
  @Transactional
  @APIResponse(responseCode = "303", description = "To the issuer's authorization endpoint (code flow, PKCE S256)")
  public Response login(@QueryParam("issuer") String issuer, @QueryParam("return_to") String returnTo,
      @QueryParam("workspace_id") String workspace, @HeaderParam("Host") String host, @Context UriInfo uri) {
    return Response.seeOther(URI.create(signIn.start(issuer, returnTo, SamlSignInResource.base(uri), workspace, host)))
        .header("Cache-Control", "no-store").build();
  }

  @GET
  @Path("callback")
  @Transactional
  @APIResponse(responseCode = "200", description = "Signed in: the page hands the token to the tab and goes on to the console")
  @APIResponse(responseCode = "400", description = "Refused: a page saying why")
  public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
      @QueryParam("error") String error, @QueryParam("iss") String iss, @Context UriInfo uri) {
    return SignInPage.of(signIn.finish(state, code, error, iss, SamlSignInResource.base(uri)), "/ui/");
  }
}
