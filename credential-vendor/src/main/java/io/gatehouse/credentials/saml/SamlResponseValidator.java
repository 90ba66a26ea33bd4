package io.gatehouse.credentials.saml;

import static io.gatehouse.credentials.saml.SamlXml.ASSERTION;
import static io.gatehouse.credentials.saml.SamlXml.PROTOCOL;
import static io.gatehouse.credentials.saml.SamlXml.child;
import static io.gatehouse.credentials.saml.SamlXml.children;
import static io.gatehouse.credentials.saml.SamlXml.is;
import static io.gatehouse.credentials.saml.SamlXml.text;

import com.github.benmanes.caffeine.cache.Ticker;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Validates the SAML 2.0 response a caller presents for SAML passthrough, before anything of it
 * reaches STS:
 *
 * <ul>
 *   <li>well-formed XML without a DOCTYPE (no entity tricks), one {@code Response} holding
 *       exactly one unencrypted {@code Assertion}, status Success, unique IDs ({@link SamlXml});
 *   <li>an XML signature (Apache Santuario, secure validation) over that assertion, or over the
 *       whole response, that verifies with the configured identity provider key; the signature
 *       must be enveloped in the element it signs and reference it by its ID, with exclusive
 *       canonicalization and SHA-2 algorithms only, so a signed element cannot be swapped for an
 *       unsigned one (signature wrapping; {@link SamlSignature});
 *   <li>the configured issuer, if any; the audience among those of every AudienceRestriction;
 *       NotBefore and NotOnOrAfter of the conditions and of the bearer subject confirmation, with
 *       the configured clock skew; a NotOnOrAfter must be present, as it bounds the replay cache
 *       ({@link SamlConditions});
 *   <li>an assertion ID not seen before (replay); recorded only once everything else passed.
 * </ul>
 *
 * What passes is read into a {@link SamlAssertion}: its subject, and the role and session name
 * attributes AWS defines ({@link SamlAttributes}).
 */
public final class SamlResponseValidator {
  public static final String ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";
  public static final String SESSION_NAME_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
  /** The audience AWS STS expects in assertions meant for it. */
  public static final String AWS_AUDIENCE = "urn:amazon:webservices";

