package io.gatehouse.server.sql.parse;

import io.gatehouse.policy.Privilege;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.AlterContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CommentKindContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CommentOnContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CreateCatalogContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CreateFunctionContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CreateSchemaContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CreateTableContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CreateVolumeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DenyContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DescribeCatalogContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DescribeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DescribeFunctionContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DescribeSchemaContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DescribeTableContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DescribeTargetContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DescribeVolumeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DropContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DropKindContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.GrantContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ObjectKindContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PrivilegeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PrivilegesContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.QualifiedNameContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.RevokeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SecurableContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ShowCatalogsContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ShowGrantsContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ShowGrantsToContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ShowObjectsContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ShowPatternContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.UseContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Interval;

/** Builds a {@link Statement} from each statement of the parse tree. */
final class StatementBuilder extends DatabricksSqlParserBaseVisitor<Statement> {
  private static final Set<String> KNOWN_PRIVILEGES =
      Arrays.stream(Privilege.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

  private final CharStream input;
  private final ExpressionBuilder expressions = new ExpressionBuilder();
  private final CreateStatements creates;
  private final AlterStatements alters;
  private final PolicyStatements policies;

  StatementBuilder(CharStream input, TokenStream tokens) {
    this.input = input;
    this.creates = new CreateStatements(expressions, tokens, this::text);
    this.alters = new AlterStatements(expressions, creates::column);
    this.policies = new PolicyStatements(expressions);
  }

  Statement build(ParserRuleContext statement) {
    Statement built = visit(statement);
    if (built == null) {
      throw new IllegalStateException("No builder for " + statement.getClass().getSimpleName());
    }
    return built;
  }

  /** The exact text of a part of the parse tree, comments inside it included. */
  String text(ParserRuleContext ctx) {
    return input.getText(Interval.of(ctx.start.getStartIndex(), ctx.stop.getStopIndex()));
  }

  private SourceSpan span(ParserRuleContext ctx) {
    return new SourceSpan(text(ctx), ctx.start.getLine(), ctx.start.getCharPositionInLine() + 1);
  }

  @Override
  public Statement visitGrant(GrantContext ctx) {
    Target on = securable(ctx.securable());
    return new Statement.Grant(privileges(ctx.privileges()), on.kind(), on.name(), Clauses.principal(ctx.principal()),
        span(ctx));
  }

  @Override
  public Statement visitRevoke(RevokeContext ctx) {
    Target on = securable(ctx.securable());
    List<String> privileges = privileges(ctx.privileges());
    String principal = Clauses.principal(ctx.principal());
    return ctx.DENY() == null
        ? new Statement.Revoke(privileges, on.kind(), on.name(), principal, span(ctx))
        : new Statement.RevokeDeny(privileges, on.kind(), on.name(), principal, span(ctx));
  }

  @Override
  public Statement visitDeny(DenyContext ctx) {
    Target on = securable(ctx.securable());
    return new Statement.Deny(privileges(ctx.privileges()), on.kind(), on.name(), Clauses.principal(ctx.principal()),
        span(ctx));
  }

  @Override
  public Statement visitShowGrants(ShowGrantsContext ctx) {
    Target on = securable(ctx.securable());
    String principal = ctx.principal() == null ? null : Clauses.principal(ctx.principal());
    return new Statement.ShowGrants(principal, on.kind(), on.name(), span(ctx));
  }

  @Override
  public Statement visitShowGrantsTo(ShowGrantsToContext ctx) {
    return new Statement.ShowGrants(Clauses.principal(ctx.principal()), null, null, span(ctx));
  }

  @Override
  public Statement visitAlter(AlterContext ctx) {
    SecurableKind kind = kind(ctx.objectKind());
    return alters.build(kind, Names.of(ctx.qualifiedName(), kind), ctx.alterAction(), span(ctx));
  }

  /** Databricks' {@code SET TAG ON kind name key [= value]}: ALTER ... SET TAGS of that one tag. */
  @Override
  public Statement visitSetTagOn(DatabricksSqlParser.SetTagOnContext ctx) {
    Tag tag = new Tag(tagWord(ctx.tagKey), ctx.tagValue == null ? null : tagWord(ctx.tagValue));
    TagTarget on = tagTarget(ctx.tagTarget(), "SET TAG");
    return new Statement.SetTags(on.kind(), on.name(), on.column(), java.util.List.of(tag), span(ctx));
  }

  /** Databricks' {@code UNSET TAG ON kind name key}: ALTER ... UNSET TAGS of that one key. */
  @Override
  public Statement visitUnsetTagOn(DatabricksSqlParser.UnsetTagOnContext ctx) {
    TagTarget on = tagTarget(ctx.tagTarget(), "UNSET TAG");
    return new Statement.UnsetTags(on.kind(), on.name(), on.column(), java.util.List.of(tagWord(ctx.tagKey)), span(ctx));
  }

  private record TagTarget(SecurableKind kind, QualifiedName name, String column) {}

  private static TagTarget tagTarget(DatabricksSqlParser.TagTargetContext ctx, String what) {
    if (ctx.column != null) {
      QualifiedName column = Names.column(ctx.column);
      return new TagTarget(SecurableKind.TABLE, new QualifiedName(column.parts().subList(0, column.size() - 1)),
          column.last());
    }
    SecurableKind kind = kind(ctx.objectKind());
    if (!java.util.EnumSet.of(SecurableKind.CATALOG, SecurableKind.SCHEMA, SecurableKind.TABLE, SecurableKind.VIEW,
        SecurableKind.VOLUME).contains(kind)) {
      throw SyntaxErrors.at(ctx.start, what + " applies only to CATALOG, SCHEMA, TABLE, VIEW, VOLUME and COLUMN, not "
          + kind.keyword());
    }
    return new TagTarget(kind, Names.of(ctx.qualifiedName(), kind), null);
  }

  private static String tagWord(DatabricksSqlParser.TagWordContext ctx) {
    return ctx.identifier() != null ? Literals.identifier(ctx.identifier()) : Literals.string(ctx.stringLiteral());
  }

  @Override
  public Statement visitCreateCatalog(CreateCatalogContext ctx) {
    return creates.catalog(ctx, span(ctx));
  }

  @Override
  public Statement visitCreateSchema(CreateSchemaContext ctx) {
    return creates.schema(ctx, span(ctx));
  }

  @Override
  public Statement visitCreateTable(CreateTableContext ctx) {
    return creates.table(ctx, span(ctx));
  }

  @Override
  public Statement visitCreateVolume(CreateVolumeContext ctx) {
    return creates.volume(ctx, span(ctx));
  }

  @Override
  public Statement visitCreateFunction(CreateFunctionContext ctx) {
    return creates.function(ctx, span(ctx));
  }

  @Override
  public Statement visitCreatePolicy(DatabricksSqlParser.CreatePolicyContext ctx) {
    return policies.create(ctx, span(ctx));
  }

  @Override
  public Statement visitDropPolicy(DatabricksSqlParser.DropPolicyContext ctx) {
    PolicyStatements.Scope on = PolicyStatements.scope(ctx.policyScope());
    return new Statement.DropPolicy(Literals.identifier(ctx.identifier()), on.kind(), on.name(), span(ctx));
  }

  @Override
  public Statement visitShowPolicies(DatabricksSqlParser.ShowPoliciesContext ctx) {
    PolicyStatements.Scope on = PolicyStatements.scope(ctx.policyScope());
    return new Statement.ShowPolicies(on.kind(), on.name(), span(ctx));
  }

  @Override
  public Statement visitDrop(DropContext ctx) {
    SecurableKind kind = kind(ctx.dropKind());
    boolean cascade = ctx.CASCADE() != null;
    if (cascade && kind != SecurableKind.CATALOG && kind != SecurableKind.SCHEMA) {
      throw SyntaxErrors.at(ctx.CASCADE().getSymbol(), "CASCADE applies only to CATALOG and SCHEMA");
    }
    return new Statement.Drop(kind, Names.of(ctx.qualifiedName(), kind), ctx.ifExists() != null, cascade, span(ctx));
  }

  @Override
  public Statement visitCommentOn(CommentOnContext ctx) {
    String comment = ctx.stringLiteral() == null ? null : Literals.string(ctx.stringLiteral());
    CommentKindContext kind = ctx.commentKind();
    if (kind.COLUMN() != null) {
      QualifiedName column = Names.column(ctx.qualifiedName());
      return new Statement.CommentOn(SecurableKind.TABLE, column.parent(), column.last(), comment, span(ctx));
    }
    SecurableKind securable = switch (kind.start.getType()) {
      case DatabricksSqlLexer.CATALOG -> SecurableKind.CATALOG;
      case DatabricksSqlLexer.TABLE -> SecurableKind.TABLE;
      case DatabricksSqlLexer.VOLUME -> SecurableKind.VOLUME;
      default -> SecurableKind.SCHEMA;
    };
    return new Statement.CommentOn(securable, Names.of(ctx.qualifiedName(), securable), null, comment, span(ctx));
  }

  @Override
  public Statement visitShowCatalogs(ShowCatalogsContext ctx) {
    return new Statement.ShowObjects(SecurableKind.CATALOG, null, pattern(ctx.showPattern()), span(ctx));
  }

  @Override
  public Statement visitShowObjects(ShowObjectsContext ctx) {
    SecurableKind listed = switch (ctx.kind.getType()) {
      case DatabricksSqlLexer.TABLES -> SecurableKind.TABLE;
      case DatabricksSqlLexer.VIEWS -> SecurableKind.VIEW;
      case DatabricksSqlLexer.VOLUMES -> SecurableKind.VOLUME;
      case DatabricksSqlLexer.FUNCTIONS -> SecurableKind.FUNCTION;
      default -> SecurableKind.SCHEMA;
    };
    SecurableKind container = listed == SecurableKind.SCHEMA ? SecurableKind.CATALOG : SecurableKind.SCHEMA;
    QualifiedName in = ctx.qualifiedName() == null ? null : Names.of(ctx.qualifiedName(), container);
    return new Statement.ShowObjects(listed, in, pattern(ctx.showPattern()), span(ctx));
  }

  private static String pattern(ShowPatternContext ctx) {
    return ctx == null ? null : Literals.string(ctx.stringLiteral());
  }

  @Override
  public Statement visitDescribe(DescribeContext ctx) {
    DescribeTargetContext target = ctx.describeTarget();
    if (target instanceof DatabricksSqlParser.DescribePolicyContext policy) {
      PolicyStatements.Scope on = PolicyStatements.scope(policy.policyScope());
      return new Statement.DescribePolicy(Literals.identifier(policy.identifier()), on.kind(), on.name(), span(ctx));
    }
    SecurableKind kind;
    boolean extended;
    if (target instanceof DescribeCatalogContext catalog) {
      kind = SecurableKind.CATALOG;
      extended = catalog.EXTENDED() != null;
    } else if (target instanceof DescribeSchemaContext schema) {
      kind = SecurableKind.SCHEMA;
      extended = schema.EXTENDED() != null;
    } else if (target instanceof DescribeVolumeContext) {
      kind = SecurableKind.VOLUME;
      extended = false;
    } else if (target instanceof DescribeFunctionContext function) {
      kind = SecurableKind.FUNCTION;
      extended = function.EXTENDED() != null;
    } else {
      kind = SecurableKind.TABLE;
      extended = ((DescribeTableContext) target).EXTENDED() != null;
    }
    QualifiedNameContext name = target.getRuleContext(QualifiedNameContext.class, 0);
    return new Statement.Describe(kind, Names.of(name, kind), extended, span(ctx));
  }

  @Override
  public Statement visitUse(UseContext ctx) {
    SecurableKind kind = ctx.CATALOG() != null ? SecurableKind.CATALOG : SecurableKind.SCHEMA;
    return new Statement.Use(kind, Names.of(ctx.qualifiedName(), kind), span(ctx));
  }

  private record Target(SecurableKind kind, QualifiedName name) {
  }

  private static Target securable(SecurableContext ctx) {
    if (ctx.METASTORE() != null) {
      return new Target(SecurableKind.METASTORE, null);
    }
    if (ctx.unknownKind != null) {
      // Reported as if the kind were required, which it is whenever a name follows a word.
      List<String> kinds = List.of("CATALOG", "DATABASE", "EXTERNAL", "FUNCTION", "METASTORE", "MODEL", "SCHEMA",
          "STORAGE", "TABLE", "VIEW", "VOLUME");
      throw SyntaxErrors.at(ctx.unknownKind.start, "expected one of " + String.join(", ", kinds), kinds);
    }
    if (ctx.objectKind() == null) {
      return new Target(SecurableKind.TABLE, Names.of(ctx.qualifiedName(), SecurableKind.TABLE));
    }
    SecurableKind kind = kind(ctx.objectKind());
    return new Target(kind, Names.of(ctx.qualifiedName(), kind));
  }

  static SecurableKind kind(ObjectKindContext ctx) {
    return switch (ctx.start.getType()) {
      case DatabricksSqlLexer.CATALOG -> SecurableKind.CATALOG;
      case DatabricksSqlLexer.SCHEMA, DatabricksSqlLexer.DATABASE -> SecurableKind.SCHEMA;
      case DatabricksSqlLexer.TABLE -> SecurableKind.TABLE;
      case DatabricksSqlLexer.VIEW -> SecurableKind.VIEW;
      case DatabricksSqlLexer.VOLUME -> SecurableKind.VOLUME;
      case DatabricksSqlLexer.FUNCTION -> SecurableKind.FUNCTION;
      case DatabricksSqlLexer.MODEL -> SecurableKind.MODEL;
      case DatabricksSqlLexer.EXTERNAL -> SecurableKind.EXTERNAL_LOCATION;
      default -> SecurableKind.STORAGE_CREDENTIAL;
    };
  }

  private static SecurableKind kind(DropKindContext ctx) {
    return switch (ctx.start.getType()) {
      case DatabricksSqlLexer.CATALOG -> SecurableKind.CATALOG;
      case DatabricksSqlLexer.TABLE -> SecurableKind.TABLE;
      case DatabricksSqlLexer.VIEW -> SecurableKind.VIEW;
      case DatabricksSqlLexer.VOLUME -> SecurableKind.VOLUME;
      case DatabricksSqlLexer.FUNCTION -> SecurableKind.FUNCTION;
      case DatabricksSqlLexer.MODEL -> SecurableKind.MODEL;
      default -> SecurableKind.SCHEMA;
    };
  }

  private static List<String> privileges(PrivilegesContext ctx) {
    return ctx.privilege().stream().map(StatementBuilder::privilege).toList();
  }

  /**
   * USE CATALOG, use_catalog and `USE CATALOG` are USE_CATALOG, ALL is ALL_PRIVILEGES; words
   * that name no privilege Gatehouse knows stay as written, for the executor to refuse.
   */
  static String privilege(PrivilegeContext ctx) {
    List<String> words = ctx.identifier().stream().map(Literals::identifier).toList();
    String canonical = String.join("_", words).trim().replaceAll("[\\s_]+", "_").toUpperCase(Locale.ROOT);
    if (canonical.equals("ALL")) {
      return Privilege.ALL_PRIVILEGES.name();
    }
    return KNOWN_PRIVILEGES.contains(canonical) ? canonical : String.join(" ", words);
  }
}
