package io.gatehouse.credentials;

import io.gatehouse.credentials.saml.SamlAssertion;
import io.gatehouse.credentials.saml.SamlResponseValidator;
import io.gatehouse.credentials.saml.SamlRole;
import java.time.Duration;
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

  private static Duration clamp(Duration d) {
    if (d.compareTo(MIN_DURATION) < 0) {
      return MIN_DURATION;
    }
    return d.compareTo(MAX_DURATION) > 0 ? MAX_DURATION : d;
  }
}
