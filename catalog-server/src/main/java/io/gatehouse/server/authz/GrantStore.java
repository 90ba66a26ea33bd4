package io.gatehouse.server.authz;

import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Grants in PostgreSQL. Every change runs in the caller's transaction and bumps the policy version. */
@ApplicationScoped
public class GrantStore {

  /** One stored grant (or deny), with the grantee's current name. */
  public record Row(String principal, Privilege privilege, String grantedBy, Instant grantedAt, boolean deny) {}

  @SuppressWarnings("unchecked")
  public List<Row> on(UUID securableId) {
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "SELECT p.name, g.privilege, g.granted_by, g.granted_at, g.deny FROM grants g"
                    + " JOIN principals p ON p.id = g.principal_id WHERE g.securable_id = ?1"
                    + " ORDER BY lower(p.name), g.privilege")
            .setParameter(1, securableId)
            .getResultList();
    List<Row> result = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      result.add(new Row((String) r[0], Privilege.valueOf((String) r[1]), (String) r[2], (Instant) r[3], (Boolean) r[4]));
    }
    return result;
  }

  /** One grant (or deny) to a principal, with the securable's type and full name. */
  public record Held(Privilege privilege, boolean deny, SecurableType type, String fullName) {}

  // Grants on objects that were dropped have no row in securable_paths (V12) and are left out.
  private static final String HELD =
      "SELECT g.privilege, g.deny, g.securable_type, s.full_name FROM grants g"
          + " JOIN securable_paths s ON s.securable_id = g.securable_id"
          + " WHERE g.principal_id = ?1 ORDER BY g.securable_type, s.full_name, g.privilege";

  /** Everything granted or denied directly to the principal. */
  @SuppressWarnings("unchecked")
  public List<Held> to(UUID principalId) {
    List<Object[]> rows = Panache.getEntityManager().createNativeQuery(HELD).setParameter(1, principalId).getResultList();
    List<Held> result = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      result.add(new Held(Privilege.valueOf((String) r[0]), (Boolean) r[1], SecurableType.valueOf((String) r[2]), (String) r[3]));
    }
    return result;
  }

  public boolean add(SecurableType type, UUID securableId, UUID principalId, Privilege privilege, String grantedBy) {
    return add(type, securableId, principalId, privilege, grantedBy, false);
  }

  /** Adds a grant, or with {@code deny} an explicit deny; false if it was there already. */
  public boolean add(SecurableType type, UUID securableId, UUID principalId, Privilege privilege, String grantedBy, boolean deny) {
    return Panache.getEntityManager()
            .createNativeQuery(
                "INSERT INTO grants (securable_type, securable_id, principal_id, privilege, granted_by, granted_at, deny)"
                    + " VALUES (?1, ?2, ?3, ?4, ?5, now(), ?6) ON CONFLICT DO NOTHING")
            .setParameter(6, deny)
            .setParameter(1, type.name())
            .setParameter(2, securableId)
            .setParameter(3, principalId)
            .setParameter(4, privilege.name())
            .setParameter(5, grantedBy)
            .executeUpdate()
        == 1;
  }

  public boolean remove(UUID securableId, UUID principalId, Privilege privilege) {
    return remove(securableId, principalId, privilege, false);
  }

  public boolean remove(UUID securableId, UUID principalId, Privilege privilege, boolean deny) {
    return Panache.getEntityManager()
            .createNativeQuery(
                "DELETE FROM grants WHERE securable_id = ?1 AND principal_id = ?2 AND privilege = ?3 AND deny = ?4")
            .setParameter(4, deny)
            .setParameter(1, securableId)
            .setParameter(2, principalId)
            .setParameter(3, privilege.name())
            .executeUpdate()
        == 1;
  }
}
