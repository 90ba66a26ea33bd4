package io.gatehouse.server.authz;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.AttributePolicies;
import io.gatehouse.policy.Grant;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Securable;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which children of a container the caller may see, worked out once per listing. Either every
 * child but the {@code ids} (when {@code all}), or only the {@code ids}; in both cases also the
 * children owned by one of {@code ownerNames}; never the {@code unreachable} ones (isolated
 * catalogs, external locations and storage credentials not bound to the caller's workspace,
 * hidden from admins and owners too). Listings apply it in their query instead of deciding row
 * by row.
 */
public record Visibility(boolean all, Set<UUID> ids, Set<String> ownerNames, Set<UUID> unreachable) {
  public static final Visibility ALL = new Visibility(true, Set.of(), Set.of(), Set.of());

  public Visibility(boolean all, Set<UUID> ids, Set<String> ownerNames) {
    this(all, ids, ownerNames, Set.of());
  }

  /** Whether every child is visible: the listing needs no condition. */
  public boolean everything() {
    return all && ids.isEmpty() && unreachable.isEmpty();
  }

  /** Whether the child with this id and owner is visible. */
  public boolean shows(UUID id, String owner) {
    if (unreachable.contains(id)) {
      return false;
    }
    if (owner != null && ownerNames.contains(owner.toLowerCase(java.util.Locale.ROOT))) {
      return true;
    }
    return all != ids.contains(id);
  }

  /** A child id that no grant names: what holds for it holds for every child not named by a grant. */
  private static final String UNNAMED = UUID.randomUUID().toString();

  /**
   * The children of {@code parent} of type {@code childType} that {@code subject} may see, by the
   * rules of {@link AccessCheck#canSee}: one decision for "any child" (privileges and denies on
   * the parent and above reach every child alike), then one for each child that a grant or deny
   * to the subject names directly; children where that differs are the exceptions. A deny never
   * makes a child visible: it is decided, never counted as a grant.
   */
  static Visibility of(PolicySnapshot snapshot, Subject subject, Target parent, SecurableType childType, boolean includeBrowse) {
    boolean metastore = parent.securable().type() == SecurableType.METASTORE;
    Set<UUID> unreachable = Set.of();
    if (metastore && !snapshot.bindings().isEmpty()) {
      unreachable = new HashSet<>();
      for (String id : snapshot.bindings().unreachable(subject.workspace(), childType)) {
        unreachable.add(UUID.fromString(id));
      }
    }
    Visibility visible = among(snapshot, subject, parent, childType, includeBrowse, metastore);
    return unreachable.isEmpty() ? visible : new Visibility(visible.all(), visible.ids(), visible.ownerNames(), Set.copyOf(unreachable));
  }

  private static Visibility among(PolicySnapshot snapshot, Subject subject, Target parent, SecurableType childType,
      boolean includeBrowse, boolean metastore) {
    if (subject.metastoreAdmin()) {
      return ALL;
    }
    // Owned children are visible to an owner who may use the parent (catalogs need no parent).
    boolean usable = metastore || AccessCheck.canUse(snapshot, subject, parent).allowed();
    if (!metastore && (subject.is(parent.owners().get(0))
        || usable && AccessCheck.ownerOfSelfOrAncestor(subject, parent).isPresent())) {
      return ALL; // an owner above sees everything below, denies or not
    }
    Set<String> owners = usable ? subject.names() : Set.of();
    // Catalogs are not below the metastore in Ranger's hierarchies: no grant reaches every catalog.
    boolean every = !metastore && AccessCheck.canSee(snapshot, subject, child(parent, childType, UNNAMED), includeBrowse).allowed();
    boolean denied = snapshot.mayBeDenied(subject);
    Set<UUID> decided = new HashSet<>();
    Set<UUID> exceptions = new HashSet<>();
    for (Grant g : snapshot.grantsTo(subject.names())) {
      Securable s = g.securable();
      boolean child = s.type() == childType && (metastore || parent.securable().covers(s) && !s.equals(parent.securable()));
      UUID id = child ? UUID.fromString(s.id()) : null;
      if (id == null || !decided.add(id)) {
        continue;
      }
      // A grant (not BROWSE) made on the child itself shows it, unless a deny could take it away.
      boolean visible = !g.deny() && g.privilege() != Privilege.BROWSE && usable && !denied
          || AccessCheck.canSee(snapshot, subject, child(parent, childType, s.id()), includeBrowse).allowed();
      if (visible != every) {
        exceptions.add(id);
      }
    }
    // Children a GRANT or DENY policy is bound to, for this subject: decided one by one as well.
    for (AttributePolicies.BoundAccess a : snapshot.attributePolicies().accessUnder(parent.securable())) {
      Securable s = a.securable();
      boolean child = s.type() == childType && !metastore && !s.equals(parent.securable());
      if (!child || !a.principals().appliesTo(subject) || !decided.add(UUID.fromString(s.id()))) {
        continue;
      }
      boolean visible = AccessCheck.canSee(snapshot, subject, child(parent, childType, s.id()), includeBrowse).allowed();
      if (visible != every) {
        exceptions.add(UUID.fromString(s.id()));
      }
    }
    return new Visibility(every, exceptions, owners);
  }

  /** A child of {@code parent} with an unknown owner: ownership of it is applied in the query. */
  private static Target child(Target parent, SecurableType type, String id) {
    boolean top = parent.securable().type() == SecurableType.METASTORE;
    List<String> path = new ArrayList<>(top ? List.of() : parent.securable().path());
    path.add(id);
    List<String> owners = new ArrayList<>(top ? List.of() : parent.owners());
    owners.add(null);
    List<String> names = new ArrayList<>(top ? List.of() : parent.names());
    names.add(null);
    return new Target(new Securable(type, path), owners, names);
  }
}
