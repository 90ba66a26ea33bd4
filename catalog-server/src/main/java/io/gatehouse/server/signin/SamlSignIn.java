package io.gatehouse.server.signin;

import io.gatehouse.credentials.saml.SamlAssertion;
import io.gatehouse.credentials.saml.SamlRole;
import io.gatehouse.credentials.saml.SamlResponseValidator;
import io.gatehouse.credentials.saml.SamlValidationException;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.credentials.SignInCredentials;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * SAML 2.0 sign-in to Gatehouse's web pages, as a service provider: SP-initiated only. A sign-in
 * request is remembered in the database ({@link SignInRequests}: any replica may receive the
 * answer) and answered at most once; the response must be signed by the configured identity
 * provider, name this service as its audience, be addressed to its assertion consumer URL and
 * answer a pending request (see {@link SamlResponseValidator}). The rest, shared with OIDC
 * sign-in, is {@link SignInCompletion}'s: a SIGN_IN token, an unknown user created only when
 * automatic creation is on.
 */
@ApplicationScoped
public class SamlSignIn {
  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SamlSignIn.class);
  static final String NAME_ID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

  private final SamlSignInConfig config;
  private final SignInRequests requests;
  private final SignInCompletion completion;
  private final SignInCompletion.Creation creation;
  private final SamlResponseValidator validator;
  /** Exchanges the response for the AWS roles it names, at once (SAML passthrough from sign-in). */
  @jakarta.inject.Inject
  SignInCredentials signInCredentials;
  /** Hands a sign-in the command line started to its loopback listener. */
  @jakarta.inject.Inject
  CliSignIn cli;

  SamlSignIn(SamlSignInConfig config, SignInRequests requests, SignInCompletion completion) {
    this.config = config;
    this.requests = requests;
    this.completion = completion;
    this.creation = new SignInCompletion.Creation(config.autoCreateUsers(), config.autoCreateDomains(),
        completion.protectedGroups(config.protectedGroups()));
    Optional<String> pem = config.idpCertificate().or(() -> config.idpCertificateFile().map(SamlSignIn::read));
    this.validator = enabled(config) && pem.isPresent()
        ? new SamlResponseValidator(new SamlResponseValidator.Settings(SamlResponseValidator.keysFromPem(pem.get()),
            config.spEntityId().get(), config.idpEntityId(), config.clockSkew(), 100_000))
        : null;
  }

  private static boolean enabled(SamlSignInConfig config) {
    return config.idpSsoUrl().isPresent() && config.spEntityId().isPresent()
        && (config.idpCertificate().isPresent() || config.idpCertificateFile().isPresent());
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gatehouse.auth.saml.idp-certificate-file", e);
    }
  }

  boolean enabled() {
    return validator != null;
  }

  SamlSignInConfig config() {
    return config;
  }

  private void requireEnabled() {
    if (!enabled()) {
      throw GatehouseException.notFound("SAML sign-in is not configured on this server.");
    }
  }

  /** The assertion consumer URL: the configured base URL's, else that of the URL the request came to. */
  String consumerUrl(String requestBase) {
    String base = config.baseUrl().orElse(requestBase);
    return base.replaceAll("/+$", "") + SamlSignInResource.ACS;
  }

  /**
   * The identity provider's URL to send the browser to, for a new sign-in request returning to
   * {@code returnTo}, for the workspace named by {@code workspaceId} or the request's host (else
   * the default one).
   */
  String start(String returnTo, String requestBase, String workspaceId, String host) {
    return start(returnTo, requestBase, workspaceId, host, null);
  }

  /** As {@link #start(String, String, String, String)}, for the command line when {@code cli} is not null. */
  String start(String returnTo, String requestBase, String workspaceId, String host, SignInRequests.Cli cli) {
    requireEnabled();
    String page = SignInCompletion.returnTo(returnTo);
    long workspace = completion.workspace(workspaceId, host);
    String id = "_" + UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    requests.open(id, SignInRequests.Method.SAML, new SignInRequests.Pending(page, workspace, null, null, null, cli),
        config.requestLifetime());
    String sso = config.idpSsoUrl().get();
    String request = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
        + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + id + "\" Version=\"2.0\""
        + " IssueInstant=\"" + now + "\" Destination=\"" + xml(sso) + "\""
        + " AssertionConsumerServiceURL=\"" + xml(consumerUrl(requestBase)) + "\""
        + " ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\">"
        + "<saml:Issuer>" + xml(config.spEntityId().get()) + "</saml:Issuer>"
        + "<samlp:NameIDPolicy Format=\"" + NAME_ID_EMAIL + "\" AllowCreate=\"true\"/>"
        + "</samlp:AuthnRequest>";
    return sso + (sso.contains("?") ? "&" : "?") + "SAMLRequest=" + url(deflate(request)) + "&RelayState=" + url(id);
  }

  /**
   * Validates the posted response and signs its subject in; with SAML passthrough from sign-in,
   * exchanges the response for the roles it names. Runs its own transactions: one to take the
   * request it answers and sign the user in (a refusal still consumes the request), then the calls
   * to STS holding none, then one to keep their sessions; the browser gets the token only after.
   */
  SignInCompletion.Outcome finish(String samlResponse, String requestBase) {
    requireEnabled();
    Answered answered = QuarkusTransaction.requiringNew().call(() -> answer(samlResponse, requestBase));
    if (!answered.wanted().isEmpty()) {
      // SAML passthrough from sign-in: the response is exchanged now, for the roles it names, then dropped.
      List<SignInCredentials.Exchanged> sessions = signInCredentials.call(answered.signIn(), answered.wanted());
      try {
        QuarkusTransaction.requiringNew().run(() -> signInCredentials.keep(answered.signIn(), sessions));
      } catch (RuntimeException e) {
        // The token ended meanwhile (its rows refer to it), or the database failed: the sign-in stands,
        // its credential requests say to sign in again, as when STS refuses.
        LOG.warnf("Keeping the AWS sessions of the sign-in of %s failed: %s", answered.outcome().user(), e.toString());
      }
    }
    return answered.outcome();
  }

  /** A validated sign-in: its outcome, and the roles its response is to be exchanged for. */
  private record Answered(SignInCompletion.Outcome outcome, SignInCredentials.SignIn signIn, List<SamlRole> wanted) {}

  private Answered answer(String samlResponse, String requestBase) {
    SignInRequests.Pending[] answered = new SignInRequests.Pending[1];
    SamlAssertion assertion;
    try {
      assertion = validator.validate(samlResponse, new SamlResponseValidator.Expected(consumerUrl(requestBase), id -> {
        answered[0] = requests.take(id, SignInRequests.Method.SAML).orElse(null);
        return answered[0] != null;
      }));
    } catch (SamlValidationException e) {
      completion.refused(null, "SAML response refused: " + e.getMessage());
      return new Answered(SignInCompletion.Outcome.refused(400, "The sign-in response was refused: " + e.getMessage() + "."),
          null, List.of());
    }
    List<String> groups = config.groupsAttribute().map(assertion::attribute).orElse(List.of());
    SignInCompletion.Outcome outcome = completion.complete(
        new SignInCompletion.Vouched(assertion.subject(), groups, "SAML", "assertion " + assertion.id()),
        answered[0].workspace(), answered[0].returnTo(), creation, config.sessionLifetime(),
        answered[0].cli() == null ? "SAML sign-in" : "SAML sign-in (command line)");
    if (outcome.token() == null) {
      return new Answered(outcome, null, List.of());
    }
    SignInCredentials.SignIn signIn = new SignInCredentials.SignIn(outcome.user(), outcome.tokenId(), outcome.token(),
        outcome.tokenExpires(), samlResponse, assertion.roles());
    return new Answered(cli.handOff(outcome, answered[0].cli()), signIn, signInCredentials.served(signIn));
  }

  /** The service provider's metadata, for the identity provider. */
  String metadata(String requestBase) {
    requireEnabled();
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"" + xml(config.spEntityId().get()) + "\">"
        + "<md:SPSSODescriptor AuthnRequestsSigned=\"false\" WantAssertionsSigned=\"true\""
        + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
        + "<md:NameIDFormat>" + NAME_ID_EMAIL + "</md:NameIDFormat>"
        + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\""
        + xml(consumerUrl(requestBase)) + "\" index=\"0\" isDefault=\"true\"/>"
        + "</md:SPSSODescriptor></md:EntityDescriptor>";
  }

  static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  private static String url(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The HTTP-Redirect binding's encoding: raw DEFLATE, then base64. */
  private static String deflate(String xml) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
      deflater.write(xml.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
