package io.gatehouse.server.signin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Gatehouse as a SAML 2.0 service provider for its web pages (prefix {@code gatehouse.auth.saml}).
 * Sign-in is on when the identity provider's sign-in URL, its certificate and this service's
 * entity id are all set.
 */
@ConfigMapping(prefix = "gatehouse.auth.saml")
public interface SamlSignInConfig {
  /** The identity provider's single sign-on URL (HTTP-Redirect binding). */
  Optional<String> idpSsoUrl();

  /** The identity provider's signing certificate(s), PEM. */
  Optional<String> idpCertificate();

  /** A file holding {@link #idpCertificate()}. */
  Optional<String> idpCertificateFile();

  /** The identity provider's entity id, checked against the assertion's issuer when set. */
  Optional<String> idpEntityId();

  /** This service's entity id: the audience its assertions must name. */
  Optional<String> spEntityId();

  /**
   * The URL browsers reach this service at (e.g. {@code https://gatehouse.example.com}), from which
   * the assertion consumer URL is made; when unset, the scheme and host of the request.
   */
  Optional<String> baseUrl();

  /** Whether a first sign-in of an unknown user creates it; off, the user is refused. */
  @WithDefault("false")
  boolean autoCreateUsers();

  /**
   * When automatic creation is on, the email domains it covers (the NameID's part after {@code @},
   * case-insensitively); unset, every domain.
   */
  Optional<List<String>> autoCreateDomains();

  /** The attribute naming the groups a created user joins (existing groups only); none when unset. */
  Optional<String> groupsAttribute();

  /** Groups an assertion may never make anyone a member of (the admin and engines groups always). */
  Optional<List<String>> protectedGroups();

  /** How long the token a sign-in hands to the browser lives. */
  @WithDefault("8h")
  Duration sessionLifetime();

  /** How long a sign-in request waits for its answer. */
  @WithDefault("10m")
  Duration requestLifetime();

  @WithDefault("60s")
  Duration clockSkew();
}
