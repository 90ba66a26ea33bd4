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

  /** An event of the current request: its time, id, caller and source address. */
  public static AuditEvent byCaller(
      Actor caller, String action, String securableType, String securableName,
      Result result, Supplier<String> detail) {
    return new AuditEvent(Instant.now(), caller.requestId(), caller.name(), caller.actingPrincipal(), caller.sourceAddress(), action,
        securableType, securableName, result, detail);
  }

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
