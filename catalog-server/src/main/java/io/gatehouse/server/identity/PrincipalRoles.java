package io.gatehouse.server.identity;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The SCIM {@code roles} (instance profiles) and {@code entitlements} of principals, and the
 * data roles a principal holds through them, its own or inherited from its groups (the closure
 * of {@link Memberships}, as the authorizer sees it).
 */
@ApplicationScoped
public class PrincipalRoles {
  /** An instance profile a principal holds, the data role it stands for, and whom it holds it through. */
  public record HeldRole(String instanceProfileArn, String roleArn, String through) {}

  /**
   * The instance profiles assigned to {@code principalId} itself or to one of {@code groupNames}
   * (its effective groups, read once per request), active principals only; one query.
   */
  public List<HeldRole> held(UUID principalId, Set<String> groupNames) {
    List<String> lowered = new ArrayList<>();
    groupNames.forEach(g -> lowered.add(g.toLowerCase(Locale.ROOT)));
    if (lowered.isEmpty()) {
      lowered.add("");
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = Panache.getEntityManager()
        .createNativeQuery("SELECT ip.instance_profile_arn, ip.iam_role_arn, p.name FROM principal_roles r"
            + " JOIN principals p ON p.id = r.principal_id JOIN instance_profiles ip ON ip.id = r.instance_profile_id"
            + " WHERE p.active AND NOT ip.is_meta_instance_profile"
            + " AND (p.id = ?1 OR (p.kind = 'GROUP' AND lower(p.name) IN (?2)))"
            + " ORDER BY ip.iam_role_arn, lower(p.name)")
        .setParameter(1, principalId)
        .setParameter(2, lowered)
        .getResultList();
    List<HeldRole> held = new ArrayList<>();
    for (Object[] r : rows) {
      held.add(new HeldRole((String) r[0], (String) r[1], (String) r[2]));
    }
    return held;
  }

  /** The instance profile ARNs assigned to each of {@code principalIds}: one query. */
  public Map<UUID, List<String>> rolesOf(Collection<UUID> principalIds) {
    return pairs("SELECT r.principal_id, ip.instance_profile_arn FROM principal_roles r"
        + " JOIN instance_profiles ip ON ip.id = r.instance_profile_id WHERE r.principal_id IN (?1)"
        + " ORDER BY ip.instance_profile_arn", principalIds);
  }

  /** The entitlements of each of {@code principalIds}: one query. */
  public Map<UUID, List<String>> entitlementsOf(Collection<UUID> principalIds) {
    return pairs("SELECT principal_id, entitlement FROM principal_entitlements WHERE principal_id IN (?1)"
        + " ORDER BY entitlement", principalIds);
  }

  /**
   * Makes {@code arns} the instance profiles of {@code principalId}; returns the ARNs that name no
   * registered instance profile (exactly: no other letter case, no other spelling), in which case
   * nothing changed.
   */
  public Set<String> setRoles(UUID principalId, Set<String> arns) {
    Map<String, UUID> found = new HashMap<>();
    if (!arns.isEmpty()) {
      @SuppressWarnings("unchecked")
      List<Object[]> rows = Panache.getEntityManager()
          .createNativeQuery("SELECT instance_profile_arn, id FROM instance_profiles WHERE instance_profile_arn IN (?1)")
          .setParameter(1, new ArrayList<>(arns))
          .getResultList();
      rows.forEach(r -> found.put((String) r[0], (UUID) r[1]));
    }
    Set<String> missing = new HashSet<>(arns);
    missing.removeAll(found.keySet());
    if (!missing.isEmpty()) {
      return missing;
    }
    var em = Panache.getEntityManager();
    if (found.isEmpty()) {
      em.createNativeQuery("DELETE FROM principal_roles WHERE principal_id = ?1")
          .setParameter(1, principalId)
          .executeUpdate();
    } else {
      em.createNativeQuery("DELETE FROM principal_roles WHERE principal_id = ?1 AND instance_profile_id NOT IN (?2)")
          .setParameter(1, principalId)
          .setParameter(2, new ArrayList<>(found.values()))
          .executeUpdate();
    }
    for (UUID profile : found.values()) {
      em.createNativeQuery("INSERT INTO principal_roles (principal_id, instance_profile_id) VALUES (?1, ?2)"
              + " ON CONFLICT DO NOTHING")
          .setParameter(1, principalId)
          .setParameter(2, profile)
          .executeUpdate();
    }
    return Set.of();
  }

  /** Makes {@code entitlements} (already checked) those of {@code principalId}. */
  public void setEntitlements(UUID principalId, Set<String> entitlements) {
    var em = Panache.getEntityManager();
    em.createNativeQuery("DELETE FROM principal_entitlements WHERE principal_id = ?1")
        .setParameter(1, principalId)
        .executeUpdate();
    for (String entitlement : entitlements) {
      em.createNativeQuery("INSERT INTO principal_entitlements (principal_id, entitlement) VALUES (?1, ?2)")
          .setParameter(1, principalId)
          .setParameter(2, entitlement)
          .executeUpdate();
    }
  }

  private static Map<UUID, List<String>> pairs(String sql, Collection<UUID> ids) {
    Map<UUID, List<String>> result = new HashMap<>();
    if (ids.isEmpty()) {
      return result;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = Panache.getEntityManager()
        .createNativeQuery(sql)
        .setParameter(1, ids instanceof List<UUID> list ? list : new ArrayList<>(ids))
        .getResultList();
    for (Object[] r : rows) {
      result.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add((String) r[1]);
    }
    return result;
  }
}
