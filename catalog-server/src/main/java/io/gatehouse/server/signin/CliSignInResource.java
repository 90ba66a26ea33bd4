package io.gatehouse.server.signin;

import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.common.GatehouseException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sign-in from the command line ({@link CliSignIn}): {@code GET /sign-in/cli} starts a SAML or
 * OIDC sign-in for the CLI's loopback listener, {@code POST /sign-in/cli/token} exchanges the
 * one-time code it received, with its PKCE verifier, for the sign-in's token. Both are reached
 * without a token.
 */
@Path("/sign-in/cli")
@Tag(name = "Sign-in")
@Performs(Operation.SIGN_IN)
public class CliSignInResource {
  private final SamlSignIn saml;
  private final OidcSignIn oidc;
  private final CliSignIn cli;

  CliSignInResource(SamlSignIn saml, OidcSignIn oidc, CliSignIn cli) {
    this.saml = saml;
    this.oidc = oidc;
    this.cli = cli;
  }

  @GET
  @Transactional
  @APIResponse(responseCode = "303", description = "To the identity provider, as the console's sign-in of that method")
  @APIResponse(responseCode = "400", description = "A parameter is missing or malformed (port, state, challenge, method)")
  public Response start(@QueryParam("port") String port, @QueryParam("state") String state,
      @QueryParam("code_challenge") String challenge, @QueryParam("code_challenge_method") String challengeMethod,
      @QueryParam("redirect_uri") String redirectUri, @QueryParam("method") String method,
      @QueryParam("issuer") String issuer, @QueryParam("workspace_id") String workspace,
      @HeaderParam("Host") String host, @Context UriInfo uri) {
    SignInRequests.Cli request = CliSignIn.request(port, state, challenge, challengeMethod, redirectUri);
    String base = SamlSignInResource.base(uri);
    String chosen = method == null || method.isEmpty() ? (saml.enabled() ? "saml" : "oidc") : method.toLowerCase(Locale.ROOT);
    String to = switch (chosen) {
      case "saml" -> saml.start(null, base, workspace, host, request);
      case "oidc" -> oidc.start(issuer != null ? issuer : onlyIssuer(), null, base, workspace, host, request);
      default -> throw GatehouseException.invalid("Parameter 'method' must be saml or oidc.");
    };
    return Response.seeOther(URI.create(to)).header("Cache-Control", "no-store").build();
  }

  /** The one OIDC issuer offering sign-in, when there is exactly one; else the caller names it. */
  private String onlyIssuer() {
    List<OidcSignIn.Option> options = oidc.options();
    if (options.size() == 1) {
      return options.get(0).name();
    }
    throw GatehouseException.invalid("Parameter 'issuer' must name the OIDC issuer to sign in with ("
        + (options.isEmpty() ? "none offers sign-in here" : String.join(", ", options.stream().map(OidcSignIn.Option::name).toList()))
        + ").");
  }

  /**
   * The sign-in's token for its one-time code and the PKCE verifier the sign-in was started with
   * (form fields {@code grant_type=authorization_code}, {@code code}, {@code code_verifier}): {@code
   * {"access_token", "token_type": "Bearer", "expires_in", "user"}}. A code is taken at the first
   * attempt; a refusal (400) ends the sign-in it came from.
   */
  @POST
  @Path("token")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response token(@FormParam("grant_type") String grantType, @FormParam("code") String code,
      @FormParam("code_verifier") String verifier) {
    CliSignIn.Exchanged exchanged = cli.exchange(grantType, code, verifier);
    if (exchanged.token() == null) {
      throw GatehouseException.invalid(exchanged.refusal());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", exchanged.token());
    body.put("token_type", "Bearer");
    if (exchanged.expires() != null) {
      body.put("expires_in", Math.max(0, Duration.between(Instant.now(), exchanged.expires()).toSeconds()));
    }
    body.put("user", exchanged.user());
    return Response.ok(body).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
  }
}
