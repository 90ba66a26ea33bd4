package io.gatehouse.credentials.saml;

import static io.gatehouse.credentials.saml.SamlXml.DSIG;
import static io.gatehouse.credentials.saml.SamlXml.child;

import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import org.apache.xml.security.Init;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Element;

/**
 * Verifies the XML signature over a SAML assertion, or over the whole response, with the identity
 * provider's keys (Apache Santuario, secure validation). A signature must be enveloped in the
 * element it signs and reference it by its ID, with exclusive canonicalization and SHA-2
 * algorithms only, so a signed element cannot be swapped for an unsigned one (signature
 * wrapping).
 */
final class SamlSignature {
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

  private final List<PublicKey> keys;

  SamlSignature(List<PublicKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** The assertion's own signature, or else the response's, must verify and cover the assertion. */
  void check(Element response, Element assertion) {
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
      for (PublicKey key : keys) {
        if (signature.checkSignatureValue(key)) {
          return;
        }
      }
      throw new SamlValidationException("its signature does not verify with the identity provider's key");
    } catch (XMLSecurityException e) {
      throw new SamlValidationException("its signature cannot be verified (" + e.getClass().getSimpleName() + ")");
    }
  }
}
