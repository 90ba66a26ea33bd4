package io.gatehouse.server.audit;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * One line of the audit trail. {@code securableNames} lists the securables of a record that
 * covers several (an engine's batch of checks) and is null otherwise.
 */
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
    Supplier<String> detail,
    List<String> securableNames) {

  /** A record on one securable, or on none. */
  public AuditEvent(Instant occurredAt, String requestId, String principal, String actingPrincipal, String sourceAddress,
      String action, String securableType, String securableName, Result result, Supplier<String> detail) {
    this(occurredAt, requestId, principal, actingPrincipal, sourceAddress, action, securableType, securableName, result,
        detail, null);
  }

  /** An event of the current request: its time, id, caller and source address. */
  public static AuditEvent byCaller(
      Actor caller, String action, String securableType, String securableName,
      Result result, Supplier<String> detail) {
    return new AuditEvent(Instant.now(), caller.requestId(), caller.name(), caller.actingPrincipal(), caller.sourceAddress(), action,
        securableType, securableName, result, detail);
  }

  /**
   * An event of the current request on several securables at once: it names none of them in
   * {@code securableName} but lists them all, so that a search for any of them finds it.
   */
  public static AuditEvent byCallerOnMany(
      Actor caller, String action, String securableType, List<String> securableNames,
      Result result, Supplier<String> detail) {
    return new AuditEvent(Instant.now(), caller.requestId(), caller.name(), caller.actingPrincipal(), caller.sourceAddress(), action,
        securableType, null, result, detail, List.copyOf(securableNames));
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
