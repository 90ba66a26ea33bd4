package io.gatehouse.server.sql;

import static io.gatehouse.server.sql.SqlScriptTest.sql;
import static io.gatehouse.server.sql.SqlScriptTest.sqlIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ALTER TABLE ... ADD COLUMNS, RENAME COLUMN and DROP COLUMNS on the stored columns: MANAGE or
 * ownership needed; a column that the row filter or a mask names is neither renamed nor dropped,
 * however it is spelled.
 */
@QuarkusTest
class SqlColumnChangesTest {

  private static String table(String catalog) {
    sql("""
        CREATE CATALOG %1$s; CREATE SCHEMA %1$s.s;
        CREATE TABLE %1$s.s.t (id INT, region STRING, email STRING, amount DOUBLE) LOCATION 's3://b/%1$s/t';
        """.formatted(catalog)).statusCode(200);
    return catalog + ".s.t";
  }

  private static List<String> names(String table) {
    return Api.get("/tables/" + table).statusCode(200).extract().path("columns.name");
  }

  @Test
  void columnsAreAddedRenamedAndDropped() {
    String t = table(Api.unique("cols"));
    sql("""
        ALTER TABLE %1$s ADD COLUMNS (note STRING COMMENT 'free text', price DECIMAL(10,2) NOT NULL);
        ALTER TABLE %1$s ADD COLUMN extra INT;
        ALTER TABLE %1$s RENAME COLUMN note TO remark;
        ALTER TABLE %1$s DROP COLUMN extra;
        ALTER TABLE %1$s DROP COLUMNS (AMOUNT);
        """.formatted(t)).statusCode(200);
    var info = Api.get("/tables/" + t).statusCode(200).extract();
    assertThat(info.<List<String>>path("columns.name")).containsExactly("id", "region", "email", "remark", "price");
    assertThat(info.<List<Integer>>path("columns.position")).containsExactly(0, 1, 2, 3, 4);
    assertThat(info.<String>path("columns[3].comment")).isEqualTo("free text");
    assertThat(info.<String>path("columns[3].type_json")).contains("\"remark\"").doesNotContain("note");
    assertThat(info.<String>path("columns[4].type_text")).isEqualTo("decimal(10,2)");
    assertThat(info.<Boolean>path("columns[4].nullable")).isFalse();

    // Names are one in any case; a missing column is 404, unless IF EXISTS.
    sql("ALTER TABLE " + t + " ADD COLUMNS (ID BIGINT)").statusCode(400);
    sql("ALTER TABLE " + t + " ADD COLUMNS (a INT, A INT)").statusCode(400);
    sql("ALTER TABLE " + t + " RENAME COLUMN remark TO Region").statusCode(409);
    sql("ALTER TABLE " + t + " RENAME COLUMN nope TO other").statusCode(404);
    sql("ALTER TABLE " + t + " DROP COLUMN nope").statusCode(404);
    sql("ALTER TABLE " + t + " DROP COLUMN IF EXISTS nope").statusCode(200);
    sql("ALTER TABLE " + t + " ADD COLUMNS (m STRING MASK f)").statusCode(400);
    sql("ALTER TABLE " + t + " RENAME COLUMN `remark` TO `REMARK`").statusCode(200);
    assertThat(names(t)).containsExactly("id", "region", "email", "REMARK", "price");
    sql("ALTER TABLE " + t + " DROP COLUMNS (id, region, email, REMARK, price)").statusCode(400);
    assertThat(names(t)).hasSize(5);
  }

  @Test
  void aColumnTheFilterOrAMaskNamesIsNeitherRenamedNorDropped() {
    String catalog = Api.unique("colpol");
    String t = table(catalog);
    sqlIn(catalog, "s", """
        CREATE FUNCTION only_emea(region STRING) RETURN region = 'EMEA';
        CREATE FUNCTION hide(email STRING, id INT) RETURN CASE WHEN id > 0 THEN '***' ELSE email END;
        ALTER TABLE t SET ROW FILTER only_emea ON (region);
        ALTER TABLE t ALTER COLUMN email SET MASK hide USING COLUMNS (id);
        """).statusCode(200);
    for (String statement : List.of("RENAME COLUMN region TO r", "RENAME COLUMN `REGION` TO r", "DROP COLUMN Region",
        "DROP COLUMNS (amount, region)", "RENAME COLUMN email TO mail", "DROP COLUMN EMAIL", "RENAME COLUMN id TO key",
        "DROP COLUMN `id`")) {
      sql("ALTER TABLE " + t + " " + statement).statusCode(400).body("message", containsString("first"));
    }
    // Nothing moved, not even the column named before the refused one.
    assertThat(names(t)).containsExactly("id", "region", "email", "amount");
    sql("ALTER TABLE " + t + " RENAME COLUMN amount TO total").statusCode(200);
    sql("ALTER TABLE " + t + " DROP ROW FILTER; ALTER TABLE " + t + " ALTER COLUMN email DROP MASK").statusCode(200);
    sql("ALTER TABLE " + t + " RENAME COLUMN region TO r; ALTER TABLE " + t + " DROP COLUMN email").statusCode(200);
    assertThat(names(t)).containsExactly("id", "r", "total");
  }

  @Test
  void onlyAManagerChangesColumns() {
    String catalog = Api.unique("colmgr");
    String t = table(catalog);
    String email = Identities.email("colwriter");
    Identities.user(email);
    sql("GRANT USE CATALOG, USE SCHEMA ON CATALOG " + catalog + " TO `" + email + "`;"
        + " GRANT SELECT, MODIFY ON TABLE " + t + " TO `" + email + "`").statusCode(200);
    var writer = Identities.as(TestIssuer.jwt(email));
    for (String statement : List.of("ADD COLUMNS (x INT)", "RENAME COLUMN amount TO total", "DROP COLUMN amount")) {
      SqlScriptTest.sql(Identities.as(TestIssuer.jwt(email)), "ALTER TABLE " + t + " " + statement).statusCode(403);
    }
    assertThat(names(t)).containsExactly("id", "region", "email", "amount");
    sql("GRANT MANAGE ON TABLE " + t + " TO `" + email + "`").statusCode(200);
    SqlScriptTest.sql(writer, "ALTER TABLE " + t + " ADD COLUMNS (x INT)").statusCode(200);
    assertThat(names(t)).containsExactly("id", "region", "email", "amount", "x");
  }
}
