package io.gatehouse.credentials.saml;

import java.time.Instant;
import java.util.List;

/**
 * What a validated SAML response says: the assertion's id and issuer, its subject (NameID), the
 * role pairs of its Role attribute, the RoleSessionName attribute (null if absent) and until when
 * it may be used.
 */
public record SamlAssertion(String id, String issuer, String subject, List<SamlRole> roles, String roleSessionName,
    Instant notOnOrAfter, java.util.Map<String, List<String>> attributes) {
  public SamlAssertion {
    roles = List.copyOf(roles);
    attributes = attributes == null ? java.util.Map.of() : java.util.Map.copyOf(attributes);
  }

  /** The values of attribute {@code name} (trimmed, blanks left out), or none. */
  public List<String> attribute(String name) {
    return attributes.getOrDefault(name, List.of());
  }
}
