package io.gatehouse.server.common;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The benchmark's switch that turns authentication, authorization and audit off
 * ({@value #KEY}), so that their cost can be measured against the same build in the same run
 * (docs/benchmarks.md). It is honoured only under the Quarkus profile {@value #PROFILE}; set under
 * any other profile (prod, the default of the packaged server, dev or test), the server refuses to
 * start. Read once at start; with it on, every request acts as the first caller that authenticates,
 * no decision is made and nothing is audited.
 */
@ApplicationScoped
public class BenchMode {
  public static final String KEY = "gatehouse.bench.unguarded";
  public static final String PROFILE = "bench";
  private static final Logger LOG = Logger.getLogger(BenchMode.class);

  private final boolean unguarded;

  BenchMode(BenchConfig config) {
    boolean requested = config.unguarded();
    List<String> profiles = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getProfiles();
    String refusal = refusal(requested, profiles);
    if (refusal != null) {
      LOG.error(refusal);
      throw new IllegalStateException(refusal);
    }
    this.unguarded = requested;
  }

  /**
   * Why a server with {@code requested} under {@code profiles} must not start, or null: the
   * switch is refused under every profile but {@value #PROFILE}.
   */
  public static String refusal(boolean requested, List<String> profiles) {
    if (requested && !profiles.contains(PROFILE)) {
      return KEY + "=true turns authentication, authorization and audit off and is honoured only under the Quarkus"
          + " profile '" + PROFILE + "' (active: " + profiles + "); refusing to start.";
    }
    return null;
  }

  void onStart(@Observes StartupEvent event) {
    if (unguarded) {
      for (int i = 0; i < 3; i++) {
        LOG.warn("BENCHMARK MODE: AUTHENTICATION, AUTHORIZATION AND AUDIT ARE OFF (" + KEY + " under profile '"
            + PROFILE + "'). Never serve anything with this server.");
      }
    }
  }

  /** Authentication, authorization and audit are off for this benchmark run. */
  public boolean unguarded() {
    return unguarded;
  }
}
