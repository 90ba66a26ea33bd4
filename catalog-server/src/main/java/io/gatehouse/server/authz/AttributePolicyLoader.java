package io.gatehouse.server.authz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.policy.AttributePolicies;
import io.gatehouse.policy.AttributePolicies.BoundAccess;
import io.gatehouse.policy.AttributePolicies.BoundFilter;
import io.gatehouse.policy.AttributePolicies.BoundMask;
import io.gatehouse.policy.AttributePolicies.Principals;
import io.gatehouse.policy.ColumnMask;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.RowFilter;
import io.gatehouse.policy.Securable;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.TagCondition;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the attribute-based policies (V29's {@code abac_policies}) and binds them, in the load's
 * transaction, to the tables and columns their conditions match under their scope: tags are
 * inherited downward (catalog, schema, table, column; the nearest value of a key wins), a table
 * is covered when its WHEN condition holds and each MATCH COLUMNS condition matches a column,
 * and each alias that a function argument names must match exactly one column (several: the
 * binding fails closed for the readers the policy applies to).
 */
final class AttributePolicyLoader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One stored policy, its definition parsed. */
  private record Policy(String label, String scopeType, String scopeId, boolean rowFilter, String function,
      String functionDefinition, Principals principals, TagCondition when, Map<String, TagCondition> match,
      String onColumn, List<JsonNode> using, Access access) {}

  /** What a GRANT or DENY policy grants or denies, and on which kind of securable under its scope. */
  private record Access(boolean deny, Set<Privilege> privileges, SecurableType forType) {}

  /** A table in some policy's scope, with its containers and its columns' own tags. */
  private record Table(Securable securable, Map<String, String> tags, Map<String, Map<String, String>> columns) {}

  private final FunctionBinder functions;

  AttributePolicyLoader(FunctionBinder functions) {
    this.functions = functions;
  }

  private static final String POLICIES =
      "SELECT p.name, p.on_securable_type, p.on_securable_id::text, p.policy_type,"
          + " f.catalog_name || '.' || f.schema_name || '.' || f.name, f.definition::text, p.definition::text,"
          + " CASE p.on_securable_type WHEN 'CATALOG' THEN (SELECT c.name FROM catalogs c WHERE c.id = p.on_securable_id)"
          + " WHEN 'SCHEMA' THEN (SELECT c.name || '.' || s.name FROM schemas s JOIN catalogs c ON c.id = s.catalog_id"
          + " WHERE s.id = p.on_securable_id)"
          + " ELSE (SELECT c.name || '.' || s.name || '.' || t.name FROM tables t JOIN schemas s ON s.id = t.schema_id"
          + " JOIN catalogs c ON c.id = s.catalog_id WHERE t.id = p.on_securable_id) END"
          + " FROM abac_policies p LEFT JOIN (" + PolicyStore.FUNCTION_NAMES + ") f ON f.id = p.function_id ORDER BY p.id";

  AttributePolicies load(Connection c) throws SQLException {
    List<Policy> policies = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(POLICIES)) {
      while (rs.next()) {
        String scope = rs.getString(8);
        if (scope != null) {
          policies.add(policy(rs.getString(1) + " on " + rs.getString(2).toLowerCase(Locale.ROOT) + " " + scope,
              rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
        }
      }
    }
    if (policies.isEmpty()) {
      return AttributePolicies.empty();
    }
    Map<String, Map<String, String>> catalogTags = tags(c, "SELECT id::text, tags::text FROM catalogs WHERE tags <> '{}'::jsonb");
    Map<String, Map<String, String>> schemaTags = tags(c, "SELECT id::text, tags::text FROM schemas WHERE tags <> '{}'::jsonb");
    List<Table> tables = tables(c, policies, catalogTags, schemaTags);
    List<BoundFilter> filters = new ArrayList<>();
    List<BoundMask> masks = new ArrayList<>();
    List<BoundAccess> access = new ArrayList<>();
    for (Policy p : policies) {
      if (p.access() != null && p.access().forType() != SecurableType.TABLE) {
        continue;
      }
      for (Table t : tables) {
        if (inScope(p, t.securable()) && (p.when() == null || p.when().matches(t.tags()))) {
          if (p.access() != null) {
            access.add(new BoundAccess(p.label(), p.principals(), p.access().privileges(), p.access().deny(), t.securable()));
          } else {
            bind(p, t, filters, masks);
          }
        }
      }
    }
    bindSchemasAndVolumes(c, policies, catalogTags, schemaTags, access);
    return AttributePolicies.of(policies.size(), filters, masks, access);
  }

  /**
   * GRANT and DENY policies FOR SCHEMAS and FOR VOLUMES: bound to each schema (its catalog's tags
   * and its own) or volume (its catalog's, its schema's and its own) under the scope that the
   * WHEN condition matches.
   */
  private static void bindSchemasAndVolumes(Connection c, List<Policy> policies, Map<String, Map<String, String>> catalogTags,
      Map<String, Map<String, String>> schemaTags, List<BoundAccess> access) throws SQLException {
    List<Policy> onSchemas = new ArrayList<>();
    List<Policy> onVolumes = new ArrayList<>();
    for (Policy p : policies) {
      if (p.access() != null && p.access().forType() == SecurableType.SCHEMA) {
        onSchemas.add(p);
      } else if (p.access() != null && p.access().forType() == SecurableType.VOLUME) {
        onVolumes.add(p);
      }
    }
    if (!onSchemas.isEmpty()) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT catalog_id::text, id::text FROM schemas")) {
        while (rs.next()) {
          Securable schema = Securable.of(SecurableType.SCHEMA, rs.getString(1), rs.getString(2));
          Map<String, String> tags = new HashMap<>(catalogTags.getOrDefault(rs.getString(1), Map.of()));
          tags.putAll(schemaTags.getOrDefault(rs.getString(2), Map.of()));
          for (Policy p : onSchemas) {
            if (inScope(p, schema) && (p.when() == null || p.when().matches(tags))) {
              access.add(new BoundAccess(p.label(), p.principals(), p.access().privileges(), p.access().deny(), schema));
            }
          }
        }
      }
    }
    if (!onVolumes.isEmpty()) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT s.catalog_id::text, s.id::text, v.id::text, v.tags::text FROM volumes v JOIN schemas s ON s.id = v.schema_id")) {
        while (rs.next()) {
          Securable volume = Securable.of(SecurableType.VOLUME, rs.getString(1), rs.getString(2), rs.getString(3));
          Map<String, String> tags = new HashMap<>(catalogTags.getOrDefault(rs.getString(1), Map.of()));
          tags.putAll(schemaTags.getOrDefault(rs.getString(2), Map.of()));
          tags.putAll(lowered(read(rs.getString(4))));
          for (Policy p : onVolumes) {
            if (inScope(p, volume) && (p.when() == null || p.when().matches(tags))) {
              access.add(new BoundAccess(p.label(), p.principals(), p.access().privileges(), p.access().deny(), volume));
            }
          }
        }
      }
    }
  }

  /** Whether {@code securable} (a table, schema or volume) lies in the policy's scope. */
  private static boolean inScope(Policy p, Securable securable) {
    return switch (p.scopeType()) {
      case "CATALOG" -> securable.path().get(0).equals(p.scopeId());
      case "SCHEMA" -> securable.path().size() > 1 && securable.path().get(1).equals(p.scopeId());
      default -> securable.type() == SecurableType.TABLE && securable.id().equals(p.scopeId());
    };
  }

  /** The policy's filter, or its masks, on {@code t}; nothing when a MATCH COLUMNS condition matches no column. */
  private void bind(Policy p, Table t, List<BoundFilter> filters, List<BoundMask> masks) {
    Map<String, List<String>> matched = new LinkedHashMap<>();
    for (var m : p.match().entrySet()) {
      List<String> columns = new ArrayList<>();
      t.columns().forEach((column, own) -> {
        if (m.getValue().matches(inherited(t.tags(), own))) {
          columns.add(column);
        }
      });
      if (columns.isEmpty()) {
        return;
      }
      matched.put(m.getKey(), columns);
    }
    if (p.rowFilter()) {
      List<String> arguments = new ArrayList<>();
      String conflict = arguments(p, matched, null, null, arguments);
      RowFilter filter = new RowFilter(t.securable(), p.function(),
          functions.rowFilter(p.function(), p.functionDefinition(), json(arguments)), p.label());
      filters.add(new BoundFilter(p.label(), p.principals(), filter, conflict));
      return;
    }
    for (String column : matched.getOrDefault(p.onColumn(), List.of())) {
      List<String> using = new ArrayList<>();
      String conflict = arguments(p, matched, p.onColumn(), column, using);
      ColumnMask mask = new ColumnMask(t.securable(), column, p.function(),
          functions.mask(p.function(), p.functionDefinition(), column, json(using)), p.label());
      masks.add(new BoundMask(p.label(), p.principals(), mask, conflict));
    }
  }

  /**
   * The function's arguments as SQL: an alias is its one matched column ({@code onColumn} is
   * {@code column}), a constant as written. Returns why it cannot be bound, or null.
   */
  private static String arguments(Policy p, Map<String, List<String>> matched, String onColumn, String column,
      List<String> arguments) {
    for (JsonNode u : p.using()) {
      if (u.hasNonNull("constant")) {
        arguments.add(u.get("constant").asText());
        continue;
      }
      String alias = u.path("alias").asText().toLowerCase(Locale.ROOT);
      if (alias.equals(onColumn)) {
        arguments.add(quoted(column));
        continue;
      }
      List<String> columns = matched.getOrDefault(alias, List.of());
      if (columns.size() != 1) {
        arguments.add("NULL");
        return "Policy " + p.label() + " cannot be applied to this table: alias " + alias + " matches "
            + (columns.isEmpty() ? "no column" : "columns " + columns) + ", and an argument must name exactly one; the read is refused.";
      }
      arguments.add(quoted(columns.get(0)));
    }
    return null;
  }

  private static Map<String, String> inherited(Map<String, String> outer, Map<String, String> own) {
    if (own.isEmpty()) {
      return outer;
    }
    Map<String, String> all = new HashMap<>(outer);
    all.putAll(own);
    return all;
  }

  private static Policy policy(String label, String scopeType, String scopeId, String policyType, String function,
      String functionDefinition, String definitionJson) {
    JsonNode d = read(definitionJson);
    boolean rowFilter = "ROW_FILTER".equals(policyType);
    Access access = null;
    if ("GRANT".equals(policyType) || "DENY".equals(policyType)) {
      Set<Privilege> privileges = java.util.EnumSet.noneOf(Privilege.class);
      d.path("privileges").forEach(n -> privileges.add(Privilege.valueOf(n.asText())));
      access = new Access("DENY".equals(policyType), privileges,
          SecurableType.valueOf(d.path("for_securable_type").asText("TABLE")));
    }
    Map<String, TagCondition> match = new LinkedHashMap<>();
    for (JsonNode m : d.path("match_columns")) {
      match.put(m.path("alias").asText().toLowerCase(Locale.ROOT), TagCondition.parse(m.path("condition").asText()));
    }
    List<JsonNode> using = new ArrayList<>();
    d.path("using").forEach(using::add);
    String when = d.path("when_condition").asText(null);
    return new Policy(label, scopeType, scopeId, rowFilter, function, functionDefinition,
        new Principals(names(d.path("to_principals")), names(d.path("except_principals"))),
        when == null ? null : TagCondition.parse(when), match,
        d.path("on_column").isTextual() ? d.path("on_column").asText().toLowerCase(Locale.ROOT) : null, using, access);
  }

  private static Set<String> names(JsonNode list) {
    Set<String> names = new LinkedHashSet<>();
    list.forEach(n -> names.add(n.asText()));
    return names;
  }

  private static Map<String, Map<String, String>> tags(Connection c, String query) throws SQLException {
    Map<String, Map<String, String>> tags = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        tags.put(rs.getString(1), lowered(read(rs.getString(2))));
      }
    }
    return tags;
  }

  private static List<Table> tables(Connection c, List<Policy> policies, Map<String, Map<String, String>> catalogTags,
      Map<String, Map<String, String>> schemaTags) throws SQLException {
    Map<String, Set<String>> scopes = new HashMap<>();
    for (Policy p : policies) {
      scopes.computeIfAbsent(p.scopeType(), x -> new LinkedHashSet<>()).add(p.scopeId());
    }
    List<Table> tables = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT s.catalog_id::text, s.id::text, t.id::text, t.tags::text, t.columns::text FROM tables t"
            + " JOIN schemas s ON s.id = t.schema_id"
            + " WHERE t.id = ANY (?) OR s.id = ANY (?) OR s.catalog_id = ANY (?)")) {
      int i = 1;
      for (String type : List.of("TABLE", "SCHEMA", "CATALOG")) {
        Array ids = c.createArrayOf("uuid", scopes.getOrDefault(type, Set.of()).toArray());
        s.setArray(i++, ids);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Map<String, String> tags = new HashMap<>(catalogTags.getOrDefault(rs.getString(1), Map.of()));
          tags.putAll(schemaTags.getOrDefault(rs.getString(2), Map.of()));
          tags.putAll(lowered(read(rs.getString(4))));
          Map<String, Map<String, String>> columns = new LinkedHashMap<>();
          for (JsonNode column : read(rs.getString(5))) {
            columns.put(column.path("name").asText(), lowered(column.path("tags")));
          }
          tables.add(new Table(Securable.of(SecurableType.TABLE, rs.getString(1), rs.getString(2), rs.getString(3)),
              Map.copyOf(tags), columns));
        }
      }
    }
    return tables;
  }

  /** Tags with lower-case keys: a key is one tag whatever its case. */
  private static Map<String, String> lowered(JsonNode tags) {
    Map<String, String> lowered = new HashMap<>();
    tags.fields().forEachRemaining(e -> lowered.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
    return lowered;
  }

  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static String json(List<String> arguments) {
    try {
      return JSON.writeValueAsString(arguments);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json == null ? "{}" : json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored policy or tag document is not JSON", e);
    }
  }
}
