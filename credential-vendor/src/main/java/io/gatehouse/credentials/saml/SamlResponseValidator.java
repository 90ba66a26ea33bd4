package io.gatehouse.credentials.saml;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.xml.security.Init;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Validates the SAML 2.0 response a caller presents for SAML passthrough, before anything of it
 * reaches STS:
 *
 * <ul>
 *   <li>well-formed XML without a DOCTYPE (no entity tricks), one {@code Response} holding
 *       exactly one unencrypted {@code Assertion}, status Success, unique IDs;
 *   <li>an XML signature (Apache Santuario, secure validation) over that assertion, or over the
 *       whole response, that verifies with the configured identity provider key; the signature
 *       must be enveloped in the element it signs and reference it by its ID, with exclusive
 *       canonicalization and SHA-2 algorithms only, so a signed element cannot be swapped for an
 *       unsigned one (signature wrapping);
 *   <li>the configured issuer, if any; the audience among those of every AudienceRestriction;
 *       NotBefore and NotOnOrAfter of the conditions and of the bearer subject confirmation, with
 *       the configured clock skew; a NotOnOrAfter must be present, as it bounds the replay cache;
 *   <li>an assertion ID not seen before (replay); recorded only once everything else passed.
 * </ul>
 */
public final class SamlResponseValidator {
  public static final String ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";
  public static final String SESSION_NAME_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
  /** The audience AWS STS expects in assertions meant for it. */
  public static final String AWS_AUDIENCE = "urn:amazon:webservices";

  static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
  private static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
  private static final int MAX_RESPONSE_CHARS = 256 * 1024;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private static final Set<String> SIGNATURE_METHODS = Set.of(
      XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384,
      XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256,
      XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA384, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA512);
  private static final Set<String> DIGEST_METHODS = Set.of(
      "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2001/04/xmldsig-more#sha384",
      "http://www.w3.org/2001/04/xmlenc#sha512");
  private static final Set<String> TRANSFORMS = Set.of(
      Transforms.TRANSFORM_ENVELOPED_SIGNATURE, Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);

  static {
    Init.init();
  }

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
  private final ReplayCache replays;

  public SamlResponseValidator(Settings settings) {
    this(settings, Clock.systemUTC(), Ticker.systemTicker());
  }

  public SamlResponseValidator(Settings settings, Clock clock, Ticker ticker) {
    this.settings = settings;
    this.clock = clock;
    this.replays = new ReplayCache(settings.replayCacheSize(), clock, ticker);
  }

  /** Validates the base64 SAML response as posted by a browser; see the class comment for the rules. */
  public SamlAssertion validate(String base64Response) {
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
    Document document = parse(xml);
    Element response = document.getDocumentElement();
    if (!is(response, PROTOCOL, "Response")) {
      throw new SamlValidationException("it is not a SAML 2.0 Response");
    }
    checkUniqueIds(document);
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
    checkSignature(response, assertion);

    String issuer = text(child(assertion, ASSERTION, "Issuer"));
    settings.issuer().ifPresent(expected -> {
      if (!expected.equals(issuer)) {
        throw new SamlValidationException("the issuer is not the configured identity provider");
      }
    });
    Instant now = clock.instant();
    Instant notOnOrAfter = checkConditions(assertion, now);
    Element subject = child(assertion, ASSERTION, "Subject");
    String nameId = text(subject == null ? null : child(subject, ASSERTION, "NameID"));
    if (nameId == null || nameId.isBlank()) {
      throw new SamlValidationException("the assertion has no subject NameID");
    }
    notOnOrAfter = earliest(notOnOrAfter, checkSubjectConfirmation(subject, now));
    if (notOnOrAfter == null) {
      throw new SamlValidationException("the assertion has no NotOnOrAfter");
    }

    List<SamlRole> roles = new ArrayList<>();
    for (String value : attributeValues(assertion, ROLE_ATTRIBUTE)) {
      roles.add(SamlRole.parse(value));
    }
    List<String> sessionNames = attributeValues(assertion, SESSION_NAME_ATTRIBUTE);
    String id = assertion.getAttribute("ID");
    if (!replays.firstUse(id, notOnOrAfter.plus(settings.clockSkew()))) {
      throw new SamlValidationException("the assertion was used before (replay)");
    }
    return new SamlAssertion(id, issuer, nameId.trim(), roles, sessionNames.isEmpty() ? null : sessionNames.get(0),
        notOnOrAfter);
  }

