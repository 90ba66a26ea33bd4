package io.gatehouse.server.signin;

import io.gatehouse.credentials.saml.SamlAssertion;
import io.gatehouse.credentials.saml.SamlResponseValidator;
import io.gatehouse.credentials.saml.SamlValidationException;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.identity.BootstrapConfig;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.Memberships;
import io.gatehouse.server.identity.Principal;
import io.gatehouse.server.identity.PrincipalEntity;
import io.gatehouse.server.identity.TokenEntity;
import io.gatehouse.server.identity.TokenService;
import io.quarkus.hibernate.orm.panache.Panache;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SAML 2.0 sign-in to Gatehouse's web pages, as a service provider: SP-initiated only. A sign-in
 * request is remembered in the database (any replica may receive the answer) and answered at most
 * once; the response must be signed by the configured identity provider, name this service as its
 * audience, be addressed to its assertion consumer URL and answer a pending request (see {@link
 * SamlResponseValidator}). The signed-in user gets a short-lived access token of kind SIGN_IN;
 * an unknown user is created only when automatic creation is on.
 */
@ApplicationScoped
public class SamlSignIn {
  /** Where a sign-in may return to: a page of the console, never another site. */
  private static final Pattern RETURN_TO = Pattern.compile("/ui/[A-Za-z0-9._~/-]*(\\?[A-Za-z0-9._~=&%+-]*)?");
  static final String DEFAULT_RETURN_TO = "/ui/";
  static final String NAME_ID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

  private final SamlSignInConfig config;
  private final TokenService tokens;
  private final Memberships memberships;
  private final AuditTrail audit;
  private final CallerContext request;
  private final Set<String> protectedGroups;
  private final SamlResponseValidator validator;
  private final io.gatehouse.server.identity.Workspaces workspaces;
  /** Exchanges the response for the AWS roles it names, at once (SAML passthrough from sign-in). */
  @jakarta.inject.Inject
  io.gatehouse.server.credentials.SignInCredentials signInCredentials;

