package io.gatehouse.credentials.testing;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.Init;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.Constants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SAML identity provider for tests: a generated signing key and certificate, and SAML 2.0
 * responses for AWS (Role and RoleSessionName attributes, audience {@code urn:amazon:webservices})
 * signed with Apache Santuario the way identity providers sign them.
 */
public final class SamlTestIdp {
  public static final String ISSUER = "https://idp.test.gatehouse/saml";
  public static final String AWS_AUDIENCE = "urn:amazon:webservices";
  public static final String PROVIDER_ARN = "arn:aws:iam::123456789012:saml-provider/gatehouse-test-idp";
  static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";

  static {
    Init.init();
  }

  public final SelfSignedCertificate signing = SelfSignedCertificate.generate("gatehouse-test-idp");

  public Response response(String subject) {
    return new Response(subject);
  }

  /** One response to build; every setter returns this. */
  public final class Response {
    private final String subject;
    private String assertionId = "_" + UUID.randomUUID();
    private String audience = AWS_AUDIENCE;
    private String issuer = ISSUER;
    private Instant notBefore = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    private Instant notOnOrAfter = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    private final List<String> roles = new ArrayList<>();
    private String sessionName;
    private PrivateKey key = signing.keys.getPrivate();
    private boolean signAssertion = true;
    private boolean signResponse;
    private String signatureAlgorithm = XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
    private String digestAlgorithm = "http://www.w3.org/2001/04/xmlenc#sha256";
    private UnaryOperator<String> tamper = UnaryOperator.identity();
    private String destination = "https://signin.aws.amazon.com/saml";
    private String recipient = "https://signin.aws.amazon.com/saml";
    private String inResponseTo;
    private final java.util.Map<String, List<String>> extraAttributes = new java.util.LinkedHashMap<>();

    private Response(String subject) {
      this.subject = subject;
      this.sessionName = subject;
    }

    public Response assertionId(String id) {
      this.assertionId = id;
      return this;
    }

    public Response audience(String audience) {
      this.audience = audience;
      return this;
    }

    public Response issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    public Response validFor(Instant from, Instant until) {
      this.notBefore = from;
      this.notOnOrAfter = until;
      return this;
    }

    public Response expiredAgo(Duration ago) {
      return validFor(Instant.now().minus(ago).minus(Duration.ofMinutes(5)), Instant.now().minus(ago));
    }

    /** A Role attribute value: {@code roleArn,providerArn}. */
    public Response role(String roleArn) {
      roles.add(roleArn + "," + PROVIDER_ARN);
      return this;
    }

    public Response roleValue(String raw) {
      roles.add(raw);
      return this;
    }

    public Response sessionName(String name) {
      this.sessionName = name;
      return this;
    }

    public Response signedWith(PrivateKey key) {
      this.key = key;
      return this;
    }

    public Response unsigned() {
      this.signAssertion = false;
      this.signResponse = false;
      return this;
    }

    /** Signs the whole response instead of the assertion. */
    public Response signResponseOnly() {
      this.signAssertion = false;
      this.signResponse = true;
      return this;
    }

    public Response sha1() {
      this.signatureAlgorithm = XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1;
      this.digestAlgorithm = Constants.ALGO_ID_DIGEST_SHA1;
      return this;
    }

    /** Edits the signed XML text, as an attacker would. */
    /** The response's Destination and the confirmation's Recipient (AWS's sign-in URL unless set). */
    public Response addressedTo(String url) {
      this.destination = url;
      this.recipient = url;
      return this;
    }

    public Response destination(String url) {
      this.destination = url;
      return this;
    }

    public Response recipient(String url) {
      this.recipient = url;
      return this;
    }

    /** The request this answers (response and confirmation); none unless set. */
    public Response inResponseTo(String requestId) {
      this.inResponseTo = requestId;
      return this;
    }

    public Response attribute(String name, String... values) {
      extraAttributes.put(name, List.of(values));
      return this;
    }

    public Response tamper(UnaryOperator<String> edit) {
      this.tamper = edit;
      return this;
    }

    public String assertionId() {
      return assertionId;
    }

