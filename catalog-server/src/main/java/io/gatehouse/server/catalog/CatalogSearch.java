package io.gatehouse.server.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Search of the catalog by name, comment and tag, of securables and of tables' columns, over what
 * the caller may see: the console's search box. Three steps, so that nothing the caller may not
 * see shapes the answer, not even its length or its order:
 * <ol>
 *   <li>PostgreSQL names the candidates: every securable whose name, comment or tags contain the
 *       text, and every table whose columns document does (ids only);
 *   <li>the request's snapshot decides which of them the caller may see, as a GET of each would
 *       (BROWSE counts, as with {@code include_browse=true}); the rest are dropped unread;
 *   <li>the visible candidates are read in order (name matches first, then by full name) and
 *       matched exactly, field by field, until the page is full.
 * </ol>
 * A candidate the snapshot does not know yet (created on another replica a moment ago) is left out
 * until the snapshot has it.
 */
@ApplicationScoped
public class CatalogSearch {
  public static final int MAX_TEXT = 200;
  public static final int MAX_RESULTS = 200;
  private static final int READ_BATCH = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the text was found: the name, the comment, a tag, or a column's name, comment or tag. */
  public enum Field { NAME, COMMENT, TAG, COLUMN, COLUMN_COMMENT, COLUMN_TAG }

  public record Match(Field field, String column, String tagKey, String tagValue) {}

  public record Hit(SecurableType type, String fullName, String kind, String owner, String comment, List<Match> matches) {}

  public record Result(List<Hit> hits, boolean truncated) {}

  // Which table holds each searchable type, and whether it has tags and a columns document.
  private record Source(SecurableType type, String table, boolean tags, boolean columns, String kind) {}

  private static final List<Source> SOURCES = List.of(
      new Source(SecurableType.CATALOG, "catalogs", true, false, null),
      new Source(SecurableType.SCHEMA, "schemas", true, false, null),
      new Source(SecurableType.TABLE, "tables", true, true, "table_type"),
      new Source(SecurableType.VOLUME, "volumes", true, false, "volume_type"),
      new Source(SecurableType.FUNCTION, "functions", false, false, null),
      new Source(SecurableType.REGISTERED_MODEL, "registered_models", false, false, null));

  private final Authorizer authorizer;

  CatalogSearch(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** At most {@code limit} securables matching {@code text} (not blank, case ignored) that the caller may see. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Result search(String text, int limit) {
    String needle = text.toLowerCase(Locale.ROOT);
    PolicySnapshot snapshot = authorizer.snapshot();
    CatalogSnapshot catalog = snapshot.catalog();
    Subject subject = authorizer.subject();
    List<Candidate> visible = new ArrayList<>();
    for (Object[] row : candidates(needle)) {
      SecurableType type = SecurableType.valueOf((String) row[0]);
      Target target = catalog.byId(type, row[1].toString());
      if (target != null && AccessCheck.canSee(snapshot, subject, target, true).allowed()) {
        visible.add(new Candidate(type, target));
      }
    }
    visible.sort(Comparator.comparing((Candidate c) -> !c.nameMatches(needle)).thenComparing(Candidate::sortKey));
    List<Hit> hits = new ArrayList<>();
    int examined = 0;
    while (hits.size() < limit && examined < visible.size()) {
      List<Candidate> batch = visible.subList(examined, Math.min(visible.size(), examined + READ_BATCH));
      Map<UUID, Object[]> rows = read(batch);
      for (Candidate c : batch) {
        if (hits.size() == limit) {
          break;
        }
        examined++;
        Hit hit = details(c, needle, rows);
        if (hit != null) {
          hits.add(hit);
        }
      }
    }
    authorizer.allowed(Operation.SEARCH_CATALOG, null, null);
    return new Result(hits, examined < visible.size());
  }

  private record Candidate(SecurableType type, Target target) {
    /** The target names each level by its full name: the last is the securable's own. */
    String fullName() {
      return target.names().get(target.names().size() - 1);
    }

    String name() {
      String full = fullName();
      return type == SecurableType.CATALOG ? full : full.substring(full.lastIndexOf('.') + 1);
    }

    boolean nameMatches(String needle) {
      return contains(name(), needle);
    }

    String sortKey() {
      return fullName().toLowerCase(Locale.ROOT) + "\u0000" + type.ordinal();
    }

    UUID id() {
      return UUID.fromString(target.securable().id());
    }
  }

  private static boolean contains(String text, String needle) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
  }

