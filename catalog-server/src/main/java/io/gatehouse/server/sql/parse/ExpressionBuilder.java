package io.gatehouse.server.sql.parse;

import io.gatehouse.server.sql.parse.DatabricksSqlParser.BetweenContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.BinaryContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.BooleanLiteralContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CastContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ExpressionContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.InListContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.IsNullContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.LikeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.LiteralContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.LogicalAndContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.LogicalNotContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.LogicalOrContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.NullLiteralContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.NumericLiteralContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ParenthesizedContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PredicateContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PredicatedContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PrimaryContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ReferenceContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SearchedCaseContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SimpleCaseContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.StringConstantContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.TypedLiteralContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.UnaryContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.WhenClauseContext;
import io.gatehouse.server.sql.parse.Expression.BinaryOperator;
import io.gatehouse.server.sql.parse.Expression.UnaryOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.ParserRuleContext;

/**
 * Builds {@link Expression}s from the parse tree. Each operator, predicate, CASE, CAST and call
 * is one level; a tree deeper than {@link SqlParser#MAX_NESTING} is refused before it is built,
 * so that neither this builder nor whoever walks the tree later runs out of stack.
 */
final class ExpressionBuilder extends DatabricksSqlParserBaseVisitor<Expression> {
  private int depth;

  Expression build(ExpressionContext ctx) {
    return visit(ctx);
  }

  // A child one level down.
  private Expression nested(ParserRuleContext child) {
    if (++depth > SqlParser.MAX_NESTING) {
      throw SyntaxErrors.at(child.start, "expression nested too deeply: more than " + SqlParser.MAX_NESTING
          + " levels");
    }
    try {
      return visit(child);
    } finally {
      depth--;
    }
  }

  private List<Expression> nested(List<? extends ParserRuleContext> children) {
    List<Expression> built = new ArrayList<>(children.size());
    for (ParserRuleContext child : children) {
      built.add(nested(child));
    }
    return built;
  }

  @Override
  public Expression visitExpression(ExpressionContext ctx) {
    return visit(ctx.booleanExpression());
  }

  @Override
  public Expression visitLogicalNot(LogicalNotContext ctx) {
    return new Expression.Unary(UnaryOperator.NOT, nested(ctx.booleanExpression()));
  }

  @Override
  public Expression visitLogicalAnd(LogicalAndContext ctx) {
    return new Expression.Binary(BinaryOperator.AND, nested(ctx.left), nested(ctx.right));
  }

  @Override
  public Expression visitLogicalOr(LogicalOrContext ctx) {
    return new Expression.Binary(BinaryOperator.OR, nested(ctx.left), nested(ctx.right));
  }

  @Override
  public Expression visitPredicated(PredicatedContext ctx) {
    PredicateContext predicate = ctx.predicate();
    if (predicate == null) {
      return visit(ctx.valueExpression());
    }
    Expression operand = nested(ctx.valueExpression());
    if (predicate instanceof BetweenContext between) {
      return new Expression.Between(operand, nested(between.lower), nested(between.upper), between.NOT() != null);
    }
    if (predicate instanceof InListContext in) {
      return new Expression.In(operand, nested(in.expression()), in.NOT() != null);
    }
    if (predicate instanceof LikeContext like) {
      return new Expression.Like(operand, nested(like.pattern), like.NOT() != null);
    }
    return new Expression.IsNull(operand, ((IsNullContext) predicate).NOT() != null);
  }

  @Override
  public Expression visitPrimary(PrimaryContext ctx) {
    return visit(ctx.primaryExpression());
  }

  @Override
  public Expression visitUnary(UnaryContext ctx) {
    UnaryOperator operator = ctx.operator.getType() == DatabricksSqlLexer.MINUS ? UnaryOperator.MINUS : UnaryOperator.PLUS;
    return new Expression.Unary(operator, nested(ctx.valueExpression()));
  }

  @Override
  public Expression visitBinary(BinaryContext ctx) {
    return new Expression.Binary(binaryOperator(ctx.operator.getType()), nested(ctx.left), nested(ctx.right));
  }

