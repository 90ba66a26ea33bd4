package io.gatehouse.server.sql;

import io.gatehouse.policy.Privilege;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.CatalogEntity;
import io.gatehouse.server.catalog.CatalogLookup;
import io.gatehouse.server.catalog.CatalogService;
import io.gatehouse.server.catalog.FunctionApi.CreateFunction;
import io.gatehouse.server.catalog.FunctionApi.CreateFunctionRequest;
import io.gatehouse.server.catalog.FunctionApi.FunctionParameterInfo;
import io.gatehouse.server.catalog.FunctionApi.FunctionParameterInfos;
import io.gatehouse.server.catalog.FunctionApi.ParameterMode;
import io.gatehouse.server.catalog.FunctionApi.ParameterStyle;
import io.gatehouse.server.catalog.FunctionApi.ParameterType;
import io.gatehouse.server.catalog.FunctionApi.RoutineBody;
import io.gatehouse.server.catalog.FunctionApi.SecurityType;
import io.gatehouse.server.catalog.FunctionApi.SqlDataAccess;
import io.gatehouse.server.catalog.FunctionEntity;
import io.gatehouse.server.catalog.FunctionService;
import io.gatehouse.server.catalog.SchemaEntity;
import io.gatehouse.server.catalog.SchemaService;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.catalog.TableApi.ColumnTypeName;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.catalog.VolumeEntity;
import io.gatehouse.server.catalog.VolumeService;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.sql.parse.ColumnDefinition;
import io.gatehouse.server.sql.parse.ColumnMask;
import io.gatehouse.server.sql.parse.Expression;
import io.gatehouse.server.sql.parse.FunctionParameter;
import io.gatehouse.server.sql.parse.QualifiedName;
import io.gatehouse.server.sql.parse.RowFilter;
import io.gatehouse.server.sql.parse.SecurableKind;
import io.gatehouse.server.sql.parse.Statement;
import io.gatehouse.server.sql.parse.Tag;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Row filters, column masks and the SQL functions behind them, and tags. A filter or mask is
 * stored for the policy snapshot (which compiles it into Ranger) and shown in table info; setting
 * one needs MANAGE on the table (or its ownership) and EXECUTE on the function.
 */
@ApplicationScoped
class DataPolicyStatements {
  static final int MAX_TAG_KEY = 255;
  static final int MAX_TAG_VALUE = 1000;

  private final CatalogService catalogs;
  private final SchemaService schemas;
  private final TableService tables;
  private final VolumeService volumes;
  private final FunctionService functions;
  private final Authorizer authorizer;
  @Inject
  AuditTrail trail;
  private final CallerContext caller;

  DataPolicyStatements(CatalogService catalogs, SchemaService schemas, TableService tables, VolumeService volumes,
      FunctionService functions, Authorizer authorizer, CallerContext caller) {
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.volumes = volumes;
    this.functions = functions;
    this.authorizer = authorizer;
    this.caller = caller;
  }

  Result createFunction(Session session, Statement.CreateFunction c) {
    FullName name = session.object(c.name());
    checkBody(c);
    FunctionEntity existing = CatalogLookup.function(name);
    if (existing != null && c.ifNotExists()) {
      return Result.status("Function " + Session.dotted(name) + " already exists; nothing was done.");
    }
    CreateFunction definition = definition(name, c);
    if (existing != null && c.orReplace()) {
      // Replaced in place: filters and masks that call it keep calling it, with the new body.
      authorizer.require(Operation.REPLACE_FUNCTION, Securables.of(existing));
      existing.definition = StoredJson.write(definition);
      existing.comment = Validation.comment("comment", c.comment());
      existing.stampUpdated(caller.name());
      return Result.status("Replaced function " + existing.fullName() + ".");
    }
    functions.create(new CreateFunctionRequest(definition));
    return Result.status("Created function " + Session.dotted(name) + ".");
  }

