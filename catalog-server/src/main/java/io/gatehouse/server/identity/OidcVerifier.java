package io.gatehouse.server.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * iss} and everything is then checked against that issuer's keys.
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

  private record Issuer(JwtConsumer consumer, String userClaim, String groupsClaim) {}

  private final Map<String, Issuer> issuers = new HashMap<>();

  public OidcVerifier(Map<String, AuthConfig.OidcIssuer> config, int clockSkewSeconds) {
    config.forEach(
        (name, c) -> {
          JwtConsumerBuilder builder =
              new JwtConsumerBuilder()
                  .setRequireExpirationTime()
                  .setAllowedClockSkewInSeconds(clockSkewSeconds)
                  .setExpectedIssuer(c.issuer())
                  .setJwsAlgorithmConstraints(ASYMMETRIC_ONLY)
                  .setVerificationKeyResolver(keys(name, c));
          c.audience()
              .ifPresentOrElse(
                  aud -> builder.setExpectedAudience(aud.toArray(String[]::new)),
                  builder::setSkipDefaultAudienceValidation);
          issuers.put(c.issuer(), new Issuer(builder.build(), c.userClaim(), c.groupsClaim().orElse(null)));
        });
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
      return new Verified(
          name,
          groups(claims, issuer.groupsClaim()),
          Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
    } catch (MalformedClaimException e) {
      throw AuthenticationException.invalid("The JWT's exp claim is malformed.");
    }
  }

  private static Set<String> groups(JwtClaims claims, String groupsClaim) {
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