  // Ids of every securable that may match: a superset (a tag's JSON text, a columns document's
  // keys), narrowed exactly once the candidate is known to be visible.
  @SuppressWarnings("unchecked")
  private static List<Object[]> candidates(String needle) {
    StringBuilder sql = new StringBuilder();
    for (Source s : SOURCES) {
      if (!sql.isEmpty()) {
        sql.append(" UNION ALL ");
      }
      sql.append("SELECT '").append(s.type().name()).append("', id FROM ").append(s.table())
          .append(" WHERE strpos(lower(name), ?1) > 0 OR strpos(lower(coalesce(comment, '')), ?1) > 0");
      if (s.tags()) {
        sql.append(" OR strpos(lower(tags::text), ?1) > 0");
      }
      if (s.columns()) {
        sql.append(" OR strpos(lower(columns::text), ?1) > 0");
      }
    }
    return Panache.getEntityManager().createNativeQuery(sql.toString()).setParameter(1, needle).getResultList();
  }

  // The searched fields of a batch of visible candidates, by id: one query per type present.
  private static Map<UUID, Object[]> read(List<Candidate> batch) {
    Map<UUID, Object[]> rows = new HashMap<>();
    Map<SecurableType, List<UUID>> byType = new HashMap<>();
    batch.forEach(c -> byType.computeIfAbsent(c.type(), t -> new ArrayList<>()).add(c.id()));
    for (Source s : SOURCES) {
      List<UUID> ids = byType.get(s.type());
      if (ids == null) {
        continue;
      }
      String sql = "SELECT id, owner, comment, " + (s.tags() ? "tags::text" : "NULL") + ", "
          + (s.columns() ? "columns::text" : "NULL") + ", " + (s.kind() == null ? "NULL" : s.kind())
          + " FROM " + s.table() + " WHERE id IN (?1)";
      @SuppressWarnings("unchecked")
      List<Object[]> found = Panache.getEntityManager().createNativeQuery(sql).setParameter(1, ids).getResultList();
      found.forEach(r -> rows.put((UUID) r[0], r));
    }
    return rows;
  }

  // The exact matches of one candidate, or null when the candidate matched only on JSON syntax
  // or is gone since the snapshot was taken.
  private static Hit details(Candidate c, String needle, Map<UUID, Object[]> rows) {
    Object[] row = rows.get(c.id());
    if (row == null) {
      return null;
    }
    String comment = (String) row[2];
    List<Match> matches = new ArrayList<>();
    if (c.nameMatches(needle)) {
      matches.add(new Match(Field.NAME, null, null, null));
    }
    if (contains(comment, needle)) {
      matches.add(new Match(Field.COMMENT, null, null, null));
    }
    tags(parse((String) row[3]), needle, null, Field.TAG, matches);
    JsonNode columns = parse((String) row[4]);
    if (columns != null && columns.isArray()) {
      for (JsonNode column : columns) {
        String name = column.path("name").asText(null);
        if (contains(name, needle)) {
          matches.add(new Match(Field.COLUMN, name, null, null));
        } else if (column.path("comment").isTextual() && contains(column.path("comment").asText(), needle)) {
          matches.add(new Match(Field.COLUMN_COMMENT, name, null, null));
        }
        tags(column.get("tags"), needle, name, Field.COLUMN_TAG, matches);
      }
    }
    if (matches.isEmpty()) {
      return null;
    }
    return new Hit(c.type(), c.fullName(), (String) row[5], (String) row[1], comment, matches);
  }

  private static void tags(JsonNode tags, String needle, String column, Field field, List<Match> matches) {
    if (tags == null || !tags.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> tag = it.next();
      String value = tag.getValue().isValueNode() ? tag.getValue().asText() : "";
      if (contains(tag.getKey(), needle) || contains(value, needle)) {
        matches.add(new Match(field, column, tag.getKey(), value));
      }
    }
  }

  private static JsonNode parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("a stored document is not JSON", e);
    }
  }
}
