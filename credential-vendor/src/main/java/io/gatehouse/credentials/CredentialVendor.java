package io.gatehouse.credentials;

import io.gatehouse.credentials.saml.SamlAssertion;
import io.gatehouse.credentials.saml.SamlResponseValidator;
import io.gatehouse.credentials.saml.SamlRole;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns an authorized request into scoped credentials: picks the role by the storage credential's
 * mode, builds the session policy of the scope, and gets credentials through the cache, which
 * calls STS only on a miss. Authorization is the caller's job and comes first: nothing here
 * decides whether the principal may have the data.
 */
public final class CredentialVendor {
  /** STS's bounds for a session: 15 minutes to 12 hours. */
  static final Duration MIN_DURATION = Duration.ofMinutes(15);
  static final Duration MAX_DURATION = Duration.ofHours(12);
  /** STS's bound for a session of a chained role (assumed with another role's session). */
  static final Duration MAX_CHAINED_DURATION = Duration.ofHours(1);
  /** The meta role's session may only assume other roles. */
  static final String META_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";

  /**
   * {@code perPrincipalSessions}: catalog-role and SCIM sessions carry the principal (session
   * name, source identity, a tag) and so are cached per principal; off, one session per role and
   * scope is shared by every principal. {@code sessionTags}: send the context as session tags.
   * {@code sourceIdentity}: send the principal as SourceIdentity.
   */
  public record Settings(Duration defaultDuration, boolean perPrincipalSessions, boolean sessionTags, boolean sourceIdentity) {
    public static final Settings DEFAULT = new Settings(Duration.ofHours(1), true, true, true);
  }

  private final StsGateway sts;
  private final CredentialCache cache;
  private final GroupRoleMapping groupRoles;
  private final SamlResponseValidator saml;
  private final Settings settings;

  /** {@code saml} may be null when no SAML identity provider is configured. */
  public CredentialVendor(StsGateway sts, CredentialCache cache, GroupRoleMapping groupRoles, SamlResponseValidator saml,
      Settings settings) {
    this.sts = sts;
    this.cache = cache;
    this.groupRoles = groupRoles;
    this.saml = saml;
    this.settings = settings;
  }

  public VendedCredentials vend(VendRequest request) {
    Duration duration = clamp(request.duration() == null ? settings.defaultDuration() : request.duration());
    String principal = request.principal();
    // The call is only built on a miss: a hit costs the role choice and one cache lookup.
    Supplier<StsCall> call;
    String role;
    String sessionName;
    String keyPrincipal;
    RoleSource source = request.source();
    if (source instanceof RoleSource.CatalogRole c) {
      role = c.roleArn();
      sessionName = sessionName(principal);
      call = () -> assumeRole(c.roleArn(), c.externalId(), sessionName, request, duration);
      keyPrincipal = settings.perPrincipalSessions() ? principal : null;
    } else if (source instanceof RoleSource.ScimGroups g) {
      if (groupRoles.isEmpty()) {
        throw new CredentialRequestException(CredentialRequestException.Reason.INVALID,
            "SCIM passthrough needs a group-to-role mapping, and none is configured");
      }
      role = groupRoles.select(g.groups(), g.preferredRoleArn());
      sessionName = sessionName(principal);
      call = () -> assumeRole(role, g.externalId(), sessionName, request, duration);
      keyPrincipal = settings.perPrincipalSessions() ? principal : null;
    } else if (source instanceof RoleSource.ScimRole r) {
      role = r.roleArn();
      sessionName = sessionName(principal);
      Duration chained = r.metaRoleArn() == null ? duration : min(duration, MAX_CHAINED_DURATION);
      // Instance profiles carry no external id: the data role trusts the catalog or the meta role.
      Supplier<StsCall.AssumeRole> assume = () -> assumeRole(r.roleArn(), null, sessionName, request, chained);
      call = assume::get;
      keyPrincipal = settings.perPrincipalSessions() ? principal : null;
      if (r.metaRoleArn() != null) {
        CacheKey key = new CacheKey(source.getClass().getSimpleName(), role, request.scope(), keyPrincipal);
        CredentialCache.Lookup lookup = cache.get(key, () -> sts.assumeRole(assume.get(), metaCredentials(r.metaRoleArn())));
        return new VendedCredentials(lookup.credentials(), role, sessionName, lookup.cached());
      }
    } else if (source instanceof RoleSource.WebIdentity w) {
      if (w.token() == null || w.token().isBlank()) {
        throw new CredentialRequestException(CredentialRequestException.Reason.INVALID,
            "OIDC passthrough needs the caller's OIDC token");
      }
      role = w.roleArn();
      sessionName = SessionNames.sessionName(principal);
      call = () -> new StsCall.AssumeRoleWithWebIdentity(w.roleArn(), sessionName, w.token(),
          policy(request.scope(), w.roleArn()), duration);
      keyPrincipal = principal;
    } else if (source instanceof RoleSource.SignInSession s) {
      role = s.roleArn();
      sessionName = SessionNames.sessionName(principal);
      return fromSignInSession(s, sessionName, request, duration);
    } else {
      RoleSource.Saml s = (RoleSource.Saml) source;
      SamlAssertion assertion = samlAssertion(s, principal);
      SamlRole samlRole = samlRole(assertion, s.preferredRoleArn());
      role = samlRole.roleArn();
      sessionName = assertion.roleSessionName(); // STS takes it from the assertion
      call = () -> new StsCall.AssumeRoleWithSaml(samlRole.roleArn(), samlRole.providerArn(), s.samlResponse(),
          policy(request.scope(), samlRole.roleArn()), duration);
      keyPrincipal = principal;
    }
    CacheKey key = new CacheKey(source.getClass().getSimpleName(), role, request.scope(), keyPrincipal);
    CredentialCache.Lookup lookup = cache.get(key, () -> sts.call(call.get()));
    return new VendedCredentials(lookup.credentials(), role, sessionName, lookup.cached());
  }

