package io.gatehouse.server.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Verifies bearer JWTs from the configured OIDC issuers: signature against the issuer's JWKS
 * (asymmetric algorithms only), {@code iss}, {@code aud}, {@code exp} and {@code nbf} with the
 * configured clock skew. Plain Java over jose4j; the issuer is picked by the unverified {@code
 * iss} and everything is then checked against that issuer's keys. An {@code email} user claim
 * counts only with {@code email_verified: true}; privileged groups in the groups claim count
 * only from an issuer trusted with them.
 */
public final class OidcVerifier {
  private static final AlgorithmConstraints ASYMMETRIC_ONLY =
      new AlgorithmConstraints(
          ConstraintType.PERMIT,
          AlgorithmIdentifiers.RSA_USING_SHA256,
          AlgorithmIdentifiers.RSA_USING_SHA384,
          AlgorithmIdentifiers.RSA_USING_SHA512,
          AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
          AlgorithmIdentifiers.RSA_PSS_USING_SHA384,
          AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
          AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
          AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
          AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
          AlgorithmIdentifiers.EDDSA);

  private static final JwtConsumer ISSUER_PEEK =
      new JwtConsumerBuilder()
          .setSkipAllValidators()
          .setDisableRequireSignature()
          .setSkipSignatureVerification()
          .build();

  /** What a verified token says about its subject. */
  public record Verified(String user, Set<String> groups, Instant expiresAt) {}

  /**
   * @param ignoredGroups privileged groups of the server (lower case) that this issuer may not
   *     assert: dropped from its tokens' groups
   */
  private record Issuer(JwtConsumer consumer, String userClaim, String groupsClaim, Set<String> ignoredGroups) {}

  /** How ID tokens of a sign-in issuer are checked: for its client id, with a nonce. */
  private record SignInIssuer(Issuer issuer, JwtConsumer idTokens, String clientId) {}

  /** How long after it was issued an ID token is still taken at sign-in (besides the clock skew). */
  private static final int ID_TOKEN_MAX_AGE_SECONDS = 600;

  private final Map<String, Issuer> issuers = new HashMap<>();
  private final Map<String, SignInIssuer> signInIssuers = new HashMap<>();

  /**
   * @param privilegedGroups groups that give more than grants do (the metastore admin group, the
   *     engines group); a token asserts them only when its issuer lists them as trusted
   */
  public OidcVerifier(Map<String, AuthConfig.OidcIssuer> config, int clockSkewSeconds, Set<String> privilegedGroups) {
    config.forEach(
        (name, c) -> {
          List<String> audience = c.audience().stream().filter(a -> !a.isBlank()).toList();
          if (audience.isEmpty()) {
            throw new IllegalStateException(
                "OIDC issuer '" + name + "' needs gatehouse.auth.oidc." + name + ".audience: the aud value tokens meant for Gatehouse carry.");
          }
          org.jose4j.keys.resolvers.VerificationKeyResolver keys = keys(name, c);
          JwtConsumer consumer =
              new JwtConsumerBuilder()
                  .setRequireExpirationTime()
                  .setAllowedClockSkewInSeconds(clockSkewSeconds)
                  .setExpectedIssuer(c.issuer())
                  .setExpectedAudience(audience.toArray(String[]::new))
                  .setJwsAlgorithmConstraints(ASYMMETRIC_ONLY)
                  .setVerificationKeyResolver(keys)
                  .build();
          Set<String> trusted = lowerCase(c.trustedPrivilegedGroups().orElse(List.of()));
          Set<String> ignored = new HashSet<>(lowerCase(privilegedGroups));
          ignored.removeAll(trusted);
          Issuer issuer = new Issuer(consumer, c.userClaim(), c.groupsClaim().orElse(null), Set.copyOf(ignored));
          issuers.put(c.issuer(), issuer);
          c.signIn().map(AuthConfig.SignIn::clientId).filter(id -> !id.isBlank()).ifPresent(clientId -> signInIssuers.put(name, new SignInIssuer(issuer,
              // The same checks as bearer JWTs, for this client: its id as the audience, and an
              // issue time no older than a sign-in takes.
              new JwtConsumerBuilder()
                  .setRequireExpirationTime()
                  .setRequireIssuedAt()
                  .setIssuedAtRestrictions(clockSkewSeconds, ID_TOKEN_MAX_AGE_SECONDS + clockSkewSeconds)
                  .setAllowedClockSkewInSeconds(clockSkewSeconds)
                  .setExpectedIssuer(c.issuer())
                  .setExpectedAudience(clientId)
                  .setJwsAlgorithmConstraints(ASYMMETRIC_ONLY)
                  .setVerificationKeyResolver(keys)
                  .build(),
              clientId)));
        });
  }

