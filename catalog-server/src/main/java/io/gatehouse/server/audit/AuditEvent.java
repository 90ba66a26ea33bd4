package io.gatehouse.server.audit;

import java.time.Instant;
import java.util.function.Supplier;

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
    Supplier<String> detail) {

  /** The detail, rendered when the record is written rather than on the request path. */
  public String renderedDetail() {
    return detail == null ? null : detail.get();
  }

  public enum Result {
    ALLOWED,
    DENIED,
    SUCCEEDED,
    FAILED
  }
}
