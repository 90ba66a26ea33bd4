package io.gatehouse.server.sql;

import io.gatehouse.policy.Privilege;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.FunctionApi.CreateFunction;
import io.gatehouse.server.catalog.FunctionEntity;
import io.gatehouse.server.catalog.FunctionService;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.sql.parse.ColumnDefinition;
import io.gatehouse.server.sql.parse.ColumnMask;
import io.gatehouse.server.sql.parse.Expression;
import io.gatehouse.server.sql.parse.QualifiedName;
import io.gatehouse.server.sql.parse.RowFilter;
import io.gatehouse.server.sql.parse.Statement;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row filters and column masks. A filter or mask is stored for the policy snapshot (which
 * compiles it into Ranger) and shown in table info; setting one needs MANAGE on the table (or its
 * ownership) and EXECUTE on the function.
 */
@ApplicationScoped
class DataPolicyStatements {
  private final TableService tables;
  private final FunctionService functions;
  private final Authorizer authorizer;
  private final AuditTrail trail;
  private final CallerContext caller;

  DataPolicyStatements(TableService tables, FunctionService functions, Authorizer authorizer,
      CallerContext caller, AuditTrail trail) {
    this.tables = tables;
    this.functions = functions;
    this.authorizer = authorizer;
    this.caller = caller;
    this.trail = trail;
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
}