  private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
  private static final int MAX_RESPONSE_CHARS = 256 * 1024;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /**
   * {@code keys}: the identity provider's signing keys (from its certificates); {@code audience}:
   * this service provider's entity id as assertions name it (AWS: {@code urn:amazon:webservices});
   * {@code issuer}: the identity provider's entity id, checked when given.
   */
  public record Settings(List<PublicKey> keys, String audience, Optional<String> issuer, Duration clockSkew,
      long replayCacheSize) {
    public Settings {
      keys = List.copyOf(keys);
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("SAML validation needs at least one identity provider key");
      }
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final SamlSignature signature;
  private final SamlConditions conditions;
  private final ReplayCache replays;

  public SamlResponseValidator(Settings settings) {
    this(settings, Clock.systemUTC(), Ticker.systemTicker());
  }

  public SamlResponseValidator(Settings settings, Clock clock, Ticker ticker) {
    this.settings = settings;
    this.clock = clock;
    this.signature = new SamlSignature(settings.keys());
    this.conditions = new SamlConditions(settings.audience(), settings.clockSkew());
    this.replays = new ReplayCache(settings.replayCacheSize(), clock, ticker);
  }

  /**
   * The keys in a PEM text: each {@code CERTIFICATE} (as IAM SAML provider metadata has them) or
   * {@code PUBLIC KEY} block, RSA or EC.
   */
  public static List<PublicKey> keysFromPem(String pem) {
    return SamlKeys.fromPem(pem);
  }

  /**
   * What a service provider's own sign-in expects beyond the rules above: the response was sent
   * to {@code recipient} (the assertion consumer URL: the response's Destination and the bearer
   * confirmation's Recipient must both name it), in answer to a request of ours
   * ({@code inResponseTo} accepts the InResponseTo of the response and of the confirmation, and
   * is asked once: it may consume the request). Unsolicited responses are refused.
   */
  public record Expected(String recipient, java.util.function.Predicate<String> inResponseTo) {}

  /** Validates the base64 SAML response as posted by a browser; see the class comment for the rules. */
  public SamlAssertion validate(String base64Response) {
    return validate(base64Response, null);
  }

  /** {@link #validate(String)} for a sign-in of ours: also as {@code expected} says. */
  public SamlAssertion validate(String base64Response, Expected expected) {
    if (base64Response == null || base64Response.isBlank()) {
      throw new SamlValidationException("it is empty");
    }
    if (base64Response.length() > MAX_RESPONSE_CHARS) {
      throw new SamlValidationException("it is larger than " + MAX_RESPONSE_CHARS + " characters");
    }
    byte[] xml;
    try {
      xml = Base64.getDecoder().decode(WHITESPACE.matcher(base64Response).replaceAll(""));
    } catch (IllegalArgumentException e) {
      throw new SamlValidationException("it is not base64");
    }
    Document document = SamlXml.parse(xml);
    Element response = document.getDocumentElement();
    if (!is(response, PROTOCOL, "Response")) {
      throw new SamlValidationException("it is not a SAML 2.0 Response");
    }
    SamlXml.checkUniqueIds(document);
    checkStatus(response);
    if (document.getElementsByTagNameNS(ASSERTION, "EncryptedAssertion").getLength() > 0) {
      throw new SamlValidationException("encrypted assertions are not supported");
    }
    NodeList all = document.getElementsByTagNameNS(ASSERTION, "Assertion");
    List<Element> direct = children(response, ASSERTION, "Assertion");
    if (all.getLength() != 1 || direct.size() != 1) {
      throw new SamlValidationException("it must hold exactly one assertion, directly in the response");
    }
    Element assertion = direct.get(0);
    signature.check(response, assertion);

    String issuer = text(child(assertion, ASSERTION, "Issuer"));
    settings.issuer().ifPresent(configured -> {
      if (!configured.equals(issuer)) {
        throw new SamlValidationException("the issuer is not the configured identity provider");
      }
    });
    Instant now = clock.instant();
    Instant notOnOrAfter = conditions.checkConditions(assertion, now);
    Element subject = child(assertion, ASSERTION, "Subject");
    String nameId = text(subject == null ? null : child(subject, ASSERTION, "NameID"));
    if (nameId == null || nameId.isBlank()) {
      throw new SamlValidationException("the assertion has no subject NameID");
    }
    notOnOrAfter = SamlConditions.earliest(notOnOrAfter, conditions.checkSubjectConfirmation(subject, now));
    if (notOnOrAfter == null) {
      throw new SamlValidationException("the assertion has no NotOnOrAfter");
    }

    if (expected != null) {
      checkAddressedTo(response, subject, expected);
    }
    List<SamlRole> roles = SamlAttributes.roles(assertion);
    String sessionName = SamlAttributes.sessionName(assertion);
    java.util.Map<String, List<String>> attributes = SamlAttributes.all(assertion);
    String id = assertion.getAttribute("ID");
    if (!replays.firstUse(id, notOnOrAfter.plus(settings.clockSkew()))) {
      throw new SamlValidationException("the assertion was used before (replay)");
    }
    return new SamlAssertion(id, issuer, nameId.trim(), roles, sessionName, notOnOrAfter, attributes);
  }

  /** The response's Destination, the bearer confirmations' Recipient and InResponseTo, for a sign-in of ours. */
  private static void checkAddressedTo(Element response, Element subject, Expected expected) {
    if (!expected.recipient().equals(response.getAttribute("Destination"))) {
      throw new SamlValidationException("its Destination is not this service's assertion consumer URL");
    }
    String answered = response.getAttribute("InResponseTo");
    boolean bearer = false;
    for (Element confirmation : children(subject, ASSERTION, "SubjectConfirmation")) {
      Element data = child(confirmation, ASSERTION, "SubjectConfirmationData");
      if (!"urn:oasis:names:tc:SAML:2.0:cm:bearer".equals(confirmation.getAttribute("Method")) || data == null) {
        continue;
      }
      bearer = true;
      if (!expected.recipient().equals(data.getAttribute("Recipient"))) {
        throw new SamlValidationException("its Recipient is not this service's assertion consumer URL");
      }
      if (!answered.equals(data.getAttribute("InResponseTo"))) {
        throw new SamlValidationException("its InResponseTo values differ");
      }
    }
    if (!bearer) {
      throw new SamlValidationException("the assertion has no bearer subject confirmation");
    }
    if (answered.isEmpty() || !expected.inResponseTo().test(answered)) {
      throw new SamlValidationException("it answers no sign-in request of this service (unsolicited, expired or used)");
    }
  }

  private static void checkStatus(Element response) {
    Element status = child(response, PROTOCOL, "Status");
    Element code = status == null ? null : child(status, PROTOCOL, "StatusCode");
    if (code == null || !SUCCESS.equals(code.getAttribute("Value"))) {
      throw new SamlValidationException("its status is not Success");
    }
  }
}
