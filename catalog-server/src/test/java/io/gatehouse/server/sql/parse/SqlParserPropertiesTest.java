package io.gatehouse.server.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.sql.parse.Expression.BinaryOperator;
import io.gatehouse.server.sql.parse.Expression.UnaryOperator;
import io.gatehouse.server.sql.parse.Statement.CreateFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the input, parse returns statements or throws SqlSyntaxException with a position in
 * the input, never anything else; and an expression written back as SQL reads back the same.
 */
class SqlParserPropertiesTest {
  private static final List<String> VALID = List.of(
      "GRANT USE CATALOG, SELECT ON CATALOG main TO `analysts`",
      "REVOKE ALL PRIVILEGES ON SCHEMA main.sales FROM 'bob@example.com'",
      "DENY MODIFY ON TABLE main.sales.orders TO contractors",
      "REVOKE DENY MODIFY ON TABLE main.sales.orders FROM contractors",
      "SHOW GRANTS `alice` ON TABLE main.sales.orders",
      "SHOW GRANTS ON METASTORE",
      "SHOW GRANTS TO `analysts`",
      "ALTER TABLE main.sales.orders SET OWNER TO `admins`",
      "CREATE CATALOG IF NOT EXISTS main MANAGED LOCATION 's3://b/main' COMMENT 'Main'",
      "CREATE SCHEMA main.sales COMMENT 'Sales' WITH DBPROPERTIES ('team' = 'rev')",
      "CREATE TABLE IF NOT EXISTS main.sales.orders (id BIGINT NOT NULL COMMENT 'id', region STRING, "
          + "tags ARRAY<STRING>, attrs MAP<STRING, INT>, addr STRUCT<city: STRING, zip STRING>, amount DECIMAL(10,2), "
          + "email STRING MASK main.sec.mask USING COLUMNS (region, 'x')) USING delta PARTITIONED BY (region) "
          + "LOCATION 's3://b/o' COMMENT 'Orders' TBLPROPERTIES ('a' = 'b') WITH ROW FILTER main.sec.f ON (region)",
      "CREATE EXTERNAL VOLUME main.raw.landing LOCATION 's3://b/landing' COMMENT 'Landing'",
      "CREATE OR REPLACE FUNCTION main.sec.f(region STRING COMMENT 'r') RETURNS BOOLEAN COMMENT 'c' "
          + "RETURN is_account_group_member('admins') OR (region = 'EU' AND current_user() LIKE '%@eu.example.com')",
      "CREATE FUNCTION mask(ssn STRING) RETURN CASE WHEN is_member('hr') THEN ssn ELSE concat('***', "
          + "substr(ssn, -4)) END",
      "CREATE FUNCTION g(x INT) RETURN CASE x WHEN 1 THEN 'a' ELSE CAST(x AS STRING) END || 'b'",
      "CREATE FUNCTION h(d DATE) RETURN d BETWEEN DATE '2024-01-01' AND current_date AND d IS NOT NULL "
          + "AND x NOT IN (1, 2.5, -3) AND y % 2 <> 0",
      "DROP SCHEMA IF EXISTS main.sales CASCADE",
      "ALTER CATALOG main RENAME TO prod",
      "ALTER TABLE t SET TBLPROPERTIES ('a' = 'b')",
      "ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('a')",
      "COMMENT ON COLUMN main.sales.orders.amount IS 'EUR'",
      "SHOW TABLES IN main.sales LIKE 'o*'",
      "DESCRIBE TABLE EXTENDED main.sales.orders",
      "ALTER TABLE t SET ROW FILTER f ON (a, b)",
      "ALTER TABLE t ALTER COLUMN c SET MASK m USING COLUMNS (a, 1)",
      "ALTER TABLE t ALTER COLUMN c DROP MASK",
      "ALTER TABLE t SET TAGS ('pii' = 'email', 'gdpr')",
      "ALTER TABLE t ALTER COLUMN c UNSET TAGS ('pii')",
      "USE CATALOG main");
  private static final Pattern TOKEN = Pattern.compile(
      "'(?:[^'\\\\]|\\\\.|'')*'|`(?:[^`]|``)*`|--[^\\n]*|/\\*.*?\\*/|[A-Za-z0-9_]+|<=>|<=|>=|<>|!=|==|\\|\\||\\S");
  private static final List<String> NOISE = List.of("ON", "TO", "FROM", "(", ")", ",", ".", ";", "'", "`", "\"", "--",
      "/*", "*/", "<", ">", "=", "NOT", "NULL", "CASE", "END", "TABLE", "GRANT", "SET", "ALTER", "COLUMN", "IF",
      "EXISTS", "x", "1", "1.5e", "'s'", "`q`", "\n", "\\", "STRUCT", "ARRAY", "MAP", "DECIMAL", "RETURN", "#", "é");

