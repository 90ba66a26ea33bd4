package io.gatehouse.server.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

/** Test helpers: parse one statement, compare statements without their source spans. */
final class Sql {

  private Sql() {
  }

  static Statement one(String sql) {
    List<Statement> statements = SqlParser.parse(sql);
    assertThat(statements).hasSize(1);
    return statements.get(0);
  }

  @SuppressWarnings("unchecked")
  static <T extends Statement> T one(String sql, Class<T> type) {
    Statement statement = one(sql);
    assertThat(statement).isInstanceOf(type);
    return (T) statement;
  }

  static void assertParsesAs(String sql, Statement expected) {
    assertThat(one(sql)).usingRecursiveComparison().ignoringFields("source").isEqualTo(expected);
  }

  static SqlSyntaxException error(String sql) {
    SqlSyntaxException e = catchThrowableOfType(SqlSyntaxException.class, () -> SqlParser.parse(sql));
    assertThat(e).as("syntax error for %s", sql).isNotNull();
    return e;
  }

  static QualifiedName name(String... parts) {
    return QualifiedName.of(parts);
  }
}
