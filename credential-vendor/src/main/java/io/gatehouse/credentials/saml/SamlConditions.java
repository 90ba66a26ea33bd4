package io.gatehouse.credentials.saml;

import static io.gatehouse.credentials.saml.SamlXml.ASSERTION;
import static io.gatehouse.credentials.saml.SamlXml.child;
import static io.gatehouse.credentials.saml.SamlXml.children;
import static io.gatehouse.credentials.saml.SamlXml.instant;
import static io.gatehouse.credentials.saml.SamlXml.text;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The time and audience checks of a SAML assertion: NotBefore and NotOnOrAfter of its Conditions
 * and of its bearer subject confirmation, with the configured clock skew, and this service
 * provider among the audiences of every AudienceRestriction. The earliest NotOnOrAfter they carry
 * is how long the assertion lives, and so how long the replay cache must remember it.
 */
final class SamlConditions {
  private static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

  private final String audience;
  private final Duration clockSkew;

  SamlConditions(String audience, Duration clockSkew) {
    this.audience = audience;
    this.clockSkew = clockSkew;
  }

  /** Checks the Conditions; returns their NotOnOrAfter, or null. */
  Instant checkConditions(Element assertion, Instant now) {
    Element conditions = child(assertion, ASSERTION, "Conditions");
    if (conditions == null) {
      throw new SamlValidationException("the assertion has no Conditions");
    }
    Instant notBefore = instant(conditions, "NotBefore");
    Instant notOnOrAfter = instant(conditions, "NotOnOrAfter");
    if (notBefore != null && now.plus(clockSkew).isBefore(notBefore)) {
      throw new SamlValidationException("the assertion is not valid yet (NotBefore)");
    }
    if (notOnOrAfter != null && !now.minus(clockSkew).isBefore(notOnOrAfter)) {
      throw new SamlValidationException("the assertion has expired (NotOnOrAfter)");
    }
    List<Element> restrictions = children(conditions, ASSERTION, "AudienceRestriction");
    if (restrictions.isEmpty()) {
      throw new SamlValidationException("the assertion has no AudienceRestriction");
    }
    for (Element restriction : restrictions) {
      boolean found = false;
      for (Element candidate : children(restriction, ASSERTION, "Audience")) {
        found |= audience.equals(text(candidate));
      }
      if (!found) {
        throw new SamlValidationException("the assertion is not meant for this audience");
      }
    }
    return notOnOrAfter;
  }

  /** The bearer confirmation's NotOnOrAfter (checked), or null when it has none. */
  Instant checkSubjectConfirmation(Element subject, Instant now) {
    Instant earliest = null;
    boolean bearer = false;
    for (Element confirmation : children(subject, ASSERTION, "SubjectConfirmation")) {
      if (!BEARER.equals(confirmation.getAttribute("Method"))) {
        continue;
      }
      bearer = true;
      Element data = child(confirmation, ASSERTION, "SubjectConfirmationData");
      Instant notOnOrAfter = data == null ? null : instant(data, "NotOnOrAfter");
      if (notOnOrAfter != null && !now.minus(clockSkew).isBefore(notOnOrAfter)) {
        throw new SamlValidationException("the subject confirmation has expired (NotOnOrAfter)");
      }
      Instant notBefore = data == null ? null : instant(data, "NotBefore");
      if (notBefore != null && now.plus(clockSkew).isBefore(notBefore)) {
        throw new SamlValidationException("the subject confirmation is not valid yet (NotBefore)");
      }
      earliest = earliest(earliest, notOnOrAfter);
    }
    if (!bearer) {
      throw new SamlValidationException("the subject has no bearer confirmation");
    }
    return earliest;
  }

  static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