  /** Every plain name in the body must be a parameter: the body sees nothing else. */
  private static void checkBody(Statement.CreateFunction c) {
    Set<String> parameters = c.parameters().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    List<String> unknown = new ArrayList<>();
    FunctionBodies.map(c.body(), e -> {
      if (e instanceof Expression.ColumnRef ref && !parameters.contains(ref.parts().get(0).toLowerCase(Locale.ROOT))) {
        unknown.add(ref.toSql());
      }
      return e;
    });
    if (!unknown.isEmpty()) {
      throw GatehouseException.invalid("The body of function " + c.name() + " refers to " + String.join(", ", unknown)
          + ", which " + (unknown.size() == 1 ? "is not a parameter" : "are not parameters") + " of the function.");
    }
  }

  private static CreateFunction definition(FullName name, Statement.CreateFunction c) {
    List<FunctionParameterInfo> parameters = new ArrayList<>();
    for (int i = 0; i < c.parameters().size(); i++) {
      FunctionParameter p = c.parameters().get(i);
      boolean decimal = p.type().typeName().name().equals("DECIMAL");
      parameters.add(new FunctionParameterInfo(p.name(), p.type().text(), null, ColumnTypeName.valueOf(p.type().typeName().name()),
          decimal ? p.type().precision() : null, decimal ? p.type().scale() : null, null, i, ParameterMode.IN,
          ParameterType.PARAM, null, p.comment()));
    }
    ColumnTypeName returns;
    String returnText;
    if (c.returnType() != null) {
      returns = ColumnTypeName.valueOf(c.returnType().typeName().name());
      returnText = c.returnType().text();
    } else if (isPredicate(c.body())) {
      returns = ColumnTypeName.BOOLEAN;
      returnText = "boolean";
    } else {
      returns = ColumnTypeName.STRING;
      returnText = "string";
    }
    return new CreateFunction(name.object(), name.catalog(), name.schema(), new FunctionParameterInfos(parameters),
        returns, returnText, null, RoutineBody.SQL, c.bodyText(), null, ParameterStyle.S, c.deterministic(),
        SqlDataAccess.CONTAINS_SQL, Boolean.FALSE, SecurityType.DEFINER, name.object(), c.comment(), null, null);
  }

  /** Whether a body without RETURNS yields a boolean: what a row filter is. */
  private static boolean isPredicate(Expression e) {
    if (e instanceof Expression.Binary b) {
      return switch (b.operator()) {
        case AND, OR, EQ, NULL_SAFE_EQ, NEQ, LT, LTE, GT, GTE -> true;
        default -> false;
      };
    }
    if (e instanceof Expression.FunctionCall f) {
      String n = f.name().last().toLowerCase(Locale.ROOT);
      if (n.equals("if") && f.arguments().size() == 3) {
        return isPredicate(f.arguments().get(1)) || isPredicate(f.arguments().get(2));
      }
      return n.equals("is_account_group_member") || n.equals("is_member");
    }
    if (e instanceof Expression.Case c) {
      return c.whens().stream().anyMatch(w -> isPredicate(w.result()));
    }
    return e instanceof Expression.BooleanLiteral || e instanceof Expression.IsNull || e instanceof Expression.In
        || e instanceof Expression.Like || e instanceof Expression.Between
        || e instanceof Expression.Unary u && u.operator() == Expression.UnaryOperator.NOT;
  }

  Result dropFunction(Session session, Statement.Drop d) {
    FullName name = session.object(d.name());
    FunctionEntity f = CatalogLookup.function(name);
    if (f == null && d.ifExists()) {
      return Result.status("No function " + Session.dotted(name) + "; nothing was done.");
    }
    if (f != null) {
      String user = userOf(f);
      if (user != null) {
        throw GatehouseException.failedPrecondition("Function " + f.fullName() + " is in use by table " + user
            + "; drop the row filter or mask first.");
      }
    }
    functions.delete(Session.dotted(name));
    return Result.status("Dropped function " + Session.dotted(name) + ".");
  }

