package io.gatehouse.server.sql;

import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.TagCondition;
import io.gatehouse.policy.Target;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.CatalogService;
import io.gatehouse.server.catalog.FunctionApi.CreateFunction;
import io.gatehouse.server.catalog.FunctionEntity;
import io.gatehouse.server.catalog.FunctionService;
import io.gatehouse.server.catalog.SchemaService;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.BootstrapConfig;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.sql.PolicyApi.ColumnMaskOptions;
import io.gatehouse.server.sql.PolicyApi.FunctionArgument;
import io.gatehouse.server.sql.PolicyApi.MatchColumn;
import io.gatehouse.server.sql.PolicyApi.PolicyInfo;
import io.gatehouse.server.sql.PolicyApi.RowFilterOptions;
import io.gatehouse.server.sql.PolicyApi.Stored;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Attribute-based row filter and column mask policies (Databricks' CREATE POLICY), for SQL and
 * REST alike. Creating, replacing or dropping one needs MANAGE on (or ownership of) the catalog,
 * schema or table it is defined on, and EXECUTE on its function; reading them, the same MANAGE.
 * Conditions, principals and arguments are checked before anything is written; the policy
 * snapshot binds the policy to the tables its conditions match ({@code authz.AttributePolicyLoader}).
 */
@ApplicationScoped
public class AttributePolicyService {
  private final CatalogService catalogs;
  private final SchemaService schemas;
  private final TableService tables;
  private final FunctionService functions;
  private final Authorizer authorizer;
  private final AuditTrail trail;
  private final CallerContext caller;
  private final BootstrapConfig bootstrap;

  AttributePolicyService(CatalogService catalogs, SchemaService schemas, TableService tables, FunctionService functions,
      Authorizer authorizer, AuditTrail trail, CallerContext caller, BootstrapConfig bootstrap) {
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.functions = functions;
    this.authorizer = authorizer;
    this.trail = trail;
    this.caller = caller;
    this.bootstrap = bootstrap;
  }

  /** The securable a policy is defined on. */
  record Scope(String type, UUID id, String fullName, Target target) {}

  Scope scope(String type, String fullName) {
    String t = Validation.required("on_securable_type", type, 32).toUpperCase(Locale.ROOT);
    Validation.required("on_securable_fullname", fullName, 1024);
    return switch (t) {
      case "CATALOG" -> {
        var c = catalogs.get(fullName);
        yield new Scope(t, c.id, c.name, Securables.of(c));
      }
      case "SCHEMA" -> {
        var s = schemas.get(fullName);
        yield new Scope(t, s.id, s.fullName(), Securables.of(s));
      }
      case "TABLE" -> {
        var x = tables.get(fullName);
        yield new Scope(t, x.id, x.fullName(), Securables.of(x));
      }
      default -> throw GatehouseException.invalid("A policy is defined on a CATALOG, SCHEMA or TABLE, not '"
          + Validation.printable(type) + "'.");
    };
  }

  /** Creates the policy, or replaces one of the same name when {@code orReplace}; returns it as stored. */
  public PolicyInfo create(PolicyInfo p, boolean orReplace) {
    Validation.required("body", p);
    Scope on = scope(p.onSecurableType(), p.onSecurableFullname());
    authorizer.require(Operation.MANAGE_POLICY, on.target());
    String name = Validation.required("name", p.name(), 255);
    String type = type(p.policyType());
    if (type.equals("GRANT") || type.equals("DENY")) {
      return createAccess(p, on, name, type, orReplace);
    }
    boolean rowFilter = type.equals("ROW_FILTER");
    if (p.forSecurableType() != null && !"TABLE".equalsIgnoreCase(p.forSecurableType())) {
      throw GatehouseException.invalid("for_securable_type must be TABLE.");
    }
    String functionName = rowFilter ? (p.rowFilter() == null ? null : p.rowFilter().functionName())
        : (p.columnMask() == null ? null : p.columnMask().functionName());
    FunctionEntity function = callable(Validation.required(rowFilter ? "row_filter.function_name"
        : "column_mask.function_name", functionName, 1024));
    List<MatchColumn> match = matchColumns(p.matchColumns());
    Set<String> aliases = new HashSet<>();
    match.forEach(m -> aliases.add(m.alias().toLowerCase(Locale.ROOT)));
    String onColumn = null;
    if (!rowFilter) {
      onColumn = Validation.required("column_mask.on_column", p.columnMask().onColumn(), 255);
      if (!aliases.contains(onColumn.toLowerCase(Locale.ROOT))) {
        throw GatehouseException.invalid("column_mask.on_column '" + Validation.printable(onColumn)
            + "' is not an alias of match_columns.");
      }
    }
    List<FunctionArgument> using = using(rowFilter ? p.rowFilter().using() : p.columnMask().using(), aliases);
    checkArity(function, using.size() + (rowFilter ? 0 : 1));
    Stored stored = new Stored(principals("to_principals", p.toPrincipals(), true),
        principals("except_principals", p.exceptPrincipals(), false), condition("when_condition", p.whenCondition()),
        match, onColumn, using, null, null);
    String comment = p.comment() == null ? null : Validation.comment("comment", p.comment());
    boolean created = write(on, name, rowFilter ? "ROW_FILTER" : "COLUMN_MASK", function.id, stored, comment, orReplace);
    trail.succeeded(created ? "CREATE_POLICY" : "REPLACE_POLICY", on.target(), name + ": "
        + (rowFilter ? "ROW FILTER " : "COLUMN MASK ") + function.fullName());
    return get(on, name);
  }

  /**
   * A GRANT or DENY policy: privileges granted or denied on every table (schema, volume) under the
   * scope that the WHEN condition matches. No function, no MATCH COLUMNS.
   */
  private PolicyInfo createAccess(PolicyInfo p, Scope on, String name, String type, boolean orReplace) {
    if (p.matchColumns() != null && !p.matchColumns().isEmpty()) {
      throw GatehouseException.invalid("match_columns applies to row filter and column mask policies only: a " + type
          + " policy matches whole securables by when_condition.");
    }
    if (p.rowFilter() != null || p.columnMask() != null) {
      throw GatehouseException.invalid("A " + type + " policy calls no function: give privileges, not row_filter or column_mask.");
    }
    SecurableType forType = forType(p.forSecurableType(), on);
    List<String> privileges = privileges(p.privileges(), forType);
    Stored stored = new Stored(principals("to_principals", p.toPrincipals(), true),
        principals("except_principals", p.exceptPrincipals(), false), condition("when_condition", p.whenCondition()),
        null, null, null, privileges, forType.name());
    String comment = p.comment() == null ? null : Validation.comment("comment", p.comment());
    boolean created = write(on, name, type, null, stored, comment, orReplace);
    trail.succeeded(created ? "CREATE_POLICY" : "REPLACE_POLICY", on.target(), name + ": " + type + " "
        + String.join(", ", privileges).replace('_', ' ') + " FOR " + forType.name() + "S");
    return get(on, name);
  }

  /** What a GRANT or DENY policy is for: tables unless said; schemas and volumes too, below a catalog or schema. */
  private static SecurableType forType(String given, Scope on) {
    String t = given == null ? "TABLE" : given.trim().toUpperCase(Locale.ROOT);
    if (t.endsWith("S")) {
      t = t.substring(0, t.length() - 1);
    }
    SecurableType type = switch (t) {
      case "TABLE" -> SecurableType.TABLE;
      case "SCHEMA" -> SecurableType.SCHEMA;
      case "VOLUME" -> SecurableType.VOLUME;
      default -> throw GatehouseException.invalid("for_securable_type of a GRANT or DENY policy must be TABLE, SCHEMA or"
          + " VOLUME, not '" + Validation.printable(given) + "'.");
    };
    if (type != SecurableType.TABLE && on.type().equals("TABLE")
        || type == SecurableType.SCHEMA && on.type().equals("SCHEMA")) {
      throw GatehouseException.invalid("A policy on " + on.type().toLowerCase(Locale.ROOT) + " " + on.fullName()
          + " has no " + type.name().toLowerCase(Locale.ROOT) + " below it to match.");
    }
    return type;
  }

  /** The privileges named, each valid on the kind of securable the policy is for (or below it). */
  private static List<String> privileges(List<String> given, SecurableType forType) {
    if (given == null || given.isEmpty()) {
      throw GatehouseException.invalid("Field 'privileges' must name at least one privilege.");
    }
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    for (String name : given) {
      String canonical = Validation.required("privileges", name, 64).trim().replaceAll("[\\s_]+", "_").toUpperCase(Locale.ROOT);
      if (canonical.equals("ALL")) {
        canonical = Privilege.ALL_PRIVILEGES.name();
      }
      // Databricks' DENY policies deny MANAGE ACCESS CONTROL, the right to grant and revoke: MANAGE here.
      if (canonical.equals("MANAGE_ACCESS_CONTROL")) {
        canonical = Privilege.MANAGE.name();
      }
      Privilege privilege;
      try {
        privilege = Privilege.valueOf(canonical);
      } catch (IllegalArgumentException e) {
        throw GatehouseException.invalid("Unknown privilege '" + Validation.printable(name) + "'.");
      }
      if (!privilege.grantableOn(forType)) {
        throw GatehouseException.invalid("Privilege " + privilege.sqlName() + " cannot be granted or denied on a "
            + forType.name().toLowerCase(Locale.ROOT) + ".");
      }
      names.add(privilege.name());
    }
    return List.copyOf(names);
  }

  /** Inserts the policy, or replaces the one of that name when {@code orReplace}; whether it was created. */
  private boolean write(Scope on, String name, String type, UUID function, Stored stored, String comment, boolean orReplace) {
    EntityManager em = Panache.getEntityManager();
    List<?> existing = em.createNativeQuery(
            "SELECT id, policy_type, definition::text FROM abac_policies WHERE on_securable_id = ?1 AND lower(name) = lower(?2)")
        .setParameter(1, on.id()).setParameter(2, name).getResultList();
    Timestamp now = Timestamp.from(Instant.now());
    if (!existing.isEmpty() && !orReplace) {
      throw new GatehouseException(ErrorCode.ALREADY_EXISTS, "Policy '" + name + "' already exists on "
          + on.type().toLowerCase(Locale.ROOT) + " " + on.fullName() + " (POLICY_ALREADY_EXISTS).");
    }
    if (existing.isEmpty()) {
      em.createNativeQuery("INSERT INTO abac_policies (id, name, on_securable_type, on_securable_id, policy_type, function_id,"
              + " definition, comment, created_by, created_at, updated_by, updated_at)"
              + " VALUES (?1, ?2, ?3, ?4, ?5, CAST(NULLIF(?6, '') AS uuid), CAST(?7 AS jsonb), ?8, ?9, ?10, ?9, ?10)")
          .setParameter(1, UUID.randomUUID()).setParameter(2, name).setParameter(3, on.type()).setParameter(4, on.id())
          .setParameter(5, type).setParameter(6, function == null ? "" : function.toString())
          .setParameter(7, StoredJson.write(stored)).setParameter(8, comment).setParameter(9, caller.name())
          .setParameter(10, now).executeUpdate();
      return true;
    }
    Object[] row = (Object[]) existing.get(0);
    requireNotLiftingOwnDeny(on, name, (String) row[1], (String) row[2]);
    em.createNativeQuery("UPDATE abac_policies SET policy_type = ?1, function_id = CAST(NULLIF(?2, '') AS uuid),"
            + " definition = CAST(?3 AS jsonb), comment = ?4, updated_by = ?5, updated_at = ?6 WHERE id = ?7")
        .setParameter(1, type).setParameter(2, function == null ? "" : function.toString())
        .setParameter(3, StoredJson.write(stored)).setParameter(4, comment).setParameter(5, caller.name())
        .setParameter(6, now).setParameter(7, row[0]).executeUpdate();
    return false;
  }

  /**
   * As for a plain DENY: nobody lifts or rewrites a DENY policy that applies to itself (directly
   * or through a group, nested too); metastore admins are above denies.
   */
  private void requireNotLiftingOwnDeny(Scope on, String name, String type, String definition) {
    if (!"DENY".equals(type)) {
      return;
    }
    Stored d = StoredJson.read(definition, Stored.class);
    var principals = new io.gatehouse.policy.AttributePolicies.Principals(
        new HashSet<>(d.toPrincipals() == null ? List.of() : d.toPrincipals()),
        new HashSet<>(d.exceptPrincipals() == null ? List.of() : d.exceptPrincipals()));
    authorizer.requireNotDeniedBy(Operation.MANAGE_POLICY, on.target(), principals, "policy " + name);
  }

  public void drop(String type, String fullName, String name) {
    Scope on = scope(type, fullName);
    authorizer.require(Operation.MANAGE_POLICY, on.target());
    List<?> existing = Panache.getEntityManager().createNativeQuery(
            "SELECT id, policy_type, definition::text FROM abac_policies WHERE on_securable_id = ?1 AND lower(name) = lower(?2)")
        .setParameter(1, on.id()).setParameter(2, Validation.required("name", name, 255)).getResultList();
    if (existing.isEmpty()) {
      throw notFound(on, name);
    }
    Object[] row = (Object[]) existing.get(0);
    requireNotLiftingOwnDeny(on, name, (String) row[1], (String) row[2]);
    Panache.getEntityManager().createNativeQuery("DELETE FROM abac_policies WHERE id = ?1").setParameter(1, row[0])
        .executeUpdate();
    trail.succeeded("DROP_POLICY", on.target(), name);
  }

  public List<PolicyInfo> list(String type, String fullName) {
    Scope on = scope(type, fullName);
    authorizer.require(Operation.READ_POLICIES, on.target());
    return read(on, null);
  }

  public PolicyInfo get(String type, String fullName, String name) {
    Scope on = scope(type, fullName);
    authorizer.require(Operation.READ_POLICIES, on.target());
    return get(on, name);
  }

  private PolicyInfo get(Scope on, String name) {
    List<PolicyInfo> found = read(on, Validation.required("name", name, 255));
    if (found.isEmpty()) {
      throw notFound(on, name);
    }
    return found.get(0);
  }

  private static GatehouseException notFound(Scope on, String name) {
    return GatehouseException.notFound("Policy '" + Validation.printable(name) + "' does not exist on "
        + on.type().toLowerCase(Locale.ROOT) + " " + on.fullName() + " (POLICY_NOT_FOUND).");
  }

  private List<PolicyInfo> read(Scope on, String name) {
    var query = Panache.getEntityManager().createNativeQuery(
        "SELECT p.id::text, p.name, p.comment, p.policy_type, p.definition::text, c.name || '.' || s.name || '.' || f.name,"
            + " p.created_at, p.created_by, p.updated_at, p.updated_by FROM abac_policies p"
            + " LEFT JOIN functions f ON f.id = p.function_id LEFT JOIN schemas s ON s.id = f.schema_id"
            + " LEFT JOIN catalogs c ON c.id = s.catalog_id"
            + " WHERE p.on_securable_id = ?1" + (name == null ? "" : " AND lower(p.name) = lower(?2)") + " ORDER BY lower(p.name)")
        .setParameter(1, on.id());
    if (name != null) {
      query.setParameter(2, name);
    }
    List<PolicyInfo> policies = new ArrayList<>();
    for (Object row : query.getResultList()) {
      Object[] r = (Object[]) row;
      Stored d = StoredJson.read((String) r[4], Stored.class);
      String type = (String) r[3];
      if ("GRANT".equals(type) || "DENY".equals(type)) {
        policies.add(new PolicyInfo((String) r[0], (String) r[1], (String) r[2], on.type(), on.fullName(),
            "GRANT".equals(type) ? PolicyApi.GRANT : PolicyApi.DENY, d.toPrincipals(), d.exceptPrincipals(),
            d.forSecurableType(), d.whenCondition(), null, null, null,
            d.privileges().stream().map(x -> x.replace('_', ' ')).toList(), millis(r[6]), (String) r[7],
            millis(r[8]), (String) r[9]));
        continue;
      }
      boolean rowFilter = "ROW_FILTER".equals(type);
      policies.add(new PolicyInfo((String) r[0], (String) r[1], (String) r[2], on.type(), on.fullName(),
          rowFilter ? PolicyApi.ROW_FILTER : PolicyApi.COLUMN_MASK, d.toPrincipals(), d.exceptPrincipals(), "TABLE",
          d.whenCondition(), d.matchColumns(), rowFilter ? new RowFilterOptions((String) r[5], d.using()) : null,
          rowFilter ? null : new ColumnMaskOptions((String) r[5], d.onColumn(), d.using()), null, millis(r[6]), (String) r[7],
          millis(r[8]), (String) r[9]));
    }
    return policies;
  }

  /** ROW_FILTER, COLUMN_MASK, GRANT or DENY, from the API's name or the short one. */
  private static String type(String policyType) {
    String t = Validation.required("policy_type", policyType, 64).trim().toUpperCase(Locale.ROOT);
    return switch (t) {
      case PolicyApi.ROW_FILTER, "ROW_FILTER" -> "ROW_FILTER";
      case PolicyApi.COLUMN_MASK, "COLUMN_MASK" -> "COLUMN_MASK";
      case PolicyApi.GRANT, "GRANT" -> "GRANT";
      case PolicyApi.DENY, "DENY" -> "DENY";
      default -> throw GatehouseException.invalid("policy_type must be " + PolicyApi.ROW_FILTER + ", "
          + PolicyApi.COLUMN_MASK + ", " + PolicyApi.GRANT + " or " + PolicyApi.DENY + ".");
    };
  }

  /** The function the policy calls: the caller must see it and hold EXECUTE on it. */
  private FunctionEntity callable(String name) {
    FunctionEntity function = functions.get(name);
    authorizer.requirePrivilege(Operation.MANAGE_POLICY, Securables.of(function), Privilege.EXECUTE);
    String body = StoredJson.read(function.definition, CreateFunction.class).routineDefinition();
    try {
      FunctionBodies.parse(body);
    } catch (io.gatehouse.server.sql.parse.SqlSyntaxException e) {
      throw GatehouseException.invalid("Function " + function.fullName() + " is not a SQL expression Gatehouse can"
          + " apply as a filter or mask: " + e.getMessage());
    }
    return function;
  }

  private static void checkArity(FunctionEntity function, int given) {
    CreateFunction definition = StoredJson.read(function.definition, CreateFunction.class);
    int wanted = definition.inputParams() == null || definition.inputParams().parameters() == null
        ? 0 : definition.inputParams().parameters().size();
    if (wanted != given) {
      throw GatehouseException.invalid("Function " + function.fullName() + " takes " + wanted + " argument"
          + (wanted == 1 ? "" : "s") + ", but the policy passes " + given + ".");
    }
  }

  private static String condition(String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return TagCondition.parse(text).sql();
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid(field + ": " + e.getMessage());
    }
  }

  private static List<MatchColumn> matchColumns(List<MatchColumn> given) {
    List<MatchColumn> match = new ArrayList<>();
    Set<String> aliases = new HashSet<>();
    for (MatchColumn m : given == null ? List.<MatchColumn>of() : given) {
      Validation.required("match_columns", m);
      String alias = Validation.required("match_columns.alias", m.alias(), 255);
      if (!aliases.add(alias.toLowerCase(Locale.ROOT))) {
        throw GatehouseException.invalid("match_columns gives alias '" + Validation.printable(alias) + "' twice.");
      }
      match.add(new MatchColumn(condition("match_columns.condition", Validation.required("match_columns.condition",
          m.condition(), 4096)), alias));
    }
    return match;
  }

  private static List<FunctionArgument> using(List<FunctionArgument> given, Set<String> aliases) {
    List<FunctionArgument> using = new ArrayList<>();
    for (FunctionArgument a : given == null ? List.<FunctionArgument>of() : given) {
      Validation.required("using", a);
      if ((a.alias() == null) == (a.constant() == null)) {
        throw GatehouseException.invalid("Each argument in using is an alias or a constant.");
      }
      if (a.alias() != null && !aliases.contains(a.alias().toLowerCase(Locale.ROOT))) {
        throw GatehouseException.invalid("using names '" + Validation.printable(a.alias())
            + "', which is not an alias of match_columns.");
      }
      if (a.constant() != null) {
        constant(a.constant());
      }
      using.add(a);
    }
    return using;
  }

  /** Refuses a constant argument that is not a literal. */
  private static void constant(String sql) {
    io.gatehouse.server.sql.parse.Expression e;
    try {
      e = FunctionBodies.parse(sql);
    } catch (io.gatehouse.server.sql.parse.SqlSyntaxException x) {
      e = null;
    }
    if (!(e instanceof io.gatehouse.server.sql.parse.Expression.StringLiteral
        || e instanceof io.gatehouse.server.sql.parse.Expression.NumericLiteral
        || e instanceof io.gatehouse.server.sql.parse.Expression.BooleanLiteral
        || e instanceof io.gatehouse.server.sql.parse.Expression.NullLiteral)) {
      throw GatehouseException.invalid("A constant argument must be a literal, not '" + Validation.printable(sql) + "'.");
    }
  }

  /** Principals as the directory spells them; each must exist ({@code account users} always does). */
  private List<String> principals(String field, List<String> given, boolean required) {
    if (required && (given == null || given.isEmpty())) {
      throw GatehouseException.invalid("Field '" + field + "' must name at least one principal.");
    }
    List<String> names = new ArrayList<>();
    for (String p : given == null ? List.<String>of() : given) {
      String name = Validation.principal(field, p);
      if (name.equalsIgnoreCase(bootstrap.allUsersGroup())) {
        names.add(bootstrap.allUsersGroup());
        continue;
      }
      List<?> found = Panache.getEntityManager().createNativeQuery("SELECT name FROM principals WHERE lower(name) = lower(?1)")
          .setParameter(1, name).getResultList();
      if (found.isEmpty()) {
        throw GatehouseException.notFound("Principal '" + Validation.printable(name) + "' does not exist.");
      }
      names.add((String) found.get(0));
    }
    return names;
  }

  private static Long millis(Object time) {
    if (time instanceof Timestamp t) {
      return t.getTime();
    }
    if (time instanceof Instant i) {
      return i.toEpochMilli();
    }
    if (time instanceof java.time.OffsetDateTime o) {
      return o.toInstant().toEpochMilli();
    }
    return null;
  }
}