  private static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
          throw e;
        }
      });
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no secure XML parser available", e);
    } catch (SAXException | IOException e) {
      throw new SamlValidationException("it is not well-formed XML without a DOCTYPE");
    }
  }

  /** Every ID attribute value occurs once, and the SAML elements' IDs are known to the DOM as IDs. */
  private static void checkUniqueIds(Document document) {
    Set<String> seen = new HashSet<>();
    NodeList elements = document.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < elements.getLength(); i++) {
      Element e = (Element) elements.item(i);
      if (e.hasAttributeNS(null, "ID")) {
        if (!seen.add(e.getAttributeNS(null, "ID"))) {
          throw new SamlValidationException("an ID occurs twice");
        }
        e.setIdAttributeNS(null, "ID", true);
      }
    }
  }

  private static void checkStatus(Element response) {
    Element status = child(response, PROTOCOL, "Status");
    Element code = status == null ? null : child(status, PROTOCOL, "StatusCode");
    if (code == null || !SUCCESS.equals(code.getAttribute("Value"))) {
      throw new SamlValidationException("its status is not Success");
    }
  }

  /** The assertion's own signature, or else the response's, must verify and cover the assertion. */
  private void checkSignature(Element response, Element assertion) {
    Element onAssertion = child(assertion, DSIG, "Signature");
    Element onResponse = child(response, DSIG, "Signature");
    if (onAssertion == null && onResponse == null) {
      throw new SamlValidationException("it is not signed");
    }
    if (onAssertion != null) {
      verify(onAssertion, assertion);
    }
    if (onResponse != null) {
      verify(onResponse, response);
    }
  }

  private void verify(Element signatureElement, Element signed) {
    String id = signed.getAttribute("ID");
    if (id.isEmpty()) {
      throw new SamlValidationException("a signed element has no ID");
    }
    try {
      XMLSignature signature = new XMLSignature(signatureElement, "", true);
      SignedInfo signedInfo = signature.getSignedInfo();
      if (!SIGNATURE_METHODS.contains(signedInfo.getSignatureMethodURI())) {
        throw new SamlValidationException("its signature algorithm is not an accepted SHA-2 algorithm");
      }
      if (!Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS.equals(signedInfo.getCanonicalizationMethodURI())) {
        throw new SamlValidationException("its signature does not use exclusive canonicalization");
      }
      if (signedInfo.getLength() != 1) {
        throw new SamlValidationException("its signature must have exactly one reference");
      }
      Reference reference = signedInfo.item(0);
      if (!("#" + id).equals(reference.getURI())) {
        throw new SamlValidationException("its signature does not reference the element it is in");
      }
      if (!DIGEST_METHODS.contains(reference.getMessageDigestAlgorithm().getAlgorithmURI())) {
        throw new SamlValidationException("its digest algorithm is not an accepted SHA-2 algorithm");
      }
      Transforms transforms = reference.getTransforms();
      for (int i = 0; transforms != null && i < transforms.getLength(); i++) {
        if (!TRANSFORMS.contains(transforms.item(i).getURI())) {
          throw new SamlValidationException("its signature uses a transform other than enveloped and exclusive c14n");
        }
      }
      for (PublicKey key : settings.keys()) {
        if (signature.checkSignatureValue(key)) {
          return;
        }
      }
      throw new SamlValidationException("its signature does not verify with the identity provider's key");
    } catch (XMLSecurityException e) {
      throw new SamlValidationException("its signature cannot be verified (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Checks the Conditions; returns their NotOnOrAfter, or null. */
  private Instant checkConditions(Element assertion, Instant now) {
    Element conditions = child(assertion, ASSERTION, "Conditions");
    if (conditions == null) {
      throw new SamlValidationException("the assertion has no Conditions");
    }
    Instant notBefore = instant(conditions, "NotBefore");
    Instant notOnOrAfter = instant(conditions, "NotOnOrAfter");
    if (notBefore != null && now.plus(settings.clockSkew()).isBefore(notBefore)) {
      throw new SamlValidationException("the assertion is not valid yet (NotBefore)");
    }
    if (notOnOrAfter != null && !now.minus(settings.clockSkew()).isBefore(notOnOrAfter)) {
      throw new SamlValidationException("the assertion has expired (NotOnOrAfter)");
    }
    List<Element> restrictions = children(conditions, ASSERTION, "AudienceRestriction");
    if (restrictions.isEmpty()) {
      throw new SamlValidationException("the assertion has no AudienceRestriction");
    }
    for (Element restriction : restrictions) {
      boolean found = false;
      for (Element audience : children(restriction, ASSERTION, "Audience")) {
        found |= settings.audience().equals(text(audience));
      }
      if (!found) {
        throw new SamlValidationException("the assertion is not meant for this audience");
      }
    }
    return notOnOrAfter;
  }

  /** The bearer confirmation's NotOnOrAfter (checked), or null when it has none. */
  private Instant checkSubjectConfirmation(Element subject, Instant now) {
    Instant earliest = null;
    boolean bearer = false;
    for (Element confirmation : children(subject, ASSERTION, "SubjectConfirmation")) {
      if (!BEARER.equals(confirmation.getAttribute("Method"))) {
        continue;
      }
      bearer = true;
      Element data = child(confirmation, ASSERTION, "SubjectConfirmationData");
      Instant notOnOrAfter = data == null ? null : instant(data, "NotOnOrAfter");
      if (notOnOrAfter != null && !now.minus(settings.clockSkew()).isBefore(notOnOrAfter)) {
        throw new SamlValidationException("the subject confirmation has expired (NotOnOrAfter)");
      }
      Instant notBefore = data == null ? null : instant(data, "NotBefore");
      if (notBefore != null && now.plus(settings.clockSkew()).isBefore(notBefore)) {
        throw new SamlValidationException("the subject confirmation is not valid yet (NotBefore)");
      }
      earliest = earliest(earliest, notOnOrAfter);
    }
    if (!bearer) {
      throw new SamlValidationException("the subject has no bearer confirmation");
    }
    return earliest;
  }

  private static List<String> attributeValues(Element assertion, String name) {
    List<String> values = new ArrayList<>();
    for (Element statement : children(assertion, ASSERTION, "AttributeStatement")) {
      for (Element attribute : children(statement, ASSERTION, "Attribute")) {
        if (name.equals(attribute.getAttribute("Name"))) {
          for (Element value : children(attribute, ASSERTION, "AttributeValue")) {
            String text = text(value);
            if (text != null && !text.isBlank()) {
              values.add(text.trim());
            }
          }
        }
      }
    }
    return values;
  }

  private static Instant instant(Element element, String attribute) {
    if (!element.hasAttribute(attribute)) {
      return null;
    }
    String value = element.getAttribute(attribute).trim();
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new SamlValidationException(attribute + " is not an xs:dateTime with a time zone");
    }
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private static boolean is(Node node, String namespace, String localName) {
    return node instanceof Element && namespace.equals(node.getNamespaceURI()) && localName.equals(node.getLocalName());
  }

  private static Element child(Element parent, String namespace, String localName) {
    List<Element> found = children(parent, namespace, localName);
    if (found.size() > 1) {
      throw new SamlValidationException("element " + localName + " occurs more than once");
    }
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (is(n, namespace, localName)) {
        result.add((Element) n);
      }
    }
    return result;
  }

  private static String text(Element element) {
    return element == null ? null : element.getTextContent();
  }

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN (CERTIFICATE|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /**
   * The keys in a PEM text: each {@code CERTIFICATE} (as IAM SAML provider metadata has them) or
   * {@code PUBLIC KEY} block, RSA or EC.
   */
  public static List<PublicKey> keysFromPem(String pem) {
    List<PublicKey> keys = new ArrayList<>();
    Matcher m = PEM.matcher(pem);
    try {
      while (m.find()) {
        byte[] der = Base64.getMimeDecoder().decode(m.group(2).getBytes(StandardCharsets.US_ASCII));
        if (m.group(1).equals("CERTIFICATE")) {
          X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
          keys.add(cert.getPublicKey());
        } else {
          keys.add(publicKey(der));
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read the SAML identity provider's certificate: " + e.getMessage(), e);
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no PEM CERTIFICATE or PUBLIC KEY block in the SAML identity provider's certificate");
    }
    return keys;
  }

  private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
    X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
    try {
      return KeyFactory.getInstance("RSA").generatePublic(spec);
    } catch (GeneralSecurityException rsaFailed) {
      return KeyFactory.getInstance("EC").generatePublic(spec);
    }
  }
}