  @Example
  void everyStatementOfTheCorpusParses() {
    for (String statement : VALID) {
      assertThat(SqlParser.parse(statement)).hasSize(1);
    }
    assertThat(SqlParser.parse(String.join(";\n", VALID) + ";")).hasSize(VALID.size());
  }

  @Property(tries = 1000)
  void anyStringParsesOrIsASyntaxError(@ForAll String script) {
    parsesOrFailsCleanly(script);
  }

  @Property(tries = 1000)
  void sqlShapedNoiseParsesOrIsASyntaxError(@ForAll("sqlNoise") String script) {
    parsesOrFailsCleanly(script);
  }

  @Property(tries = 3000)
  void mutatedStatementsParseOrAreSyntaxErrors(@ForAll("mutatedStatements") String script) {
    parsesOrFailsCleanly(script);
  }

  @Property(tries = 1000)
  void expressionsReadBackFromTheirSql(@ForAll("expressions") Expression expression) {
    String sql = expression.toSql();
    Expression parsed = SqlParser.parse("CREATE FUNCTION f() RETURN " + sql).stream()
        .map(statement -> ((CreateFunction) statement).body()).findFirst().orElseThrow();
    assertThat(parsed).as(sql).isEqualTo(expression);
  }

  private static void parsesOrFailsCleanly(String script) {
    List<Statement> statements;
    try {
      statements = SqlParser.parse(script);
    } catch (SqlSyntaxException e) {
      assertThat(e.reason()).as("internal failure for %s", script).isNotEqualTo("the script could not be parsed");
      assertThat(e.getCause()).isNull();
      assertThat(e.line()).isBetween(1, (int) script.chars().filter(c -> c == '\n').count() + 1);
      assertThat(e.column()).isPositive();
      assertThat(e.getMessage()).startsWith("Syntax error at line " + e.line() + ", column " + e.column());
      return;
    }
    for (Statement statement : statements) {
      assertThat(script).contains(statement.source().text());
      assertThat(statement.source().line()).isPositive();
    }
  }

  @Provide
  Arbitrary<String> sqlNoise() {
    List<String> words = new ArrayList<>(NOISE);
    words.addAll(List.of("SELECT", "USE", "CATALOG", "SCHEMA", "CREATE", "FUNCTION", "DROP", "SHOW", "GRANTS", "TAGS",
        "ROW", "FILTER", "MASK", "USING", "COLUMNS", "COMMENT", "IS", "IN", "LIKE", "BETWEEN", "AND", "OR", "WHEN",
        "THEN", "ELSE", "CAST", "AS", "INT", "STRING", "'it''s'", "r'raw'", "10L", ".5", "'\\u00e9'", "<>", "||"));
    return Arbitraries.of(words).list().ofMaxSize(40)
        .flatMap(tokens -> Arbitraries.of(" ", "", "\n", "\t").list().ofSize(tokens.size())
            .map(separators -> join(tokens, separators)));
  }

  @Provide
  Arbitrary<String> mutatedStatements() {
    Arbitrary<List<String>> statement = Arbitraries.of(VALID).map(SqlParserPropertiesTest::tokens);
    return statement.flatMap(tokens -> mutation(tokens).list().ofMinSize(1).ofMaxSize(4)
        .map(mutations -> {
          List<String> mutated = new ArrayList<>(tokens);
          for (Mutation mutation : mutations) {
            mutation.applyTo(mutated);
          }
          return String.join(" ", mutated);
        }));
  }

