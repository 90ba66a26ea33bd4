package io.gatehouse.server.sql;

import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.CatalogLookup;
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
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.catalog.TableApi.ColumnTypeName;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.sql.parse.Expression;
import io.gatehouse.server.sql.parse.FunctionParameter;
import io.gatehouse.server.sql.parse.Statement;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CREATE [OR REPLACE] FUNCTION and DROP FUNCTION: the SQL functions that row filters and column
 * masks call. A body may refer only to its parameters, and a function in use by a filter or mask
 * cannot be dropped.
 */
@ApplicationScoped
class FunctionStatements {
  private final FunctionService functions;
  private final Authorizer authorizer;
  private final CallerContext caller;

  FunctionStatements(FunctionService functions, Authorizer authorizer, CallerContext caller) {
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
      List<?> policies = Panache.getEntityManager()
          .createNativeQuery("SELECT name FROM abac_policies WHERE function_id = ?1 ORDER BY lower(name) LIMIT 1")
          .setParameter(1, f.id).getResultList();
      if (!policies.isEmpty()) {
        throw GatehouseException.failedPrecondition("Function " + f.fullName() + " is in use by policy " + policies.get(0)
            + "; drop the policy first.");
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
}
