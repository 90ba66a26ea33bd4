package io.gatehouse.server.audit;

import java.time.Instant;

/** One line of the audit trail. */
public record AuditEvent(
    Instant occurredAt,
    String requestId,
    String principal,
    String actingPrincipal,
    String sourceAddress,
    String action,
    String securableType,
    String securableName,
    Result result,
    String detail) {

  public enum Result {
    ALLOWED,
    DENIED,
    SUCCEEDED,
    FAILED
  }
}
