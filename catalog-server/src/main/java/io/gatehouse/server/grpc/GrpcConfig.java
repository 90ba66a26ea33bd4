package io.gatehouse.server.grpc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gatehouse.grpc")
public interface GrpcConfig {
  /**
   * The group whose members (engines' service principals) may ask for decisions and resolutions
   * on behalf of the end users they name.
   */
  @WithDefault("engines")
  String enginesGroup();

  /** The most checks one Authorize call may carry. */
  @WithDefault("1000")
  int maxChecks();

  /**
   * Threads for the parts of calls that wait on blocking I/O: a table's metadata (JDBC),
   * credential vending (STS), and a caller not verified within the cache lifetime. Decisions
   * themselves are made on the event loop.
   */
  @WithDefault("16")
  int workerThreads();
}
