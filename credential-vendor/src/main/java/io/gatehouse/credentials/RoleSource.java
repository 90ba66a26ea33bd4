package io.gatehouse.credentials;

import java.util.Set;

/** Where the role of a credential request comes from: the four modes of a storage credential (SAML
 * passthrough in two forms: a response with the request, or the session of a sign-in). */
public sealed interface RoleSource {
  /** The storage credential's role, assumed with the catalog's own identity (the default mode). */
  record CatalogRole(String roleArn, String externalId) implements RoleSource {}

  /**
   * SCIM passthrough: the role mapped from the principal's groups, assumed with the catalog's own
   * identity; {@code preferredRoleArn} (the storage credential's role) breaks ties.
   */
  record ScimGroups(Set<String> groups, String preferredRoleArn, String externalId) implements RoleSource {
    public ScimGroups {
      groups = Set.copyOf(groups);
    }
  }

  /**
   * SCIM passthrough by SCIM roles: the data role the catalog chose among those the principal
   * holds through its instance profiles, assumed with the catalog's own identity, or through
   * {@code metaRoleArn} (the meta instance profile's role; null when none is registered).
   */
  record ScimRole(String roleArn, String metaRoleArn) implements RoleSource {}

  /**
   * SAML passthrough: the caller's base64 SAML response; the role and provider pair come from its
   * Role attribute ({@code preferredRoleArn} picks among several pairs).
   */
  record Saml(String samlResponse, String preferredRoleArn) implements RoleSource {
    @Override
    public String toString() {
      return "Saml[preferredRoleArn=" + preferredRoleArn + "]";
    }
  }

  /**
   * SAML passthrough from a console sign-in: the role session that the sign-in's SAML response was
   * exchanged for ({@code signInSession}, broad within the role), used only to assume the same
   * role again (role chaining) with the request's session policy, so the caller never receives it.
   * {@code signInId} names the sign-in (its token's id) and keeps cached credentials to it.
   */
  record SignInSession(String roleArn, IssuedCredentials signInSession, String signInId) implements RoleSource {
    @Override
    public String toString() {
      return "SignInSession[roleArn=" + roleArn + ", signInId=" + signInId + "]";
    }
  }

  /** OIDC passthrough: the caller's OIDC token, exchanged for the role's credentials. */
  record WebIdentity(String roleArn, String token) implements RoleSource {
    @Override
    public String toString() {
      return "WebIdentity[roleArn=" + roleArn + "]";
    }
  }
}
