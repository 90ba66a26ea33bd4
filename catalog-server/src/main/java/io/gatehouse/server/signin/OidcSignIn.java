package io.gatehouse.server.signin;

import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.identity.AuthConfig;
import io.gatehouse.server.identity.AuthenticationException;
import io.gatehouse.server.identity.OidcDiscovery;
import io.gatehouse.server.identity.OidcVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * OIDC sign-in to the console, as a relying party using the authorization code flow with PKCE
 * (S256), for every issuer of {@code gatehouse.auth.oidc.<name>} with a client id. The state, the
 * nonce and the code verifier of a sign-in are kept server side ({@link SignInRequests}: any
 * replica may receive the answer, which is taken once and before it expires); the code is
 * exchanged with that verifier and the ID token is checked as bearer JWTs are ({@link
 * OidcVerifier#verifyIdToken}), then {@link SignInCompletion} signs the user in as SAML does.
 * Neither the code nor any token is logged.
 */
@ApplicationScoped
public class OidcSignIn {
  static final String CALLBACK = "/oidc/callback";
  /** What an identity provider's error code may be made of, to be shown (RFC 6749 4.1.2.1). */
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  /** An issuer offered on the sign-in screen. */
  record Option(String name, String label) {}

  /** An issuer configured for sign-in. */
  private record Issuer(String issuer, AuthConfig.SignIn c) {}

  private final Map<String, Issuer> issuers = new LinkedHashMap<>();
  private final OidcVerifier verifier;
  private final SignInRequests requests;
  private final SignInCompletion completion;
  private final CliSignIn cliSignIn;

  OidcSignIn(AuthConfig config, OidcVerifier verifier, SignInRequests requests, SignInCompletion completion,
      CliSignIn cliSignIn) {
    this.cliSignIn = cliSignIn;
    this.verifier = verifier;
    this.requests = requests;
    this.completion = completion;
    config.oidc().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .filter(e -> verifier.signsIn(e.getKey()))
        .forEach(e -> {
          AuthConfig.SignIn c = e.getValue().signIn().get();
          if (!c.clientAuth().equals("basic") && !c.clientAuth().equals("post")) {
            throw new IllegalStateException("gatehouse.auth.oidc." + e.getKey() + ".sign-in.client-auth must be basic or post.");
          }
          issuers.put(e.getKey(), new Issuer(e.getValue().issuer(), c));
        });
  }

  List<Option> options() {
    return issuers.entrySet().stream().map(e -> new Option(e.getKey(), e.getValue().c().displayName().orElse(e.getKey()))).toList();
  }

  /** The redirect URI: the configured base URL's, else that of the URL the request came to. */
  static String callbackUrl(AuthConfig.SignIn c, String requestBase) {
    return c.baseUrl().orElse(requestBase).replaceAll("/+$", "") + CALLBACK;
  }

  /**
   * The authorization endpoint's URL to send the browser to, for a new sign-in through {@code
   * issuer} returning to {@code returnTo}, for the workspace named by {@code workspaceId} or the
   * request's host (else the default one).
   */
  String start(String issuer, String returnTo, String requestBase, String workspaceId, String host) {
    return start(issuer, returnTo, requestBase, workspaceId, host, null);
  }

  /** As {@link #start(String, String, String, String, String)}, for the command line when {@code cli} is not null. */
  String start(String issuer, String returnTo, String requestBase, String workspaceId, String host, SignInRequests.Cli cli) {
    Issuer found = issuer == null ? null : issuers.get(issuer);
    if (found == null) {
      throw GatehouseException.notFound("No OIDC issuer of that name offers sign-in on this server (parameter 'issuer').");
    }
    String page = SignInCompletion.returnTo(returnTo);
    long workspace = completion.workspace(workspaceId, host);
    AuthConfig.SignIn c = found.c();
    String authorize = endpoints(found).authorizationEndpoint();
    String state = SignInPage.random(32);
    String nonce = SignInPage.random(32);
    String codeVerifier = SignInPage.random(48);
    requests.open(state, SignInRequests.Method.OIDC, new SignInRequests.Pending(page, workspace, issuer, nonce, codeVerifier, cli),
        c.requestLifetime());
    Set<String> scopes = new LinkedHashSet<>(List.of("openid"));
    c.scopes().stream().filter(s -> !s.isBlank()).forEach(scopes::add);
    return authorize + (authorize.contains("?") ? "&" : "?") + "response_type=code"
        + "&client_id=" + url(c.clientId())
        + "&redirect_uri=" + url(callbackUrl(c, requestBase))
        + "&scope=" + url(String.join(" ", scopes))
        + "&state=" + state + "&nonce=" + nonce
        + "&code_challenge=" + challenge(codeVerifier) + "&code_challenge_method=S256";
  }

  /**
   * Takes the identity provider's answer: the pending request its state names (consumed whatever
   * follows), then either its error or the code, exchanged for an ID token that must answer this
   * request. Runs in the caller's transaction.
   */
  SignInCompletion.Outcome finish(String state, String code, String error, String iss, String requestBase) {
    Optional<SignInRequests.Pending> taken = requests.take(state, SignInRequests.Method.OIDC);
    if (taken.isEmpty()) {
      completion.refused(null, "OIDC: answer to no pending sign-in (state missing, unknown, used or expired)");
      return SignInCompletion.Outcome.refused(400, "This sign-in is not one this server is waiting for: it was never"
          + " started here, was answered already or has expired. Start again from the console.");
    }
    SignInRequests.Pending pending = taken.get();
    String name = pending.issuer();
    Issuer found = issuers.get(name);
    if (found == null) {
      return SignInCompletion.Outcome.refused(400, "The issuer of this sign-in no longer offers sign-in here.");
    }
    AuthConfig.SignIn c = found.c();
    if (error != null) {
      String shown = ERROR_CODE.matcher(error).matches() ? error : "unreadable error";
      completion.refused(null, "OIDC issuer '" + name + "' answered with error " + shown);
      return SignInCompletion.Outcome.refused(error.equals("access_denied") ? 403 : 400,
          "The identity provider did not sign you in (" + shown + ").");
    }
    // RFC 9207: an answer naming its issuer must name the one this sign-in went to (mix-up attacks).
    if (iss != null && !iss.equals(found.issuer())) {
      completion.refused(null, "OIDC: answer from another issuer than '" + name + "'");
      return SignInCompletion.Outcome.refused(400, "The answer comes from another identity provider than the one this"
          + " sign-in went to.");
    }
    if (code == null || code.isEmpty()) {
      completion.refused(null, "OIDC issuer '" + name + "' answered without a code");
      return SignInCompletion.Outcome.refused(400, "The identity provider's answer carries no authorization code.");
    }
    String idToken;
    try {
      idToken = exchange(found, code, pending.codeVerifier(), callbackUrl(c, requestBase));
    } catch (Refused e) {
      completion.refused(null, "OIDC issuer '" + name + "': " + e.getMessage());
      return SignInCompletion.Outcome.refused(e.status, e.getMessage());
    }
    OidcVerifier.Verified who;
    try {
      who = verifier.verifyIdToken(name, idToken, pending.nonce());
    } catch (AuthenticationException e) {
      completion.refused(null, "OIDC issuer '" + name + "': ID token refused: " + e.getMessage());
      return SignInCompletion.Outcome.refused(400, "The sign-in was refused: " + e.getMessage());
    }
    SignInCompletion.Creation creation = new SignInCompletion.Creation(c.autoCreateUsers(), c.autoCreateDomains(),
        completion.protectedGroups(c.protectedGroups()));
    return cliSignIn.handOff(completion.complete(
        new SignInCompletion.Vouched(who.user(), who.groups(), "OIDC", "issuer '" + name + "'"),
        pending.workspace(), pending.returnTo(), creation, c.sessionLifetime(),
        "OIDC sign-in (" + name + ")" + (pending.cli() == null ? "" : " (command line)")), pending.cli());
  }

  /** A refusal met while exchanging the code, with the status of its page. */
  private static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** The ID token the token endpoint gives for {@code code}, sent with the sign-in's PKCE verifier. */
  private String exchange(Issuer issuer, String code, String codeVerifier, String redirectUri) throws Refused {
    AuthConfig.SignIn c = issuer.c();
    String tokenEndpoint;
    try {
      tokenEndpoint = endpoints(issuer).tokenEndpoint();
    } catch (GatehouseException e) {
      throw new Refused(502, e.getMessage());
    }
    StringBuilder form = new StringBuilder("grant_type=authorization_code&code=").append(url(code))
        .append("&redirect_uri=").append(url(redirectUri)).append("&code_verifier=").append(codeVerifier);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenEndpoint)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
    String clientId = c.clientId();
    if (c.clientSecret().isPresent() && c.clientAuth().equals("basic")) {
      // RFC 6749 2.3.1: both parts form-encoded before Basic encoding.
      String pair = url(clientId) + ":" + url(c.clientSecret().get());
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    } else {
      form.append("&client_id=").append(url(clientId));
      c.clientSecret().ifPresent(secret -> form.append("&client_secret=").append(url(secret)));
    }
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      throw new Refused(502, "The identity provider's token endpoint could not be reached. Try again later.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused(502, "The identity provider's token endpoint could not be reached. Try again later.");
    }
    Map<String, Object> body;
    try {
      body = JsonUtil.parseJson(response.body());
    } catch (JoseException | RuntimeException e) {
      body = Map.of();
    }
    if (response.statusCode() != 200) {
      String shown = body.get("error") instanceof String e && ERROR_CODE.matcher(e).matches() ? e : "HTTP " + response.statusCode();
      throw new Refused(400, "The identity provider refused to exchange the authorization code (" + shown + ").");
    }
    if (!(body.get("id_token") instanceof String idToken) || idToken.isEmpty()) {
      throw new Refused(400, "The identity provider's token endpoint returned no ID token.");
    }
    return idToken;
  }

  /** The issuer's endpoints: configured, else from its discovery document. */
  private static OidcDiscovery.Metadata endpoints(Issuer issuer) {
    AuthConfig.SignIn c = issuer.c();
    if (c.authorizationEndpoint().isPresent() && c.tokenEndpoint().isPresent()) {
      return new OidcDiscovery.Metadata(c.authorizationEndpoint().get(), c.tokenEndpoint().get(), null);
    }
    OidcDiscovery.Metadata found;
    try {
      found = OidcDiscovery.of(issuer.issuer());
    } catch (OidcDiscovery.Unavailable e) {
      throw GatehouseException.unavailable("The identity provider cannot be reached (its discovery document). Try again later.",
          Duration.ofSeconds(30));
    }
    String authorize = c.authorizationEndpoint().orElse(found.authorizationEndpoint());
    String token = c.tokenEndpoint().orElse(found.tokenEndpoint());
    if (authorize == null || token == null) {
      throw GatehouseException.unavailable("The identity provider's discovery document names no authorization or token"
          + " endpoint.", Duration.ofSeconds(30));
    }
    return new OidcDiscovery.Metadata(authorize, token, found.jwksUri());
  }

  /** The PKCE S256 challenge of a verifier (RFC 7636 4.2). */
  static String challenge(String codeVerifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String url(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
