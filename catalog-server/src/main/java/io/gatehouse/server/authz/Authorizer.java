package io.gatehouse.server.authz;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.Grant;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditLog;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.identity.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * The seam between operations and the policy engine: each operation names what it needs, the
 * engine decides over the request's one snapshot ({@link RequestSnapshot}), the decision is
 * audited, and a refusal becomes a 403 that names the missing privilege and the securable. Nothing is allowed by default: an
 * operation that asks for nothing is not an operation this class serves.
 */
@ApplicationScoped
public class Authorizer {
  private final RequestSnapshot snapshot;
  private final CallerContext caller;
  private final AuditLog audit;

  Authorizer(RequestSnapshot snapshot, CallerContext caller, AuditLog audit) {
    this.snapshot = snapshot;
    this.caller = caller;
    this.audit = audit;
  }

  public Subject subject() {
    return new Subject(caller.name(), caller.groups(), caller.isAdmin());
  }

  /** The snapshot this request decides against: the same one for all of its decisions. */
  public PolicySnapshot snapshot() {
    return snapshot.get();
  }

  /** The caller may see the object's metadata, BROWSE included. */
  public void requireSee(String action, Target target) {
    requireSee(action, target, true);
  }

  /**
   * The caller may see the object's metadata; BROWSE alone suffices only with {@code
   * includeBrowse} (Unity Catalog's {@code include_browse=true}).
   */
  public void requireSee(String action, Target target, boolean includeBrowse) {
    enforce(action, target, AccessCheck.canSee(snapshot(), subject(), target, includeBrowse));
  }

  /** The caller may manage the object: change it, drop it, transfer it, grant on it. */
  public void requireManage(String action, Target target) {
    enforce(action, target, AccessCheck.canManage(snapshot(), subject(), target));
  }

  /**
   * The caller may drop the object: it may manage it, and no deny that applies to the caller is
   * set on the object or on anything in it, since dropping would lift that deny (and the object
   * could be made again without it). Metastore admins are above denies.
   */
  public void requireDrop(String action, Target target) {
    PolicySnapshot snapshot = snapshot();
    Subject subject = subject();
    Decision decision = AccessCheck.canManage(snapshot, subject, target);
    if (decision.allowed() && !subject.metastoreAdmin() && snapshot.mayBeDenied(subject)) {
      for (Grant g : snapshot.grantsTo(subject.names())) {
        if (g.deny() && target.securable().covers(g.securable())) {
          String where = g.securable().equals(target.securable()) ? "on it" : "on an object in it";
          decision = Decision.deny("a deny that applies to the caller is set " + where
              + " (" + g.describe(target.describe(g.securable())) + "); only a metastore admin may drop it");
          break;
        }
      }
    }
    enforce(action, target, decision);
  }

  /**
   * The caller may add or lift a deny of {@code grantee} on the object: it may manage the object,
   * and the deny does not apply to it, directly or through a group (nested too). Nobody lifts,
   * or rewrites, a deny that binds itself; metastore admins are above denies.
   */
  public void requireDenyChange(String action, Target target, String grantee) {
    PolicySnapshot snapshot = snapshot();
    Subject subject = subject();
    Decision decision = AccessCheck.canManage(snapshot, subject, target);
    if (decision.allowed() && !subject.metastoreAdmin() && subject.is(grantee)) {
      decision = Decision.deny("a deny to " + grantee + " applies to the caller; only a metastore admin, or a manager of "
          + target.describe(target.securable()) + " it does not apply to, may add or lift it");
    }
    enforce(action, target, decision);
  }

