package io.gatehouse.server.tags;

import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.tags.TagPolicyApi.Permissions;
import io.gatehouse.server.tags.TagPolicyApi.PermissionsChange;
import io.gatehouse.server.tags.TagPolicyApi.PrivilegeAssignment;
import io.gatehouse.server.tags.TagPolicyApi.TagPolicy;
import io.gatehouse.server.tags.TagPolicyApi.UpdatePermissions;
import io.gatehouse.server.tags.TagPolicyApi.Value;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Governed tags: tag policies (a key, its allowed values, a description) and who may assign them
 * (ASSIGN). Metastore admins create, change and delete them; anyone signed in reads them. A key is
 * governed whatever its case. Every change is audited in its transaction.
 */
@ApplicationScoped
public class TagPolicyService {
  static final int MAX_VALUES = 1000;
  static final String ASSIGN = "ASSIGN";

  private final CallerContext caller;
  private final AuditTrail trail;
  private final GovernedTags governed;

  TagPolicyService(CallerContext caller, AuditTrail trail, GovernedTags governed) {
    this.caller = caller;
    this.trail = trail;
    this.governed = governed;
  }

  @Transactional
  public TagPolicy create(TagPolicy request) {
    caller.requireAdmin("create tag policies");
    Validation.required("body", request);
    String key = key(request.tagKey());
    if (governed.find(key) != null) {
      throw new GatehouseException(ErrorCode.ALREADY_EXISTS, "Tag policy '" + key + "' already exists.");
    }
    Timestamp now = Timestamp.from(Instant.now());
    em().createNativeQuery("INSERT INTO tag_policies (tag_key, description, allowed_values, created_by, created_at,"
            + " updated_by, updated_at) VALUES (?1, ?2, CAST(?3 AS jsonb), ?4, ?5, ?4, ?5)")
        .setParameter(1, key).setParameter(2, description(request.description()))
        .setParameter(3, StoredJson.write(values(request.values()))).setParameter(4, caller.name()).setParameter(5, now)
        .executeUpdate();
    trail.record("CREATE_TAG_POLICY", "METASTORE", key, AuditEvent.Result.SUCCEEDED,
        () -> "values " + values(request.values()));
    return get(key);
  }

  public List<TagPolicy> list() {
    List<TagPolicy> all = new ArrayList<>();
    for (GovernedTags.Governed g : governed.all()) {
      all.add(api(g));
    }
    return all;
  }

  public TagPolicy get(String tagKey) {
    return api(existing(tagKey));
  }

  /** PATCH: the fields {@code updateMask} names (description, values), or those given when it is absent. */
  @Transactional
  public TagPolicy update(String tagKey, String updateMask, TagPolicy request) {
    caller.requireAdmin("change tag policies");
    Validation.required("body", request);
    GovernedTags.Governed g = existing(tagKey);
    Set<String> fields = new LinkedHashSet<>();
    if (updateMask == null || updateMask.isBlank()) {
      if (request.description() != null) {
        fields.add("description");
      }
      if (request.values() != null) {
        fields.add("values");
      }
    } else {
      for (String field : updateMask.split(",")) {
        String f = field.trim();
        if (!f.equals("description") && !f.equals("values")) {
          throw GatehouseException.invalid("update_mask may name description and values, not '" + Validation.printable(f) + "'.");
        }
        fields.add(f);
      }
    }
    String description = fields.contains("description") ? description(request.description()) : g.description();
    List<String> values = fields.contains("values") ? values(request.values()) : g.allowedValues();
    em().createNativeQuery("UPDATE tag_policies SET description = ?1, allowed_values = CAST(?2 AS jsonb), updated_by = ?3,"
            + " updated_at = ?4 WHERE tag_key = ?5")
        .setParameter(1, description).setParameter(2, StoredJson.write(values)).setParameter(3, caller.name())
        .setParameter(4, Timestamp.from(Instant.now())).setParameter(5, g.key()).executeUpdate();
    trail.record("UPDATE_TAG_POLICY", "METASTORE", g.key(), AuditEvent.Result.SUCCEEDED,
        () -> "values " + values);
    return get(g.key());
  }

