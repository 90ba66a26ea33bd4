package io.gatehouse.server.signin;

import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the console's sign-in screen offers ({@code GET /sign-in/options}, reached without a
 * token: one entry per configured single sign-on, with the URL that starts it) and how it signs
 * out ({@code POST /sign-in/logout}, whatever the method signed in with).
 */
@Path("/sign-in")
@Tag(name = "Sign-in")
public class SignInOptionsResource {
  private final SamlSignIn saml;
  private final OidcSignIn oidc;
  private final SignInCompletion completion;

  SignInOptionsResource(SamlSignIn saml, OidcSignIn oidc, SignInCompletion completion) {
    this.saml = saml;
    this.oidc = oidc;
    this.completion = completion;
  }

  /** The configured single sign-ons: {@code {"options": [{"method", "name", "label", "login"}]}}, SAML first. */
  @GET
  @Path("options")
  @Produces(MediaType.APPLICATION_JSON)
  @Performs(Operation.SIGN_IN)
  public Map<String, Object> options() {
    List<Map<String, String>> options = new ArrayList<>();
    if (saml.enabled()) {
      options.add(Map.of("method", "saml", "name", "saml", "label", "Single sign-on (SAML)", "login", "/saml/login"));
    }
    for (OidcSignIn.Option o : oidc.options()) {
      options.add(Map.of("method", "oidc", "name", o.name(), "label", o.label(), "login", "/oidc/login?issuer=" + o.name()));
    }
    return Map.of("options", options);
  }

  /**
   * Signs the console out: the SIGN_IN token this request carries stops working at once, on
   * every replica (it is deleted). Other credentials are not touched. 204 either way.
   */
  @POST
  @Path("logout")
  @Transactional
  @Performs(Operation.MANAGE_OWN_TOKENS)
  public Response logout(@HeaderParam("Authorization") String authorization) {
    completion.signOut(authorization);
    return Response.noContent().build();
  }
}
