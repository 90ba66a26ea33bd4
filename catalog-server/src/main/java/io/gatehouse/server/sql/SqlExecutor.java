package io.gatehouse.server.sql;

import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.sql.SqlApi.StatementResult;
import io.gatehouse.server.sql.parse.SqlParser;
import io.gatehouse.server.sql.parse.SqlSyntaxException;
import io.gatehouse.server.sql.parse.Statement;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a script: parses all of it first, then executes each statement as the caller, in one
 * transaction. A failing statement rolls back the whole script and is named in the error with
 * its line, so that nothing of a failed script is applied.
 *
 * <p>Decisions use the policy snapshot of when the script started: a grant made by the script
 * takes effect for the requests after it, not for the statements after it in the same script.
 */
@ApplicationScoped
public class SqlExecutor {
  private final GrantStatements grants;
  private final DefinitionStatements definitions;
  private final PropertyStatements properties;
  private final ShowStatements shows;
  private final FunctionStatements functions;
  private final DataPolicyStatements dataPolicies;
  private final TagStatements tags;
  private final PolicyStatementRunner policies;
  private final ColumnStatements columns;

  SqlExecutor(GrantStatements grants, DefinitionStatements definitions, PropertyStatements properties,
      ShowStatements shows, FunctionStatements functions, DataPolicyStatements dataPolicies, TagStatements tags,
      PolicyStatementRunner policies, ColumnStatements columns) {
    this.policies = policies;
    this.columns = columns;
    this.grants = grants;
    this.definitions = definitions;
    this.properties = properties;
    this.shows = shows;
    this.functions = functions;
    this.dataPolicies = dataPolicies;
    this.tags = tags;
  }

  @Transactional
  public List<StatementResult> execute(String script, String catalog, String schema) {
    List<Statement> statements;
    try {
      statements = SqlParser.parse(script);
    } catch (SqlSyntaxException e) {
      throw syntaxError(e);
    }
    if (statements.isEmpty()) {
      throw GatehouseException.invalid("Field 'statement' holds no SQL statement.");
    }
    Session session = new Session(blankToNull(catalog), blankToNull(schema));
    List<StatementResult> results = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      try {
        Result r = run(statement, session);
        // Each statement sees what the ones before it did, cascades of the database included.
        var em = Panache.getEntityManager();
        em.flush();
        em.clear();
        results.add(new StatementResult(statement.source().text(), statement.source().line(), r.status(),
            r.columns(), r.rows()));
      } catch (GatehouseException e) {
        throw inStatement(e, statements.size(), i, statement);
      }
    }
    return results;
  }

  private Result run(Statement s, Session session) {
    if (s instanceof Statement.Grant g) {
      return grants.change(session, g.privileges(), g.securable(), g.name(), g.principal(), true, false);
    } else if (s instanceof Statement.Revoke r) {
      return grants.change(session, r.privileges(), r.securable(), r.name(), r.principal(), false, false);
    } else if (s instanceof Statement.Deny d) {
      return grants.change(session, d.privileges(), d.securable(), d.name(), d.principal(), true, true);
    } else if (s instanceof Statement.RevokeDeny r) {
      return grants.change(session, r.privileges(), r.securable(), r.name(), r.principal(), false, true);
    } else if (s instanceof Statement.ShowGrants g) {
      return g.securable() == null ? grants.showGrantsTo(g.principal()) : grants.showGrantsOn(session, g);
    } else if (s instanceof Statement.SetOwner o) {
      return grants.setOwner(session, o);
    } else if (s instanceof Statement.CreateCatalog c) {
      return definitions.createCatalog(c);
    } else if (s instanceof Statement.CreateSchema c) {
      return definitions.createSchema(session, c);
    } else if (s instanceof Statement.CreateTable c) {
      boolean existed = c.ifNotExists() && io.gatehouse.server.catalog.CatalogLookup.table(session.object(c.name())) != null;
      Result created = definitions.createTable(session, c);
      if (!existed) {
        dataPolicies.applyCreateTablePolicies(session, c);
      }
      return created;
    } else if (s instanceof Statement.CreateVolume c) {
      return definitions.createVolume(session, c);
    } else if (s instanceof Statement.CreateFunction c) {
      return functions.createFunction(session, c);
    } else if (s instanceof Statement.Drop d) {
      return d.securable() == io.gatehouse.server.sql.parse.SecurableKind.FUNCTION
          ? functions.dropFunction(session, d) : definitions.drop(session, d);
    } else if (s instanceof Statement.Rename r) {
      return definitions.rename(session, r);
    } else if (s instanceof Statement.SetProperties p) {
      return properties.setProperties(session, p);
    } else if (s instanceof Statement.UnsetProperties p) {
      return properties.unsetProperties(session, p);
    } else if (s instanceof Statement.CommentOn c) {
      return properties.commentOn(session, c);
    } else if (s instanceof Statement.AddColumns a) {
      return columns.add(session, a);
    } else if (s instanceof Statement.RenameColumn r) {
      return columns.rename(session, r);
    } else if (s instanceof Statement.DropColumns d) {
      return columns.drop(session, d);
    } else if (s instanceof Statement.ShowObjects o) {
      return shows.show(session, o);
    } else if (s instanceof Statement.Describe d) {
      return shows.describe(session, d);
    } else if (s instanceof Statement.Use u) {
      return shows.use(session, u);
    } else if (s instanceof Statement.SetRowFilter f) {
      return dataPolicies.setRowFilter(session, f.table(), f.filter());
    } else if (s instanceof Statement.DropRowFilter f) {
      return dataPolicies.dropRowFilter(session, f.table());
    } else if (s instanceof Statement.SetColumnMask m) {
      return dataPolicies.setMask(session, m.table(), m.column(), m.mask());
    } else if (s instanceof Statement.DropColumnMask m) {
      return dataPolicies.dropMask(session, m.table(), m.column());
    } else if (s instanceof Statement.SetTags t) {
      return tags.setTags(session, t);
    } else if (s instanceof Statement.UnsetTags t) {
      return tags.unsetTags(session, t);
    } else if (s instanceof Statement.CreatePolicy p) {
      return policies.create(session, p);
    } else if (s instanceof Statement.CreateAccessPolicy p) {
      return policies.create(session, p);
    } else if (s instanceof Statement.DropPolicy p) {
      return policies.drop(session, p);
    } else if (s instanceof Statement.ShowPolicies p) {
      return policies.show(session, p);
    } else if (s instanceof Statement.DescribePolicy p) {
      return policies.describe(session, p);
    }
    // Deny by default: a statement without an implementation is refused, never skipped.
    throw new GatehouseException(ErrorCode.UNIMPLEMENTED, "This statement is not supported.");
  }

  private static GatehouseException syntaxError(SqlSyntaxException e) {
    Map<String, String> where = new LinkedHashMap<>();
    where.put("line", Integer.toString(e.line()));
    where.put("column", Integer.toString(e.column()));
    if (!e.expected().isEmpty()) {
      where.put("expected", String.join(", ", e.expected()));
    }
    return new GatehouseException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), where);
  }

  private static GatehouseException inStatement(GatehouseException e, int count, int index, Statement statement) {
    Map<String, String> where = new LinkedHashMap<>(e.metadata());
    where.put("statement_index", Integer.toString(index));
    where.put("line", Integer.toString(statement.source().line()));
    String message = count == 1 ? e.getMessage()
        : "Statement " + (index + 1) + " (line " + statement.source().line() + ") failed; nothing was applied: "
            + e.getMessage();
    return new GatehouseException(e.errorCode(), message, where);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
