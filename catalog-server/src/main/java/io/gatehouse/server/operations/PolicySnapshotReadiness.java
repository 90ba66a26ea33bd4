package io.gatehouse.server.operations;

import io.gatehouse.server.authz.PolicyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the policy snapshot is older than {@code gatehouse.health.max-snapshot-age}:
 * a replica that cannot confirm its grants with the database leaves the load balancer's rotation
 * (liveness stays up: a restart would not bring the database back). The database's own readiness
 * check is Quarkus' datasource check.
 */
@Readiness
@ApplicationScoped
public class PolicySnapshotReadiness implements HealthCheck {
  static final String NAME = "policy-snapshot";

  private final PolicyStore policies;
  private final Duration maxAge;

  @Inject
  PolicySnapshotReadiness(PolicyStore policies, HealthConfig config) {
    this(policies, config.maxSnapshotAge());
  }

  PolicySnapshotReadiness(PolicyStore policies, Duration maxAge) {
    this.policies = policies;
    this.maxAge = maxAge;
  }

  @Override
  public HealthCheckResponse call() {
    Duration age = policies.age();
    return HealthCheckResponse.named(NAME)
        .status(age.compareTo(maxAge) <= 0)
        .withData("version", policies.current().version())
        .withData("age_ms", age.toMillis())
        .withData("max_age_ms", maxAge.toMillis())
        .build();
  }
}
