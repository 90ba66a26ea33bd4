package io.gatehouse.server.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How callers authenticate: access tokens, OAuth client credentials and OIDC issuers. */
@ConfigMapping(prefix = "gatehouse.auth")
public interface AuthConfig {
  /**
   * How long a verified credential is trusted before it is checked against the database again.
   * Revocation and deactivation on this server take effect at once; on other replicas within
   * this time.
   */
  @WithDefault("1s")
  Duration cacheTtl();

  /** Lifetime of access tokens from the client-credentials grant of {@code /oidc/v1/token}. */
  @WithDefault("1h")
  Duration oauthTokenLifetime();

  /**
   * The most personal access tokens one principal other than a metastore admin may hold at a
   * time (unexpired ones count); creating one more is refused until one is revoked or expires.
   * The workspace setting {@code maxTokensPerUser} overrides it.
   */
  @WithDefault("600")
  int maxTokensPerUser();

  /** Allowed clock difference when checking {@code exp} and {@code nbf} of OIDC tokens. */
  @WithDefault("60s")
  Duration clockSkew();

  /** Trusted OIDC issuers, by a name of your choice: {@code gatehouse.auth.oidc.<name>.*}. */
  Map<String, OidcIssuer> oidc();

  interface OidcIssuer {
    /** The {@code iss} value tokens of this issuer carry. */
    String issuer();

    /** Where the issuer publishes its signing keys (JWKS). */
    Optional<String> jwksUrl();

    /** A JWKS file, for issuers whose keys are distributed out of band. */
    Optional<String> jwksFile();

    /**
     * Accepted {@code aud} values; a token must carry one of them. Required: without it a token
     * the issuer minted for any other application would be accepted here, so an issuer without an
     * audience stops the server at start.
     */
    List<String> audience();

    /**
     * The claim holding the Gatehouse user name (userName of a user, or applicationId). When it
     * is {@code email}, the token must also carry {@code email_verified: true}.
     */
    @WithDefault("email")
    String userClaim();

    /** A claim listing groups, added to the caller's groups for the request. */
    Optional<String> groupsClaim();

    /**
     * Privileged groups (the metastore admin group, the engines group of gRPC) that this issuer's
     * groups claim may assert. By default none: such a group in a token is ignored, and only
     * SCIM-provisioned membership makes a principal an admin or an engine.
     */
    Optional<List<String>> trustedPrivilegedGroups();

    /**
     * Console sign-in through this issuer (authorization code with PKCE, {@code
     * gatehouse.auth.oidc.<name>.sign-in.*}); none when no key of it is set.
     */
    Optional<SignIn> signIn();
  }

  /** How the console signs in through an OIDC issuer. */
  interface SignIn {
    /** This service's client id at the issuer: the {@code aud} its ID tokens must carry. */
    String clientId();

    /** The client secret; without one Gatehouse signs in as a public client (PKCE alone). */
    Optional<String> clientSecret();

    /** How the client secret is sent to the token endpoint: {@code basic} (HTTP Basic) or {@code post} (form fields). */
    @WithDefault("basic")
    String clientAuth();

    /**
     * The authorization endpoint; when unset (or the token endpoint is), both come from the
     * issuer's discovery document ({@code <issuer>/.well-known/openid-configuration}).
     */
    Optional<String> authorizationEndpoint();

    /** The token endpoint; see {@link #authorizationEndpoint()}. */
    Optional<String> tokenEndpoint();

    /** The scopes asked for; {@code openid} is always among them. */
    @WithDefault("openid,email,profile")
    List<String> scopes();

    /** The label of this issuer's button on the console's sign-in screen; the issuer's name when unset. */
    Optional<String> displayName();

    /**
     * The URL browsers reach this service at (e.g. {@code https://gatehouse.example.com}), from
     * which the redirect URI {@code <base>/oidc/callback} is made; unset, the request's scheme and host.
     */
    Optional<String> baseUrl();

    /** Whether a first sign-in of an unknown user creates it (from the user claim); off, the user is refused. */
    @WithDefault("false")
    boolean autoCreateUsers();

    /** When automatic creation is on, the email domains it covers (case-insensitively); unset, every domain. */
    Optional<List<String>> autoCreateDomains();

    /** Groups the groups claim never makes a created user a member of (the admin and engines groups always). */
    Optional<List<String>> protectedGroups();

    /** How long the token a sign-in hands to the browser lives. */
    @WithDefault("8h")
    Duration sessionLifetime();

    /** How long a sign-in waits for the identity provider's answer (the state, nonce and verifier live as long). */
    @WithDefault("10m")
    Duration requestLifetime();
  }
}
