package io.gatehouse.server.signin;

import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SAML sign-in for the web console: {@code GET /saml/login} sends the browser to the identity
 * provider (HTTP-Redirect binding), {@code POST /saml/acs} takes its answer (HTTP-POST binding) and
 * hands the signed-in browser tab a short-lived token, {@code GET /saml/metadata} describes this
 * service provider. All three are reached without a token; see {@link SamlSignIn} for the checks.
 * {@code POST /saml/logout}, with the token, ends the sign-in.
 */
@Path("/saml")
@Tag(name = "Sign-in")
@Performs(Operation.SIGN_IN)
public class SamlSignInResource {
  static final String ACS = "/saml/acs";

  private final SamlSignIn signIn;
  private final SignInCompletion completion;

  SamlSignInResource(SamlSignIn signIn, SignInCompletion completion) {
    this.signIn = signIn;
    this.completion = completion;
  }

  @GET
  @Path("metadata")
  @Produces("application/samlmetadata+xml")
  public String metadata(@Context UriInfo uri) {
    return signIn.metadata(base(uri));
  }

  @GET
  @Path("login")
  @Transactional
  @APIResponse(responseCode = "303", description = "To the identity provider, with the SAML request")
  public Response login(@QueryParam("return_to") String returnTo, @QueryParam("workspace_id") String workspace,
      @jakarta.ws.rs.HeaderParam("Host") String host, @Context UriInfo uri) {
    return Response.seeOther(URI.create(signIn.start(returnTo, base(uri), workspace, host)))
        .header("Cache-Control", "no-store").build();
  }

  @POST
  @Path("acs")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  // No transaction here: SamlSignIn.finish runs its own, and calls STS between them holding none.
  public Response acs(@FormParam("SAMLResponse") String samlResponse, @FormParam("RelayState") String relayState,
      @Context UriInfo uri) {
    return SignInPage.of(signIn.finish(samlResponse, base(uri)), "/saml/login");
  }

  /**
   * Signs the console out: the SIGN_IN token this request carries stops working at once, on
   * every replica (it is deleted). Other credentials are not touched. 204 either way.
   */
  @POST
  @Path("logout")
  @Transactional
  @Performs(Operation.MANAGE_OWN_TOKENS)
  public Response logout(@jakarta.ws.rs.HeaderParam("Authorization") String authorization) {
    completion.signOut(authorization);
    return Response.noContent().build();
  }

  /** The scheme, host and port this request came to. */
  static String base(UriInfo uri) {
    URI base = uri.getBaseUri();
    return base.getScheme() + "://" + base.getRawAuthority();
  }
}
