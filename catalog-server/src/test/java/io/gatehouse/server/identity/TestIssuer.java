package io.gatehouse.server.identity;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Two OIDC issuers for the tests, with keys generated here: one publishes its JWKS over HTTP on
 * loopback, the other through a file. Started once per test JVM, for every Quarkus test.
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {
  public static final String ISSUER = "https://issuer.test.gatehouse";
  public static final String FILE_ISSUER = "https://file-issuer.test.gatehouse";
  public static final String AUDIENCE = "gatehouse-tests";
  static final RsaJsonWebKey KEY = generate("test-key");
  static final RsaJsonWebKey FILE_KEY = generate("file-key");
  static final RsaJsonWebKey STRANGER = generate("test-key");
  private static HttpServer server;

  @Override
  public synchronized Map<String, String> start() {
    try {
      if (server == null) {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = new JsonWebKeySet(KEY).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
        server.start();
      }
      Path file = Files.createTempFile("gatehouse-jwks", ".json");
      Files.writeString(file, new JsonWebKeySet(FILE_KEY).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
      return Map.ofEntries(
          Map.entry("gatehouse.auth.oidc.test.issuer", ISSUER),
          Map.entry("gatehouse.auth.oidc.test.jwks-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks"),
          Map.entry("gatehouse.auth.oidc.test.audience", AUDIENCE),
          Map.entry("gatehouse.auth.oidc.test.user-claim", "email"),
          Map.entry("gatehouse.auth.oidc.test.groups-claim", "groups"),
          Map.entry("gatehouse.auth.oidc.file.issuer", FILE_ISSUER),
          Map.entry("gatehouse.auth.oidc.file.jwks-file", file.toString()),
          Map.entry("gatehouse.auth.oidc.file.audience", AUDIENCE),
          Map.entry("gatehouse.auth.oidc.file.user-claim", "preferred_username"),
          Map.entry("gatehouse.auth.oidc.file.groups-claim", "roles"),
          // The one issuer trusted to say who the admins are; the HTTP issuer is not.
          Map.entry("gatehouse.auth.oidc.file.trusted-privileged-groups", "admins"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {
    // The server lives as long as the JVM: later Quarkus restarts in this JVM reuse it.
  }

  /**
   * A JWT of the HTTP issuer for {@code email} (verified), valid for ten minutes, adjusted by
   * {@code edit}.
   */
  public static String jwt(String email, Consumer<JwtClaims> edit) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(ISSUER);
    claims.setAudience(AUDIENCE);
    claims.setSubject(email);
    claims.setClaim("email", email);
    claims.setClaim("email_verified", true);
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(10);
    edit.accept(claims);
    return sign(claims, KEY);
  }

  public static String jwt(String email, List<String> groups) {
    return jwt(email, c -> c.setStringListClaim("groups", groups));
  }

  public static String jwt(String email) {
    return jwt(email, c -> {});
  }

  /** A JWT of the file issuer for {@code userName} with {@code roles}, valid for five minutes. */
  public static String fileIssuerJwt(String userName, List<String> roles) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(FILE_ISSUER);
    claims.setAudience(AUDIENCE);
    claims.setExpirationTimeMinutesInTheFuture(5);
    claims.setClaim("preferred_username", userName);
    claims.setStringListClaim("roles", roles);
    return sign(claims, FILE_KEY);
  }

  /** The claims signed with {@code key} (RS256, its key id in the header). */
  public static String sign(JwtClaims claims, RsaJsonWebKey key) {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key.getPrivateKey());
    jws.setKeyIdHeaderValue(key.getKeyId());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  static NumericDate minutesFromNow(int minutes) {
    NumericDate date = NumericDate.now();
    date.addSeconds(minutes * 60L);
    return date;
  }

  private static RsaJsonWebKey generate(String keyId) {
    try {
      RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
      key.setKeyId(keyId);
      return key;
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }
}