  SamlSignIn(SamlSignInConfig config, TokenService tokens, Memberships memberships, AuditTrail audit, CallerContext request,
      BootstrapConfig bootstrap, io.gatehouse.server.identity.Workspaces workspaces,
      @ConfigProperty(name = "gatehouse.grpc.engines-group", defaultValue = "engines") String enginesGroup) {
    this.config = config;
    this.workspaces = workspaces;
    this.tokens = tokens;
    this.memberships = memberships;
    this.audit = audit;
    this.request = request;
    List<String> kept = new ArrayList<>(config.protectedGroups().orElse(List.of()));
    kept.add(bootstrap.adminGroup());
    kept.add(enginesGroup);
    this.protectedGroups = Set.copyOf(kept.stream().map(g -> g.toLowerCase(Locale.ROOT)).toList());
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

  /** A page to return to after sign-in, or a refusal for anything but a console page of this server. */
  static String returnTo(String given) {
    if (given == null || given.isEmpty()) {
      return DEFAULT_RETURN_TO;
    }
    if (!RETURN_TO.matcher(given).matches() || given.contains("..") || given.contains("//")) {
      throw GatehouseException.invalid("Parameter 'return_to' must be a page of this server's console (/ui/...).");
    }
    return given;
  }

  /**
   * The identity provider's URL to send the browser to, for a new sign-in request returning to
   * {@code returnTo}, for the workspace named by {@code workspaceId} or the request's host (else
   * the default one).
   */
  String start(String returnTo, String requestBase, String workspaceId, String host) {
    requireEnabled();
    String page = returnTo(returnTo);
    Long addressed;
    try {
      addressed = workspaces.addressed(workspaceId, host);
    } catch (io.gatehouse.server.identity.AuthenticationException e) {
      throw GatehouseException.invalid(e.getMessage().replace(io.gatehouse.server.identity.Workspaces.HEADER + " header",
          "workspace_id parameter"));
    }
    long workspace = addressed == null ? io.gatehouse.server.identity.WorkspaceSettings.DEFAULT_WORKSPACE : addressed;
    String id = "_" + UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    var em = Panache.getEntityManager();
    em.createNativeQuery("DELETE FROM saml_sign_in_requests WHERE expires_at < now()").executeUpdate();
    em.createNativeQuery("INSERT INTO saml_sign_in_requests (id, return_to, expires_at, workspace_id) VALUES (?1, ?2, ?3, ?4)")
        .setParameter(1, id).setParameter(2, page).setParameter(3, now.plus(config.requestLifetime()))
        .setParameter(4, workspace).executeUpdate();
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

  /** What an answered sign-in gives: the user, its token and where to go; or why it was refused. */
  record Outcome(String user, String token, String returnTo, int status, String refusal) {
    static Outcome refused(int status, String why) {
      return new Outcome(null, null, null, status, why);
    }
  }

  /**
   * Validates the posted response and signs its subject in: a token for an active user, a user
   * created first when allowed. Runs in the caller's transaction; a refusal still consumes the
   * request it answered.
   */
  Outcome finish(String samlResponse, String requestBase) {
    requireEnabled();
    String[] returnTo = new String[1];
    long[] workspace = new long[1];
    SamlAssertion assertion;
    try {
      assertion = validator.validate(samlResponse, new SamlResponseValidator.Expected(consumerUrl(requestBase), id -> {
        @SuppressWarnings("unchecked")
        List<Object[]> pages = Panache.getEntityManager()
            .createNativeQuery("DELETE FROM saml_sign_in_requests WHERE id = ?1 AND expires_at >= now()"
                + " RETURNING return_to, workspace_id")
            .setParameter(1, id).getResultList();
        if (pages.isEmpty()) {
          return false;
        }
        returnTo[0] = (String) pages.get(0)[0];
        workspace[0] = ((Number) pages.get(0)[1]).longValue();
        return true;
      }));
    } catch (SamlValidationException e) {
      record(null, "SIGN_IN", null, AuditEvent.Result.DENIED, () -> "SAML response refused: " + e.getMessage());
      return Outcome.refused(400, "The sign-in response was refused: " + e.getMessage() + ".");
    }
    String name = assertion.subject();
    PrincipalEntity user = PrincipalEntity.findByName(name);
    if (user == null) {
      if (!config.autoCreateUsers()) {
        record(name, "SIGN_IN", name, AuditEvent.Result.DENIED, () -> "unknown user; automatic creation is off");
        return Outcome.refused(403, "You signed in as '" + name + "', who has no user in Gatehouse, and automatic user"
            + " creation is off. Ask an administrator to add you.");
      }
      if (!createdHere(name)) {
        record(name, "SIGN_IN", name, AuditEvent.Result.DENIED, () -> "unknown user outside the domains of automatic creation");
        return Outcome.refused(403, "You signed in as '" + name + "', who has no user in Gatehouse, and automatic user"
            + " creation does not cover that domain. Ask an administrator to add you.");
      }
      user = create(name, assertion);
    }
    if (user.kind != Principal.Type.USER || !user.active) {
      String why = user.kind != Principal.Type.USER ? "it is a " + user.kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
          : "it is deactivated";
      record(user.name, "SIGN_IN", user.name, AuditEvent.Result.DENIED, () -> "refused: " + why);
      return Outcome.refused(403, "'" + user.name + "' may not sign in: " + why + ".");
    }
    UUID userId = user.id;
    String outside = workspaces.refusal(workspace[0], userId, Set.of(), () -> memberships.effectiveGroupNames(userId));
    if (outside != null) {
      String name2 = user.name;
      record(name2, "SIGN_IN", name2, AuditEvent.Result.DENIED, () -> "refused: " + outside);
      return Outcome.refused(403, "'" + name2 + "' may not sign in here: " + outside);
    }
    var issued = tokens.issue(user, user.id, TokenEntity.Kind.SIGN_IN, config.sessionLifetime().toSeconds(), "SAML sign-in",
        workspace[0]);
    String token = issued.tokenValue();
    String signedIn = user.name;
    record(signedIn, "SIGN_IN", signedIn, AuditEvent.Result.SUCCEEDED, () -> "SAML, assertion " + assertion.id());
    // SAML passthrough from sign-in: the response is exchanged now, for the roles it names, then dropped.
    signInCredentials.exchange(new io.gatehouse.server.credentials.SignInCredentials.SignIn(signedIn,
        issued.tokenInfo().tokenId(), token, issued.tokenInfo().expiryTime() == null || issued.tokenInfo().expiryTime() < 0 ? null
            : Instant.ofEpochMilli(issued.tokenInfo().expiryTime()), samlResponse, assertion.roles()));
    return new Outcome(signedIn, token, returnTo[0], 200, null);
  }

  /** Whether automatic creation covers {@code name}'s email domain. */
  private boolean createdHere(String name) {
    List<String> domains = config.autoCreateDomains().orElse(null);
    if (domains == null) {
      return true;
    }
    int at = name.lastIndexOf('@');
    String domain = at < 0 ? "" : name.substring(at + 1);
    return domains.stream().anyMatch(d -> d.equalsIgnoreCase(domain));
  }

  /** A user for a first sign-in, in the groups the assertion names that exist and are not protected. */
  private PrincipalEntity create(String name, SamlAssertion assertion) {
    PrincipalEntity user = PrincipalEntity.create(Principal.Type.USER, name);
    user.displayName = name;
    user.persistAndFlush();
    List<String> joined = new ArrayList<>();
    for (String group : config.groupsAttribute().map(assertion::attribute).orElse(List.of())) {
      if (protectedGroups.contains(group.toLowerCase(Locale.ROOT))) {
        continue;
      }
      PrincipalEntity g = PrincipalEntity.findByName(Principal.Type.GROUP, group);
      if (g != null && memberships.add(g.id, user)) {
        joined.add(g.name);
      }
    }
    record(name, "CREATE_PRINCIPAL", name, AuditEvent.Result.SUCCEEDED,
        () -> "created at first SAML sign-in" + (joined.isEmpty() ? "" : "; groups " + String.join(", ", joined)));
    return user;
  }

  /** An audit record of a sign-in step, by the principal it names (no caller is signed in yet). */
  private void record(String principal, String action, String name, AuditEvent.Result result, java.util.function.Supplier<String> detail) {
    audit.recordFor(principal, request.requestId(), request.sourceAddress(), action, name == null ? "METASTORE" : "PRINCIPAL", name,
        result, detail);
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
