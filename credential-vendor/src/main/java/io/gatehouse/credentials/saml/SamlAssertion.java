package io.gatehouse.credentials.saml;

import java.time.Instant;
import java.util.List;

/**
 * What a validated SAML response says: the assertion's id and issuer, its subject (NameID), the
 * role pairs of its Role attribute, the RoleSessionName attribute (null if absent) and until when
 * it may be used.
 */
public record SamlAssertion(
    String id, String issuer, String subject, List<SamlRole> roles, String roleSessionName, Instant notOnOrAfter) {
  public SamlAssertion {
    roles = List.copyOf(roles);
  }
}