  private static Set<String> lowerCase(java.util.Collection<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  public boolean enabled() {
    return !issuers.isEmpty();
  }

  /** True for a compact JWS: three base64url parts. */
  public static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    return first > 0 && token.indexOf('.', first + 1) > first + 1 && token.chars().filter(c -> c == '.').count() == 2;
  }

  public Verified verify(String jwt) {
    String iss;
    try {
      JwtContext peek = ISSUER_PEEK.process(jwt);
      iss = peek.getJwtClaims().getIssuer();
    } catch (InvalidJwtException | MalformedClaimException e) {
      throw AuthenticationException.invalid("The bearer token is not a well-formed JWT.");
    }
    Issuer issuer = iss == null ? null : issuers.get(iss);
    if (issuer == null) {
      throw AuthenticationException.invalid("The JWT's issuer is not a trusted issuer.");
    }
    JwtClaims claims;
    try {
      claims = issuer.consumer().processToClaims(jwt);
    } catch (InvalidJwtException e) {
      throw AuthenticationException.invalid(describe(e, "JWT"));
    }
    return subject(claims, issuer, "JWT");
  }

  /**
   * Verifies the ID token a sign-in through issuer {@code name} (as configured) received: the
   * checks of {@link #verify} with the client id as the audience, an issue time, the nonce of
   * the sign-in's request, and an authorized party ({@code azp}) that is this client when named
   * (required when several audiences are).
   */
  public Verified verifyIdToken(String name, String jwt, String nonce) {
    SignInIssuer signIn = signInIssuers.get(name);
    if (signIn == null) {
      throw AuthenticationException.invalid("Issuer '" + name + "' is not configured for sign-in.");
    }
    JwtClaims claims;
    try {
      claims = signIn.idTokens().processToClaims(jwt);
    } catch (InvalidJwtException e) {
      throw AuthenticationException.invalid(describe(e, "ID token"));
    }
    try {
      Object carried = claims.getClaimValue("nonce");
      if (!(carried instanceof String n) || nonce == null
          || !java.security.MessageDigest.isEqual(n.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              nonce.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        throw AuthenticationException.invalid("The ID token does not answer this sign-in (nonce).");
      }
      Object azp = claims.getClaimValue("azp");
      if (azp != null && !signIn.clientId().equals(azp)) {
        throw AuthenticationException.invalid("The ID token was issued to another client (azp).");
      }
      if (azp == null && claims.getAudience().size() > 1) {
        throw AuthenticationException.invalid("The ID token names several audiences and no authorized party (azp).");
      }
    } catch (MalformedClaimException e) {
      throw AuthenticationException.invalid("The ID token's aud claim is malformed.");
    }
    return subject(claims, signIn.issuer(), "ID token");
  }

  /** Whether issuer {@code name} is configured for sign-in. */
  public boolean signsIn(String name) {
    return signInIssuers.containsKey(name);
  }

  /** The user (its claim, an email only when verified) and groups a verified token names. */
  private static Verified subject(JwtClaims claims, Issuer issuer, String what) {
    try {
      Object user = claims.getClaimValue(issuer.userClaim());
      if (!(user instanceof String name) || name.isBlank()) {
        throw AuthenticationException.invalid("The " + what + " has no '" + issuer.userClaim() + "' claim naming the user.");
      }
      // Many issuers let a user type any address into a profile: an unverified one names nobody.
      if (issuer.userClaim().equals("email") && !verifiedEmail(claims.getClaimValue("email_verified"))) {
        throw AuthenticationException.invalid("The " + what + "'s email is not verified (email_verified is not true).");
      }
      return new Verified(
          name,
          groups(claims, issuer.groupsClaim(), issuer.ignoredGroups()),
          Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
    } catch (MalformedClaimException e) {
      throw AuthenticationException.invalid("The " + what + "'s exp claim is malformed.");
    }
  }

  // Some issuers send the boolean as a string.
  private static boolean verifiedEmail(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  private static Set<String> groups(JwtClaims claims, String groupsClaim, Set<String> ignored) {
    if (groupsClaim == null || !claims.hasClaim(groupsClaim)) {
      return Set.of();
    }
    Object value = claims.getClaimValue(groupsClaim);
    Set<String> groups = new LinkedHashSet<>();
    if (value instanceof String s) {
      groups.add(s);
    } else if (value instanceof List<?> list) {
      list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(groups::add);
    }
    groups.removeIf(g -> ignored.contains(g.toLowerCase(Locale.ROOT)));
    return Set.copyOf(groups);
  }

  private static String describe(InvalidJwtException e, String what) {
    return describe(e).replace("The JWT", "The " + what);
  }

  private static String describe(InvalidJwtException e) {
    if (e.hasExpired()) {
      return "The JWT has expired.";
    }
    if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUED_AT_MISSING)
        || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUED_AT_INVALID_FUTURE)
        || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUED_AT_INVALID_PAST)) {
      return "The JWT's issue time (iat) is missing or out of range.";
    }
    if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_INVALID)
        || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_MISSING)) {
      return "The JWT is not meant for this service (aud).";
    }
    if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.NOT_BEFORE_MISSING)
        || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.NOT_YET_VALID)) {
      return "The JWT is not valid yet (nbf).";
    }
    if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID)
        || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_MISSING)) {
      return "The JWT's signature does not verify against the issuer's keys.";
    }
    return "The JWT was refused by its issuer's rules.";
  }

  private static org.jose4j.keys.resolvers.VerificationKeyResolver keys(String name, AuthConfig.OidcIssuer c) {
    if (c.jwksUrl().isPresent()) {
      HttpsJwks jwks = new HttpsJwks(c.jwksUrl().get());
      jwks.setDefaultCacheDuration(300);
      return new HttpsJwksVerificationKeyResolver(jwks);
    }
    if (c.jwksFile().isPresent()) {
      try {
        return new JwksVerificationKeyResolver(
            new JsonWebKeySet(Files.readString(Path.of(c.jwksFile().get()))).getJsonWebKeys());
      } catch (IOException | JoseException e) {
        throw new IllegalStateException("OIDC issuer '" + name + "': cannot read jwks-file " + c.jwksFile().get(), e);
      }
    }
    if (c.signIn().isPresent()) {
      return new DiscoveredKeys(c.issuer());
    }
    throw new IllegalStateException("OIDC issuer '" + name + "' needs jwks-url or jwks-file");
  }

  /** The JWKS an issuer's discovery document names, found when a token first needs it. */
  private static final class DiscoveredKeys implements org.jose4j.keys.resolvers.VerificationKeyResolver {
    private final String issuer;
    private volatile HttpsJwksVerificationKeyResolver keys;

    DiscoveredKeys(String issuer) {
      this.issuer = issuer;
    }

    @Override
    public java.security.Key resolveKey(org.jose4j.jws.JsonWebSignature jws, List<org.jose4j.jwx.JsonWebStructure> nesting)
        throws org.jose4j.lang.UnresolvableKeyException {
      if (keys == null) {
        String uri;
        try {
          uri = OidcDiscovery.of(issuer).jwksUri();
        } catch (OidcDiscovery.Unavailable e) {
          throw new org.jose4j.lang.UnresolvableKeyException(e.getMessage(), e);
        }
        if (uri == null) {
          throw new org.jose4j.lang.UnresolvableKeyException("The issuer's discovery document names no jwks_uri.");
        }
        HttpsJwks jwks = new HttpsJwks(uri);
        jwks.setDefaultCacheDuration(300);
        keys = new HttpsJwksVerificationKeyResolver(jwks);
      }
      return keys.resolveKey(jws, nesting);
    }
  }
}
