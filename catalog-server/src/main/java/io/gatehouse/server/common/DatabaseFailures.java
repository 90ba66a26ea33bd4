package io.gatehouse.server.common;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognises a failure that means "the database cannot be reached now", whatever wrapped it
 * (Hibernate, Agroal, the lineage module, the audit writer): such a request is answered 503
 * {@code UNAVAILABLE} with {@code Retry-After}, over REST, and {@code UNAVAILABLE} over gRPC, never
 * 500; the client retries, and the replica recovers by itself when the database is back (the
 * pool opens new connections, the policy listener reconnects).
 */
public final class DatabaseFailures {
  /** How long a client is asked to wait before trying again. */
  public static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(2);
  public static final String MESSAGE = "The catalog's database cannot be reached; retry shortly.";

  // admin_shutdown, crash_shutdown, cannot_connect_now (starting or stopping), too_many_connections.
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private DatabaseFailures() {}

  /** Whether {@code e}, or one of its causes, says the database cannot be reached. */
  public static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        // Class 08: connection exceptions (refused, broken, lost in the middle of a statement).
        if (state != null && (state.startsWith("08") || STATES.contains(state))) {
          return true;
        }
        // Agroal's pool: no connection could be had within the acquisition timeout.
        if (sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The answer to a request that failed because the database cannot be reached. */
  public static GatehouseException unavailable() {
    return GatehouseException.unavailable(MESSAGE, RETRY_AFTER);
  }
}
