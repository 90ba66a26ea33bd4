package io.gatehouse.server.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gatehouse.server.authz.PolicyStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Readiness follows the database and the policy snapshot's freshness; liveness does not. */
@QuarkusTest
class HealthTest {
  @Inject
  PolicyStore policies;

  @Test
  void readinessReportsTheDatabaseAndTheFreshPolicySnapshot() {
    RestAssured.given().get("/q/health/ready").then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem(PolicySnapshotReadiness.NAME))
        .body("checks.find { it.name == 'policy-snapshot' }.status", equalTo("UP"))
        .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Database")));
    RestAssured.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void aSnapshotOlderThanAllowedIsNotReady() throws InterruptedException {
    Thread.sleep(5); // the snapshot is at least this old, whenever the database last confirmed it
    HealthCheckResponse stale = new PolicySnapshotReadiness(policies, Duration.ofMillis(1)).call();
    assertThat(stale.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(stale.getData().orElseThrow()).containsEntry("version", policies.current().version());

    HealthCheckResponse fresh = new PolicySnapshotReadiness(policies, Duration.ofSeconds(15)).call();
    assertThat(fresh.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
  }

  @Test
  void theDatabaseConfirmsTheSnapshotWithinTheVersionCheckInterval() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Duration youngest = policies.age();
    while (youngest.compareTo(Duration.ofMillis(1500)) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      youngest = policies.age();
    }
    assertThat(youngest).isLessThanOrEqualTo(Duration.ofMillis(1500));
  }
}