  /**
   * Credentials scoped to the request, assumed with the session of a SAML sign-in onto the same
   * role (role chaining: at most one hour, and asked for no longer than the sign-in session has
   * left, though never under STS's 15 minutes). The expiry reported is the earlier of the two, so
   * a client renews when the sign-in ends and is then told to sign in again. No session tags nor
   * SourceIdentity: a chained session inherits the sign-in's, and STS refuses to change them.
   * Cached per sign-in, never shared between sign-ins or principals.
   */
  private VendedCredentials fromSignInSession(RoleSource.SignInSession s, String sessionName, VendRequest request,
      Duration duration) {
    Instant signInEnds = s.signInSession().expiration();
    Duration left = Duration.between(Instant.now(), signInEnds);
    Duration asked = clamp(min(min(duration, MAX_CHAINED_DURATION), left));
    StsCall.AssumeRole call = new StsCall.AssumeRole(s.roleArn(), sessionName, null, null, policy(request.scope(), s.roleArn()),
        asked, Map.of());
    CacheKey key = new CacheKey(source(s), s.roleArn(), request.scope(), request.principal() + "\n" + s.signInId());
    CredentialCache.Lookup lookup = cache.get(key, () -> {
      IssuedCredentials c = sts.assumeRole(call, s.signInSession());
      return c.expiration().isAfter(signInEnds)
          ? new IssuedCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), signInEnds, c.assumedRoleArn())
          : c;
    });
    return new VendedCredentials(lookup.credentials(), s.roleArn(), sessionName, lookup.cached());
  }

  /**
   * Exchanges the SAML response of a sign-in for a session of {@code roleArn} (one of the
   * assertion's Role pairs, with {@code providerArn}): AssumeRoleWithSAML with a session policy
   * that allows only assuming that role again ({@link SessionPolicy#chainOnly}), so the session
   * reaches data only through {@link RoleSource.SignInSession}. Not cached: it belongs to one
   * sign-in, which keeps it. Throws the {@link StsCallException} of a refusal.
   */
  public IssuedCredentials exchangeSignIn(String roleArn, String providerArn, String samlResponse, Duration duration) {
    return sts.assumeRoleWithSaml(new StsCall.AssumeRoleWithSaml(roleArn, providerArn, samlResponse,
        SessionPolicy.chainOnly(roleArn), clamp(duration)));
  }

  private static String source(RoleSource s) {
    return s.getClass().getSimpleName();
  }

  /**
   * Checks that the catalog can assume {@code roleArn} (through {@code metaRoleArn} when not
   * null): a real AssumeRole with a session policy that denies everything, so the credentials it
   * returns reach nothing. Throws the {@link StsCallException} of a refusal.
   */
  public void verifyAssumable(String roleArn, String metaRoleArn) {
    StsCall.AssumeRole check = new StsCall.AssumeRole(roleArn, "gatehouse-validation", null, null,
        SessionPolicy.DENY_ALL, MIN_DURATION, Map.of());
    if (metaRoleArn == null) {
      sts.assumeRole(check);
    } else {
      sts.assumeRole(check, sts.assumeRole(metaCall(metaRoleArn)));
    }
  }

  /** The meta role's session, shared by every chained call while it lasts (it reaches only sts:AssumeRole). */
  private IssuedCredentials metaCredentials(String metaRoleArn) {
    return cache.get(new CacheKey("MetaRole", metaRoleArn, null, null), () -> sts.assumeRole(metaCall(metaRoleArn)))
        .credentials();
  }

  private StsCall.AssumeRole metaCall(String metaRoleArn) {
    return new StsCall.AssumeRole(metaRoleArn, "gatehouse", null, null, META_POLICY, MAX_CHAINED_DURATION, Map.of());
  }

  public CredentialCache.Stats stats() {
    return cache.stats();
  }

  public CredentialCache cache() {
    return cache;
  }

  private String sessionName(String principal) {
    return settings.perPrincipalSessions() ? SessionNames.sessionName(principal) : "gatehouse";
  }

  private StsCall.AssumeRole assumeRole(String roleArn, String externalId, String sessionName, VendRequest request,
      Duration duration) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (settings.sessionTags()) {
      if (settings.perPrincipalSessions()) {
        tags.put("gatehouse:principal", SessionNames.tagValue(request.principal()));
      }
      request.context().forEach((k, v) -> {
        if (v != null) {
          tags.put("gatehouse:" + k, SessionNames.tagValue(v));
        }
      });
    }
    String sourceIdentity = settings.sourceIdentity() && settings.perPrincipalSessions()
        ? SessionNames.sourceIdentity(request.principal()) : null;
    return new StsCall.AssumeRole(roleArn, sessionName, sourceIdentity, externalId, policy(request.scope(), roleArn),
        duration, tags);
  }

  private SamlAssertion samlAssertion(RoleSource.Saml source, String principal) {
    if (saml == null) {
      throw new CredentialRequestException(CredentialRequestException.Reason.INVALID,
          "SAML passthrough needs the identity provider's certificate, and none is configured");
    }
    if (source.samlResponse() == null || source.samlResponse().isBlank()) {
      throw new CredentialRequestException(CredentialRequestException.Reason.INVALID,
          "SAML passthrough needs the caller's SAML response (saml_response)");
    }
    SamlAssertion assertion = saml.validate(source.samlResponse());
    if (!assertion.subject().equalsIgnoreCase(principal)) {
      throw new CredentialRequestException(CredentialRequestException.Reason.NOT_PERMITTED,
          "the SAML assertion's subject is not the caller");
    }
    return assertion;
  }

  private static SamlRole samlRole(SamlAssertion assertion, String preferredRoleArn) {
    List<SamlRole> roles = assertion.roles();
    if (roles.isEmpty()) {
      throw new CredentialRequestException(CredentialRequestException.Reason.NOT_PERMITTED,
          "the SAML assertion names no role (attribute " + SamlResponseValidator.ROLE_ATTRIBUTE + ")");
    }
    if (preferredRoleArn != null) {
      for (SamlRole role : roles) {
        if (role.roleArn().equals(preferredRoleArn)) {
          return role;
        }
      }
    }
    if (roles.size() == 1) {
      return roles.get(0);
    }
    throw new CredentialRequestException(CredentialRequestException.Reason.NOT_PERMITTED,
        "the SAML assertion names several roles and none is the storage credential's role");
  }

  private static String policy(StorageScope scope, String roleArn) {
    return SessionPolicy.of(scope, partition(roleArn));
  }

  /** The partition of an ARN ({@code arn:aws-cn:iam::...} is aws-cn); aws when it cannot be read. */
  static String partition(String arn) {
    if (arn != null && arn.startsWith("arn:")) {
      int end = arn.indexOf(':', 4);
      if (end > 4) {
        return arn.substring(4, end);
      }
    }
    return "aws";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration clamp(Duration d) {
    if (d.compareTo(MIN_DURATION) < 0) {
      return MIN_DURATION;
    }
    return d.compareTo(MAX_DURATION) > 0 ? MAX_DURATION : d;
  }
}
