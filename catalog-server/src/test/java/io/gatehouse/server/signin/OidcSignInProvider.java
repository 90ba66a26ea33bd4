package io.gatehouse.server.signin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * An OpenID provider on loopback for the sign-in tests, with two issuers: {@link #CREATING}
 * (Gatehouse creates unknown users; a confidential client, endpoints and keys from discovery) and
 * {@link #STRICT} (no automatic creation; a public client, endpoints and JWKS configured). Its
 * authorize endpoint signs in at once the user the test chose and redirects back with a code; its
 * token endpoint checks the client, the redirect URI, that the code is used once, and the PKCE
 * verifier against the challenge (S256 only), so a sign-in that sends a wrong verifier fails.
 * ID tokens are signed with a key generated here; tests may edit their claims or sign them
 * otherwise. Its issuers' configuration is the tests' default one (no profile of its own).
 */
public final class OidcSignInProvider {
  public static final String CREATING = "signin";
  public static final String STRICT = "signin-strict";
  public static final String CLIENT_ID = "gatehouse-console";
  public static final String CLIENT_SECRET = "console-secret-for-tests-only";
  public static final String PUBLIC_CLIENT_ID = "gatehouse-console-public";
  /** The audience of bearer JWTs from these issuers: not the client ids, so ID tokens are no API tokens. */
  public static final String BEARER_AUDIENCE = "gatehouse-signin-bearer";
  private static OidcSignInProvider instance;

  /** A code handed out and not yet exchanged. */
  private record Grant(String clientId, String redirectUri, String challenge, String nonce, String issuer, JwtClaims claims) {}

  final RsaJsonWebKey key;
  private final HttpServer server;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  /** Who the next sign-in is for and the groups it carries. */
  public volatile String user;
  public volatile List<String> groups = List.of();
  /** Edits of the next ID token's claims, and how it is signed. */
  public volatile Consumer<JwtClaims> edit = c -> {};
  public volatile Function<JwtClaims, String> signer;
  /** When set, the next authorization answers with this error instead of a code. */
  public volatile String deny;
  /** When set, the challenge the next code is bound to, instead of the one Gatehouse sent. */
  public volatile String challengeOverride;
  /** The last authorization request's query, and the last token request's form (with its Authorization header). */
  public volatile Map<String, String> lastAuthorize = Map.of();
  public volatile Map<String, String> lastToken = Map.of();
  public volatile String lastCode;

  /** The provider's issuers in the server's configuration, for every Quarkus test (the default profile). */
  public static class Resource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      OidcSignInProvider p = get();
      String creating = "gatehouse.auth.oidc." + CREATING + ".";
      String strict = "gatehouse.auth.oidc." + STRICT + ".";
      return Map.ofEntries(
          Map.entry(creating + "issuer", p.issuer(CREATING)),
          Map.entry(creating + "audience", BEARER_AUDIENCE),
          Map.entry(creating + "sign-in.client-id", CLIENT_ID),
          Map.entry(creating + "sign-in.client-secret", CLIENT_SECRET),
          Map.entry(creating + "sign-in.display-name", "Example SSO"),
          Map.entry(creating + "groups-claim", "groups"),
          // Even an issuer trusted to name admins in bearer JWTs makes nobody an admin by creating it.
          Map.entry(creating + "trusted-privileged-groups", "admins"),
          Map.entry(creating + "sign-in.auto-create-users", "true"),
          Map.entry(strict + "issuer", p.issuer(STRICT)),
          Map.entry(strict + "audience", BEARER_AUDIENCE),
          Map.entry(strict + "sign-in.client-id", PUBLIC_CLIENT_ID),
          Map.entry(strict + "sign-in.authorization-endpoint", p.issuer(STRICT) + "/authorize"),
          Map.entry(strict + "sign-in.token-endpoint", p.issuer(STRICT) + "/token"),
          Map.entry(strict + "jwks-url", p.base() + "/jwks"),
          Map.entry(strict + "user-claim", "preferred_username"),
          Map.entry(strict + "sign-in.scopes", "openid,profile"));
    }

    @Override
    public void stop() {
      // The server lives as long as the JVM: later Quarkus restarts in this JVM reuse it.
    }
  }

  public static synchronized OidcSignInProvider get() {
    if (instance == null) {
      instance = new OidcSignInProvider();
    }
    return instance;
  }

  private OidcSignInProvider() {
    try {
      key = RsaJwkGenerator.generateJwk(2048);
      key.setKeyId("signin-key");
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
    for (String issuer : List.of(CREATING, STRICT)) {
      server.createContext("/" + issuer + "/.well-known/openid-configuration", x -> discovery(x, issuer));
      server.createContext("/" + issuer + "/authorize", x -> authorize(x, issuer));
      server.createContext("/" + issuer + "/token", x -> token(x, issuer));
    }
    server.createContext("/jwks", x -> send(x, 200, "application/json",
        new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
    server.start();
    reset();
  }

  public void reset() {
    user = null;
    groups = List.of();
    edit = c -> {};
    signer = this::sign;
    deny = null;
    challengeOverride = null;
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String issuer(String name) {
    return base() + "/" + name;
  }

  private void discovery(HttpExchange x, String issuer) throws IOException {
    String i = issuer(issuer);
    send(x, 200, "application/json", "{\"issuer\":\"" + i + "\",\"authorization_endpoint\":\"" + i + "/authorize\","
        + "\"token_endpoint\":\"" + i + "/token\",\"jwks_uri\":\"" + base() + "/jwks\","
        + "\"response_types_supported\":[\"code\"],\"code_challenge_methods_supported\":[\"S256\"]}");
  }

  private void authorize(HttpExchange x, String issuer) throws IOException {
    Map<String, String> q = form(x.getRequestURI().getRawQuery());
    lastAuthorize = q;
    String redirect = q.get("redirect_uri");
    String expectedClient = issuer.equals(CREATING) ? CLIENT_ID : PUBLIC_CLIENT_ID;
    if (!"code".equals(q.get("response_type")) || !expectedClient.equals(q.get("client_id")) || redirect == null
        || !"S256".equals(q.get("code_challenge_method")) || q.get("code_challenge") == null
        || !q.getOrDefault("scope", "").contains("openid")) {
      send(x, 400, "text/plain", "bad authorization request");
      return;
    }
    String state = q.get("state");
    String back;
    if (deny != null) {
      back = redirect + "?error=" + url(deny) + "&state=" + url(state);
    } else {
      JwtClaims claims = new JwtClaims();
      claims.setIssuer(issuer(issuer));
      claims.setAudience(expectedClient);
      claims.setSubject(UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString());
      claims.setClaim("email", user);
      claims.setClaim("email_verified", true);
      claims.setClaim("preferred_username", user);
      claims.setStringListClaim("groups", groups);
      claims.setClaim("nonce", q.get("nonce"));
      claims.setIssuedAtToNow();
      claims.setExpirationTimeMinutesInTheFuture(5);
      String code = UUID.randomUUID().toString();
      String challenge = challengeOverride != null ? challengeOverride : q.get("code_challenge");
      codes.put(code, new Grant(expectedClient, redirect, challenge, q.get("nonce"), issuer, claims));
      lastCode = code;
      back = redirect + "?code=" + url(code) + "&state=" + url(state);
    }
    x.getResponseHeaders().add("Location", back);
    x.sendResponseHeaders(302, -1);
    x.close();
  }

  private void token(HttpExchange x, String issuer) throws IOException {
    Map<String, String> f = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String authorization = x.getRequestHeaders().getFirst("Authorization");
    Map<String, String> seen = new HashMap<>(f);
    if (authorization != null) {
      seen.put("Authorization", authorization);
    }
    lastToken = seen;
    // The client: the confidential one by HTTP Basic, the public one by its id alone.
    boolean client = issuer.equals(CREATING)
        ? ("Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
            .equals(authorization)
        : PUBLIC_CLIENT_ID.equals(f.get("client_id")) && authorization == null && !f.containsKey("client_secret");
    if (!client) {
      send(x, 401, "application/json", "{\"error\":\"invalid_client\"}");
      return;
    }
    Grant grant = f.get("code") == null ? null : codes.remove(f.get("code"));
    if (!"authorization_code".equals(f.get("grant_type")) || grant == null || !grant.issuer().equals(issuer)
        || !grant.redirectUri().equals(f.get("redirect_uri")) || f.get("code_verifier") == null
        || !grant.challenge().equals(s256(f.get("code_verifier")))) {
      send(x, 400, "application/json", "{\"error\":\"invalid_grant\"}");
      return;
    }
    edit.accept(grant.claims());
    send(x, 200, "application/json", "{\"access_token\":\"" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\","
        + "\"expires_in\":300,\"id_token\":\"" + signer.apply(grant.claims()) + "\"}");
  }

  /** The claims signed with the provider's key (RS256). */
  public String sign(JwtClaims claims) {
    return io.gatehouse.server.identity.TestIssuer.sign(claims, key);
  }

  static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> form(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String url(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

}