  @SuppressWarnings("unchecked")
  private static String userOf(FunctionEntity f) {
    List<Object> rows = Panache.getEntityManager().createNativeQuery(
            "SELECT c.name || '.' || s.name || '.' || t.name FROM tables t JOIN schemas s ON s.id = t.schema_id"
                + " JOIN catalogs c ON c.id = s.catalog_id WHERE t.id IN (SELECT table_id FROM row_filters WHERE function_id = ?1"
                + " UNION SELECT table_id FROM column_masks WHERE function_id = ?1) ORDER BY 1 LIMIT 1")
        .setParameter(1, f.id)
        .getResultList();
    return rows.isEmpty() ? null : (String) rows.get(0);
  }

  /** WITH ROW FILTER and column MASK clauses of a CREATE TABLE that created the table. */
  void applyCreateTablePolicies(Session session, Statement.CreateTable c) {
    if (c.rowFilter() != null) {
      setRowFilter(session, c.name(), c.rowFilter());
    }
    for (ColumnDefinition column : c.columns()) {
      if (column.mask() != null) {
        setMask(session, c.name(), column.name(), column.mask());
      }
    }
  }

  Result setRowFilter(Session session, QualifiedName tableName, RowFilter filter) {
    TableEntity table = tables.get(Session.dotted(session.object(tableName)));
    authorizer.require(Operation.SET_ROW_FILTER, Securables.of(table));
    FunctionEntity function = callable(session, filter.function(), Operation.SET_ROW_FILTER);
    List<String> columns = new ArrayList<>();
    List<String> arguments = arguments(table, filter.arguments(), columns);
    checkArity(function, arguments.size(), "ROW FILTER ... ON (" + String.join(", ", arguments) + ")");
    Panache.getEntityManager().createNativeQuery(
            "INSERT INTO row_filters (table_id, function_id, columns, set_by, set_at) VALUES (?1, ?2, CAST(?3 AS jsonb), ?4, now())"
                + " ON CONFLICT (table_id) DO UPDATE SET function_id = EXCLUDED.function_id, columns = EXCLUDED.columns,"
                + " set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at")
        .setParameter(1, table.id).setParameter(2, function.id).setParameter(3, FunctionBodies.argumentsJson(arguments))
        .setParameter(4, caller.name())
        .executeUpdate();
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("function_name", function.fullName());
    shown.put("input_column_names", columns);
    table.rowFilter = StoredJson.write(shown);
    table.stampUpdated(caller.name());
    changed(Operation.SET_ROW_FILTER, table, function.fullName() + " ON (" + String.join(", ", arguments) + ")");
    return Result.status("Set row filter " + function.fullName() + " on table " + table.fullName() + ".");
  }

  Result dropRowFilter(Session session, QualifiedName tableName) {
    TableEntity table = tables.get(Session.dotted(session.object(tableName)));
    authorizer.require(Operation.DROP_ROW_FILTER, Securables.of(table));
    int removed = Panache.getEntityManager().createNativeQuery("DELETE FROM row_filters WHERE table_id = ?1")
        .setParameter(1, table.id).executeUpdate();
    if (removed == 0) {
      return Result.status("Table " + table.fullName() + " has no row filter; nothing was done.");
    }
    table.rowFilter = null;
    table.stampUpdated(caller.name());
    changed(Operation.DROP_ROW_FILTER, table, null);
    return Result.status("Dropped the row filter of table " + table.fullName() + ".");
  }

