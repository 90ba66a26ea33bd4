package io.gatehouse.server.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.policy.PolicyExpression;
import io.gatehouse.policy.Subject;
import io.gatehouse.server.sql.parse.Expression.Between;
import io.gatehouse.server.sql.parse.Expression.Binary;
import io.gatehouse.server.sql.parse.Expression.BinaryOperator;
import io.gatehouse.server.sql.parse.Expression.BooleanLiteral;
import io.gatehouse.server.sql.parse.Expression.Case;
import io.gatehouse.server.sql.parse.Expression.Cast;
import io.gatehouse.server.sql.parse.Expression.ColumnRef;
import io.gatehouse.server.sql.parse.Expression.FunctionCall;
import io.gatehouse.server.sql.parse.Expression.In;
import io.gatehouse.server.sql.parse.Expression.IsNull;
import io.gatehouse.server.sql.parse.Expression.Like;
import io.gatehouse.server.sql.parse.Expression.NullLiteral;
import io.gatehouse.server.sql.parse.Expression.StringLiteral;
import io.gatehouse.server.sql.parse.Expression.Unary;
import io.gatehouse.server.sql.parse.Expression.UnaryOperator;
import io.gatehouse.server.sql.parse.Expression.When;
import io.gatehouse.server.sql.parse.Expression;
import io.gatehouse.server.sql.parse.SqlParser;
import io.gatehouse.server.sql.parse.SqlSyntaxException;
import io.gatehouse.server.sql.parse.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The bodies of row filter and column mask functions, bound to a table's columns and rendered for
 * the principal who reads. Databricks writes exemptions into the body ({@code
 * is_account_group_member('admins')}, {@code current_user()}); those calls are settled here for
 * the reader, and what they decide is folded away, so that engines receive plain SQL such as
 * {@code (region = 'US')}, or {@code TRUE} for a reader the filter exempts.
 *
 * <p>A stored body that no longer parses, or no longer fits its binding, fails closed: the filter
 * lets no row through and the mask shows NULL.
 */