  @Transactional
  public void delete(String tagKey) {
    caller.requireAdmin("delete tag policies");
    GovernedTags.Governed g = existing(tagKey);
    em().createNativeQuery("DELETE FROM tag_policies WHERE tag_key = ?1").setParameter(1, g.key()).executeUpdate();
    trail.record("DELETE_TAG_POLICY", "METASTORE", g.key(), AuditEvent.Result.SUCCEEDED, () -> null);
  }

  public Permissions permissions(String tagKey) {
    GovernedTags.Governed g = existing(tagKey);
    List<PrivilegeAssignment> assignments = new ArrayList<>();
    for (String principal : g.assigners()) {
      assignments.add(new PrivilegeAssignment(principal, List.of(ASSIGN)));
    }
    return new Permissions(assignments);
  }

  /** Grants and takes away ASSIGN; every principal must exist, and ASSIGN is the only privilege. */
  @Transactional
  public Permissions updatePermissions(String tagKey, UpdatePermissions request) {
    caller.requireAdmin("change who may assign governed tags");
    GovernedTags.Governed g = existing(tagKey);
    Validation.required("changes", request == null ? null : request.changes());
    for (PermissionsChange change : request.changes()) {
      Validation.required("changes", change);
      String principal = Validation.principal("principal", change.principal());
      Object id = principalId(principal);
      for (String privilege : change.add() == null ? List.<String>of() : change.add()) {
        assign(privilege);
        em().createNativeQuery("INSERT INTO tag_policy_assigners (tag_key, principal_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
            .setParameter(1, g.key()).setParameter(2, id).executeUpdate();
      }
      for (String privilege : change.remove() == null ? List.<String>of() : change.remove()) {
        assign(privilege);
        em().createNativeQuery("DELETE FROM tag_policy_assigners WHERE tag_key = ?1 AND principal_id = ?2")
            .setParameter(1, g.key()).setParameter(2, id).executeUpdate();
      }
      trail.record("UPDATE_TAG_POLICY_PERMISSIONS", "METASTORE", g.key(), AuditEvent.Result.SUCCEEDED,
          () -> principal + " add " + change.add() + " remove " + change.remove());
    }
    return permissions(g.key());
  }

  private static void assign(String privilege) {
    if (privilege == null || !ASSIGN.equalsIgnoreCase(privilege.trim())) {
      throw GatehouseException.invalid("The privilege on a governed tag is ASSIGN, not '" + Validation.printable(String.valueOf(privilege)) + "'.");
    }
  }

  private Object principalId(String principal) {
    List<?> ids = em().createNativeQuery("SELECT id FROM principals WHERE lower(name) = lower(?1)")
        .setParameter(1, principal).getResultList();
    if (ids.isEmpty()) {
      throw GatehouseException.notFound("Principal '" + Validation.printable(principal) + "' does not exist.");
    }
    return ids.get(0);
  }

  private GovernedTags.Governed existing(String tagKey) {
    GovernedTags.Governed g = governed.find(tagKey);
    if (g == null) {
      throw GatehouseException.notFound("Tag policy '" + Validation.printable(String.valueOf(tagKey)) + "' does not exist.");
    }
    return g;
  }

  private static String key(String key) {
    String k = Validation.required("tag_key", key, 255);
    if (!k.equals(k.strip()) || k.chars().anyMatch(Character::isISOControl)) {
      throw GatehouseException.invalid("tag_key may not have leading or trailing spaces or control characters.");
    }
    return k;
  }

  private static String description(String description) {
    return description == null ? null : Validation.comment("description", description);
  }

  private static List<String> values(List<Value> given) {
    List<String> values = new ArrayList<>();
    if (given == null) {
      return values;
    }
    if (given.size() > MAX_VALUES) {
      throw GatehouseException.invalid("A tag policy allows at most " + MAX_VALUES + " values.");
    }
    for (Value v : given) {
      String value = Validation.required("values.name", v == null ? null : v.name(), 1000);
      if (values.contains(value)) {
        throw GatehouseException.invalid("values names '" + Validation.printable(value) + "' twice.");
      }
      values.add(value);
    }
    return values;
  }

  private static TagPolicy api(GovernedTags.Governed g) {
    List<Value> values = g.allowedValues().stream().map(Value::new).toList();
    return new TagPolicy(g.key().toLowerCase(Locale.ROOT), g.key(), g.description(), values, g.createdAt(), g.updatedAt(),
        g.createdBy(), g.updatedBy());
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
