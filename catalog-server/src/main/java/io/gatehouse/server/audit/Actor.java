package io.gatehouse.server.audit;

/**
 * Who made the current request, as far as the audit trail needs to know. The identity package
 * provides it for every request; the audit package depends on nothing above it.
 */
public interface Actor {
  String requestId();

  /** The principal the request acts as. */
  String name();

  /** The engine that acts on the principal's behalf, if any. */
  String actingPrincipal();

  String sourceAddress();

  /** Refuses the request, audited, unless the actor is a metastore admin. */
  void requireAdmin(String action);
}
