package io.gatehouse.server.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.store.EmbeddedDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated scripts against the running endpoint (jqwik generators inside a Quarkus
 * test, since jqwik's engine cannot host one): every answer is 2xx or 4xx, never 5xx; and a script
 * that fails leaves the catalog, grants, filters and masks exactly as they were.
 */
@QuarkusTest
class SqlEndpointFuzzTest {
  private static final Pattern TOKEN = Pattern.compile("`[^`]*`|'[^']*'|[A-Za-z0-9_.@*-]+|\\S");
  private static final List<String> NOISE = List.of("(", ")", ",", ";", "'x'", "`y`", "ON", "TO", "FROM", "TABLE",
      "SCHEMA", "CATALOG", "SELECT", "ALL", "PRIVILEGES", "DENY", "SET", "MASK", "ROW", "FILTER", "TAGS", "IF",
      "EXISTS", "NOT", "CASCADE", "=", "1", "NULL", "--", "/*", "*/", "\\", "'", "`", "\u00e9", ".", "..");
  private static final int SAMPLES = 250;

  private String catalog;
  private String group;

  @BeforeEach
  void fixture() {
    catalog = Api.unique("fuzz");
    group = Api.unique("fuzzers");
    Identities.group(group);
    SqlScriptTest.sql("""
        CREATE CATALOG %1$s;
        CREATE SCHEMA %1$s.s;
        CREATE TABLE %1$s.s.t (a STRING, b STRING) LOCATION 's3://fuzz/%1$s/t';
        CREATE FUNCTION %1$s.s.f(a STRING) RETURN a = 'x';
        CREATE FUNCTION %1$s.s.m(b STRING) RETURN '***';
        GRANT USE CATALOG ON CATALOG %1$s TO `%2$s`;
        """.formatted(catalog, group)).statusCode(200);
  }

  private List<String> statements() {
    String t = catalog + ".s.t";
    return List.of(
        "GRANT SELECT, MODIFY ON TABLE " + t + " TO `" + group + "`",
        "REVOKE USE CATALOG ON CATALOG " + catalog + " FROM `" + group + "`",
        "DENY MODIFY ON SCHEMA " + catalog + ".s TO `" + group + "`",
        "ALTER TABLE " + t + " SET TBLPROPERTIES ('k' = 'v')",
        "ALTER TABLE " + t + " ALTER COLUMN a SET TAGS ('pii' = 'x')",
        "ALTER TABLE " + t + " SET ROW FILTER " + catalog + ".s.f ON (a)",
        "ALTER TABLE " + t + " ALTER COLUMN b SET MASK " + catalog + ".s.m",
        "CREATE TABLE " + catalog + ".s.n (x INT NOT NULL COMMENT 'c', y DECIMAL(5,2)) LOCATION 's3://fuzz/" + catalog + "/n'",
        "CREATE SCHEMA IF NOT EXISTS " + catalog + ".s2 COMMENT 'c'",
        "COMMENT ON TABLE " + t + " IS 'hello'",
        "ALTER TABLE " + t + " RENAME TO t9",
        "DROP TABLE " + t,
        "CREATE OR REPLACE FUNCTION " + catalog + ".s.f(a STRING) RETURN a <> 'y'",
        "SHOW GRANTS ON TABLE " + t,
        "DESCRIBE TABLE EXTENDED " + t,
        "ALTER SCHEMA " + catalog + ".s OWNER TO `" + group + "`",
        "SHOW TABLES IN " + catalog + ".s LIKE 't*'",
        "DROP CATALOG " + catalog + " CASCADE");
  }

  @Test
  void mutatedScriptsNeverFailTheServerAndFailuresChangeNothing() throws Exception {
    List<String> valid = statements();
    // Each script ends with a statement that fails, so none may leave a trace.
    String failing = "GRANT SELECT ON CATALOG " + catalog + " TO `no-such-principal-" + catalog + "`";
    List<String> scripts = sample(mutatedScripts(valid).map(s -> s + ";\n" + failing));
    String before = fingerprint();
    for (String script : scripts) {
      Response r = Api.json().body(Map.of("statement", script)).post(SqlScriptTest.SQL);
      assertThat(r.statusCode()).as("status for script:%n%s%n%s", script, r.asString()).isBetween(400, 499);
      assertThat(r.asString()).as("answer for %s", script).doesNotContain("Exception").doesNotContain("at io.");
      assertThat(fingerprint()).as("state after failed script:%n%s", script).isEqualTo(before);
    }
  }

  @Test
  void randomTextNeverFailsTheServer() throws Exception {
    List<String> valid = statements();
    List<String> scripts = new ArrayList<>(sample(mutatedScripts(valid)));
    scripts.addAll(sample(Arbitraries.strings().ofMaxLength(200)));
    scripts.addAll(sample(Arbitraries.of(NOISE).list().ofMaxSize(30).map(l -> String.join(" ", l))));
    for (String script : scripts) {
      if (script.isBlank()) {
        continue;
      }
      String before = fingerprint();
      Response r = Api.json().body(Map.of("statement", script)).post(SqlScriptTest.SQL);
      assertThat(r.statusCode()).as("status for script:%n%s%n%s", script, r.asString()).isLessThan(500);
      if (r.statusCode() >= 400) {
        assertThat(fingerprint()).as("state after failed script:%n%s", script).isEqualTo(before);
      }
    }
  }

  private static <T> List<T> sample(Arbitrary<T> arbitrary) {
    JqwikSession.start();
    try {
      return arbitrary.sampleStream().limit(SAMPLES).toList();
    } finally {
      JqwikSession.finish();
    }
  }

  /** One to three of the valid statements, each token list mutated up to three times. */
  private static Arbitrary<String> mutatedScripts(List<String> valid) {
    Arbitrary<String> statement = Arbitraries.of(valid).flatMap(s -> {
      List<String> tokens = tokens(s);
      return mutation(tokens).list().ofMaxSize(3).map(mutations -> {
        List<String> mutated = new ArrayList<>(tokens);
        mutations.forEach(m -> m.applyTo(mutated));
        return String.join(" ", mutated);
      });
    });
    return statement.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join(";\n", list));
  }

  private record Mutation(int kind, double at, double other, String token) {
    void applyTo(List<String> tokens) {
      if (tokens.isEmpty()) {
        return;
      }
      int i = (int) (at * tokens.size());
      int j = (int) (other * tokens.size());
      switch (kind) {
        case 0 -> tokens.remove(i);
        case 1 -> tokens.add(i, token);
        case 2 -> Collections.swap(tokens, i, j);
        default -> tokens.add(i, tokens.get(j));
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

  /** A digest of everything a script may change, read straight from PostgreSQL. */
  private static String fingerprint() throws Exception {
    String url = EmbeddedDatabase.start(Path.of("target/test-data")).jdbcUrl();
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT md5(string_agg(x, '|' ORDER BY x)) FROM ("
                + " SELECT 'c' || t::text x FROM catalogs t UNION ALL SELECT 's' || t::text FROM schemas t"
                + " UNION ALL SELECT 't' || t::text FROM tables t UNION ALL SELECT 'v' || t::text FROM volumes t"
                + " UNION ALL SELECT 'f' || t::text FROM functions t UNION ALL SELECT 'g' || t::text FROM grants t"
                + " UNION ALL SELECT 'r' || t::text FROM row_filters t UNION ALL SELECT 'm' || t::text FROM column_masks t"
                + " UNION ALL SELECT 'p' || t::text FROM policy_state t) all_rows")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
