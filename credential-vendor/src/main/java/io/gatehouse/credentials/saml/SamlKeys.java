package io.gatehouse.credentials.saml;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The identity provider's signing keys, read from the PEM text its configuration holds. */
final class SamlKeys {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN (CERTIFICATE|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private SamlKeys() {}

  /**
   * The keys in a PEM text: each {@code CERTIFICATE} (as IAM SAML provider metadata has them) or
   * {@code PUBLIC KEY} block, RSA or EC.
   */
  static List<PublicKey> fromPem(String pem) {
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