  private record Mutation(int kind, double at, double other, String token) {
    void applyTo(List<String> tokens) {
      int i = (int) (at * tokens.size());
      int j = (int) (other * tokens.size());
      switch (kind) {
        case 0 -> {
          if (!tokens.isEmpty()) {
            tokens.remove(i);
          }
        }
        case 1 -> tokens.add(i, token);
        case 2 -> {
          if (!tokens.isEmpty()) {
            Collections.swap(tokens, i, j);
          }
        }
        default -> {
          if (!tokens.isEmpty()) {
            tokens.add(i, tokens.get(j));
          }
        }
      }
    }
  }

  private static Arbitrary<Mutation> mutation(List<String> tokens) {
    Arbitrary<String> inserted = Arbitraries.oneOf(Arbitraries.of(NOISE), Arbitraries.of(tokens));
    Arbitrary<Double> position = Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
    return Combinators.combine(Arbitraries.integers().between(0, 3), position, position, inserted).as(Mutation::new);
  }

  private static List<String> tokens(String statement) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(statement);
    while (matcher.find()) {
      tokens.add(matcher.group());
    }
    return tokens;
  }

  private static String join(List<String> tokens, List<String> separators) {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      script.append(tokens.get(i)).append(separators.get(i));
    }
    return script.toString();
  }

  @Provide
  Arbitrary<Expression> expressions() {
    return expression(4);
  }

  private static Arbitrary<Expression> expression(int depth) {
    if (depth == 0) {
      return leaf();
    }
    Arbitrary<Expression> child = Arbitraries.lazy(() -> expression(depth - 1));
    Arbitrary<List<Expression>> children = child.list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<Boolean> negated = Arbitraries.of(true, false);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaf()),
        net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(UnaryOperator.class), child)
            .as(Expression.Unary::new)),
        net.jqwik.api.Tuple.of(3, Combinators.combine(Arbitraries.of(BinaryOperator.class), child, child)
            .as(Expression.Binary::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(child, negated).as(Expression.IsNull::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(child, children, negated).as(Expression.In::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(child, child, negated).as(Expression.Like::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(child, child, child, negated).as(Expression.Between::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(child.injectNull(0.5),
            Combinators.combine(child, child).as(Expression.When::new).list().ofMinSize(1).ofMaxSize(3),
            child.injectNull(0.5)).as(Expression.Case::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(child, dataType()).as(Expression.Cast::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(functionName(), child.list().ofMaxSize(3))
            .as(Expression.FunctionCall::new)));
  }

  private static Arbitrary<Expression> leaf() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12).map(Expression.StringLiteral::new),
        Arbitraries.of("0", "42", "4.5", "4.", ".5", "1e10", "2.5E-3", "10L", "3S", "7Y", "1.5D", "2F", "0.1BD")
            .map(Expression.NumericLiteral::new),
        Arbitraries.of(true, false).map(Expression.BooleanLiteral::new),
        Arbitraries.just(new Expression.NullLiteral()),
        Combinators.combine(Arbitraries.of(TypeName.DATE, TypeName.TIMESTAMP, TypeName.TIMESTAMP_NTZ),
            Arbitraries.strings().ofMaxLength(10)).as(Expression.TypedLiteral::new),
        namePart().list().ofMinSize(1).ofMaxSize(4).map(Expression.ColumnRef::new));
  }

  private static Arbitrary<String> namePart() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6),
        Arbitraries.of("select", "date", "table", "on", "null", "end", "current_user", "if", "timestamp_ntz", "r",
            "1x", "a b", "odd`name", "é"),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(5));
  }

  private static Arbitrary<QualifiedName> functionName() {
    return namePart().list().ofMinSize(1).ofMaxSize(3).map(QualifiedName::new);
  }

  private static Arbitrary<DataType> dataType() {
    return Arbitraries.of(
        new DataType.PrimitiveType(TypeName.STRING, "string"),
        new DataType.PrimitiveType(TypeName.LONG, "bigint"),
        new DataType.PrimitiveType(TypeName.TIMESTAMP_NTZ, "timestamp_ntz"),
        new DataType.DecimalType(38, 6),
        new DataType.CharType(true, 12),
        new DataType.IntervalType("DAY", "SECOND"),
        new DataType.ArrayType(new DataType.MapType(new DataType.PrimitiveType(TypeName.INT, "int"),
            new DataType.StructType(List.of(new DataType.StructField("a b", new DataType.PrimitiveType(TypeName.DATE,
                "date"), false, "it's")))))
    );
  }
}
