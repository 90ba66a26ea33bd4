package io.gatehouse.server.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The benchmark's switch ({@link BenchMode}): honoured only under the Quarkus profile {@code bench}. */
@ConfigMapping(prefix = "gatehouse.bench")
public interface BenchConfig {
  /** Authentication, authorization and audit off, to measure what they cost. */
  @WithDefault("false")
  boolean unguarded();
}
