package io.gatehouse.server.operations;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gatehouse.health")
public interface HealthConfig {
  /**
   * How long ago the database may last have confirmed this replica's policy snapshot before the
   * replica reports itself not ready. Each replica checks its version every {@code
   * gatehouse.authz.version-check-interval} (1s), so anything older means it cannot reach the
   * database and may be deciding on grants that have since changed.
   */
  @WithDefault("15s")
  Duration maxSnapshotAge();
}
