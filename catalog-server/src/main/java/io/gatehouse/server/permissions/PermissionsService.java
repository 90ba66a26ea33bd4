package io.gatehouse.server.permissions;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.GrantStore;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.PrincipalEntity;
import io.gatehouse.server.permissions.PermissionsApi.PermissionsChange;
import io.gatehouse.server.permissions.PermissionsApi.PrivilegeAssignment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Reading and changing the grants on a securable. */
@ApplicationScoped
public class PermissionsService {
  static final int MAX_CHANGES = 1000;

  private final GrantStore grants;
  private final Authorizer authorizer;
  private final CallerContext caller;
  private final AuditTrail trail;

  PermissionsService(GrantStore grants, Authorizer authorizer, CallerContext caller, AuditTrail trail) {
    this.grants = grants;
    this.authorizer = authorizer;
    this.caller = caller;
    this.trail = trail;
  }

  /**
   * The grants on the object. Those who may manage it see every grant; others, who may see the
   * object, see the grants to themselves and their groups.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<PrivilegeAssignment> get(Target target, UUID securableId, String principalFilter) {
    authorizer.require(Operation.GET_PERMISSIONS, target);
    Subject subject = authorizer.subject();
    boolean manager = AccessCheck.canManage(authorizer.snapshot(), subject, target).allowed();
    return assignments(subject, manager, securableId, principalFilter);
  }

  private List<PrivilegeAssignment> assignments(Subject subject, boolean manager, UUID securableId, String principalFilter) {
    Map<String, List<String>> byPrincipal = new LinkedHashMap<>();
    for (GrantStore.Row row : grants.on(securableId)) {
      if (row.deny()) {
        continue; // denies are not Unity Catalog privileges: SHOW GRANTS and effective permissions show them
      }
      boolean mine = subject.is(row.principal());
      boolean wanted = principalFilter == null || row.principal().equalsIgnoreCase(principalFilter);
      if ((manager || mine) && wanted) {
        byPrincipal.computeIfAbsent(row.principal(), k -> new ArrayList<>()).add(row.privilege().sqlName());
      }
    }
    List<PrivilegeAssignment> result = new ArrayList<>();
    byPrincipal.forEach((p, privileges) -> result.add(new PrivilegeAssignment(p, privileges)));
    return result;
  }

  /** Applies every change in one transaction, all or none; returns every grant on the object. */
  @Transactional
  public List<PrivilegeAssignment> update(Target target, SecurableType type, UUID securableId, List<PermissionsChange> changes) {
    authorizer.require(Operation.UPDATE_PERMISSIONS, target);
    if (changes == null || changes.isEmpty()) {
      throw GatehouseException.invalid("Field 'changes' must list at least one change.");
    }
    if (changes.size() > MAX_CHANGES) {
      throw GatehouseException.invalid("Field 'changes' may hold at most " + MAX_CHANGES + " changes.");
    }
    // The policy version moves at commit, by the triggers on grants (V11).
    for (int i = 0; i < changes.size(); i++) {
      PermissionsChange change = Validation.required("changes[" + i + "]", changes.get(i));
      String name = Validation.required("changes[" + i + "].principal", change.principal(), 255);
      PrincipalEntity principal = PrincipalEntity.findByName(name);
      if (principal == null) {
        throw GatehouseException.notFound("Principal '" + Validation.printable(name) + "' does not exist.");
      }
      for (Privilege p : privileges("changes[" + i + "].add", change.add(), type)) {
        if (grants.add(type, securableId, principal.id, p, caller.name())) {
          trail.succeeded("GRANT", target, p.sqlName() + " to " + principal.name);
        }
      }
      for (Privilege p : privileges("changes[" + i + "].remove", change.remove(), type)) {
        if (grants.remove(securableId, principal.id, p)) {
          trail.succeeded("REVOKE", target, p.sqlName() + " from " + principal.name);
        }
      }
    }
    return assignments(authorizer.subject(), true, securableId, null);
  }

  /**
   * Grants, revokes, denies or lifts denies of {@code privilegeNames} on the object for one
   * principal, as SQL's GRANT, REVOKE, DENY and REVOKE DENY do. Returns how many changed.
   */
  @Transactional
  public int change(Target target, SecurableType type, UUID securableId, String principalName,
      List<String> privilegeNames, boolean add, boolean deny) {
    if (deny) {
      authorizer.requireDenyChange(add ? Operation.DENY : Operation.REVOKE_DENY, target, principalName);
    } else {
      authorizer.require(Operation.UPDATE_PERMISSIONS, target);
    }
    List<Privilege> privileges = new ArrayList<>();
    for (String name : privilegeNames) {
      Privilege p;
      try {
        p = Privilege.parse(name);
      } catch (IllegalArgumentException e) {
        throw GatehouseException.invalid("Unknown privilege '" + Validation.printable(name) + "'.");
      }
      if (!p.grantableOn(type)) {
        throw GatehouseException.invalid("Privilege " + p.sqlName() + " does not apply to a "
            + type.apiName().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + target.describe(target.securable()) + ").");
      }
      privileges.add(p);
    }
    PrincipalEntity principal = PrincipalEntity.findByName(principalName);
    if (principal == null) {
      throw GatehouseException.notFound("Principal '" + Validation.printable(principalName) + "' does not exist.");
    }
    String action = deny ? (add ? "DENY" : "REVOKE_DENY") : (add ? "GRANT" : "REVOKE");
    int changed = 0;
    for (Privilege p : privileges) {
      boolean done = add
          ? grants.add(type, securableId, principal.id, p, caller.name(), deny)
          : grants.remove(securableId, principal.id, p, deny);
      if (done) {
        changed++;
        trail.succeeded(action, target, p.sqlName() + (add ? " to " : " from ") + principal.name);
      }
    }
    return changed;
  }

  private static List<Privilege> privileges(String field, List<String> names, SecurableType type) {
    if (names == null) {
      return List.of();
    }
    List<Privilege> result = new ArrayList<>();
    for (String name : names) {
      Privilege p;
      try {
        p = Privilege.parse(Validation.required(field, name, 64));
      } catch (IllegalArgumentException e) {
        throw GatehouseException.invalid("Field '" + field + "' names an unknown privilege '" + Validation.printable(name) + "'.");
      }
      if (!p.grantableOn(type)) {
        throw GatehouseException.invalid(
            "Privilege " + p.sqlName() + " cannot be granted on a " + type.apiName().toLowerCase(Locale.ROOT).replace('_', ' ') + ".");
      }
      result.add(p);
    }
    return result;
  }
}
