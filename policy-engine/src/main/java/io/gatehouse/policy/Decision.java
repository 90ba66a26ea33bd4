package io.gatehouse.policy;

import java.util.List;
import java.util.function.Supplier;

/**
 * The answer to one access check, with what decided it: for an allow, the grants, ownerships or
 * admin right that gave it; for a deny, what was missing. The explanation is rendered only when
 * someone reads it, so that deciding stays as cheap as Ranger's own evaluation.
 */
public final class Decision {
  private final boolean allowed;
  private Supplier<String> reasonSupplier;
  private String reason;
  private Supplier<List<String>> basisSupplier;
  private List<String> basis;

  private Decision(boolean allowed, Supplier<String> reason, Supplier<List<String>> basis) {
    this.allowed = allowed;
    this.reasonSupplier = reason;
    this.basisSupplier = basis;
  }

  public static Decision allow(String reason, List<String> basis) {
    List<String> copy = List.copyOf(basis);
    return new Decision(true, () -> reason, () -> copy);
  }

  /** An allow whose explanation is worked out when first asked for. */
  public static Decision allow(String reason, Supplier<List<String>> basis) {
    return new Decision(true, () -> reason, basis);
  }

  public static Decision deny(String reason) {
    return new Decision(false, () -> reason, List::of);
  }

  /** A deny whose reason is worked out when first asked for. */
  public static Decision deny(Supplier<String> reason) {
    return new Decision(false, reason, List::of);
  }

  public boolean allowed() {
    return allowed;
  }

  public synchronized String reason() {
    if (reason == null) {
      reason = reasonSupplier.get();
      reasonSupplier = null;
    }
    return reason;
  }

  public synchronized List<String> basis() {
    if (basis == null) {
      basis = List.copyOf(basisSupplier.get());
      basisSupplier = null;
    }
    return basis;
  }

  @Override
  public String toString() {
    return (allowed ? "ALLOW " : "DENY ") + reason + " " + basis();
  }
}
