package io.gatehouse.server.authz;

import io.gatehouse.policy.Decision;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Target;
import io.gatehouse.server.audit.AuditTrail;
import java.util.List;

/**
 * The detail of the one audit record of an engine's batch of checks: a line per check,
 * {@code type:name:PRIVILEGE:allowed} or {@code type:name:PRIVILEGE:denied:reason}, in the order
 * asked. Bounded: a reason is cut at {@link #MAX_REASON} characters, and lines past {@link
 * #MAX_DETAIL} characters are counted instead of listed (the record's securable names still list
 * every securable, so that a search by name finds it).
 */
final class CheckRecord {
  static final int MAX_DETAIL = 32 * 1024;
  static final int MAX_REASON = 256;

  private CheckRecord() {}

  static String detail(List<Target> targets, List<Privilege> privileges, List<Decision> decisions) {
    StringBuilder out = new StringBuilder(Math.min(MAX_DETAIL, targets.size() * 64));
    for (int i = 0; i < targets.size(); i++) {
      int start = out.length();
      if (i > 0) {
        out.append('\n');
      }
      Target target = targets.get(i);
      Decision decision = decisions.get(i);
      out.append(target.securable().type().apiName()).append(':').append(AuditTrail.name(target)).append(':')
          .append(privileges.get(i).name()).append(':').append(decision.allowed() ? "allowed" : "denied");
      if (!decision.allowed()) {
        String reason = decision.reason();
        out.append(':').append(reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...");
      }
      if (out.length() > MAX_DETAIL) {
        out.setLength(start);
        return out.append(omitted(decisions.subList(i, decisions.size()))).toString();
      }
    }
    return out.toString();
  }

  private static String omitted(List<Decision> rest) {
    long denied = rest.stream().filter(d -> !d.allowed()).count();
    return "\n... " + rest.size() + " more checks not listed, " + denied + " of them denied";
  }
}
