package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.server.identity.Authenticator;
import io.gatehouse.server.identity.Memberships;
import io.gatehouse.server.identity.PrincipalEntity;
import io.gatehouse.server.identity.PrincipalRoles;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * SCIM operations over principals. PATCH is applied to the full current representation and the
 * result stored like a PUT, so both paths share one set of rules. Deactivating or deleting a
 * principal evicts its verified credentials at once.
 */
@ApplicationScoped
@Transactional
public class ScimDirectory {
  public static final int MAX_COUNT = 1000;

  private final Memberships memberships;
  private final Authenticator authenticator;
  private final io.gatehouse.server.identity.GroupCache groupCache;
  private final PrincipalRoles roles;

  ScimDirectory(Memberships memberships, Authenticator authenticator, io.gatehouse.server.identity.GroupCache groupCache,
      PrincipalRoles roles) {
    this.memberships = memberships;
    this.roles = roles;
    this.authenticator = authenticator;
    this.groupCache = groupCache;
  }

  /** A page of resources and the total number matching. */
  public record Page(List<PrincipalEntity> items, long total) {}

  public PrincipalEntity create(ScimKind kind, JsonNode body) {
    PrincipalEntity p = PrincipalEntity.create(kind.type, null);
    Set<UUID> members = ScimRepresentation.apply(kind, body, p);
    requireUniqueName(p);
    p.persist();
    PrincipalEntity.flush();
    if (members != null) {
      setMembers(p, members);
    }
    assign(p, ScimAssignments.of(body));
    return p;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public PrincipalEntity get(ScimKind kind, String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ScimException.notFound(kind.resourceType + " '" + clip(id) + "' does not exist.");
    }
    PrincipalEntity p = PrincipalEntity.findById(uuid);
    if (p == null || p.kind != kind.type) {
      throw ScimException.notFound(kind.resourceType + " '" + clip(id) + "' does not exist.");
    }
    return p;
  }

  /** Members of a group, or groups of a user or service principal. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Memberships.Related> related(PrincipalEntity p) {
    return related(ScimKind.of(p.kind), List.of(p.id)).getOrDefault(p.id, List.of());
  }

  /** The groups that hold {@code p} only through other groups. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Memberships.Related> indirectGroups(PrincipalEntity p) {
    return memberships.indirectGroupsOf(p.id);
  }

  /** Members of each group, or groups of each user or service principal, of a page: one query. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<UUID, List<Memberships.Related>> related(ScimKind kind, List<UUID> ids) {
    return kind == ScimKind.GROUP ? memberships.membersOf(ids) : memberships.groupsOf(ids);
  }

  /** The roles and entitlements of a principal. */
  @Transactional(Transactional.TxType.SUPPORTS)
  ScimAssignments assignments(PrincipalEntity p) {
    return assignments(List.of(p.id)).get(p.id);
  }

  /** The roles and entitlements of each principal of a page: two queries. */
  @Transactional(Transactional.TxType.SUPPORTS)
  Map<UUID, ScimAssignments> assignments(List<UUID> ids) {
    Map<UUID, List<String>> assignedRoles = roles.rolesOf(ids);
    Map<UUID, List<String>> entitlements = roles.entitlementsOf(ids);
    Map<UUID, ScimAssignments> result = new HashMap<>();
    for (UUID id : ids) {
      result.put(id, new ScimAssignments(Set.copyOf(assignedRoles.getOrDefault(id, List.of())),
          Set.copyOf(entitlements.getOrDefault(id, List.of()))));
    }
    return result;
  }

