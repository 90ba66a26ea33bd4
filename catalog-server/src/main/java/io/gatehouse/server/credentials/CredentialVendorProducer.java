package io.gatehouse.server.credentials;

import io.gatehouse.credentials.AwsStsGateway;
import io.gatehouse.credentials.CredentialCache;
import io.gatehouse.credentials.CredentialVendor;
import io.gatehouse.credentials.GroupRoleMapping;
import io.gatehouse.credentials.RetryPolicy;
import io.gatehouse.credentials.StsGateway;
import io.gatehouse.credentials.saml.SamlResponseValidator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Binds {@link CredentialsConfig} to the plain-Java credential vendor: the STS gateway, the cache,
 * the SCIM group roles and the SAML validator, and publishes the cache's counters as metrics.
 */
@ApplicationScoped
class CredentialVendorProducer {

  @Produces
  @Singleton
  StsGateway sts(CredentialsConfig config) {
    CredentialsConfig.Sts sts = config.sts();
    return new AwsStsGateway(new AwsStsGateway.Settings(sts.endpoint(), sts.samlEndpoint(), sts.region(),
        sts.accessKeyId(), sts.secretAccessKey(), sts.timeout()));
  }

  void close(@Disposes StsGateway sts) {
    if (sts instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // shutting down
      }
    }
  }

  @Produces
  @Singleton
  CredentialVendor vendor(StsGateway sts, CredentialsConfig config, MeterRegistry metrics) {
    CredentialsConfig.Retry retry = config.retry();
    CredentialCache cache = new CredentialCache(config.cache().maximumSize(),
        new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff()));
    CredentialVendor vendor = new CredentialVendor(sts, cache, new GroupRoleMapping(config.groupRoles()),
        saml(config.saml()).orElse(null), new CredentialVendor.Settings(config.defaultDuration(),
            config.perPrincipalSessions(), config.sessionTags(), config.sourceIdentity()));
    FunctionCounter.builder("gatehouse.credentials.requests", cache, c -> c.stats().requests())
        .description("credential requests that reached the vendor").register(metrics);
    FunctionCounter.builder("gatehouse.credentials.cache.hits", cache, c -> c.stats().hits() + c.stats().coalesced())
        .description("credential requests answered without an STS call of their own").register(metrics);
    FunctionCounter.builder("gatehouse.credentials.sts.calls", cache, c -> c.stats().stsCalls())
        .description("STS calls, retries included").register(metrics);
    FunctionCounter.builder("gatehouse.credentials.failures", cache, c -> c.stats().failures())
        .description("credential requests that failed at STS").register(metrics);
    Gauge.builder("gatehouse.credentials.cache.size", cache, CredentialCache::size).register(metrics);
    return vendor;
  }

  /** The SAML validator, when an identity provider certificate is configured. */
  static Optional<SamlResponseValidator> saml(CredentialsConfig.Saml saml) {
    Optional<String> pem = saml.idpCertificate().or(() -> saml.idpCertificateFile().map(CredentialVendorProducer::read));
    return pem.map(p -> new SamlResponseValidator(new SamlResponseValidator.Settings(SamlResponseValidator.keysFromPem(p),
        saml.audience(), saml.issuer(), saml.clockSkew(), saml.replayCacheSize())));
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read gatehouse.credentials.saml.idp-certificate-file " + file, e);
    }
  }
}