    /** The response XML, signed, then tampered with if asked. */
    public String xml() {
      try {
        Document doc = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
        Element response = doc.createElementNS(PROTOCOL, "samlp:Response");
        doc.appendChild(response);
        // Declared explicitly: canonicalization at signing time sees only declared namespaces.
        response.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:samlp", PROTOCOL);
        response.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:saml", ASSERTION);
        String responseId = "_" + UUID.randomUUID();
        response.setAttribute("ID", responseId);
        response.setIdAttribute("ID", true);
        response.setAttribute("Version", "2.0");
        response.setAttribute("IssueInstant", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        response.setAttribute("Destination", destination);
        if (inResponseTo != null) {
          response.setAttribute("InResponseTo", inResponseTo);
        }
        Element responseIssuer = append(response, ASSERTION, "saml:Issuer", issuer);
        Element status = append(response, PROTOCOL, "samlp:Status", null);
        append(status, PROTOCOL, "samlp:StatusCode", null)
            .setAttribute("Value", "urn:oasis:names:tc:SAML:2.0:status:Success");

        Element assertion = append(response, ASSERTION, "saml:Assertion", null);
        assertion.setAttribute("ID", assertionId);
        assertion.setIdAttribute("ID", true);
        assertion.setAttribute("Version", "2.0");
        assertion.setAttribute("IssueInstant", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Element assertionIssuer = append(assertion, ASSERTION, "saml:Issuer", issuer);
        Element subjectElement = append(assertion, ASSERTION, "saml:Subject", null);
        append(subjectElement, ASSERTION, "saml:NameID", subject)
            .setAttribute("Format", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
        Element confirmation = append(subjectElement, ASSERTION, "saml:SubjectConfirmation", null);
        confirmation.setAttribute("Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer");
        Element data = append(confirmation, ASSERTION, "saml:SubjectConfirmationData", null);
        data.setAttribute("NotOnOrAfter", notOnOrAfter.toString());
        data.setAttribute("Recipient", recipient);
        if (inResponseTo != null) {
          data.setAttribute("InResponseTo", inResponseTo);
        }
        Element conditions = append(assertion, ASSERTION, "saml:Conditions", null);
        conditions.setAttribute("NotBefore", notBefore.toString());
        conditions.setAttribute("NotOnOrAfter", notOnOrAfter.toString());
        Element restriction = append(conditions, ASSERTION, "saml:AudienceRestriction", null);
        append(restriction, ASSERTION, "saml:Audience", audience);
        Element attributes = append(assertion, ASSERTION, "saml:AttributeStatement", null);
        Element role = append(attributes, ASSERTION, "saml:Attribute", null);
        role.setAttribute("Name", "https://aws.amazon.com/SAML/Attributes/Role");
        for (String value : roles) {
          append(role, ASSERTION, "saml:AttributeValue", value);
        }
        if (sessionName != null) {
          Element session = append(attributes, ASSERTION, "saml:Attribute", null);
          session.setAttribute("Name", "https://aws.amazon.com/SAML/Attributes/RoleSessionName");
          append(session, ASSERTION, "saml:AttributeValue", sessionName);
        }
        for (var extra : extraAttributes.entrySet()) {
          Element attribute = append(attributes, ASSERTION, "saml:Attribute", null);
          attribute.setAttribute("Name", extra.getKey());
          for (String value : extra.getValue()) {
            append(attribute, ASSERTION, "saml:AttributeValue", value);
          }
        }
        if (signAssertion) {
          sign(doc, assertion, assertionIssuer, assertionId);
        }
        if (signResponse) {
          sign(doc, response, responseIssuer, responseId);
        }
        return tamper.apply(serialize(doc));
      } catch (Exception e) {
        throw new IllegalStateException("cannot build the SAML response", e);
      }
    }

    /** The response as a browser posts it: base64 of the XML. */
    public String base64() {
      return Base64.getEncoder().encodeToString(xml().getBytes(StandardCharsets.UTF_8));
    }

    private void sign(Document doc, Element signed, Element after, String id) throws Exception {
      XMLSignature signature = new XMLSignature(doc, "", signatureAlgorithm, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
      signed.insertBefore(signature.getElement(), after.getNextSibling());
      Transforms transforms = new Transforms(doc);
      transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
      transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
      signature.addDocument("#" + id, transforms, digestAlgorithm);
      signature.addKeyInfo(signing.certificate);
      signature.sign(key);
    }
  }

  private static Element append(Element parent, String namespace, String qualifiedName, String text) {
    Element e = parent.getOwnerDocument().createElementNS(namespace, qualifiedName);
    if (text != null) {
      e.setTextContent(text);
    }
    parent.appendChild(e);
    return e;
  }

  private static String serialize(Document doc) throws Exception {
    var transformer = TransformerFactory.newInstance().newTransformer();
    transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "no");
    StringWriter out = new StringWriter();
    transformer.transform(new DOMSource(doc), new StreamResult(out));
    return out.toString();
  }
}