  /**
   * Stores the roles and entitlements asked for. A role must name a registered instance profile
   * exactly (its ARN as added, in its letter case): another spelling is refused, never matched.
   */
  private void assign(PrincipalEntity p, ScimAssignments wanted) {
    PrincipalEntity.flush();
    Set<String> unknown = roles.setRoles(p.id, wanted.roles());
    if (!unknown.isEmpty()) {
      throw ScimException.invalidValue("Role '" + Snippets.of(new java.util.TreeSet<>(unknown).first())
          + "' is not a registered instance profile (POST /api/2.0/instance-profiles/add registers one).");
    }
    roles.setEntitlements(p.id, wanted.entitlements());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page list(ScimKind kind, String filter, int startIndex, int count) {
    SqlFragment where =
        filter == null || filter.isBlank()
            ? new SqlFragment("TRUE", List.of())
            : ScimFilterSql.toSql(ScimFilter.parse(filter), ScimFilters.resolver(kind));
    String from = " FROM principals p WHERE p.kind = ? AND (" + where.sql() + ")";
    return Panache.getEntityManager()
        .unwrap(Session.class)
        .doReturningWork(
            connection -> {
              long total;
              try (PreparedStatement s = connection.prepareStatement("SELECT count(*)" + from)) {
                bind(s, kind, where);
                try (ResultSet rs = s.executeQuery()) {
                  rs.next();
                  total = rs.getLong(1);
                }
              }
              List<UUID> ids = new ArrayList<>();
              if (count > 0) {
                try (PreparedStatement s =
                    connection.prepareStatement("SELECT p.id" + from + " ORDER BY p.created_at, p.id OFFSET ? LIMIT ?")) {
                  int next = bind(s, kind, where);
                  s.setInt(next, startIndex - 1);
                  s.setInt(next + 1, count);
                  try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                      ids.add(rs.getObject(1, UUID.class));
                    }
                  }
                }
              }
              return new Page(load(ids), total);
            });
  }

  public PrincipalEntity replace(ScimKind kind, String id, JsonNode body, String ifMatch) {
    PrincipalEntity p = get(kind, id);
    checkVersion(p, ifMatch);
    boolean wasActive = p.active;
    String oldName = p.name;
    Set<UUID> members = ScimRepresentation.apply(kind, body, p);
    requireUniqueName(p);
    if (members != null) {
      setMembers(p, members);
    }
    assign(p, ScimAssignments.of(body));
    return saved(p, wasActive, oldName);
  }

  public PrincipalEntity patch(ScimKind kind, String id, JsonNode request, String ifMatch) {
    PrincipalEntity p = get(kind, id);
    checkVersion(p, ifMatch);
    ObjectNode current = ScimRepresentation.toJson(p, related(p), assignments(p), "");
    ObjectNode patched = ScimPatch.apply(current, request, ScimRepresentation.READ_ONLY);
    boolean wasActive = p.active;
    String oldName = p.name;
    Set<UUID> members = ScimRepresentation.apply(kind, patched, p);
    requireUniqueName(p);
    if (members != null) {
      setMembers(p, members);
    }
    assign(p, ScimAssignments.of(patched));
    return saved(p, wasActive, oldName);
  }

  public void delete(ScimKind kind, String id, String ifMatch) {
    PrincipalEntity p = get(kind, id);
    checkVersion(p, ifMatch);
    p.delete();
    authenticator.evictPrincipal(p.id);
    groupCache.clear(); // the policy version moves with the row (V11's triggers)
  }

  private PrincipalEntity saved(PrincipalEntity p, boolean wasActive, String oldName) {
    p.touch();
    PrincipalEntity.flush();
    if (wasActive && !p.active) {
      authenticator.evictPrincipal(p.id);
    }
    // Grants and owners name principals, and only active ones count: the policy version moves
    // with the row in this transaction (V11's triggers), and every replica's snapshot follows.
    if (wasActive != p.active || !oldName.equals(p.name)) {
      groupCache.clear();
    }
    return p;
  }

  private void setMembers(PrincipalEntity group, Set<UUID> wanted) {
    Set<UUID> current = memberships.memberIds(group.id);
    Set<UUID> added = new java.util.HashSet<>(wanted);
    added.removeAll(current);
    List<PrincipalEntity> found = load(new ArrayList<>(added));
    if (found.size() != added.size()) {
      Set<UUID> missing = new java.util.HashSet<>(added);
      found.forEach(f -> missing.remove(f.id));
      throw ScimException.invalidValue("Member '" + missing.iterator().next() + "' does not exist.");
    }
    for (UUID id : current) {
      if (!wanted.contains(id)) {
        memberships.remove(group.id, id);
      }
    }
    for (PrincipalEntity member : found) {
      if (!memberships.add(group.id, member)) {
        throw ScimException.invalidValue(
            "Adding member '" + member.id + "' would make group '" + group.name + "' contain itself.");
      }
    }
    if (!current.equals(wanted)) {
      groupCache.clear(); // memberships decide too: the policy version moves with the rows
    }
  }


  private static void requireUniqueName(PrincipalEntity p) {
    PrincipalEntity other = PrincipalEntity.findByName(p.name);
    if (other != null && !other.id.equals(p.id)) {
      throw ScimException.uniqueness("A user, group or service principal named '" + p.name + "' already exists.");
    }
  }

  private static void checkVersion(PrincipalEntity p, String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return;
    }
    String wanted = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
    if (!wanted.equals(Long.toString(p.version))) {
      throw ScimException.preconditionFailed("The resource has changed: its version is " + ScimRepresentation.etag(p) + ".");
    }
  }

  private static int bind(PreparedStatement s, ScimKind kind, SqlFragment where) throws java.sql.SQLException {
    s.setString(1, kind.type.name());
    int i = 2;
    for (Object param : where.params()) {
      s.setObject(i++, param);
    }
    return i;
  }

  private static List<PrincipalEntity> load(List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<UUID, Integer> order = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      order.put(ids.get(i), i);
    }
    List<PrincipalEntity> rows = new ArrayList<>(PrincipalEntity.<PrincipalEntity>list("id in ?1", ids));
    rows.sort(Comparator.comparing(p -> order.get(p.id)));
    return rows;
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
