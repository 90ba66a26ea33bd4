package io.gatehouse.server.audit;

import io.gatehouse.policy.Target;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The audit records of the current request that are not access decisions: what an allowed
 * request changed (an owner, a grant, a principal), what it obtained (credentials) or why it
 * failed after it was allowed. Decisions are recorded by the authorizer. {@code action} is the
 * record's name: the name of the operation, or of the change it made ({@code CHANGE_OWNER},
 * {@code GRANT}).
 */
@ApplicationScoped
public class AuditTrail {
  private final AuditLog log;
  private final Actor caller;

  AuditTrail(AuditLog log, Actor caller) {
    this.log = log;
    this.caller = caller;
  }

  /** The request changed {@code target} as {@code action} says. */
  public void succeeded(String action, Target target, String detail) {
    record(action, target, AuditEvent.Result.SUCCEEDED, () -> detail);
  }

  /** The request, allowed, failed to do {@code action} on {@code target}. */
  public void failed(String action, Target target, String detail) {
    record(action, target, AuditEvent.Result.FAILED, () -> detail);
  }

  /** A record on a securable; a null target for none. */
  public void record(String action, Target target, AuditEvent.Result result, Supplier<String> detail) {
    record(action, target == null ? null : target.securable().type().apiName(), target == null ? null : name(target),
        result, detail);
  }

  /** A record on something that is not a securable: a principal, a token, a secret. */
  public void record(String action, String type, String name, AuditEvent.Result result, Supplier<String> detail) {
    log.record(AuditEvent.byCaller(caller, action, type, name, result, detail));
  }

  /**
   * A record of something done by {@code principal} outside a request's caller (a credential
   * used for the first time, while it is being checked): the principal, request and source
   * are given.
   */
  public void recordFor(String principal, String requestId, String sourceAddress, String action, String type, String name,
      AuditEvent.Result result, Supplier<String> detail) {
    log.record(new AuditEvent(Instant.now(), requestId, principal, null, sourceAddress, action, type, name, result,
        detail));
  }

  /** The name a record gives a securable: its own name, or its id where the name is not known. */
  public static String name(Target target) {
    String name = target.names().get(target.names().size() - 1);
    return name != null ? name : target.securable().id();
  }
}
