package io.gatehouse.policy;

import java.util.List;
import java.util.Optional;

/**
 * The Unity Catalog rules over a {@link PolicySnapshot}: who holds a privilege on an object, who
 * may see it, who may manage it. Each answer is a {@link Decision} that names what decided it.
 *
 * <ul>
 *   <li>Metastore admins hold everything.
 *   <li>The owner of an object holds every privilege on the object itself (not on its children),
 *       except EXTERNAL USE SCHEMA on a schema it owns; the owner of a container may manage the
 *       objects in it.
 *   <li>Otherwise a privilege comes from a grant on the object or on a container above it.
 *   <li>An explicit deny of a privilege, on the object or a container above it, wins over grants
 *       and ownership; only metastore admins are above it.
 *   <li>Above everything, an isolated catalog, external location or storage credential is reached
 *       only from the workspaces bound to it ({@link WorkspaceBindings}): from another workspace
 *       nobody may see or use it, admins and owners included; through a read-only binding only
 *       reading privileges hold and nobody manages it.
 * </ul>
 */
public final class AccessCheck {
  private static final Decision ADMIN = Decision.allow("metastore admin", List.of("metastore admin"));

  private AccessCheck() {}

  /** Whether {@code subject} holds {@code privilege} on the target object. */
  public static Decision has(PolicySnapshot snapshot, Subject subject, Privilege privilege, Target target) {
    Decision unbound = unbound(snapshot, subject, target, !privilege.onlyReads());
    if (unbound != null) {
      return unbound;
    }
    if (subject.metastoreAdmin()) {
      return ADMIN;
    }
    Securable securable = target.securable();
    Grant denied = snapshot.denyOrNull(subject, privilege, securable);
    if (denied != null) {
      return deniedBy(denied, target);
    }
    AttributePolicies.BoundAccess deniedByPolicy = snapshot.attributePolicies().denyOrNull(subject, privilege, securable);
    if (deniedByPolicy != null) {
      return deniedBy(deniedByPolicy, target);
    }
    boolean ownerExempt = privilege == Privilege.EXTERNAL_USE_SCHEMA && securable.type() == SecurableType.SCHEMA;
    if (!ownerExempt && subject.is(target.owner())) {
      return Decision.allow("owner", () -> List.of("owner of " + target.describe(securable) + " (" + target.owner() + ")"));
    }
    Grant g = snapshot.grantOrNull(subject, privilege, securable);
    if (g != null) {
      return Decision.allow("granted", () -> List.of(g.describe(target.describe(g.securable()))
          + (g.securable().equals(securable) ? "" : ", inherited")));
    }
    AttributePolicies.BoundAccess byPolicy = snapshot.attributePolicies().grantOrNull(subject, privilege, securable);
    if (byPolicy != null) {
      return Decision.allow("granted by policy " + byPolicy.policy(), () -> List.of(byPolicy.describe(
          target.describe(byPolicy.securable())) + (byPolicy.securable().equals(securable) ? "" : ", inherited")));
    }
    return Decision.deny(() -> "missing " + privilege.sqlName() + " on " + target.describe(securable));
  }

  /**
   * The refusal when the subject's workspace does not reach the target (or reaches it read-only
   * and {@code writing}), else null: decided before any privilege, for everyone.
   */
  public static Decision unbound(PolicySnapshot snapshot, Subject subject, Target target, boolean writing) {
    WorkspaceBindings bindings = snapshot.bindings();
    if (bindings.isEmpty()) {
      return null;
    }
    WorkspaceBindings.Access access = bindings.access(subject.workspace(), target.securable());
    if (writing ? access.writes() : access.reads()) {
      return null;
    }
    Securable top = target.securable().selfAndAncestors().get(0);
    return access.reads()
        ? Decision.deny(() -> target.describe(top) + " is bound read-only to workspace " + subject.workspace())
        : Decision.deny(() -> target.describe(top) + " is isolated and not bound to workspace " + subject.workspace());
  }

