package io.gatehouse.server.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gatehouse.audit")
public interface AuditConfig {
  /**
   * Whether each audit batch waits for PostgreSQL to flush it to disk. Off by default: a record
   * is in the database before its request is answered, and reaches disk within PostgreSQL's
   * wal_writer_delay (200 ms); only a crash of PostgreSQL itself in that window could lose it.
   */
  @WithDefault("false")
  boolean synchronousCommit();

  /**
   * Repeated refusals of one kind from one source (401s, failed client logins) within this time
   * are written as one record with their count (see {@link RepeatedRefusals}).
   */
  @WithDefault("1m")
  Duration refusalWindow();

  /** How long a request waits for its audit record before it fails. */
  @WithDefault("10s")
  Duration writeTimeout();
}
