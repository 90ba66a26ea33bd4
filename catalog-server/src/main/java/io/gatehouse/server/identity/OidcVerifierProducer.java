package io.gatehouse.server.identity;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Binds the plain-Java {@link OidcVerifier} to configuration: one for bearer JWTs and console sign-in alike. */
class OidcVerifierProducer {
  @Produces
  @Singleton
  OidcVerifier oidcVerifier(AuthConfig config, BootstrapConfig bootstrap,
      // The engines group belongs to gRPC, a feature above identity: named by its key, not its class.
      @ConfigProperty(name = "gatehouse.grpc.engines-group", defaultValue = "engines") String enginesGroup) {
    return new OidcVerifier(
        config.oidc(), (int) config.clockSkew().toSeconds(), Set.copyOf(List.of(bootstrap.adminGroup(), enginesGroup)));
  }
}
