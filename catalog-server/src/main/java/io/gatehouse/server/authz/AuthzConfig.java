package io.gatehouse.server.authz;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gatehouse.authz")
public interface AuthzConfig {
  /**
   * How often each replica compares its snapshot version with the database, in case a
   * notification was missed (the notification itself arrives in milliseconds).
   */
  @WithDefault("1s")
  Duration versionCheckInterval();

  /**
   * How long the log of what each policy version changed is kept (V14's {@code policy_changes}).
   * A replica that falls further behind than this, or starts, loads its whole snapshot; one that
   * keeps up loads only what changed.
   */
  @WithDefault("15m")
  Duration changeLogRetention();
}