  private static BinaryOperator binaryOperator(int tokenType) {
    return switch (tokenType) {
      case DatabricksSqlLexer.ASTERISK -> BinaryOperator.MULTIPLY;
      case DatabricksSqlLexer.SLASH -> BinaryOperator.DIVIDE;
      case DatabricksSqlLexer.PERCENT -> BinaryOperator.MODULO;
      case DatabricksSqlLexer.PLUS -> BinaryOperator.ADD;
      case DatabricksSqlLexer.MINUS -> BinaryOperator.SUBTRACT;
      case DatabricksSqlLexer.CONCAT_PIPE -> BinaryOperator.CONCAT;
      case DatabricksSqlLexer.EQ -> BinaryOperator.EQ;
      case DatabricksSqlLexer.NULL_SAFE_EQ -> BinaryOperator.NULL_SAFE_EQ;
      case DatabricksSqlLexer.NEQ -> BinaryOperator.NEQ;
      case DatabricksSqlLexer.LT -> BinaryOperator.LT;
      case DatabricksSqlLexer.LTE -> BinaryOperator.LTE;
      case DatabricksSqlLexer.GT -> BinaryOperator.GT;
      case DatabricksSqlLexer.GTE -> BinaryOperator.GTE;
      default -> throw new IllegalStateException("Not a binary operator: " + tokenType);
    };
  }

  @Override
  public Expression visitSearchedCase(SearchedCaseContext ctx) {
    return new Expression.Case(null, whens(ctx.whenClause()), ctx.otherwise == null ? null : nested(ctx.otherwise));
  }

  @Override
  public Expression visitSimpleCase(SimpleCaseContext ctx) {
    return new Expression.Case(nested(ctx.operand), whens(ctx.whenClause()),
        ctx.otherwise == null ? null : nested(ctx.otherwise));
  }

  private List<Expression.When> whens(List<WhenClauseContext> clauses) {
    List<Expression.When> whens = new ArrayList<>(clauses.size());
    for (WhenClauseContext clause : clauses) {
      whens.add(new Expression.When(nested(clause.condition), nested(clause.result)));
    }
    return whens;
  }

  @Override
  public Expression visitCast(CastContext ctx) {
    return new Expression.Cast(nested(ctx.expression()), DataTypes.build(ctx.dataType()));
  }

  @Override
  public Expression visitTypedLiteral(TypedLiteralContext ctx) {
    TypeName type = switch (ctx.type.getType()) {
      case DatabricksSqlLexer.DATE -> TypeName.DATE;
      case DatabricksSqlLexer.TIMESTAMP_NTZ -> TypeName.TIMESTAMP_NTZ;
      default -> TypeName.TIMESTAMP;
    };
    return new Expression.TypedLiteral(type, Literals.string(ctx.stringLiteral()));
  }

  @Override
  public Expression visitLiteral(LiteralContext ctx) {
    return visit(ctx.constant());
  }

  @Override
  public Expression visitNullLiteral(NullLiteralContext ctx) {
    return new Expression.NullLiteral();
  }

  @Override
  public Expression visitBooleanLiteral(BooleanLiteralContext ctx) {
    return new Expression.BooleanLiteral(ctx.TRUE() != null);
  }

  @Override
  public Expression visitStringConstant(StringConstantContext ctx) {
    return new Expression.StringLiteral(Literals.string(ctx.stringLiteral()));
  }

  @Override
  public Expression visitNumericLiteral(NumericLiteralContext ctx) {
    return new Expression.NumericLiteral(ctx.getStart().getText());
  }

  @Override
  public Expression visitReference(ReferenceContext ctx) {
    List<String> parts = Literals.parts(ctx.qualifiedName());
    if (ctx.LEFT_PAREN() != null) {
      QualifiedName function = Names.function(ctx.qualifiedName());
      return new Expression.FunctionCall(function, nested(ctx.expression()));
    }
    boolean plain = ctx.qualifiedName().identifier(0).BACKQUOTED_IDENTIFIER() == null;
    if (parts.size() == 1 && plain && Keywords.NILADIC_FUNCTIONS.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
      return new Expression.FunctionCall(new QualifiedName(parts), List.of());
    }
    return new Expression.ColumnRef(parts);
  }

  @Override
  public Expression visitParenthesized(ParenthesizedContext ctx) {
    return visit(ctx.expression());
  }
}
