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

  private final Map<String, Issuer> issuers = new HashMap<>();

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
          JwtConsumer consumer =
              new JwtConsumerBuilder()
                  .setRequireExpirationTime()
                  .setAllowedClockSkewInSeconds(clockSkewSeconds)
                  .setExpectedIssuer(c.issuer())
                  .setExpectedAudience(audience.toArray(String[]::new))
                  .setJwsAlgorithmConstraints(ASYMMETRIC_ONLY)
                  .setVerificationKeyResolver(keys(name, c))
                  .build();
          Set<String> trusted = lowerCase(c.trustedPrivilegedGroups().orElse(List.of()));
          Set<String> ignored = new HashSet<>(lowerCase(privilegedGroups));
          ignored.removeAll(trusted);
          issuers.put(c.issuer(), new Issuer(consumer, c.userClaim(), c.groupsClaim().orElse(null), Set.copyOf(ignored)));
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
      throw AuthenticationException.invalid(describe(e));
    }
    try {
      Object user = claims.getClaimValue(issuer.userClaim());
      if (!(user instanceof String name) || name.isBlank()) {
        throw AuthenticationException.invalid("The JWT has no '" + issuer.userClaim() + "' claim naming the user.");
      }
      // Many issuers let a user type any address into a profile: an unverified one names nobody.
      if (issuer.userClaim().equals("email") && !verifiedEmail(claims.getClaimValue("email_verified"))) {
        throw AuthenticationException.invalid("The JWT's email is not verified (email_verified is not true).");
      }
      return new Verified(
          name,
          groups(claims, issuer.groupsClaim(), issuer.ignoredGroups()),
          Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
    } catch (MalformedClaimException e) {
      throw AuthenticationException.invalid("The JWT's exp claim is malformed.");
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

  private static String describe(InvalidJwtException e) {
    if (e.hasExpired()) {
      return "The JWT has expired.";
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
    throw new IllegalStateException("OIDC issuer '" + name + "' needs jwks-url or jwks-file");
  }
}
