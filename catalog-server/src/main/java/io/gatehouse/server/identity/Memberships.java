package io.gatehouse.server.identity;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Group membership: direct edges in {@code group_members}, effective groups as their transitive
 * closure. An edge that would close a cycle is refused, so every closure is finite and a group
 * never contains itself.
 */
@ApplicationScoped
public class Memberships {
  /** {@code up(id)}: every group that holds principal {@code ?1}, directly or through other groups. */
  private static final String GROUPS_ABOVE = "WITH RECURSIVE up(id) AS ("
      + " SELECT group_id FROM group_members WHERE member_id = ?1"
      + " UNION SELECT m.group_id FROM group_members m JOIN up ON m.member_id = up.id)";

  private final GroupCache groupCache;
  private final BootstrapConfig bootstrap;

  Memberships(GroupCache groupCache, BootstrapConfig bootstrap) {
    this.groupCache = groupCache;
    this.bootstrap = bootstrap;
  }

  /**
   * Effective groups of a principal: direct and inherited, active groups only, by name, and the
   * group of all users.
   */
  public Set<String> effectiveGroupNames(UUID principalId) {
    @SuppressWarnings("unchecked")
    List<String> names =
        Panache.getEntityManager()
            .createNativeQuery(
                GROUPS_ABOVE
                    + " SELECT p.name FROM up JOIN principals p ON p.id = up.id WHERE p.active")
            .setParameter(1, principalId)
            .getResultList();
    java.util.Set<String> all = new java.util.HashSet<>(names);
    all.add(bootstrap.allUsersGroup());
    return Set.copyOf(all);
  }

  /** Ids of every group that contains {@code principalId}, directly or through other groups. */
  Set<UUID> effectiveGroupIds(UUID principalId) {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        Panache.getEntityManager()
            .createNativeQuery( // no result class: see ExternalLocations
                GROUPS_ABOVE + " SELECT id FROM up")
            .setParameter(1, principalId)
            .getResultList();
    return Set.copyOf(ids);
  }

  /**
   * The active groups that hold {@code principalId} only through other groups (SCIM's "indirect"
   * memberships), by name: with its direct groups, the groups its decisions count.
   */
  public List<Related> indirectGroupsOf(UUID principalId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = Panache.getEntityManager()
        .createNativeQuery(
            GROUPS_ABOVE
                + " SELECT p.id, p.kind, p.name, p.display_name FROM up JOIN principals p ON p.id = up.id"
                + " WHERE p.active AND NOT EXISTS"
                + " (SELECT 1 FROM group_members d WHERE d.member_id = ?1 AND d.group_id = up.id)"
                + " ORDER BY lower(p.name)")
        .setParameter(1, principalId)
        .getResultList();
    List<Related> groups = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      groups.add(new Related((UUID) r[0], Principal.Type.valueOf((String) r[1]), (String) r[2], (String) r[3]));
    }
    return groups;
  }

  /**
   * Adds {@code member} to {@code groupId}; false when it would make a group contain itself. Only
   * a group can close a cycle, so only then are the group's own groups looked up.
   */
  public boolean add(UUID groupId, PrincipalEntity member) {
    UUID memberId = member.id;
    if (member.kind == Principal.Type.GROUP
        && (groupId.equals(memberId) || effectiveGroupIds(groupId).contains(memberId))) {
      return false;
    }
    Panache.getEntityManager()
        .createNativeQuery(
            "INSERT INTO group_members (group_id, member_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
        .setParameter(1, groupId)
        .setParameter(2, memberId)
        .executeUpdate();
    groupCache.clear();
    return true;
  }

  public void remove(UUID groupId, UUID memberId) {
    Panache.getEntityManager()
        .createNativeQuery("DELETE FROM group_members WHERE group_id = ?1 AND member_id = ?2")
        .setParameter(1, groupId)
        .setParameter(2, memberId)
        .executeUpdate();
    groupCache.clear();
  }

  /** A principal at the other end of a direct membership: what a SCIM resource shows of it. */
  public record Related(UUID id, Principal.Type kind, String name, String displayName) {}

  /** The direct members of each of {@code groupIds}, by name: one query however many groups. */
  public Map<UUID, List<Related>> membersOf(Collection<UUID> groupIds) {
    return related("group_id", "member_id", groupIds);
  }

  /** The direct groups of each of {@code memberIds}, by name: one query however many principals. */
  public Map<UUID, List<Related>> groupsOf(Collection<UUID> memberIds) {
    return related("member_id", "group_id", memberIds);
  }

  // A listing asks for a page of principals at once, so their relations come in one statement.
  private static Map<UUID, List<Related>> related(String side, String otherSide, Collection<UUID> ids) {
    Map<UUID, List<Related>> result = new HashMap<>();
    if (ids.isEmpty()) {
      return result;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = Panache.getEntityManager()
        .createNativeQuery(
            "SELECT m." + side + ", p.id, p.kind, p.name, p.display_name FROM group_members m"
                + " JOIN principals p ON p.id = m." + otherSide
                + " WHERE m." + side + " IN (?1) ORDER BY lower(p.name)")
        .setParameter(1, ids instanceof List<UUID> list ? list : new ArrayList<>(ids))
        .getResultList();
    for (Object[] r : rows) {
      result.computeIfAbsent((UUID) r[0], k -> new ArrayList<>())
          .add(new Related((UUID) r[1], Principal.Type.valueOf((String) r[2]), (String) r[3], (String) r[4]));
    }
    return result;
  }

  public Set<UUID> memberIds(UUID groupId) {
    @SuppressWarnings("unchecked")
    List<UUID> ids = Panache.getEntityManager()
        .createNativeQuery("SELECT member_id FROM group_members WHERE group_id = ?1") // no result class: see ExternalLocations
        .setParameter(1, groupId)
        .getResultList();
    return new java.util.HashSet<>(ids);
  }
}
