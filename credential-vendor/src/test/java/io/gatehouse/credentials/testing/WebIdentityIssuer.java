package io.gatehouse.credentials.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An OIDC issuer on loopback that radosgw can check tokens against: its issuer URL is plain
 * http on 127.0.0.1, it serves {@code /.well-known/openid-configuration} and a JWKS whose one
 * key carries its certificate in {@code x5c} (radosgw 16 verifies with the certificate and
 * compares its SHA-1 thumbprint with the registered OIDC provider's), and it signs RS256 JWTs.
 */
public final class WebIdentityIssuer {
  public static final String KEY_ID = "web-identity-key";
  private static WebIdentityIssuer instance;

  public final SelfSignedCertificate signing = SelfSignedCertificate.generate("gatehouse-test-oidc");
  private final HttpServer server;
  public final String issuer;

  private WebIdentityIssuer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/webidentity";
    String configuration = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUrl() + "\","
        + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    serve("/webidentity/.well-known/openid-configuration", configuration);
    serve("/webidentity/jwks", jwks());
    server.start();
  }

  /** The one issuer of this JVM, started on first use. */
  public static synchronized WebIdentityIssuer get() {
    if (instance == null) {
      try {
        instance = new WebIdentityIssuer();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  public String jwksUrl() {
    return issuer + "/jwks";
  }

  /** The provider id IAM and radosgw derive from the issuer URL: without its scheme. */
  public String providerId() {
    return issuer.substring("http://".length());
  }

  /** An RS256 JWT with {@code iss}, {@code sub}, {@code aud}, {@code email}, times and {@code extra} claims. */
  public String jwt(String subject, String audience, Duration validFor, Map<String, Object> extra) {
    long now = Instant.now().getEpochSecond();
    StringBuilder claims = new StringBuilder("{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + audience
        + "\",\"email\":\"" + subject + "\",\"iat\":" + now + ",\"nbf\":" + (now - 5) + ",\"exp\":" + (now + validFor.toSeconds()));
    extra.forEach((k, v) -> claims.append(",\"").append(k).append("\":").append(json(v)));
    claims.append('}');
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}";
    String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
        + base64Url(claims.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(signing.keys.getPrivate());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + base64Url(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String jwks() {
    RSAPublicKey key = (RSAPublicKey) signing.keys.getPublic();
    return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
        + base64Url(unsigned(key.getModulus())) + "\",\"e\":\"" + base64Url(unsigned(key.getPublicExponent()))
        + "\",\"x5c\":[\"" + signing.base64Der() + "\"]}]}";
  }

  private void serve(String path, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    server.createContext(path, exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
  }

  private static String json(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(WebIdentityIssuer::json).collect(Collectors.joining(",", "[", "]"));
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
