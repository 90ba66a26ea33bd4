package io.gatehouse.server.tags;

import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What governs tag assignment, read in the caller's transaction: the tag policies and who holds
 * ASSIGN on each. A tag whose key equals a governed key ignoring case is that governed tag: it
 * is stored in the governed spelling, its value must be one of the allowed values exactly (no
 * case folding, no trimming), and setting or unsetting it needs ASSIGN, held by the caller or one
 * of its groups (nested included), or metastore admin.
 */
@ApplicationScoped
public class GovernedTags {
  /** A governed tag as stored; times in epoch milliseconds; assigners by name. */
  public record Governed(String key, String description, List<String> allowedValues, List<String> assigners,
      String createdBy, Long createdAt, String updatedBy, Long updatedAt) {}

  private final CallerContext caller;

  GovernedTags(CallerContext caller) {
    this.caller = caller;
  }

  public List<Governed> all() {
    return read(null);
  }

  /** The governed tag whose key is {@code key} ignoring case, or null. */
  public Governed find(String key) {
    if (key == null) {
      return null;
    }
    List<Governed> found = read(key);
    return found.isEmpty() ? null : found.get(0);
  }

  /**
   * {@code tags} as they may be set by the caller: governed keys in their governed spelling.
   * Refused with 400 INVALID_ARGUMENT naming the key and the allowed values when a value is not
   * allowed, and with 403 PERMISSION_DENIED when the caller may not assign a governed key.
   */
  public Map<String, String> checkAssign(Map<String, String> tags) {
    Map<String, Governed> governed = byKey();
    Map<String, String> checked = new LinkedHashMap<>();
    for (var tag : tags.entrySet()) {
      Governed g = governed.get(tag.getKey().toLowerCase(Locale.ROOT));
      if (g == null) {
        checked.put(tag.getKey(), tag.getValue());
        continue;
      }
      requireAssign(g);
      if (!g.allowedValues().isEmpty() && !g.allowedValues().contains(tag.getValue())) {
        throw GatehouseException.invalid("Value '" + Validation.printable(tag.getValue()) + "' is not allowed for governed tag '"
            + g.key() + "'; allowed values: " + g.allowedValues() + ".");
      }
      checked.put(g.key(), tag.getValue());
    }
    return checked;
  }

  /** Refuses (403) unsetting a governed key without ASSIGN on it; {@code keys} as given. */
  public void checkUnassign(List<String> keys) {
    Map<String, Governed> governed = byKey();
    for (String key : keys) {
      Governed g = governed.get(key.toLowerCase(Locale.ROOT));
      if (g != null) {
        requireAssign(g);
      }
    }
  }

  private void requireAssign(Governed g) {
    if (caller.isAdmin()) {
      return;
    }
    Set<String> names = caller.groups();
    for (String assigner : g.assigners()) {
      if (assigner.equalsIgnoreCase(caller.name()) || names.stream().anyMatch(assigner::equalsIgnoreCase)) {
        return;
      }
    }
    throw new GatehouseException(ErrorCode.PERMISSION_DENIED,
        "Principal '" + caller.name() + "' may not assign governed tag '" + g.key() + "': ASSIGN on it is missing.");
  }

  private Map<String, Governed> byKey() {
    Map<String, Governed> byKey = new TreeMap<>();
    for (Governed g : all()) {
      byKey.put(g.key().toLowerCase(Locale.ROOT), g);
    }
    return byKey;
  }

  @SuppressWarnings("unchecked")
  private static List<Governed> read(String key) {
    var query = Panache.getEntityManager().createNativeQuery(
        "SELECT t.tag_key, t.description, t.allowed_values::text, t.created_by, t.created_at, t.updated_by, t.updated_at,"
            + " (SELECT coalesce(json_agg(p.name ORDER BY p.name), '[]')::text FROM tag_policy_assigners a"
            + " JOIN principals p ON p.id = a.principal_id WHERE a.tag_key = t.tag_key AND p.active)"
            + " FROM tag_policies t" + (key == null ? "" : " WHERE lower(t.tag_key) = lower(?1)") + " ORDER BY t.tag_key");
    if (key != null) {
      query.setParameter(1, key);
    }
    List<Governed> all = new ArrayList<>();
    for (Object row : query.getResultList()) {
      Object[] r = (Object[]) row;
      all.add(new Governed((String) r[0], (String) r[1], StoredJson.read((String) r[2], List.class), StoredJson.read((String) r[7],
          List.class), (String) r[3], millis(r[4]), (String) r[5], millis(r[6])));
    }
    return all;
  }

  private static Long millis(Object time) {
    if (time instanceof Timestamp t) {
      return t.getTime();
    }
    if (time instanceof java.time.Instant i) {
      return i.toEpochMilli();
    }
    if (time instanceof java.time.OffsetDateTime o) {
      return o.toInstant().toEpochMilli();
    }
    return null;
  }
}
