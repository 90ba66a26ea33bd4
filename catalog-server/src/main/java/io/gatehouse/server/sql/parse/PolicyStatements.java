package io.gatehouse.server.sql.parse;

import io.gatehouse.server.sql.parse.DatabricksSqlParser.AccessPolicyBodyContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CreatePolicyContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.MatchColumnContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PolicyBodyContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PolicyScopeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PrincipalContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds CREATE POLICY and names the scope of the policy statements. */
final class PolicyStatements {
  private final ExpressionBuilder expressions;

  PolicyStatements(ExpressionBuilder expressions) {
    this.expressions = expressions;
  }

  record Scope(SecurableKind kind, QualifiedName name) {}

  static Scope scope(PolicyScopeContext ctx) {
    SecurableKind kind = switch (ctx.kind.getType()) {
      case DatabricksSqlLexer.CATALOG -> SecurableKind.CATALOG;
      case DatabricksSqlLexer.SCHEMA -> SecurableKind.SCHEMA;
      default -> SecurableKind.TABLE;
    };
    return new Scope(kind, Names.of(ctx.qualifiedName(), kind));
  }

  Statement create(CreatePolicyContext ctx, SourceSpan span) {
    Scope on = scope(ctx.policyScope());
    if (ctx.accessPolicyBody() != null) {
      return createAccess(ctx, ctx.accessPolicyBody(), on, span);
    }
    PolicyBodyContext body = ctx.policyBody();
    boolean rowFilter = body.ROW() != null;
    List<Statement.MatchColumn> match = new ArrayList<>();
    Set<String> aliases = new HashSet<>();
    for (MatchColumnContext m : body.matchColumn()) {
      String alias = m.alias == null ? null : Literals.identifier(m.alias);
      if (alias != null && !aliases.add(alias.toLowerCase(Locale.ROOT))) {
        throw SyntaxErrors.at(m.alias.start, "alias '" + alias + "' is given twice");
      }
      match.add(new Statement.MatchColumn(expressions.build(m.expression()).toSql(), alias));
    }
    String onColumn = body.onColumn == null ? null : Literals.identifier(body.onColumn);
    if (rowFilter && onColumn != null) {
      throw SyntaxErrors.at(body.onColumn.start, "ON COLUMN applies only to a COLUMN MASK policy");
    }
    if (!rowFilter && onColumn == null) {
      throw SyntaxErrors.at(body.stop, "a COLUMN MASK policy needs ON COLUMN alias");
    }
    if (onColumn != null && !aliases.contains(onColumn.toLowerCase(Locale.ROOT))) {
      throw SyntaxErrors.at(body.onColumn.start, "ON COLUMN names alias '" + onColumn + "', which MATCH COLUMNS does not give");
    }
    List<Expression> using = body.functionArguments() == null
        ? List.of() : Clauses.functionArguments(body.functionArguments(), expressions);
    return new Statement.CreatePolicy(ctx.REPLACE() != null, Literals.identifier(ctx.identifier()), on.kind(), on.name(),
        ctx.stringLiteral() == null ? null : Literals.string(ctx.stringLiteral()), rowFilter, Names.function(body.function),
        principals(body.to), principals(body.except), body.when == null ? null : expressions.build(body.when).toSql(),
        match, onColumn, using, span);
  }

  /** A GRANT or DENY policy; the clauses of filters and masks are refused by name. */
  private Statement createAccess(CreatePolicyContext ctx, AccessPolicyBodyContext body, Scope on, SourceSpan span) {
    String verb = body.verb.getType() == DatabricksSqlLexer.DENY ? "DENY" : "GRANT";
    if (!body.matchColumn().isEmpty()) {
      throw SyntaxErrors.at(body.MATCH().getSymbol(), "MATCH COLUMNS applies to ROW FILTER and COLUMN MASK policies only;"
          + " a " + verb + " policy matches whole tables, schemas or volumes by its WHEN condition");
    }
    if (body.onColumn != null) {
      throw SyntaxErrors.at(body.onColumn.start, "ON COLUMN applies only to a COLUMN MASK policy");
    }
    if (body.functionArguments() != null) {
      throw SyntaxErrors.at(body.functionArguments().start, "USING COLUMNS applies to ROW FILTER and COLUMN MASK policies only");
    }
    String forKind = "TABLE";
    if (body.forKind != null) {
      String word = Literals.identifier(body.forKind).toUpperCase(Locale.ROOT);
      forKind = switch (word) {
        case "TABLES", "TABLE" -> "TABLE";
        case "SCHEMAS", "SCHEMA", "DATABASES", "DATABASE" -> "SCHEMA";
        case "VOLUMES", "VOLUME" -> "VOLUME";
        default -> throw SyntaxErrors.at(body.forKind.start, "a " + verb + " policy is FOR TABLES, FOR SCHEMAS or FOR VOLUMES,"
            + " not FOR " + Literals.identifier(body.forKind));
      };
    }
    List<String> privileges = body.privileges().privilege().stream().map(StatementBuilder::privilege).toList();
    return new Statement.CreateAccessPolicy(ctx.REPLACE() != null, Literals.identifier(ctx.identifier()), on.kind(), on.name(),
        ctx.stringLiteral() == null ? null : Literals.string(ctx.stringLiteral()), verb.equals("DENY"), privileges,
        principals(body.to), principals(body.except), forKind, body.when == null ? null : expressions.build(body.when).toSql(),
        span);
  }

  private static List<String> principals(List<PrincipalContext> list) {
    return list.stream().map(Clauses::principal).toList();
  }
}
