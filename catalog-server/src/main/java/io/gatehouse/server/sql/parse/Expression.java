package io.gatehouse.server.sql.parse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An expression of a SQL function body: what a row filter or column mask computes. The executor
 * evaluates the identity functions ({@code is_account_group_member}, {@code is_member},
 * {@code current_user}) itself and hands the rest to engines as SQL; {@link #toSql()} writes an
 * expression back as Databricks SQL, fully parenthesized, so that it reads back as the same tree.
 */
public sealed interface Expression {

  String toSql();

  record StringLiteral(String value) implements Expression {
    @Override
    public String toSql() {
      return quote(value);
    }

    /** A string as a Databricks SQL literal, with backslash escapes. */
    public static String quote(String value) {
      StringBuilder sql = new StringBuilder(value.length() + 2).append('\'');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '\'' -> sql.append("\\'");
          case '\\' -> sql.append("\\\\");
          case '\n' -> sql.append("\\n");
          case '\r' -> sql.append("\\r");
          case '\t' -> sql.append("\\t");
          default -> sql.append(c);
        }
      }
      return sql.append('\'').toString();
    }
  }

  /** A number as written, suffix included: {@code 42}, {@code 1.5e3}, {@code 10L}, {@code 0.5BD}. */
  record NumericLiteral(String text) implements Expression {
    @Override
    public String toSql() {
      return text;
    }
  }

  record BooleanLiteral(boolean value) implements Expression {
    @Override
    public String toSql() {
      return value ? "TRUE" : "FALSE";
    }
  }

  record NullLiteral() implements Expression {
    @Override
    public String toSql() {
      return "NULL";
    }
  }

  /** {@code DATE '2024-01-01'}, {@code TIMESTAMP '...'}: type is DATE, TIMESTAMP or TIMESTAMP_NTZ. */
  record TypedLiteral(TypeName type, String value) implements Expression {
    @Override
    public String toSql() {
      return type.name() + " " + StringLiteral.quote(value);
    }
  }

  /** A column, or a field of a struct column: {@code region}, {@code t.address.city}. */
  record ColumnRef(List<String> parts) implements Expression {
    public ColumnRef {
      parts = List.copyOf(parts);
    }

    @Override
    public String toSql() {
      return parts.stream().map(QualifiedName::quoteColumn).collect(Collectors.joining("."));
    }
  }

  /**
   * A function call. {@code current_user}, {@code current_date}, {@code current_timestamp} and
   * {@code session_user} written without parentheses are calls with no arguments, as in Spark.
   */
  record FunctionCall(QualifiedName name, List<Expression> arguments) implements Expression {
    public FunctionCall {
      arguments = List.copyOf(arguments);
    }

    @Override
    public String toSql() {
      return name.toSql() + arguments.stream().map(Expression::toSql).collect(Collectors.joining(", ", "(", ")"));
    }
  }

  enum UnaryOperator {
    NOT("NOT"),
    MINUS("-"),
    PLUS("+");

    private final String sql;

    UnaryOperator(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }
  }

  record Unary(UnaryOperator operator, Expression operand) implements Expression {
    @Override
    public String toSql() {
      // The space keeps "- -1" from reading as a comment.
      return "(" + operator.sql() + " " + operand.toSql() + ")";
    }
  }

  enum BinaryOperator {
    AND("AND"),
    OR("OR"),
    EQ("="),
    NULL_SAFE_EQ("<=>"),
    NEQ("<>"),
    LT("<"),
    LTE("<="),
    GT(">"),
    GTE(">="),
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/"),
    MODULO("%"),
    CONCAT("||");

    private final String sql;

    BinaryOperator(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }
  }

  record Binary(BinaryOperator operator, Expression left, Expression right) implements Expression {
    @Override
    public String toSql() {
      return "(" + left.toSql() + " " + operator.sql() + " " + right.toSql() + ")";
    }
  }

  record IsNull(Expression operand, boolean negated) implements Expression {
    @Override
    public String toSql() {
      return "(" + operand.toSql() + (negated ? " IS NOT NULL)" : " IS NULL)");
    }
  }

  record In(Expression operand, List<Expression> values, boolean negated) implements Expression {
    public In {
      values = List.copyOf(values);
    }

    @Override
    public String toSql() {
      return "(" + operand.toSql() + (negated ? " NOT IN " : " IN ")
          + values.stream().map(Expression::toSql).collect(Collectors.joining(", ", "(", "))"));
    }
  }

  record Like(Expression operand, Expression pattern, boolean negated) implements Expression {
    @Override
    public String toSql() {
      return "(" + operand.toSql() + (negated ? " NOT LIKE " : " LIKE ") + pattern.toSql() + ")";
    }
  }

  record Between(Expression operand, Expression low, Expression high, boolean negated) implements Expression {
    @Override
    public String toSql() {
      return "(" + operand.toSql() + (negated ? " NOT BETWEEN " : " BETWEEN ") + low.toSql() + " AND "
          + high.toSql() + ")";
    }
  }

  /** CASE: searched when operand is null ({@code CASE WHEN c THEN r}), simple otherwise; otherwise may be null. */
  record Case(Expression operand, List<When> whens, Expression otherwise) implements Expression {
    public Case {
      whens = List.copyOf(whens);
    }

    @Override
    public String toSql() {
      StringBuilder sql = new StringBuilder("CASE");
      if (operand != null) {
        sql.append(' ').append(operand.toSql());
      }
      for (When when : whens) {
        sql.append(" WHEN ").append(when.condition().toSql()).append(" THEN ").append(when.result().toSql());
      }
      if (otherwise != null) {
        sql.append(" ELSE ").append(otherwise.toSql());
      }
      return sql.append(" END").toString();
    }
  }

  /** One WHEN of a CASE: a condition, or in a simple CASE the value compared with the operand. */
  record When(Expression condition, Expression result) {
  }

  record Cast(Expression operand, DataType type) implements Expression {
    @Override
    public String toSql() {
      return "CAST(" + operand.toSql() + " AS " + type.toSql() + ")";
    }
  }
}