  /**
   * Whether the caller holds each privilege on its object and may use the object's containers,
   * audited but not enforced (engines ask and enforce themselves), and audited together: one wait
   * for the audit trail for the whole batch.
   */
  public List<Decision> checkAll(String actionPrefix, List<Target> targets, List<Privilege> privileges) {
    PolicySnapshot snapshot = snapshot();
    Subject subject = subject();
    List<Decision> decisions = new java.util.ArrayList<>(targets.size());
    List<AuditEvent> events = new java.util.ArrayList<>(targets.size());
    // The objects of a batch mostly share their containers: decide USE on each container once.
    java.util.Map<io.gatehouse.policy.Securable, Decision> uses = new java.util.HashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      Privilege privilege = privileges.get(i);
      Target parent = target.parent();
      Decision use = parent == null ? AccessCheck.canUseParents(snapshot, subject, target)
          : uses.computeIfAbsent(parent.securable(), p -> AccessCheck.canUseParents(snapshot, subject, target));
      Decision decision = use.allowed() ? AccessCheck.has(snapshot, subject, privilege, target) : use;
      decisions.add(decision);
      events.add(decisionEvent(actionPrefix + privilege.name(), target, decision));
    }
    audit.recordAll(events);
    return decisions;
  }

  /**
   * The caller holds {@code privilege} on the object and may use its containers: EXECUTE on a
   * function that a row filter will call, for instance.
   */
  public void requirePrivilege(String action, Target target, Privilege privilege) {
    requireAll(action, target, List.of(new Need(target, privilege)));
  }

  /** A privilege the caller must hold on a target, with USE on the target's containers. */
  public record Need(Target target, Privilege privilege) {}

  /**
   * The caller holds every one of {@code needs}: decided together and audited as one decision
   * on {@code target}, so that an operation needing several privileges writes one record. The
   * first need that is missing is the one reported.
   */
  public void requireAll(String action, Target target, List<Need> needs) {
    PolicySnapshot snapshot = snapshot();
    Subject subject = subject();
    List<Decision> held = new java.util.ArrayList<>(needs.size() * 2);
    Decision refusal = null;
    java.util.Set<Target> usable = new java.util.HashSet<>();
    for (Need need : needs) {
      Decision use = usable.add(need.target()) ? AccessCheck.canUseParents(snapshot, subject, need.target()) : null;
      Decision d = use != null && !use.allowed() ? use : AccessCheck.has(snapshot, subject, need.privilege(), need.target());
      if (!d.allowed()) {
        refusal = d;
        break;
      }
      if (use != null) {
        held.add(use);
      }
      held.add(d);
    }
    enforce(action, target, refusal != null ? refusal
        : Decision.allow("granted", () -> held.stream().flatMap(h -> h.basis().stream()).distinct().toList()));
  }

  /**
   * The caller may create an object in {@code container}: USE CATALOG on its catalog, USE SCHEMA
   * on it when it is a schema, and {@code create} on it (CREATE CATALOG on the metastore).
   */
  public void requireCreate(String action, Target container, Privilege create) {
    PolicySnapshot snapshot = snapshot();
    Subject subject = subject();
    Decision use = AccessCheck.canUse(snapshot, subject, container);
    Decision decision = use.allowed() ? AccessCheck.has(snapshot, subject, create, container) : use;
    if (decision.allowed()) {
      Decision granted = decision;
      decision = Decision.allow(granted.reason(), () -> {
        List<String> basis = new java.util.ArrayList<>(use.basis());
        basis.addAll(granted.basis());
        return basis;
      });
    }
    enforce(action, container, decision);
  }

  /**
   * Children of {@code parent} of type {@code childType} that the caller may see (those it may
   * only BROWSE only with {@code includeBrowse}), worked out in one pass over the snapshot. The
   * caller must be able to see the parent, BROWSE included: a listing of a container the caller
   * may browse is filtered, not refused.
   */
  public Visibility visibleChildren(String action, Target parent, SecurableType childType, boolean includeBrowse) {
    Subject subject = subject();
    PolicySnapshot snapshot = snapshot();
    if (parent.securable().type() != SecurableType.METASTORE) {
      enforce(action, parent, AccessCheck.canSee(snapshot, subject, parent, true));
    } else {
      audit(action, parent, AuditEvent.Result.ALLOWED, null);
    }
    return Visibility.of(snapshot, subject, parent, childType, includeBrowse);
  }

  private void enforce(String action, Target target, Decision decision) {
    audit.record(decisionEvent(action, target, decision));
    if (!decision.allowed()) {
      throw new GatehouseException(
          ErrorCode.PERMISSION_DENIED,
          "Principal '" + caller.name() + "' may not " + action.toLowerCase(Locale.ROOT).replace('_', ' ')
              + ": " + decision.reason() + ".");
    }
  }

  /** The audit record of a decision: its grants when allowed, what was missing when denied. */
  private AuditEvent decisionEvent(String action, Target target, Decision decision) {
    return AuditEvent.byCaller(caller, action, target == null ? null : target.securable().type().apiName(),
        target == null ? null : name(target), decision.allowed() ? AuditEvent.Result.ALLOWED : AuditEvent.Result.DENIED,
        decision.allowed() ? () -> String.join("; ", decision.basis()) : decision::reason);
  }

  /** Appends an audit record for the current caller and request. */
  public void audit(String action, Target target, AuditEvent.Result result, String detail) {
    auditLazily(action, target, result, () -> detail);
  }

  private void auditLazily(String action, Target target, AuditEvent.Result result, java.util.function.Supplier<String> detail) {
    audit.record(AuditEvent.byCaller(caller, action,
        target == null ? null : target.securable().type().apiName(),
        target == null ? null : name(target),
        result, detail));
  }

  static String name(Target target) {
    String name = target.names().get(target.names().size() - 1);
    return name != null ? name : target.securable().id();
  }
}
