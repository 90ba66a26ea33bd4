package io.gatehouse.server.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.sql.parse.Statement.CommentOn;
import io.gatehouse.server.sql.parse.Statement.Drop;
import io.gatehouse.server.sql.parse.Statement.Grant;
import io.gatehouse.server.sql.parse.Statement.Use;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Case, quoting, literals, comments and how a script is split into statements. */
class LexicalRulesTest {

  private static String comment(String literal) {
    return Sql.one("COMMENT ON CATALOG c IS " + literal, CommentOn.class).comment();
  }

  @Test
  void keywordsAreCaseInsensitiveAndNamesKeepTheirCase() {
    Grant grant = Sql.one("gRaNt SeLeCt oN tAbLe Main.Sales.Orders tO `Analysts`", Grant.class);
    assertThat(grant.securable()).isEqualTo(SecurableKind.TABLE);
    assertThat(grant.name().parts()).containsExactly("Main", "Sales", "Orders");
    assertThat(grant.name().canonical()).isEqualTo("main.sales.orders");
    assertThat(grant.name().canonicalParts()).containsExactly("main", "sales", "orders");
    assertThat(grant.principal()).isEqualTo("Analysts");
  }

  @Test
  void backquotedPartsHoldAnyCharacterAndDoubledBackquotes() {
    Drop drop = Sql.one("DROP TABLE `my catalog`.`sch.ema`.`a``b`", Drop.class);
    assertThat(drop.name().parts()).containsExactly("my catalog", "sch.ema", "a`b");
    assertThat(drop.name().toSql()).isEqualTo("`my catalog`.`sch.ema`.`a``b`");
  }

  @Test
  void keywordsAndNamesStartingWithDigitsAreNames() {
    assertThat(Sql.one("DROP TABLE catalog.schema.table", Drop.class).name().parts())
        .containsExactly("catalog", "schema", "table");
    assertThat(Sql.one("DROP TABLE main.2024_sales", Drop.class).name().parts()).containsExactly("main", "2024_sales");
    assertThat(Sql.one("USE `from`", Use.class).name().parts()).containsExactly("from");
  }

  @Test
  void namesArePrintedBackquotedOnlyWhereNeeded() {
    assertThat(QualifiedName.of("main", "sales").toSql()).isEqualTo("main.sales");
    assertThat(QualifiedName.of("select", "1x", "on", "current_user").toSql())
        .isEqualTo("select.`1x`.`on`.`current_user`");
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "'plain' | plain",
      "\"double\" | double",
      "'it''s' | it's",
      "\"say \"\"hi\"\"\" | say \"hi\"",
      "'it\\'s' | it's",
      "'a\\\\b' | a\\b",
      "'x\\%y\\_z' | x\\%y\\_z",
      "'\\q' | q",
      "'\\u00e9t\\u00E9' | été",
      "'\\U0001F600' | \uD83D\uDE00",
      "'\\101' | A",
      "r'C:\\dir\\n' | C:\\dir\\n",
      "R'it''s' | it's",
      "'con' 'cat' \"enated\" | concatenated",
      "'' | ~~",
  })
  void stringLiteralsAsDatabricksReadsThem(String literal, String value) {
    assertThat(comment(literal)).isEqualTo(value);
  }

  @Test
  void escapedControlCharacters() {
    assertThat(comment("'a\\nb\\tc\\rd\\0e\\bf\\Zg'")).isEqualTo("a\nb\tc\rd\u0000e\bf\u001Ag");
  }

  @Test
  void commentsAreIgnoredWhereverTheyAre() {
    List<Statement> statements = SqlParser.parse("""
        -- a script
        GRANT /* inline */ SELECT ON TABLE t TO alice; -- trailing
        /* block
           /* nested */ still a comment */
        DROP TABLE t--end
        """);
    assertThat(statements).hasSize(2);
    assertThat(statements.get(0)).isInstanceOf(Grant.class);
    assertThat(statements.get(1)).isInstanceOf(Drop.class);
  }

  @Test
  void scriptsKeepEachStatementsTextAndPosition() {
    List<Statement> statements = SqlParser.parse("USE CATALOG main;\n  GRANT SELECT\n  ON TABLE t TO x ;\n\tDROP TABLE t;");
    assertThat(statements).extracting(Statement::source).containsExactly(
        new SourceSpan("USE CATALOG main", 1, 1),
        new SourceSpan("GRANT SELECT\n  ON TABLE t TO x", 2, 3),
        new SourceSpan("DROP TABLE t", 4, 2));
  }

  @Test
  void columnsCountCharactersNotUtf16Units() {
    Statement statement = SqlParser.parse("COMMENT ON CATALOG c IS '\uD83D\uDE00'; USE x").get(1);
    assertThat(statement.source().column()).isEqualTo(30);
  }

  @Test
  void emptyStatementsAndTrailingSemicolonsAreAllowed() {
    assertThat(SqlParser.parse("")).isEmpty();
    assertThat(SqlParser.parse("  -- only a comment\n /* and another */ ")).isEmpty();
    assertThat(SqlParser.parse(";;")).isEmpty();
    assertThat(SqlParser.parse(";USE a;;USE b;")).hasSize(2);
  }
}
