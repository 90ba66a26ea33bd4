package io.gatehouse.server.authz;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.AttributePolicies;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.Grant;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditLog;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.common.BenchMode;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.identity.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The seam between operations and the policy engine: each {@link Operation} says what it needs,
 * which picks the check; the engine decides over the request's one snapshot ({@link
 * RequestSnapshot}), the decision is audited, and a refusal becomes a 403 that names the missing
 * privilege and the securable. Nothing is allowed by default: an operation that asks for nothing
 * is not an operation this class serves. Only decisions are recorded here; what allowed requests
 * then do is recorded by {@link AuditTrail}.
 */
@ApplicationScoped
public class Authorizer {
  private final RequestSnapshot snapshot;
  private final CallerContext caller;
  private final AuditLog audit;
  /** The benchmark's switch: every requirement holds and nothing is decided (see {@link BenchMode}). */
  private final boolean unguarded;

  Authorizer(RequestSnapshot snapshot, CallerContext caller, AuditLog audit, BenchMode bench) {
    this.unguarded = bench.unguarded();
    this.snapshot = snapshot;
    this.caller = caller;
    this.audit = audit;
  }

  public Subject subject() {
    return caller.subject();
  }

  /** The snapshot this request decides against: the same one for all of its decisions. */
  public PolicySnapshot snapshot() {
    return snapshot.get();
  }

  /**
   * The caller may do {@code op} on {@code target}, by the operation's own requirement: see it
   * (BROWSE included), manage it, drop it, create in it (the target is the container) or hold the
   * one privilege it asks for.
   */
  public void require(Operation op, Target target) {
    if (unguarded) {
      return;
    }
    Requirement r = op.requirement();
    switch (r.kind()) {
      case SEE -> see(op, target, true);
      case MANAGE -> manage(op, target);
      case DROP -> drop(op, target);
      case CREATE -> create(op, target, r.privileges().iterator().next());
      case HOLD -> {
        expect(r.privileges().size() == 1, op, "asks for one of several privileges: name it");
        requirePrivilege(op, target, r.privileges().iterator().next());
      }
      default -> throw new IllegalArgumentException(op + " (" + r + ") is not decided by require(op, target)");
    }
  }

  /**
   * The caller may see the object's metadata for {@code op}; BROWSE alone suffices only with
   * {@code includeBrowse} (Unity Catalog's {@code include_browse=true}).
   */
  public void require(Operation op, Target target, boolean includeBrowse) {
    AuditEvent record = allowRead(op, target, includeBrowse);
    if (record != null) {
      audit.record(record);
    }
  }

  /**
   * As {@link #require(Operation, Target, boolean)}, for a read that writes its decision's record
   * in the same round trip as its query ({@link AuditLog#queryWithRecord}): a refusal is
   * recorded and answered here; an allowance returns its record, not yet written, which the read
   * must write before it answers. Null with the benchmark switch on (nothing is decided).
   */
  public AuditEvent allowRead(Operation op, Target target, boolean includeBrowse) {
    if (unguarded) {
      return null;
    }
    expect(op.requirement().kind() == Requirement.Kind.SEE, op, "does not need the object to be seen");
    Decision decision = AccessCheck.canSee(snapshot(), subject(), target, includeBrowse);
    AuditEvent record = decisionEvent(op.auditName(), target, decision);
    if (!decision.allowed()) {
      audit.record(record);
      throw refusal(op.auditName(), decision);
    }
    return record;
  }

  /**
   * As {@link #allowRead}, without blocking, for reads answered on the event loop (the caller's
   * groups must be at hand): an allowance completes with its record, not yet written, which the
   * read must write before it answers (null with the benchmark switch on); a refusal fails with
   * PERMISSION_DENIED once it is recorded.
   */
  public CompletionStage<AuditEvent> allowReadDetached(Operation op, Target target, boolean includeBrowse) {
    if (unguarded) {
      return CompletableFuture.completedFuture(null);
    }
    expect(op.requirement().kind() == Requirement.Kind.SEE, op, "does not need the object to be seen");
    Decision decision = AccessCheck.canSee(snapshot(), subject(), target, includeBrowse);
    AuditEvent record = decisionEvent(op.auditName(), target, decision);
    if (!decision.allowed()) {
      GatehouseException refusal = refusal(op.auditName(), decision);
      return audit.recordDetached(record).thenCompose(v -> CompletableFuture.<AuditEvent>failedFuture(refusal));
    }
    return CompletableFuture.completedFuture(record);
  }

