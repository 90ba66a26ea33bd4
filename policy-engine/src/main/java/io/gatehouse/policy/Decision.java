package io.gatehouse.policy;

import java.util.List;

/**
 * The answer to one access check, with what decided it: for an allow, the grants, ownerships or
 * admin right that gave it; for a deny, what was missing.
 */
public record Decision(boolean allowed, String reason, List<String> basis) {
  public static Decision allow(String reason, List<String> basis) {
    return new Decision(true, reason, List.copyOf(basis));
  }

  public static Decision deny(String reason) {
    return new Decision(false, reason, List.of());
  }
}