public final class FunctionBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FunctionBodies() {}

  /** A function body as an expression. */
  public static Expression parse(String body) {
    // The statement parser is the one grammar of expressions; a body is what follows RETURN.
    List<Statement> parsed = SqlParser.parse("CREATE FUNCTION f() RETURN " + body);
    if (parsed.size() != 1 || !(parsed.get(0) instanceof Statement.CreateFunction create)) {
      throw new SqlSyntaxException(1, 1, null, false, "the function body is not one expression", List.of(), null);
    }
    return create.body();
  }

  /** The stored arguments of a binding: SQL texts of columns and constants. */
  public static List<String> arguments(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored function arguments are not a JSON list", e);
    }
  }

  public static String argumentsJson(List<String> arguments) {
    try {
      return JSON.writeValueAsString(arguments);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A row filter: {@code function} called with {@code arguments}; fails closed to FALSE. */
  public static PolicyExpression bindRowFilter(String function, String definitionJson, List<String> arguments) {
    return bind(function, definitionJson, arguments, new BooleanLiteral(false));
  }

  /** A column mask: the column first, then the USING COLUMNS arguments; fails closed to NULL. */
  public static PolicyExpression bindMask(String function, String definitionJson, List<String> arguments) {
    return bind(function, definitionJson, arguments, new NullLiteral());
  }

  private static PolicyExpression bind(String function, String definitionJson, List<String> arguments, Expression closed) {
    try {
      JsonNode definition = JSON.readTree(definitionJson);
      List<String> parameters = new ArrayList<>();
      for (JsonNode p : definition.path("input_params").path("parameters")) {
        parameters.add(p.path("name").asText().toLowerCase(Locale.ROOT));
      }
      if (parameters.size() != arguments.size()) {
        return new Closed(function, closed);
      }
      Map<String, Expression> values = new HashMap<>();
      for (int i = 0; i < parameters.size(); i++) {
        values.put(parameters.get(i), parse(arguments.get(i)));
      }
      Expression body = parse(definition.path("routine_definition").asText());
      Expression bound = map(body, e -> e instanceof ColumnRef ref && ref.parts().size() == 1
          ? values.getOrDefault(ref.parts().get(0).toLowerCase(Locale.ROOT), e) : e);
      return new Bound(bound, bound.toSql());
    } catch (JsonProcessingException | SqlSyntaxException e) {
      return new Closed(function, closed);
    }
  }

  /** A body bound to its arguments, rendered per reader. */
  private record Bound(Expression expression, String source) implements PolicyExpression {
    @Override
    public String sqlFor(Subject subject) {
      return forReader(expression, subject).toSql();
    }
  }

  /** A binding that cannot be used: the same answer for everyone, the safe one. */
  private record Closed(String function, Expression answer) implements PolicyExpression {
    @Override
    public String source() {
      return answer.toSql() + " /* " + function + " cannot be applied */";
    }

    @Override
    public String sqlFor(Subject subject) {
      return answer.toSql();
    }
  }

  /** The expression with the reader's identity settled and the decided branches folded away. */
  public static Expression forReader(Expression expression, Subject subject) {
    return map(expression, e -> fold(identity(e, subject)));
  }

  private static Expression identity(Expression e, Subject subject) {
    if (e instanceof FunctionCall call && call.name().size() == 1) {
      String name = call.name().last().toLowerCase(Locale.ROOT);
      List<Expression> args = call.arguments();
      switch (name) {
        case "is_account_group_member", "is_member" -> {
          if (args.size() == 1 && args.get(0) instanceof StringLiteral group) {
            return new BooleanLiteral(subject.groups().contains(group.value().toLowerCase(Locale.ROOT)));
          }
        }
        case "current_user", "session_user" -> {
          if (args.isEmpty()) {
            return new StringLiteral(subject.name());
          }
        }
        default -> { }
      }
    }
    return e;
  }

  private static Expression fold(Expression e) {
    if (e instanceof Unary u && u.operator() == UnaryOperator.NOT && u.operand() instanceof BooleanLiteral b) {
      return new BooleanLiteral(!b.value());
    }
    if (e instanceof Binary b) {
      Boolean left = bool(b.left());
      Boolean right = bool(b.right());
      switch (b.operator()) {
        case AND -> {
          if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
            return new BooleanLiteral(false);
          }
          if (Boolean.TRUE.equals(left)) {
            return b.right();
          }
          if (Boolean.TRUE.equals(right)) {
            return b.left();
          }
        }
        case OR -> {
          if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
            return new BooleanLiteral(true);
          }
          if (Boolean.FALSE.equals(left)) {
            return b.right();
          }
          if (Boolean.FALSE.equals(right)) {
            return b.left();
          }
        }
        case EQ, NEQ -> {
          if (b.left() instanceof StringLiteral l && b.right() instanceof StringLiteral r) {
            return new BooleanLiteral(l.value().equals(r.value()) == (b.operator() == BinaryOperator.EQ));
          }
        }
        default -> { }
      }
    }
    if (e instanceof FunctionCall call && call.name().size() == 1 && call.arguments().size() == 3
        && call.name().last().equalsIgnoreCase("if") && call.arguments().get(0) instanceof BooleanLiteral c) {
      return call.arguments().get(c.value() ? 1 : 2);
    }
    if (e instanceof Case c && c.operand() == null) {
      List<When> remaining = new ArrayList<>();
      for (When w : c.whens()) {
        Boolean decided = bool(w.condition());
        if (Boolean.FALSE.equals(decided)) {
          continue;
        }
        if (Boolean.TRUE.equals(decided) && remaining.isEmpty()) {
          return w.result();
        }
        remaining.add(w);
      }
      if (remaining.isEmpty()) {
        return c.otherwise() == null ? new NullLiteral() : c.otherwise();
      }
      if (remaining.size() != c.whens().size()) {
        return new Case(null, remaining, c.otherwise());
      }
    }
    if (e instanceof In in && in.operand() instanceof StringLiteral s
        && in.values().stream().allMatch(v -> v instanceof StringLiteral)) {
      boolean found = in.values().stream().anyMatch(v -> ((StringLiteral) v).value().equals(s.value()));
      return new BooleanLiteral(found != in.negated());
    }
    return e;
  }

  private static Boolean bool(Expression e) {
    return e instanceof BooleanLiteral b ? b.value() : null;
  }

  /** Rebuilds the tree bottom-up, applying {@code f} to every node after its children. */
  static Expression map(Expression e, Function<Expression, Expression> f) {
    Expression rebuilt;
    if (e instanceof Unary u) {
      rebuilt = new Unary(u.operator(), map(u.operand(), f));
    } else if (e instanceof Binary b) {
      rebuilt = new Binary(b.operator(), map(b.left(), f), map(b.right(), f));
    } else if (e instanceof IsNull n) {
      rebuilt = new IsNull(map(n.operand(), f), n.negated());
    } else if (e instanceof In in) {
      rebuilt = new In(map(in.operand(), f), in.values().stream().map(v -> map(v, f)).toList(), in.negated());
    } else if (e instanceof Like l) {
      rebuilt = new Like(map(l.operand(), f), map(l.pattern(), f), l.negated());
    } else if (e instanceof Between b) {
      rebuilt = new Between(map(b.operand(), f), map(b.low(), f), map(b.high(), f), b.negated());
    } else if (e instanceof Case c) {
      List<When> whens = c.whens().stream().map(w -> new When(map(w.condition(), f), map(w.result(), f))).toList();
      rebuilt = new Case(c.operand() == null ? null : map(c.operand(), f), whens,
          c.otherwise() == null ? null : map(c.otherwise(), f));
    } else if (e instanceof Cast c) {
      rebuilt = new Cast(map(c.operand(), f), c.type());
    } else if (e instanceof FunctionCall call) {
      rebuilt = new FunctionCall(call.name(), call.arguments().stream().map(a -> map(a, f)).toList());
    } else {
      rebuilt = e;
    }
    return f.apply(rebuilt);
  }
}