  /** The caller may manage the object, where {@code op} needs that only in some cases. */
  public void requireManage(Operation op, Target target) {
    if (unguarded) {
      return;
    }
    expect(op.makes(Requirement.Kind.MANAGE), op, "never needs the object to be managed");
    manage(op, target);
  }

  private void see(Operation op, Target target, boolean includeBrowse) {
    enforce(op, target, AccessCheck.canSee(snapshot(), subject(), target, includeBrowse));
  }

  private void manage(Operation op, Target target) {
    enforce(op, target, AccessCheck.canManage(snapshot(), subject(), target));
  }

  /**
   * The caller may drop the object: it may manage it, and no deny that applies to the caller is
   * set on the object or on anything in it, since dropping would lift that deny (and the object
   * could be made again without it). Metastore admins are above denies.
   */
  private void drop(Operation op, Target target) {
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
      Decision byPolicy = decision.allowed() ? deniedByPolicyUnder(snapshot, subject, target, "drop it") : null;
      if (byPolicy != null) {
        decision = byPolicy;
      }
    }
    enforce(op, target, decision);
  }

  /**
   * The refusal when a DENY policy that applies to {@code subject} is bound to the target or to an
   * object in it, else null: dropping it, or changing its tags, would lift that deny.
   */
  private static Decision deniedByPolicyUnder(PolicySnapshot snapshot, Subject subject, Target target, String what) {
    for (AttributePolicies.BoundAccess a : snapshot.attributePolicies().accessUnder(target.securable())) {
      if (a.deny() && a.principals().appliesTo(subject)) {
        String where = a.securable().equals(target.securable()) ? "it" : "an object in it";
        return Decision.deny("policy " + a.policy() + " denies " + a.privileges().stream().map(Privilege::sqlName).sorted()
            .toList() + " to the caller on " + where + "; only a metastore admin, or someone it does not apply to, may " + what);
      }
    }
    return null;
  }

  /**
   * The caller may change the tags of the object (it may manage it: {@link Operation#SET_TAGS}),
   * and no DENY policy that applies to it is bound to the object or to anything in it: a tag
   * changed there could lift that deny. Metastore admins are above denies.
   */
  public void requireTagChange(Operation op, Target target) {
    if (unguarded) {
      return;
    }
    PolicySnapshot snapshot = snapshot();
    Subject subject = subject();
    Decision decision = AccessCheck.canManage(snapshot, subject, target);
    if (decision.allowed() && !subject.metastoreAdmin() && snapshot.attributePolicies().mayDeny(subject)) {
      Decision byPolicy = deniedByPolicyUnder(snapshot, subject, target, "change its tags");
      if (byPolicy != null) {
        decision = byPolicy;
      }
    }
    enforce(op, target, decision);
  }

  /**
   * Refuses {@code op} when a policy that applies to the caller would stop applying: a DENY policy
   * bound to the target or to anything in it, or a row filter or column mask policy bound to the
   * target (a table). Moving the object to another container changes its scope and its inherited
   * tags, so a move by someone such a policy binds could lift it; as nobody lifts a deny, a filter
   * or a mask that binds itself. Metastore admins are above denies, and the policies' managers
   * they do not apply to may move. Decides nothing else.
   */
  public void requireNoPolicyLifted(Operation op, Target target, String what) {
    if (unguarded) {
      return;
    }
    PolicySnapshot snapshot = snapshot();
    Subject subject = subject();
    if (subject.metastoreAdmin()) {
      return;
    }
    if (snapshot.attributePolicies().mayDeny(subject)) {
      Decision byPolicy = deniedByPolicyUnder(snapshot, subject, target, what);
      if (byPolicy != null) {
        enforce(op, target, byPolicy);
      }
    }
    List<String> filtersAndMasks = snapshot.attributePolicies().dataPoliciesApplying(subject, target.securable());
    if (!filtersAndMasks.isEmpty()) {
      enforce(op, target, Decision.deny("policy " + String.join(", policy ", filtersAndMasks) + " puts a row filter or"
          + " column mask on it for the caller; only a metastore admin, or someone it does not apply to, may " + what));
    }
  }

  /**
   * The caller may replace or drop a DENY policy that applies to {@code principals}: not when it
   * applies to the caller itself (directly or through a group, nested too), as nobody lifts a
   * plain deny that binds itself. Metastore admins are above denies.
   */
  public void requireNotDeniedBy(Operation op, Target target, AttributePolicies.Principals principals, String policy) {
    if (unguarded) {
      return;
    }
    Subject subject = subject();
    if (!subject.metastoreAdmin() && principals.appliesTo(subject)) {
      enforce(op, target, Decision.deny(policy + " is a DENY policy that applies to the caller; only a metastore admin, or a"
          + " manager of " + target.describe(target.securable()) + " it does not apply to, may replace or drop it"));
    }
  }

  /**
   * The caller may add or lift a deny of {@code grantee} on the object: it may manage the object,
   * and the deny does not apply to it, directly or through a group (nested too). Nobody lifts,
   * or rewrites, a deny that binds itself; metastore admins are above denies.
   */
  public void requireDenyChange(Operation op, Target target, String grantee) {
    if (unguarded) {
      return;
    }
    expect(op.requirement().kind() == Requirement.Kind.CHANGE_DENY, op, "does not change denies");
    PolicySnapshot snapshot = snapshot();
    Subject subject = subject();
    Decision decision = AccessCheck.canManage(snapshot, subject, target);
    if (decision.allowed() && !subject.metastoreAdmin() && subject.is(grantee)) {
      decision = Decision.deny("a deny to " + grantee + " applies to the caller; only a metastore admin, or a manager of "
          + target.describe(target.securable()) + " it does not apply to, may add or lift it");
    }
    enforce(op, target, decision);
  }

  /**
   * Whether the caller holds each privilege on its object and may use the object's containers,
   * audited but not enforced (engines ask and enforce themselves). The batch is one audit record,
   * named after the operation ({@code AUTHORIZE}), DENIED when any check is, with a line per check
   * ({@link CheckRecord}): on the securable of a lone check, else on type {@code batch} listing
   * the names of all of them. One wait for the audit trail, and no answer without the record.
   */
  public List<Decision> checkAll(Operation op, List<Target> targets, List<Privilege> privileges) {
    if (unguarded) {
      return targets.stream().map(t -> Decision.allow("unguarded benchmark", List::of)).toList();
    }
    List<Decision> decisions = decideAll(op, targets, privileges);
    if (!targets.isEmpty()) {
      audit.record(checksEvent(op, List.copyOf(targets), List.copyOf(privileges), decisions));
    }
    return decisions;
  }

  /**
   * A decision made in memory whose audit record is on its way: {@code recorded} completes once
   * the record is in the database, on the thread that wrote it, or exceptionally with the
   * request's failure (UNAVAILABLE when the record cannot be written, PERMISSION_DENIED after a
   * refusal was recorded). Nothing of it may be answered before {@code recorded} completes.
   */
  public record Recorded<T>(T value, CompletionStage<Void> recorded) {}

  /** As {@link #checkAll}, without waiting for the record: for callers that must never block. */
  public Recorded<List<Decision>> checkAllDetached(Operation op, List<Target> targets, List<Privilege> privileges) {
    List<Decision> decisions = decideAll(op, targets, privileges);
    CompletionStage<Void> recorded = targets.isEmpty() ? CompletableFuture.completedFuture(null)
        : audit.recordDetached(checksEvent(op, List.copyOf(targets), List.copyOf(privileges), decisions));
    return new Recorded<>(decisions, recorded);
  }

  private List<Decision> decideAll(Operation op, List<Target> targets, List<Privilege> privileges) {
    expect(op.requirement().kind() == Requirement.Kind.CHECK, op, "is not a batch of checks");
    PolicySnapshot snapshot = snapshot();
    Subject subject = subject();
    List<Decision> decisions = new java.util.ArrayList<>(targets.size());
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
    }
    return decisions;
  }

  private AuditEvent checksEvent(Operation op, List<Target> targets, List<Privilege> privileges, List<Decision> decisions) {
    AuditEvent.Result result = decisions.stream().allMatch(Decision::allowed) ? AuditEvent.Result.ALLOWED
        : AuditEvent.Result.DENIED;
    java.util.function.Supplier<String> detail = () -> CheckRecord.detail(targets, privileges, decisions);
    if (targets.size() == 1) {
      Target target = targets.get(0);
      return event(op.auditName(), target, result, detail);
    }
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (Target target : targets) {
      names.add(AuditTrail.name(target));
    }
    return AuditEvent.byCallerOnMany(caller, op.auditName(), "batch", List.copyOf(names), result, detail);
  }

  /**
   * The caller holds {@code privilege}, one {@code op} asks for, on the object and may use its
   * containers: EXECUTE on a function that a row filter will call, for instance.
   */
  public void requirePrivilege(Operation op, Target target, Privilege privilege) {
    requireAll(op, target, List.of(new Need(target, privilege)));
  }

  /** A privilege the caller must hold on a target, with USE on the target's containers. */
  public record Need(Target target, Privilege privilege) {}

  /**
   * The caller holds every one of {@code needs}, privileges {@code op} asks for: decided together
   * and audited as one decision on {@code target}, so that an operation needing several
   * privileges writes one record. The first need that is missing is the one reported.
   */
  public void requireAll(Operation op, Target target, List<Need> needs) {
    if (unguarded) {
      return;
    }
    enforce(op, target, decideNeeds(op, needs));
  }

  /**
   * As {@link #requireAll}, without waiting for the record: {@code recorded} fails with
   * PERMISSION_DENIED once a refusal is recorded. {@code value} says whether it was allowed, so
   * that the caller starts no work for a refused call. For callers that must never block.
   */
  public Recorded<Boolean> requireAllDetached(Operation op, Target target, List<Need> needs) {
    Decision decision = decideNeeds(op, needs);
    CompletionStage<Void> written = audit.recordDetached(decisionEvent(op.auditName(), target, decision));
    if (!decision.allowed()) {
      GatehouseException refusal = refusal(op.auditName(), decision);
      return new Recorded<>(false, written.thenCompose(v -> CompletableFuture.<Void>failedFuture(refusal)));
    }
    return new Recorded<>(true, written);
  }

  private Decision decideNeeds(Operation op, List<Need> needs) {
    for (Need need : needs) {
      expect(op.asksFor(need.privilege()), op, "does not ask for " + need.privilege());
    }
    PolicySnapshot snapshot = snapshot();
    Subject subject = subject();
    List<Decision> held = new java.util.ArrayList<>(needs.size() * 2);
    java.util.Set<Target> usable = new java.util.HashSet<>();
    for (Need need : needs) {
      Decision use = usable.add(need.target()) ? AccessCheck.canUseParents(snapshot, subject, need.target()) : null;
      Decision d = use != null && !use.allowed() ? use : AccessCheck.has(snapshot, subject, need.privilege(), need.target());
      if (!d.allowed()) {
        return d;
      }
      if (use != null) {
        held.add(use);
      }
      held.add(d);
    }
    return Decision.allow("granted", () -> held.stream().flatMap(h -> h.basis().stream()).distinct().toList());
  }

  /**
   * The caller may create an object in {@code container}: USE CATALOG on its catalog, USE SCHEMA
   * on it when it is a schema, and {@code create} on it (CREATE CATALOG on the metastore).
   */
  private void create(Operation op, Target container, Privilege create) {
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
    enforce(op, container, decision);
  }

  /**
   * Children of {@code parent} of the type {@code op} lists that the caller may see (those it may
   * only BROWSE only with {@code includeBrowse}), worked out in one pass over the snapshot. The
   * caller must be able to see the parent, BROWSE included: a listing of a container the caller
   * may browse is filtered, not refused.
   */
  public Visibility visibleChildren(Operation op, Target parent, boolean includeBrowse) {
    ReadListing listing = visibleChildrenRead(op, parent, includeBrowse);
    if (listing.record() != null) {
      audit.record(listing.record());
    }
    return listing.visible();
  }

  /**
   * For a listing across containers (a catalog's schemas, every schema), which records itself
   * once: the children of {@code parent} the caller may see, or null when it may not see {@code
   * parent} (BROWSE included), which the listing then leaves out. Nothing is recorded here.
   */
  public Visibility visibleChildrenIfSeen(Operation op, Target parent, boolean includeBrowse) {
    if (unguarded) {
      return Visibility.ALL;
    }
    expect(op.requirement().kind() == Requirement.Kind.LIST, op, "lists nothing");
    Subject subject = subject();
    PolicySnapshot snapshot = snapshot();
    if (!AccessCheck.canSee(snapshot, subject, parent, true).allowed()) {
      return null;
    }
    return Visibility.of(snapshot, subject, parent, op.requirement().childType(), includeBrowse);
  }

  /** What {@link #visibleChildren} gives, with the listing's record not yet written (null when unguarded). */
  public record ReadListing(Visibility visible, AuditEvent record) {}

  /**
   * As {@link #visibleChildren}, for a listing that writes its record in the same round trip as
   * its query ({@link AuditLog#queryWithRecord}): a refusal is recorded and answered here; an
   * allowed listing gets its record, not yet written, which it must write before it answers.
   */
  public ReadListing visibleChildrenRead(Operation op, Target parent, boolean includeBrowse) {
    if (unguarded) {
      return new ReadListing(Visibility.ALL, null);
    }
    expect(op.requirement().kind() == Requirement.Kind.LIST, op, "lists nothing");
    Subject subject = subject();
    PolicySnapshot snapshot = snapshot();
    AuditEvent record;
    if (parent.securable().type() != SecurableType.METASTORE) {
      Decision see = AccessCheck.canSee(snapshot, subject, parent, true);
      record = decisionEvent(op.auditName(), parent, see);
      if (!see.allowed()) {
        audit.record(record);
        throw refusal(op.auditName(), see);
      }
    } else {
      record = event(op.auditName(), parent, AuditEvent.Result.ALLOWED, () -> null);
    }
    return new ReadListing(Visibility.of(snapshot, subject, parent, op.requirement().childType(), includeBrowse), record);
  }

  /**
   * As {@link #visibleChildren}, without waiting for the listing's record: {@code recorded}
   * fails with PERMISSION_DENIED (once the refusal is recorded) when the caller may not see the
   * parent. For callers that must never block.
   */
  public Recorded<Visibility> visibleChildrenDetached(Operation op, Target parent, boolean includeBrowse) {
    expect(op.requirement().kind() == Requirement.Kind.LIST, op, "lists nothing");
    Subject subject = subject();
    PolicySnapshot snapshot = snapshot();
    Decision see = parent.securable().type() == SecurableType.METASTORE ? null
        : AccessCheck.canSee(snapshot, subject, parent, true);
    AuditEvent record = see == null ? event(op.auditName(), parent, AuditEvent.Result.ALLOWED, () -> null)
        : decisionEvent(op.auditName(), parent, see);
    CompletionStage<Void> written = audit.recordDetached(record);
    if (see != null && !see.allowed()) {
      GatehouseException refusal = refusal(op.auditName(), see);
      return new Recorded<>(null, written.thenCompose(v -> CompletableFuture.<Void>failedFuture(refusal)));
    }
    return new Recorded<>(Visibility.of(snapshot, subject, parent, op.requirement().childType(), includeBrowse), written);
  }

  /**
   * Records that {@code op} was allowed by a decision its caller made (a listing filtered in its
   * query, a lineage start found visible); {@code detail} says on what grounds, or null.
   */
  public void allowed(Operation op, Target target, String detail) {
    audit.record(event(op.auditName(), target, AuditEvent.Result.ALLOWED, () -> detail));
  }

  /**
   * The record that {@code op} was allowed, for a caller that writes it in the same commit as
   * what it allowed ({@link AuditLog#insertAll}); null when nothing is recorded (the benchmark's
   * switch). The caller must fail the request if the record cannot be written.
   */
  public AuditEvent allowedRecord(Operation op, Target target, String detail) {
    return audit.recording() ? event(op.auditName(), target, AuditEvent.Result.ALLOWED, () -> detail) : null;
  }

  /**
   * Records that {@code op} was refused by a decision its caller made (credentials for a table
   * with a row filter, a lineage start the caller may not see); the caller answers the refusal.
   */
  public void denied(Operation op, Target target, String reason) {
    audit.record(event(op.auditName(), target, AuditEvent.Result.DENIED, () -> reason));
  }

  private void enforce(Operation op, Target target, Decision decision) {
    String action = op.auditName();
    audit.record(decisionEvent(action, target, decision));
    if (!decision.allowed()) {
      throw refusal(action, decision);
    }
  }

  private GatehouseException refusal(String action, Decision decision) {
    return new GatehouseException(
        ErrorCode.PERMISSION_DENIED,
        "Principal '" + caller.name() + "' may not " + action.toLowerCase(Locale.ROOT).replace('_', ' ')
            + ": " + decision.reason() + ".");
  }

  /** The audit record of a decision: its grants when allowed, what was missing when denied. */
  private AuditEvent decisionEvent(String action, Target target, Decision decision) {
    return event(action, target, decision.allowed() ? AuditEvent.Result.ALLOWED : AuditEvent.Result.DENIED,
        decision.allowed() ? () -> String.join("; ", decision.basis()) : decision::reason);
  }

  /** A record of the current caller about {@code target} (null: about no securable). */
  private AuditEvent event(String action, Target target, AuditEvent.Result result, java.util.function.Supplier<String> detail) {
    return AuditEvent.byCaller(caller, action, target == null ? null : target.securable().type().apiName(),
        target == null ? null : AuditTrail.name(target), result, detail);
  }

  /** A call that pairs an operation with a check it does not make is a defect, found by the tests. */
  private static void expect(boolean pairs, Operation op, String otherwise) {
    if (!pairs) {
      throw new IllegalArgumentException(op + " " + otherwise);
    }
  }
}