  Result setMask(Session session, QualifiedName tableName, String column, ColumnMask mask) {
    TableEntity table = tables.get(Session.dotted(session.object(tableName)));
    authorizer.require(Operation.SET_COLUMN_MASK, Securables.of(table));
    String columnName = TableColumns.existing(table, column);
    FunctionEntity function = callable(session, mask.function(), Operation.SET_COLUMN_MASK);
    List<String> usingColumns = new ArrayList<>();
    List<String> using = arguments(table, mask.usingColumns(), usingColumns);
    checkArity(function, using.size() + 1, "MASK on column " + columnName);
    Panache.getEntityManager().createNativeQuery(
            "INSERT INTO column_masks (table_id, column_name, function_id, using_columns, set_by, set_at)"
                + " VALUES (?1, ?2, ?3, CAST(?4 AS jsonb), ?5, now()) ON CONFLICT (table_id, column_name) DO UPDATE"
                + " SET function_id = EXCLUDED.function_id, using_columns = EXCLUDED.using_columns,"
                + " set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at")
        .setParameter(1, table.id).setParameter(2, columnName).setParameter(3, function.id)
        .setParameter(4, FunctionBodies.argumentsJson(using)).setParameter(5, caller.name())
        .executeUpdate();
    TableColumns.edit(table, columnName, c -> {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("function_name", function.fullName());
      shown.put("using_column_names", usingColumns);
      c.put("mask", shown);
    });
    table.stampUpdated(caller.name());
    changed(Operation.SET_COLUMN_MASK, table, columnName + ": " + function.fullName());
    return Result.status("Set mask " + function.fullName() + " on column " + table.fullName() + "." + columnName + ".");
  }

  Result dropMask(Session session, QualifiedName tableName, String column) {
    TableEntity table = tables.get(Session.dotted(session.object(tableName)));
    authorizer.require(Operation.DROP_COLUMN_MASK, Securables.of(table));
    String columnName = TableColumns.existing(table, column);
    int removed = Panache.getEntityManager()
        .createNativeQuery("DELETE FROM column_masks WHERE table_id = ?1 AND column_name = ?2")
        .setParameter(1, table.id).setParameter(2, columnName).executeUpdate();
    if (removed == 0) {
      return Result.status("Column " + table.fullName() + "." + columnName + " has no mask; nothing was done.");
    }
    TableColumns.edit(table, columnName, c -> c.remove("mask"));
    table.stampUpdated(caller.name());
    changed(Operation.DROP_COLUMN_MASK, table, columnName);
    return Result.status("Dropped the mask of column " + table.fullName() + "." + columnName + ".");
  }

  /** The function a filter or mask will call: the caller must see it and hold EXECUTE on it. */
  private FunctionEntity callable(Session session, QualifiedName name, Operation action) {
    FunctionEntity function = functions.get(Session.dotted(session.object(name)));
    authorizer.requirePrivilege(action, Securables.of(function), Privilege.EXECUTE);
    String body = StoredJson.read(function.definition, CreateFunction.class).routineDefinition();
    try {
      FunctionBodies.parse(body);
    } catch (io.gatehouse.server.sql.parse.SqlSyntaxException e) {
      throw GatehouseException.invalid("Function " + function.fullName() + " is not a SQL expression Gatehouse can"
          + " apply as a filter or mask: " + e.getMessage());
    }
    return function;
  }

  /**
   * Arguments as SQL: a plain name must be a column of the table (its stored spelling goes into
   * {@code columns}); constants pass as written. Anything else is refused.
   */
  private static List<String> arguments(TableEntity table, List<Expression> given, List<String> columns) {
    List<String> sql = new ArrayList<>();
    for (Expression e : given) {
      if (e instanceof Expression.ColumnRef ref && ref.parts().size() == 1) {
        String column = TableColumns.existing(table, ref.parts().get(0));
        columns.add(column);
        sql.add(QualifiedName.quoteIfNeeded(column));
      } else if (e instanceof Expression.StringLiteral || e instanceof Expression.NumericLiteral
          || e instanceof Expression.BooleanLiteral || e instanceof Expression.NullLiteral) {
        sql.add(e.toSql());
      } else {
        throw GatehouseException.invalid("An argument of a row filter or mask must be a column of the table or a"
            + " constant, not " + e.toSql() + ".");
      }
    }
    return sql;
  }

