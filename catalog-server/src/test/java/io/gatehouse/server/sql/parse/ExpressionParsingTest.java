package io.gatehouse.server.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.gatehouse.server.sql.parse.Expression.NumericLiteral;
import io.gatehouse.server.sql.parse.Expression.StringLiteral;
import io.gatehouse.server.sql.parse.Expression.TypedLiteral;
import io.gatehouse.server.sql.parse.Expression.Unary;
import io.gatehouse.server.sql.parse.Expression.UnaryOperator;
import io.gatehouse.server.sql.parse.Expression.When;
import io.gatehouse.server.sql.parse.Statement.CreateFunction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParsingTest {

  static Expression expression(String sql) {
    return Sql.one("CREATE FUNCTION f() RETURN " + sql, CreateFunction.class).body();
  }

  private static ColumnRef column(String... parts) {
    return new ColumnRef(List.of(parts));
  }

  private static NumericLiteral number(String text) {
    return new NumericLiteral(text);
  }

  private static FunctionCall call(String name, Expression... arguments) {
    return new FunctionCall(QualifiedName.of(name), List.of(arguments));
  }

  @Test
  void rowFilterFunctionKeepsItsBodyAsWrittenAndParsed() {
    CreateFunction function = Sql.one("""
        CREATE OR REPLACE FUNCTION main.sec.by_region(region STRING COMMENT 'row region')
        RETURNS BOOLEAN
        COMMENT 'EU rows for EU analysts'
        LANGUAGE SQL
        DETERMINISTIC
        RETURN is_account_group_member('admins') /* admins see all */
            OR (is_member('eu_analysts') AND region = 'EU')
        """, CreateFunction.class);
    assertThat(function.name()).isEqualTo(QualifiedName.of("main", "sec", "by_region"));
    assertThat(function.orReplace()).isTrue();
    assertThat(function.parameters()).containsExactly(
        new FunctionParameter("region", new DataType.PrimitiveType(TypeName.STRING, "string"), "row region"));
    assertThat(function.returnType()).isEqualTo(new DataType.PrimitiveType(TypeName.BOOLEAN, "boolean"));
    assertThat(function.comment()).isEqualTo("EU rows for EU analysts");
    assertThat(function.deterministic()).isTrue();
    assertThat(function.bodyText()).isEqualTo("""
        is_account_group_member('admins') /* admins see all */
            OR (is_member('eu_analysts') AND region = 'EU')""");
    assertThat(function.body()).isEqualTo(new Binary(BinaryOperator.OR,
        call("is_account_group_member", new StringLiteral("admins")),
        new Binary(BinaryOperator.AND, call("is_member", new StringLiteral("eu_analysts")),
            new Binary(BinaryOperator.EQ, column("region"), new StringLiteral("EU")))));
  }

  @Test
  void maskFunctionWithoutReturnsClause() {
    CreateFunction function = Sql.one(
        "CREATE FUNCTION IF NOT EXISTS mask_ssn(ssn STRING) NOT DETERMINISTIC "
            + "RETURN CASE WHEN is_account_group_member('hr') THEN ssn ELSE '***-**-' || substr(ssn, -4) END;",
        CreateFunction.class);
    assertThat(function.ifNotExists()).isTrue();
    assertThat(function.returnType()).isNull();
    assertThat(function.deterministic()).isFalse();
    assertThat(function.body()).isEqualTo(new Case(null,
        List.of(new When(call("is_account_group_member", new StringLiteral("hr")), column("ssn"))),
        new Binary(BinaryOperator.CONCAT, new StringLiteral("***-**-"),
            call("substr", column("ssn"), new Unary(UnaryOperator.MINUS, number("4"))))));
  }

  @Test
  void andBindsTighterThanOrAndNotTighterThanAnd() {
    assertThat(expression("a OR b AND NOT c")).isEqualTo(new Binary(BinaryOperator.OR, column("a"),
        new Binary(BinaryOperator.AND, column("b"), new Unary(UnaryOperator.NOT, column("c")))));
    assertThat(expression("NOT a = b")).isEqualTo(new Unary(UnaryOperator.NOT,
        new Binary(BinaryOperator.EQ, column("a"), column("b"))));
  }

  @Test
  void arithmeticBindsTighterThanComparisonAndIsLeftAssociative() {
    assertThat(expression("a + b * c >= d - e - f")).isEqualTo(new Binary(BinaryOperator.GTE,
        new Binary(BinaryOperator.ADD, column("a"), new Binary(BinaryOperator.MULTIPLY, column("b"), column("c"))),
        new Binary(BinaryOperator.SUBTRACT, new Binary(BinaryOperator.SUBTRACT, column("d"), column("e")),
            column("f"))));
    assertThat(expression("-a % 2 || 'x'")).isEqualTo(new Binary(BinaryOperator.CONCAT,
        new Binary(BinaryOperator.MODULO, new Unary(UnaryOperator.MINUS, column("a")), number("2")),
        new StringLiteral("x")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '#', value = {
      "a = b # EQ", "a == b # EQ", "a <> b # NEQ", "a != b # NEQ", "a < b # LT", "a <= b # LTE", "a > b # GT",
      "a >= b # GTE", "a <=> b # NULL_SAFE_EQ", "a + b # ADD", "a - b # SUBTRACT", "a * b # MULTIPLY",
      "a / b # DIVIDE", "a % b # MODULO", "a || b # CONCAT", "a AND b # AND", "a or b # OR",
  })
  void binaryOperators(String sql, BinaryOperator operator) {
    assertThat(expression(sql)).isEqualTo(new Binary(operator, column("a"), column("b")));
  }

  @Test
  void predicates() {
    assertThat(expression("a IS NULL")).isEqualTo(new IsNull(column("a"), false));
    assertThat(expression("a IS NOT NULL")).isEqualTo(new IsNull(column("a"), true));
    assertThat(expression("a IN (1, 2)")).isEqualTo(new In(column("a"), List.of(number("1"), number("2")), false));
    assertThat(expression("a NOT IN ('x')")).isEqualTo(new In(column("a"), List.of(new StringLiteral("x")), true));
    assertThat(expression("a LIKE 'x%'")).isEqualTo(new Like(column("a"), new StringLiteral("x%"), false));
    assertThat(expression("a NOT LIKE b")).isEqualTo(new Like(column("a"), column("b"), true));
    assertThat(expression("a BETWEEN 1 AND 5 AND b")).isEqualTo(new Binary(BinaryOperator.AND,
        new Between(column("a"), number("1"), number("5"), false), column("b")));
    assertThat(expression("a + 1 NOT BETWEEN b AND c")).isEqualTo(new Between(
        new Binary(BinaryOperator.ADD, column("a"), number("1")), column("b"), column("c"), true));
  }

  @Test
  void simpleAndSearchedCase() {
    assertThat(expression("CASE region WHEN 'EU' THEN 1 WHEN 'US' THEN 2 END")).isEqualTo(new Case(column("region"),
        List.of(new When(new StringLiteral("EU"), number("1")), new When(new StringLiteral("US"), number("2"))), null));
    assertThat(expression("CASE WHEN a THEN b ELSE NULL END"))
        .isEqualTo(new Case(null, List.of(new When(column("a"), column("b"))), new NullLiteral()));
  }

  @Test
  void castLiteralsAndReferences() {
    assertThat(expression("CAST(a AS DECIMAL(10,2))")).isEqualTo(new Cast(column("a"), new DataType.DecimalType(10, 2)));
    assertThat(expression("TRUE")).isEqualTo(new BooleanLiteral(true));
    assertThat(expression("false")).isEqualTo(new BooleanLiteral(false));
    assertThat(expression("null")).isEqualTo(new NullLiteral());
    assertThat(expression("DATE '2024-01-01'")).isEqualTo(new TypedLiteral(TypeName.DATE, "2024-01-01"));
    assertThat(expression("TIMESTAMP_NTZ '2024-01-01 00:00'"))
        .isEqualTo(new TypedLiteral(TypeName.TIMESTAMP_NTZ, "2024-01-01 00:00"));
    assertThat(expression("t.address.`zip code`")).isEqualTo(column("t", "address", "zip code"));
    assertThat(expression("main.sec.f(a, 'b')")).isEqualTo(new FunctionCall(QualifiedName.of("main", "sec", "f"),
        List.of(column("a"), new StringLiteral("b"))));
    assertThat(expression("date")).isEqualTo(column("date"));
    assertThat(expression("if(a, 1, 2)")).isEqualTo(call("if", column("a"), number("1"), number("2")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"42", "4.5", "4.", ".5", "1e10", "1.5E-3", "10L", "3S", "2Y", "1.5D", "2F",
      "0.1BD", "7d"})
  void numbersKeepTheirText(String number) {
    assertThat(expression(number)).isEqualTo(number(number));
  }

  @Test
  void identityFunctionsWithoutParenthesesAreCalls() {
    assertThat(expression("current_user")).isEqualTo(call("current_user"));
    assertThat(expression("CURRENT_USER()")).isEqualTo(call("CURRENT_USER"));
    assertThat(expression("session_user = owner")).isEqualTo(new Binary(BinaryOperator.EQ, call("session_user"),
        column("owner")));
    assertThat(expression("`current_user`")).isEqualTo(column("current_user"));
  }

  @Test
  void expressionsReadBackFromTheirSql() {
    for (String sql : new String[] {
        "is_account_group_member('admins') OR region IN ('EU', 'UK') AND NOT deleted",
        "CASE WHEN a BETWEEN -1 AND 1 THEN CAST(b AS STRING) ELSE 'it''s' || \"x\\ny\" END",
        "a IS NOT NULL AND b NOT LIKE 'x\\\\%' AND - - c = current_user",
        "`select` + `a b`.c * `odd``name` <=> DATE '2024-01-01'",
        "CASE x WHEN 1 THEN TRUE END AND f() AND g(NULL, 1.5e3, 10L)",
    }) {
      Expression parsed = expression(sql);
      assertThat(expression(parsed.toSql())).as(parsed.toSql()).isEqualTo(parsed);
    }
  }
}