  private static Decision deniedBy(AttributePolicies.BoundAccess deny, Target target) {
    return Decision.deny(() -> "denied by policy " + deny.policy() + ": " + deny.describe(target.describe(deny.securable()))
        + (deny.securable().equals(target.securable()) ? "" : ", inherited"));
  }

  private static Decision deniedBy(Grant deny, Target target) {
    return Decision.deny(() -> "denied by " + deny.describe(target.describe(deny.securable()))
        + (deny.securable().equals(target.securable()) ? "" : ", inherited"));
  }

  /** Whether {@code subject} owns the target or any container above it. */
  public static Optional<String> ownerOfSelfOrAncestor(Subject subject, Target target) {
    List<Securable> chain = target.securable().selfAndAncestors();
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (subject.is(target.owners().get(i))) {
        return Optional.of("owner of " + target.describe(chain.get(i)) + " (" + target.owners().get(i) + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code subject} may use the containers of the target: USE CATALOG on its catalog and
   * USE SCHEMA on its schema, as every access below a catalog requires.
   */
  public static Decision canUseParents(PolicySnapshot snapshot, Subject subject, Target target) {
    Target parent = target.parent();
    return parent == null ? Decision.allow("no containers", List.of()) : canUse(snapshot, subject, parent);
  }

  /**
   * Whether {@code subject} may use {@code container} and the containers above it: USE CATALOG on
   * the catalog, and USE SCHEMA on the schema when the container is one. The first missing
   * privilege, from the top, is the one reported.
   */
  public static Decision canUse(PolicySnapshot snapshot, Subject subject, Target container) {
    java.util.ArrayDeque<Target> chain = new java.util.ArrayDeque<>(2);
    for (Target t = container; t != null; t = t.parent()) {
      chain.addFirst(t);
    }
    List<Decision> held = new java.util.ArrayList<>(2);
    for (Target t : chain) {
      Privilege use = switch (t.securable().type()) {
        case CATALOG -> Privilege.USE_CATALOG;
        case SCHEMA -> Privilege.USE_SCHEMA;
        default -> null;
      };
      if (use != null) {
        Decision d = has(snapshot, subject, use, t);
        if (!d.allowed()) {
          return d;
        }
        held.add(d);
      }
    }
    return Decision.allow("may use the containers", () -> held.stream().flatMap(d -> d.basis().stream()).toList());
  }

  /**
   * Whether {@code subject} may see the object's metadata, BROWSE included: as {@link
   * #canSee(PolicySnapshot, Subject, Target, boolean)} with {@code includeBrowse}.
   */
  public static Decision canSee(PolicySnapshot snapshot, Subject subject, Target target) {
    return canSee(snapshot, subject, target, true);
  }

  /**
   * Whether {@code subject} may see the object's metadata: admins; the owner of the top container
   * (the catalog); USE on its containers together with ownership of it or of a container, or a
   * privilege on it other than BROWSE; or, when {@code includeBrowse} (Unity Catalog's
   * {@code include_browse=true}), BROWSE on it (inherited, no USE needed). A principal that holds
   * only BROWSE is refused without {@code includeBrowse}, as Unity Catalog refuses it.
   */
  public static Decision canSee(PolicySnapshot snapshot, Subject subject, Target target, boolean includeBrowse) {
    Decision unbound = unbound(snapshot, subject, target, false);
    if (unbound != null) {
      return unbound;
    }
    Decision top = adminOrTopOwner(subject, target);
    if (top != null) {
      return top;
    }
    Decision parents = canUseParents(snapshot, subject, target);
    if (parents.allowed()) {
      Optional<String> owner = ownerOfSelfOrAncestor(subject, target);
      if (owner.isPresent()) {
        return Decision.allow("owner", () -> with(parents, owner.get()));
      }
      if (snapshot.hasAny(subject, target.securable(), false)) {
        return Decision.allow("privileged", () -> with(parents, "a privilege on " + target.describe(target.securable())));
      }
    }
    if (target.securable().type() != SecurableType.METASTORE) {
      Optional<Grant> browse = snapshot.grantFor(subject, Privilege.BROWSE, target.securable());
      if (browse.isPresent() && includeBrowse) {
        return Decision.allow("browse", List.of("BROWSE on " + target.describe(browse.get().securable()) + " to " + browse.get().principal()));
      }
      if (browse.isPresent()) {
        return Decision.deny("only BROWSE on " + target.describe(target.securable())
            + ", which shows metadata only when asked with include_browse=true");
      }
    }
    if (!parents.allowed()) {
      return parents;
    }
    return Decision.deny("missing " + visibilityPrivilege(target.securable().type()) + " (or BROWSE) on "
        + target.describe(target.securable()));
  }

  /**
   * Whether {@code subject} may manage the object (grant and revoke on it, change its owner, drop
   * it): admins; the owner of the top container; or USE on its containers together with
   * ownership of it or of a container, or MANAGE on it.
   */
  public static Decision canManage(PolicySnapshot snapshot, Subject subject, Target target) {
    Decision unbound = unbound(snapshot, subject, target, true);
    if (unbound != null) {
      return unbound;
    }
    if (!subject.metastoreAdmin()) {
      Grant denied = snapshot.denyOrNull(subject, Privilege.MANAGE, target.securable());
      if (denied != null) {
        return deniedBy(denied, target);
      }
      AttributePolicies.BoundAccess byPolicy =
          snapshot.attributePolicies().denyOrNull(subject, Privilege.MANAGE, target.securable());
      if (byPolicy != null) {
        return deniedBy(byPolicy, target);
      }
    }
    Decision top = adminOrTopOwner(subject, target);
    if (top != null) {
      return top;
    }
    Optional<String> owner = ownerOfSelfOrAncestor(subject, target);
    Optional<Grant> manage =
        owner.isPresent() ? Optional.empty() : snapshot.grantFor(subject, Privilege.MANAGE, target.securable());
    AttributePolicies.BoundAccess manageByPolicy = owner.isPresent() || manage.isPresent() ? null
        : snapshot.attributePolicies().grantOrNull(subject, Privilege.MANAGE, target.securable());
    if (owner.isEmpty() && manage.isEmpty() && manageByPolicy == null) {
      return Decision.deny("missing MANAGE on " + target.describe(target.securable()) + " (or ownership)");
    }
    Decision parents = canUseParents(snapshot, subject, target);
    if (!parents.allowed()) {
      return parents;
    }
    if (owner.isEmpty() && manage.isEmpty()) {
      return Decision.allow("manage", () -> with(parents, manageByPolicy.describe(target.describe(manageByPolicy.securable()))));
    }
    return owner.isPresent()
        ? Decision.allow("owner", () -> with(parents, owner.get()))
        : Decision.allow("manage", () -> with(parents,
            "MANAGE on " + target.describe(manage.get().securable()) + " to " + manage.get().principal()));
  }

  /** The privilege that most plainly lets one see an object of {@code type}, for messages. */
  private static String visibilityPrivilege(SecurableType type) {
    return switch (type) {
      case CATALOG -> "USE CATALOG";
      case SCHEMA -> "USE SCHEMA";
      case TABLE -> "SELECT";
      case VOLUME -> "READ VOLUME";
      case FUNCTION, REGISTERED_MODEL -> "EXECUTE";
      default -> "a privilege";
    };
  }

  private static Decision adminOrTopOwner(Subject subject, Target target) {
    if (subject.metastoreAdmin()) {
      return Decision.allow("metastore admin", List.of("metastore admin"));
    }
    if (subject.is(target.owners().get(0))) {
      Securable top = target.securable().selfAndAncestors().get(0);
      return Decision.allow("owner", List.of("owner of " + target.describe(top) + " (" + target.owners().get(0) + ")"));
    }
    return null;
  }

  private static List<String> with(Decision decision, String more) {
    java.util.ArrayList<String> basis = new java.util.ArrayList<>(decision.basis());
    basis.add(more);
    return basis;
  }
}
