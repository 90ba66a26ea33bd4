package io.gatehouse.server.adversarial;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.server.identity.AuthConfig;
import io.gatehouse.server.identity.OidcVerifier;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An issuer configured without an audience would accept every token it ever minted for any
 * application: the configuration that says so is refused, naming the key, before the server runs.
 */
class IdentityOidcAudienceTest {

  private static SmallRyeConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
        .withMapping(AuthConfig.class)
        .build();
  }

  @Test
  void issuerWithoutAudienceIsRefusedNamingTheKey() {
    Map<String, String> properties = Map.of(
        "gatehouse.auth.oidc.corp.issuer", "https://login.example.com/",
        "gatehouse.auth.oidc.corp.jwks-url", "https://login.example.com/jwks");
    assertThatThrownBy(() -> config(properties)).hasMessageContaining("gatehouse.auth.oidc.corp.audience");
  }

  @Test
  void issuerWithABlankAudienceIsRefusedNamingTheKey() {
    Map<String, String> properties = Map.of(
        "gatehouse.auth.oidc.corp.issuer", "https://login.example.com/",
        "gatehouse.auth.oidc.corp.jwks-url", "https://login.example.com/jwks",
        "gatehouse.auth.oidc.corp.audience", " , ");
    assertThatThrownBy(() -> {
      AuthConfig auth = config(properties).getConfigMapping(AuthConfig.class);
      new OidcVerifier(auth.oidc(), 60, Set.of("admins"));
    }).hasMessageContaining("gatehouse.auth.oidc.corp.audience");
  }

  @Test
  void verifierRefusesAnIssuerWithoutAudienceHoweverItIsBuilt() {
    AuthConfig.OidcIssuer noAudience = new AuthConfig.OidcIssuer() {
      public String issuer() { return "https://login.example.com/"; }
      public Optional<String> jwksUrl() { return Optional.of("https://login.example.com/jwks"); }
      public Optional<String> jwksFile() { return Optional.empty(); }
      public List<String> audience() { return List.of(); }
      public String userClaim() { return "email"; }
      public Optional<String> groupsClaim() { return Optional.empty(); }
      public Optional<List<String>> trustedPrivilegedGroups() { return Optional.empty(); }
      public Optional<AuthConfig.SignIn> signIn() { return Optional.empty(); }
    };
    assertThatThrownBy(() -> new OidcVerifier(Map.of("corp", noAudience), 60, Set.of()))
        .hasMessageContaining("gatehouse.auth.oidc.corp.audience");
  }
}
