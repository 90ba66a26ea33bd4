package io.gatehouse.server.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a script is refused: where, near what, and why, as the message says it. */
class SyntaxErrorTest {
  private static final String STATEMENTS =
      "expected one of ALTER, COMMENT, CREATE, DENY, DESC, DESCRIBE, DROP, GRANT, REVOKE, SET, SHOW, UNSET, USE, ';', end of input";
  private static final String SECURABLES =
      "expected one of CATALOG, DATABASE, EXTERNAL, FUNCTION, METASTORE, MODEL, SCHEMA, STORAGE, TABLE, VIEW, VOLUME";
  private static final String TYPES = "expected one of ARRAY, BIGINT, BINARY, BOOLEAN, BYTE, CHAR, CHARACTER, DATE, "
      + "DEC, DECIMAL, DOUBLE, FLOAT, INT, INTEGER, INTERVAL, LONG, MAP, NUMERIC, REAL, SHORT, SMALLINT, STRING, "
      + "STRUCT, TIMESTAMP, TIMESTAMP_LTZ, TIMESTAMP_NTZ, TINYINT, VARCHAR, VARIANT, VOID";
  private static final String OPERATORS = "'=', '<=>', '<>', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '||'";

  /** Script, line, column, offending token (null at the end of input), reason. */
  static Stream<Arguments> errors() {
    return Stream.of(
        // What the grammar expected at the offending token.
        Arguments.of("SELECT * FROM t", 1, 1, "SELECT", STATEMENTS),
        Arguments.of("REVOKE ALL ON TABL t FROM x", 1, 15, "TABL", SECURABLES),
        // A bare name after ON is a table, as in Databricks: at the end, a name or a kind may follow.
        Arguments.of("SHOW GRANTS ON", 1, 15, null, "expected identifier"),
        Arguments.of("GRANT SELECT ON TABLE t", 1, 24, null, "expected one of TO, '.'"),
        Arguments.of("GRANT ON TABLE t TO x", 1, 7, "ON", "expected identifier"),
        Arguments.of("GRANT SELECT ON TABLE t TO", 1, 27, null, "expected one of identifier, string"),
        Arguments.of("GRANT SELECT ON TABLE t TO on", 1, 28, "on", "expected one of identifier, string"),
        Arguments.of("USE a;\nGRANT SELECT\n  ON TABL t TO x", 3, 6, "TABL", SECURABLES),
        Arguments.of("DROP TABLE t x", 1, 14, "x", "expected one of CASCADE, RESTRICT, ';', '.', end of input"),
        Arguments.of("DROP TABLE IF EXIST t", 1, 15, "EXIST",
            "expected one of CASCADE, EXISTS, RESTRICT, ';', '.', end of input"),
        Arguments.of("DROP METASTORE", 1, 6, "METASTORE",
            "expected one of CATALOG, DATABASE, FUNCTION, MODEL, POLICY, SCHEMA, TABLE, VIEW, VOLUME"),
        Arguments.of("USE a USE b", 1, 7, "USE", "expected one of ';', '.', end of input"),
        Arguments.of("ALTER TABLE t", 1, 14, null, "expected one of ADD, ALTER, DROP, OWNER, RENAME, SET, UNSET, '.'"),
        Arguments.of("ALTER TABLE t SET", 1, 18, null,
            "expected one of DBPROPERTIES, OWNER, PROPERTIES, ROW, TAGS, TBLPROPERTIES"),
        Arguments.of("ALTER TABLE t SET TBLPROPERTIES ('a' 'b')", 1, 41, ")", "expected one of string, '='"),
        Arguments.of("ALTER TABLE t SET TAGS ()", 1, 25, ")", "expected string"),
        Arguments.of("CREATE TABLE t (a INTT)", 1, 19, "INTT", TYPES),
        Arguments.of("CREATE TABLE t (a INT", 1, 22, null, "expected one of COMMENT, MASK, NOT, ')', ','"),
        Arguments.of("CREATE TABLE t (a ARRAY<INT)", 1, 28, ")", "expected '>'"),
        Arguments.of("CREATE TABLE t ()", 1, 17, ")", "expected identifier"),
        Arguments.of("CREATE FUNCTION f() RETURN (a", 1, 30, null,
            "expected one of AND, BETWEEN, IN, IS, LIKE, NOT, OR, '(', ')', '.', " + OPERATORS),
        Arguments.of("CREATE FUNCTION f() RETURN CASE WHEN a THEN 1", 1, 46, null,
            "expected one of AND, BETWEEN, ELSE, END, IN, IS, LIKE, NOT, OR, WHEN, " + OPERATORS),
        Arguments.of("CREATE FUNCTION f(a INT) a", 1, 26, "a",
            "expected one of COMMENT, DETERMINISTIC, LANGUAGE, NOT, RETURN, RETURNS"),
        Arguments.of("CREATE FUNCTION f() RETURN", 1, 27, null,
            "expected one of CASE, CAST, FALSE, NOT, NULL, TRUE, identifier, string, number, '(', '+', '-'"),
        Arguments.of("CREATE FUNCTION f() RETURN a b", 1, 30, "b",
            "expected one of AND, BETWEEN, IN, IS, LIKE, NOT, OR, ';', '(', '.', " + OPERATORS + ", end of input"),

        // Lexical errors, reported where the literal, name or comment starts.
        Arguments.of("COMMENT ON CATALOG c IS 'abc", 1, 25, "'abc", "unterminated string literal"),
        Arguments.of("COMMENT ON CATALOG c IS \"it\\\"s", 1, 25, "\"it\\\"s", "unterminated string literal"),
        Arguments.of("DROP TABLE `abc", 1, 12, "`abc", "unterminated quoted identifier"),
        Arguments.of("DROP TABLE t /* never closed", 1, 14, "/* never closed", "unterminated comment"),
        Arguments.of("GRANT SELECT /* ON TABLE t TO x", 1, 14, "/* ON TABLE t TO x", "unterminated comment"),
        Arguments.of("DROP TABLE t /* outer /* inner */", 1, 14, "/* outer /* inner */", "unterminated comment"),
        Arguments.of("DROP TABLE a#b", 1, 13, "#", "unexpected character; names with characters other than "
            + "letters, digits and _ are written in backquotes"),
        Arguments.of("GRANT SELECT ON TABLE t TO alice@example.com", 1, 33, "@", "unexpected character; names with "
            + "characters other than letters, digits and _ are written in backquotes"),
        Arguments.of("DROP TABLE ``", 1, 12, "``", "a name cannot be empty"),

        // Repeated clauses and names.
        Arguments.of("CREATE TABLE t (a INT) COMMENT 'x' LOCATION 's3://b' COMMENT 'y'", 1, 54, "COMMENT",
            "duplicate COMMENT clause"),
        Arguments.of("CREATE TABLE t (a INT) USING delta USING parquet", 1, 36, "USING", "duplicate USING clause"),
        Arguments.of("CREATE CATALOG c MANAGED LOCATION 'a' MANAGED LOCATION 'b'", 1, 39, "MANAGED",
            "duplicate MANAGED LOCATION clause"),
        Arguments.of("CREATE SCHEMA s COMMENT 'a' COMMENT 'b'", 1, 29, "COMMENT", "duplicate COMMENT clause"),
        Arguments.of("CREATE VOLUME v LOCATION 'a' LOCATION 'b'", 1, 30, "LOCATION", "duplicate LOCATION clause"),
        Arguments.of("CREATE TABLE t (a INT NOT NULL NOT NULL)", 1, 32, "NOT", "duplicate NOT NULL clause"),
        Arguments.of("CREATE FUNCTION f() COMMENT 'a' COMMENT 'b' RETURN 1", 1, 33, "COMMENT",
            "duplicate COMMENT clause"),
        Arguments.of("CREATE TABLE t (a INT, A STRING)", 1, 24, "A", "column 'A' is given twice"),
        Arguments.of("CREATE FUNCTION f(x INT, x INT) RETURN x", 1, 26, "x", "parameter 'x' is given twice"),
        Arguments.of("ALTER TABLE t SET TBLPROPERTIES ('a' = '1', 'a' = '2')", 1, 45, "'a'",
            "property 'a' is given twice"),
        Arguments.of("ALTER TABLE t SET TAGS ('pii', 'pii' = 'x')", 1, 32, "'pii'", "tag 'pii' is given twice"),
        Arguments.of("CREATE TABLE t (a INT) PARTITIONED BY (b)", 1, 40, "b",
            "partition column 'b' is not a column of the table"),

        // Names with more parts than their kind has.
        Arguments.of("GRANT SELECT ON TABLE a.b.c.d TO x", 1, 23, "a.b.c.d",
            "a table name has at most 3 parts (catalog.schema.name), not 4"),
        Arguments.of("CREATE CATALOG a.b", 1, 16, "a.b", "a catalog name has one part, not 2"),
        Arguments.of("USE SCHEMA a.b.c", 1, 12, "a.b.c", "a schema name has at most 2 parts (catalog.schema), not 3"),
        Arguments.of("SHOW TABLES IN a.b.c", 1, 16, "a.b.c",
            "a schema name has at most 2 parts (catalog.schema), not 3"),
        Arguments.of("GRANT CREATE TABLE ON EXTERNAL LOCATION a.b TO x", 1, 41, "a.b",
            "an external location name has one part, not 2"),
        Arguments.of("COMMENT ON COLUMN c IS 'x'", 1, 19, "c",
            "a column is named with its table: [catalog.][schema.]table.column"),
        Arguments.of("CREATE FUNCTION f() RETURN a.b.c.d(1)", 1, 28, "a.b.c.d",
            "a function name has at most 3 parts (catalog.schema.name), not 4"),

        // Actions on kinds they do not apply to.
        Arguments.of("ALTER CATALOG c SET ROW FILTER f ON (a)", 1, 17, "SET",
            "SET ROW FILTER applies only to TABLE, not CATALOG"),
        Arguments.of("ALTER VIEW v DROP ROW FILTER", 1, 14, "DROP", "DROP ROW FILTER applies only to TABLE, not VIEW"),
        Arguments.of("ALTER FUNCTION f RENAME TO g", 1, 18, "RENAME",
            "RENAME TO applies only to CATALOG, SCHEMA, TABLE, VIEW, VOLUME, not FUNCTION"),
        Arguments.of("ALTER TABLE t SET DBPROPERTIES ('a' = 'b')", 1, 15, "SET",
            "SET DBPROPERTIES applies only to CATALOG, SCHEMA, not TABLE"),
        Arguments.of("ALTER SCHEMA s SET TBLPROPERTIES ('a' = 'b')", 1, 16, "SET",
            "SET TBLPROPERTIES applies only to TABLE, VIEW, not SCHEMA"),
        Arguments.of("ALTER CATALOG c UNSET TBLPROPERTIES ('a')", 1, 17, "UNSET",
            "UNSET TBLPROPERTIES applies only to TABLE, VIEW, not CATALOG"),
        Arguments.of("ALTER VIEW v ALTER COLUMN c DROP MASK", 1, 14, "ALTER",
            "ALTER COLUMN applies only to TABLE, not VIEW"),
        Arguments.of("ALTER FUNCTION f SET TAGS ('a')", 1, 18, "SET",
            "SET TAGS applies only to CATALOG, SCHEMA, TABLE, VIEW, VOLUME, not FUNCTION"),
        Arguments.of("ALTER MODEL m UNSET TAGS ('a')", 1, 15, "UNSET",
            "UNSET TAGS applies only to CATALOG, SCHEMA, TABLE, VIEW, VOLUME, not MODEL"),
        Arguments.of("DROP TABLE t CASCADE", 1, 14, "CASCADE", "CASCADE applies only to CATALOG and SCHEMA"),

        // Clauses that must or must not be there.
        Arguments.of("CREATE EXTERNAL VOLUME v COMMENT 'x'", 1, 37, null, "an EXTERNAL volume needs a LOCATION"),
        Arguments.of("CREATE EXTERNAL VOLUME v; USE a", 1, 25, ";", "an EXTERNAL volume needs a LOCATION"),
        Arguments.of("CREATE FUNCTION f() LANGUAGE PYTHON RETURN 1", 1, 30, "PYTHON",
            "only LANGUAGE SQL functions are supported"),

        // Type parameters Spark refuses.
        Arguments.of("CREATE TABLE t (a DECIMAL(39, 2))", 1, 27, "39", "precision must be at most 38"),
        Arguments.of("CREATE TABLE t (a DECIMAL(0))", 1, 27, "0", "precision must be at least 1"),
        Arguments.of("CREATE TABLE t (a DECIMAL(5, 6))", 1, 30, "6", "scale must be at most 5"),
        Arguments.of("CREATE TABLE t (a DECIMAL(99999999999))", 1, 27, "99999999999", "precision must be at most 38"),
        Arguments.of("CREATE TABLE t (a VARCHAR(0))", 1, 27, "0", "length must be at least 1"),
        Arguments.of("CREATE TABLE t (a INTERVAL MONTH TO DAY)", 1, 37, "DAY", "INTERVAL MONTH TO DAY is not an "
            + "interval type; use YEAR TO MONTH, or DAY, HOUR or MINUTE TO a later one of HOUR, MINUTE, SECOND"),
        Arguments.of("CREATE TABLE t (a INTERVAL SECOND TO DAY)", 1, 38, "DAY", "INTERVAL SECOND TO DAY is not an "
            + "interval type; use YEAR TO MONTH, or DAY, HOUR or MINUTE TO a later one of HOUR, MINUTE, SECOND"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void refusedWithPositionTokenAndReason(String script, int line, int column, String token, String reason) {
    SqlSyntaxException e = Sql.error(script);
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.line()).as("line").isEqualTo(line);
    assertThat(e.column()).as("column").isEqualTo(column);
    assertThat(e.token()).as("token").isEqualTo(token);
    assertThat(e.endOfInput()).isEqualTo(token == null);
  }

  @Test
  void messageNamesPositionTokenAndWhatWasExpected() {
    SqlSyntaxException e = Sql.error("REVOKE ALL ON TABL t FROM x");
    assertThat(e).hasMessage("Syntax error at line 1, column 15 near 'TABL': " + SECURABLES);
    assertThat(e.expected()).startsWith("CATALOG", "DATABASE").contains("TABLE").hasSize(11);
    assertThat(Sql.error("GRANT SELECT ON TABLE t")).hasMessage(
        "Syntax error at line 1, column 24 at end of input: expected one of TO, '.'");
  }

  @Test
  void longOrControlTokensAreShortenedInTheMessage() {
    SqlSyntaxException e = Sql.error("COMMENT ON CATALOG c IS '" + "x".repeat(100) + "\n");
    assertThat(e.getMessage()).isEqualTo("Syntax error at line 1, column 25 near '" + "'" + "x".repeat(39)
        + "...': unterminated string literal");
    assertThat(Sql.error("DROP TABLE \u0007").getMessage()).contains("near '\\u0007'");
  }

  @Test
  void errorsInLaterStatementsAreReportedWhereTheyAre() {
    SqlSyntaxException e = Sql.error("USE CATALOG main;\nUSE SCHEMA sales;\n\nDROP TABLE orders x;\nUSE y");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(19);
    assertThat(e.token()).isEqualTo("x");
  }

  @Test
  void nestingUpToTheLimitIsFineAndBeyondItIsRefused() {
    String prefix = "CREATE FUNCTION f() RETURN ";
    int limit = SqlParser.MAX_NESTING;
    assertThat(SqlParser.parse(prefix + "(".repeat(limit) + "1" + ")".repeat(limit))).hasSize(1);
    SqlSyntaxException parens = Sql.error(prefix + "(".repeat(limit + 1) + "1" + ")".repeat(limit + 1));
    assertThat(parens.reason()).isEqualTo("nested too deeply: more than 200 levels");
    assertThat(parens.column()).isEqualTo(prefix.length() + limit + 1);

    assertThat(SqlParser.parse(prefix + "NOT ".repeat(limit) + "a")).hasSize(1);
    assertThat(Sql.error(prefix + "NOT ".repeat(limit + 1) + "a").reason()).startsWith("nested too deeply");
    assertThat(Sql.error(prefix + "- ".repeat(100_000) + "a").reason()).startsWith("nested too deeply");
    assertThat(Sql.error(prefix + "CASE WHEN a THEN ".repeat(limit + 1) + "1" + " END".repeat(limit + 1)).reason())
        .startsWith("nested too deeply");
    assertThat(Sql.error("CREATE TABLE t (a " + "ARRAY<".repeat(limit + 1) + "INT" + ">".repeat(limit + 1) + ")")
        .reason()).startsWith("nested too deeply");
    assertThat(Sql.error(prefix + "f(".repeat(100_000) + "1" + ")".repeat(100_000)).reason())
        .startsWith("nested too deeply");
  }

  @Test
  void longOperatorChainsAreLimitedByExpressionDepth() {
    String prefix = "CREATE FUNCTION f() RETURN ";
    assertThat(SqlParser.parse(prefix + "a OR ".repeat(SqlParser.MAX_NESTING) + "a")).hasSize(1);
    SqlSyntaxException e = Sql.error(prefix + "a OR ".repeat(100_000) + "a");
    assertThat(e.reason()).isEqualTo("expression nested too deeply: more than 200 levels");
    assertThat(e.column()).isEqualTo(prefix.length() + 1);
  }

  @Test
  void missingScriptIsASyntaxError() {
    SqlSyntaxException e = catchThrowableOfType(SqlSyntaxException.class, () -> SqlParser.parse(null));
    assertThat(e).hasMessage("Syntax error at line 1, column 1 at end of input: no SQL was given");
  }

  @Test
  void expectedListsNeverShowAntlrNames() {
    for (String script : List.of("GRANT", "GRANT x ON", "CREATE TABLE t (a MAP<", "ALTER TABLE t ALTER COLUMN c",
        "SHOW", "DESCRIBE", "COMMENT ON TABLE t IS", "CREATE FUNCTION f(", "USE CATALOG .")) {
      assertThat(Sql.error(script).getMessage()).doesNotContain("T__", "<EOF>", "IDENTIFIER", "STRING_LITERAL",
          "INTEGER_VALUE", "BACKQUOTED");
    }
  }
}