  private static void checkArity(FunctionEntity function, int given, String where) {
    CreateFunction definition = StoredJson.read(function.definition, CreateFunction.class);
    int wanted = definition.inputParams() == null || definition.inputParams().parameters() == null
        ? 0 : definition.inputParams().parameters().size();
    if (wanted != given) {
      throw GatehouseException.invalid("Function " + function.fullName() + " takes " + wanted + " argument"
          + (wanted == 1 ? "" : "s") + ", but " + where + " passes " + given + ".");
    }
  }

  private void changed(Operation action, TableEntity table, String detail) {
    trail.succeeded(action.auditName(), Securables.of(table), detail);
  }

  Result setTags(Session session, Statement.SetTags t) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag tag : t.tags()) {
      Validation.required("tag key", tag.key(), MAX_TAG_KEY);
      tags.put(tag.key(), Validation.text("tag value", tag.value() == null ? "" : tag.value(), MAX_TAG_VALUE));
    }
    String where = editTags(session, t.securable(), t.name(), t.column(), current -> current.putAll(tags));
    return Result.status("Set " + tags.size() + " tag" + (tags.size() == 1 ? "" : "s") + " on " + where + ".");
  }

  Result unsetTags(Session session, Statement.UnsetTags t) {
    String where = editTags(session, t.securable(), t.name(), t.column(), current -> t.keys().forEach(current::remove));
    return Result.status("Unset " + t.keys().size() + " tag" + (t.keys().size() == 1 ? "" : "s") + " on " + where + ".");
  }

  @SuppressWarnings("unchecked")
  private String editTags(Session session, SecurableKind kind, QualifiedName name, String column,
      java.util.function.Consumer<Map<String, String>> edit) {
    switch (kind) {
      case CATALOG -> {
        CatalogEntity c = catalogs.get(session.catalog(name));
        authorizer.require(Operation.SET_TAGS, Securables.of(c));
        c.tags = edited(c.tags, edit);
        tagged(Securables.of(c), c.tags);
        return "catalog " + c.name;
      }
      case SCHEMA -> {
        SchemaEntity s = schemas.get(Session.dotted(session.schema(name)));
        authorizer.require(Operation.SET_TAGS, Securables.of(s));
        s.tags = edited(s.tags, edit);
        tagged(Securables.of(s), s.tags);
        return "schema " + s.fullName();
      }
      case TABLE, VIEW -> {
        TableEntity t = tables.get(Session.dotted(session.object(name)));
        authorizer.require(Operation.SET_TAGS, Securables.of(t));
        if (column == null) {
          t.tags = edited(t.tags, edit);
          tagged(Securables.of(t), t.tags);
          return "table " + t.fullName();
        }
        String columnName = TableColumns.existing(t, column);
        TableColumns.edit(t, columnName, c -> {
          Map<String, String> current = new LinkedHashMap<>(c.get("tags") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of());
          edit.accept(current);
          if (current.isEmpty()) {
            c.remove("tags");
          } else {
            c.put("tags", current);
          }
        });
        tagged(Securables.of(t), columnName);
        return "column " + t.fullName() + "." + columnName;
      }
      case VOLUME -> {
        VolumeEntity v = volumes.get(Session.dotted(session.object(name)));
        authorizer.require(Operation.SET_TAGS, Securables.of(v));
        v.tags = edited(v.tags, edit);
        tagged(Securables.of(v), v.tags);
        return "volume " + v.fullName();
      }
      default -> throw GrantStatements.unsupported(kind, "tags");
    }
  }

  @SuppressWarnings("unchecked")
  private static String edited(String json, java.util.function.Consumer<Map<String, String>> edit) {
    Map<String, String> current = new LinkedHashMap<>(json == null ? Map.of() : StoredJson.read(json, Map.class));
    edit.accept(current);
    return StoredJson.write(current);
  }

  private void tagged(io.gatehouse.policy.Target target, String detail) {
    trail.succeeded("SET_TAGS", target, detail);
  }
}
