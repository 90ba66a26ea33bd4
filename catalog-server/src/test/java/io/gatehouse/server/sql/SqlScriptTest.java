package io.gatehouse.server.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scripts in Databricks SQL through {@code POST /api/gatehouse/v1/sql}, as a data team writes them. */
@QuarkusTest
class SqlScriptTest {
  static final String SQL = "/api/gatehouse/v1/sql";

  static ValidatableResponse sql(RequestSpecification as, String script) {
    return as.contentType("application/json").body(Map.of("statement", script)).post(SQL).then();
  }

  static ValidatableResponse sql(String script) {
    return sql(Api.json(), script);
  }

  static ValidatableResponse sqlIn(String catalog, String schema, String script) {
    Map<String, Object> body = new HashMap<>();
    body.put("statement", script);
    body.put("catalog", catalog);
    body.put("schema", schema);
    return Api.json().body(body).post(SQL).then();
  }

  private static String group(String prefix, String... memberIds) {
    String name = Api.unique(prefix);
    Identities.group(name, memberIds);
    return name;
  }

  @Test
  void dataTeamScriptCreatesObjectsAndGrants() {
    String catalog = Api.unique("sales_cat");
    String email = Identities.email("analyst");
    String analysts = group("analysts", Identities.user(email));
    sql("""
        CREATE CATALOG IF NOT EXISTS %1$s COMMENT 'sales data';
        CREATE SCHEMA %1$s.emea;
        CREATE TABLE %1$s.emea.orders (
          id BIGINT NOT NULL COMMENT 'order id',
          region STRING,
          amount DECIMAL(10,2),
          placed_at TIMESTAMP
        ) USING DELTA PARTITIONED BY (region) COMMENT 'all orders' TBLPROPERTIES ('quality' = 'gold');
        GRANT USE CATALOG ON CATALOG %1$s TO `%2$s`;
        grant use schema, select on schema %1$s.emea to `%2$s`;
        """.formatted(catalog, analysts)).statusCode(200)
        .body("status", equalTo("SUCCEEDED"))
        .body("results", org.hamcrest.Matchers.hasSize(5))
        .body("results[4].status", containsString("Granted USE SCHEMA, SELECT on schema " + catalog + ".emea"));

    var table = Api.get("/tables/" + catalog + ".emea.orders").statusCode(200).extract();
    assertThat(table.<String>path("table_type")).isEqualTo("MANAGED");
    assertThat(table.<String>path("columns[2].type_text")).isEqualTo("decimal(10,2)");
    assertThat(table.<Integer>path("columns[2].type_precision")).isEqualTo(10);
    assertThat(table.<Boolean>path("columns[0].nullable")).isFalse();
    assertThat(table.<Integer>path("columns[1].partition_index")).isEqualTo(0);
    assertThat(table.<String>path("properties.quality")).isEqualTo("gold");

    var grants = sql("SHOW GRANTS ON TABLE " + catalog + ".emea.orders").statusCode(200).extract();
    assertThat(grants.<List<String>>path("results[0].columns.name"))
        .containsExactly("principal", "action_type", "object_type", "object_key");
    List<List<String>> rows = grants.path("results[0].rows");
    assertThat(rows).contains(List.of(analysts, "SELECT", "SCHEMA", catalog + ".emea"),
        List.of(analysts, "USE CATALOG", "CATALOG", catalog));

    // The grants hold for a member, through the REST API.
    Identities.as(TestIssuer.jwt(email)).get(Api.BASE + "/tables/" + catalog + ".emea.orders").then().statusCode(200);
  }

  @Test
  void unqualifiedNamesUseTheDefaultsAndUse() {
    String catalog = Api.unique("defaults");
    sql("CREATE CATALOG " + catalog).statusCode(200);
    sqlIn(catalog, null, """
        CREATE SCHEMA IF NOT EXISTS raw;
        USE SCHEMA raw;
        CREATE TABLE events (id INT, payload STRING) LOCATION 's3://bucket/%s/events' USING parquet;
        SHOW TABLES;
        SHOW TABLES IN raw LIKE 'ev*|none';
        DESCRIBE TABLE EXTENDED events;
        """.formatted(catalog)).statusCode(200)
        .body("results[3].rows", equalTo(List.of(List.of("raw", "events", "false"))))
        .body("results[4].rows.size()", equalTo(1))
        .body("results[5].rows[0]", equalTo(java.util.Arrays.asList("id", "int", null)))
        .body("results[5].rows.find { it[0] == 'Type' }[1]", equalTo("EXTERNAL"))
        .body("results[5].rows.find { it[0] == 'Provider' }[1]", equalTo("PARQUET"));
    sql("CREATE TABLE t (id INT)").statusCode(400)
        .body("message", containsString("needs a catalog"));
  }

  @Test
  void quotedIdentifiersAndCaseRules() {
    String catalog = Api.unique("Quoted");
    sql("cReAtE cAtAlOg `" + catalog + "`; CREATE SCHEMA `" + catalog + "`.`sales-eu`;"
        + " create table `" + catalog + "`.`sales-eu`.`q1-2026` (`select` string, `Amount` double) location 's3://b/" + catalog + "/w'")
        .statusCode(200);
    Api.get("/schemas/" + catalog + ".sales-eu").statusCode(200).body("name", equalTo("sales-eu"));
    Api.get("/tables/" + catalog + ".sales-eu.q1-2026").statusCode(200)
        .body("columns[0].name", equalTo("select")).body("columns[1].name", equalTo("Amount"));
    // Names compare without regard to case, as Unity Catalog's do; keywords are case-insensitive.
    sql("describe schema " + catalog.toUpperCase() + ".`SALES-EU`").statusCode(200)
        .body("results[0].rows.find { it[0] == 'Namespace Name' }[1]", equalTo("sales-eu"));
    // Without backquotes, the hyphen is not part of a name.
    sql("CREATE SCHEMA " + catalog + ".sales-us").statusCode(400).body("error_code", equalTo("INVALID_ARGUMENT"));
  }

  @Test
  void syntaxErrorNamesLineColumnAndWhatWasExpected() {
    var error = sql("GRANT SELECT ON SCHEMA main.sales TO analysts;\nGRANT SELECT ON TABL main.sales.t TO analysts")
        .statusCode(400).body("error_code", equalTo("INVALID_ARGUMENT")).extract();
    assertThat(error.<String>path("message")).contains("line 2").contains("column 17").contains("TABL");
    Map<String, String> metadata = error.path("details[0].metadata");
    assertThat(metadata).containsEntry("line", "2").containsEntry("column", "17").containsKey("expected");
    assertThat(metadata.get("expected")).contains("TABLE").contains("SCHEMA");
  }

  @Test
  void failedScriptAppliesNothing() {
    String catalog = Api.unique("atomic");
    String analysts = group("atomic_readers");
    sql("""
        CREATE CATALOG %1$s;
        GRANT USE CATALOG ON CATALOG %1$s TO `%2$s`;
        GRANT SELECT ON CATALOG %1$s TO `nobody-by-this-name@example.com`;
        """.formatted(catalog, analysts)).statusCode(404)
        .body("message", containsString("Statement 3 (line 3)"))
        .body("message", containsString("'nobody-by-this-name@example.com'"))
        .body("details[0].metadata.statement_index", equalTo("2"));
    Api.get("/catalogs/" + catalog).statusCode(404);
    // The grant of statement 2 left no audit record either: it never happened.
    List<Map<String, Object>> events = Api.json().queryParam("securable", catalog).queryParam("action", "GRANT")
        .get("/api/gatehouse/v1/audit").then().statusCode(200).extract().path("events");
    assertThat(events).isEmpty();
  }

  @Test
  void privilegeThatDoesNotApplyNamesBoth() {
    String catalog = Api.unique("mismatch");
    sql("CREATE CATALOG " + catalog + "; CREATE SCHEMA " + catalog + ".s;"
        + " CREATE TABLE " + catalog + ".s.t (a INT) LOCATION 's3://b/" + catalog + "/t'").statusCode(200);
    sql("GRANT CREATE TABLE ON TABLE " + catalog + ".s.t TO `account users`").statusCode(400)
        .body("message", containsString("CREATE TABLE"))
        .body("message", containsString("table " + catalog + ".s.t"));
    sql("GRANT USAGE ON CATALOG " + catalog + " TO `account users`").statusCode(400)
        .body("message", containsString("Unknown privilege 'USAGE'"));
  }

  @Test
  void denyWinsOverGrantAndShowsInExplainAndEffectivePermissions() {
    String catalog = Api.unique("denied");
    String email = Identities.email("contractor");
    String id = Identities.user(email);
    String readers = group("readers", id);
    String contractors = group("contractors", id);
    sql("""
        CREATE CATALOG %1$s; CREATE SCHEMA %1$s.hr;
        CREATE TABLE %1$s.hr.salaries (name STRING, salary DOUBLE) LOCATION 's3://b/%1$s/salaries';
        GRANT USE CATALOG, USE SCHEMA, SELECT ON CATALOG %1$s TO `%2$s`;
        DENY SELECT ON SCHEMA %1$s.hr TO `%3$s`;
        """.formatted(catalog, readers, contractors)).statusCode(200);
    String table = catalog + ".hr.salaries";
    Api.json().queryParam("principal", email).queryParam("privilege", "SELECT").queryParam("securable_type", "table")
        .queryParam("full_name", table).get("/api/gatehouse/v1/authz/explain").then().statusCode(200)
        .body("allowed", equalTo(false))
        .body("reason", containsString("DENY SELECT on schema " + catalog + ".hr to " + contractors));
    Api.get("/effective-permissions/table/" + table).statusCode(200)
        .body("privilege_assignments.find { it.principal == '" + contractors + "' }.privileges[0].deny", equalTo(true));
    sql("SHOW GRANTS ON SCHEMA " + catalog + ".hr").statusCode(200)
        .body("results[0].rows", org.hamcrest.Matchers.hasItem(List.of(contractors, "DENY SELECT", "SCHEMA", catalog + ".hr")));

    sql("REVOKE DENY SELECT ON SCHEMA " + catalog + ".hr FROM `" + contractors + "`").statusCode(200);
    Api.json().queryParam("principal", email).queryParam("privilege", "SELECT").queryParam("securable_type", "table")
        .queryParam("full_name", table).get("/api/gatehouse/v1/authz/explain").then().statusCode(200)
        .body("allowed", equalTo(true));
  }

  @Test
  void rowFilterAndMasksAreRenderedForEachReader() {
    String catalog = Api.unique("governed");
    String email = Identities.email("hrguy");
    String admins = group("hr_admins", Identities.user(email));
    String other = Identities.email("clerk");
    Identities.user(other);
    sql("""
        CREATE CATALOG %1$s;
        CREATE SCHEMA %1$s.hr;
        USE SCHEMA %1$s.hr;
        CREATE TABLE employees (name STRING, region STRING, ssn STRING, email STRING) LOCATION 's3://b/%1$s/emp';
        CREATE FUNCTION region_filter(region STRING)
          RETURN IF(is_account_group_member('%2$s'), true, region = 'EMEA');
        CREATE FUNCTION ssn_mask(ssn STRING) RETURN CASE WHEN is_member('%2$s') THEN ssn ELSE '***-**-****' END;
        CREATE FUNCTION email_mask(email STRING, name STRING) RETURNS STRING
          RETURN CASE WHEN current_user() = name THEN email ELSE concat('***@', substring_index(email, '@', -1)) END;
        ALTER TABLE employees SET ROW FILTER region_filter ON (region);
        ALTER TABLE employees ALTER COLUMN ssn SET MASK ssn_mask;
        ALTER TABLE employees ALTER COLUMN email SET MASK email_mask USING COLUMNS (name);
        ALTER TABLE employees ALTER COLUMN ssn SET TAGS ('pii' = 'ssn');
        ALTER TABLE employees SET TAGS ('domain' = 'hr', 'certified');
        """.formatted(catalog, admins)).statusCode(200);
    String table = catalog + ".hr.employees";

    var info = Api.get("/tables/" + table).statusCode(200).extract();
    assertThat(info.<String>path("row_filter.function_name")).isEqualTo(catalog + ".hr.region_filter");
    assertThat(info.<List<String>>path("row_filter.input_column_names")).containsExactly("region");
    assertThat(info.<String>path("columns.find { it.name == 'ssn' }.mask.function_name")).isEqualTo(catalog + ".hr.ssn_mask");
    assertThat(info.<List<String>>path("columns.find { it.name == 'email' }.mask.using_column_names")).containsExactly("name");
    assertThat(info.<String>path("columns.find { it.name == 'ssn' }.tags.pii")).isEqualTo("ssn");
    assertThat(info.<Map<String, String>>path("tags")).containsEntry("domain", "hr").containsEntry("certified", "");

    var member = policies(table, email);
    assertThat(member.<String>path("row_filter")).isEqualTo("TRUE");
    assertThat(member.<String>path("column_masks.ssn")).isEqualTo("ssn");
    var clerk = policies(table, other);
    assertThat(clerk.<String>path("row_filter")).isEqualTo("(region = 'EMEA')");
    assertThat(clerk.<String>path("column_masks.ssn")).isEqualTo("'***-**-****'");
    assertThat(clerk.<String>path("column_masks.email")).contains("'" + other + "' = name").contains("concat");

    sql("ALTER TABLE " + table + " DROP ROW FILTER; ALTER TABLE " + table + " ALTER COLUMN ssn DROP MASK").statusCode(200);
    assertThat(policies(table, other).<String>path("row_filter")).isNull();
    assertThat(policies(table, other).<Map<String, String>>path("column_masks")).containsOnlyKeys("email");
    sql("DROP FUNCTION " + catalog + ".hr.email_mask").statusCode(400)
        .body("message", containsString("in use by table " + table));
    sql("DROP FUNCTION " + catalog + ".hr.ssn_mask").statusCode(200);
  }

  private static io.restassured.response.ExtractableResponse<?> policies(String table, String principal) {
    return Api.json().queryParam("full_name", table).queryParam("principal", principal)
        .get("/api/gatehouse/v1/authz/data-policies").then().statusCode(200).extract();
  }

  @Test
  void ownershipMovesAndOnlyManagersMayGrant() {
    String catalog = Api.unique("owned");
    String email = Identities.email("newowner");
    Identities.user(email);
    String stranger = Identities.email("stranger");
    Identities.user(stranger);
    sql("CREATE CATALOG " + catalog + "; ALTER CATALOG " + catalog + " OWNER TO `" + email + "`").statusCode(200);
    Api.get("/catalogs/" + catalog).statusCode(200).body("owner", equalTo(email));
    sql("ALTER CATALOG " + catalog + " OWNER TO `ghost@example.com`").statusCode(404)
        .body("message", containsString("'ghost@example.com'"));
    sql(Identities.as(TestIssuer.jwt(stranger)), "GRANT USE CATALOG ON CATALOG " + catalog + " TO `" + stranger + "`")
        .statusCode(403).body("error_code", equalTo("PERMISSION_DENIED"));
    sql(Identities.as(TestIssuer.jwt(email)), "GRANT USE CATALOG ON CATALOG " + catalog + " TO `" + stranger + "`")
        .statusCode(200);
  }

  @Test
  void renameCommentPropertiesAndDrop() {
    String catalog = Api.unique("lifecycle");
    sql("""
        CREATE CATALOG %1$s MANAGED LOCATION 's3://managed/%1$s';
        CREATE SCHEMA %1$s.s1 COMMENT 'first';
        CREATE TABLE %1$s.s1.t1 (a INT, b STRING) LOCATION 's3://b/%1$s/t1';
        ALTER TABLE %1$s.s1.t1 RENAME TO t2;
        ALTER SCHEMA %1$s.s1 RENAME TO s2;
        COMMENT ON TABLE %1$s.s2.t2 IS 'renamed twice';
        COMMENT ON COLUMN %1$s.s2.t2.b IS 'the b';
        ALTER TABLE %1$s.s2.t2 SET TBLPROPERTIES ('k1' = 'v1', 'k2' = 'v2');
        ALTER TABLE %1$s.s2.t2 UNSET TBLPROPERTIES ('k1');
        """.formatted(catalog)).statusCode(200);
    Api.get("/tables/" + catalog + ".s2.t2").statusCode(200)
        .body("comment", equalTo("renamed twice"))
        .body("columns[1].comment", equalTo("the b"))
        .body("properties", equalTo(Map.of("k2", "v2")));
    sql("ALTER TABLE " + catalog + ".s2.t2 UNSET TBLPROPERTIES ('nope')").statusCode(400);
    sql("ALTER TABLE " + catalog + ".s2.t2 UNSET TBLPROPERTIES IF EXISTS ('nope')").statusCode(200);
    sql("DROP TABLE IF EXISTS " + catalog + ".s2.nothing; DROP SCHEMA " + catalog + ".s2").statusCode(400);
    sql("DROP SCHEMA " + catalog + ".s2 CASCADE; DROP CATALOG " + catalog).statusCode(200);
    Api.get("/catalogs/" + catalog).statusCode(404);
  }

  @Test
  void showGrantsToAPrincipal() {
    String catalog = Api.unique("granted");
    String g = group("grantees");
    sql("CREATE CATALOG " + catalog + "; GRANT USE CATALOG, BROWSE ON CATALOG " + catalog + " TO `" + g + "`;"
        + " DENY CREATE SCHEMA ON CATALOG " + catalog + " TO `" + g + "`").statusCode(200);
    sql("SHOW GRANTS TO `" + g + "`").statusCode(200)
        .body("results[0].rows", org.hamcrest.Matchers.containsInAnyOrder(
            List.of(g, "BROWSE", "CATALOG", catalog), List.of(g, "USE CATALOG", "CATALOG", catalog),
            List.of(g, "DENY CREATE SCHEMA", "CATALOG", catalog)));
    sql("SHOW GRANTS TO `nobody@example.com`").statusCode(404);
  }

  @Test
  void moreStatementFormsAsDatabricksWritesThem() {
    String catalog = Api.unique("forms");
    String email = Identities.email("everyone");
    Identities.user(email);
    var results = sql("""
        CREATE CATALOG %1$s;
        COMMENT ON CATALOG %1$s IS 'every form';
        CREATE DATABASE %1$s.db WITH DBPROPERTIES ('team' = 'core');
        USE CATALOG %1$s;
        USE db;
        CREATE FUNCTION only_eu(r STRING) RETURN r = 'EU';
        CREATE FUNCTION hide(v STRING) RETURNS STRING RETURN '****';
        CREATE TABLE people (name STRING, r STRING, phone STRING MASK hide)
          LOCATION 's3://b/%1$s/people' WITH ROW FILTER only_eu ON (r);
        CREATE VOLUME files;
        ALTER VOLUME files RENAME TO docs;
        ALTER CATALOG %1$s SET TAGS ('owner_team' = 'core');
        ALTER SCHEMA db SET TAGS ('tier' = 'gold', 'x');
        ALTER SCHEMA db UNSET TAGS ('x');
        ALTER VOLUME docs SET TAGS ('kind' = 'pdf');
        GRANT SELECT ON people TO `account users`;
        GRANT READ VOLUME ON VOLUME docs TO `account users`;
        GRANT USE CATALOG ON CATALOG %1$s TO `account users`;
        GRANT USE SCHEMA ON DATABASE db TO `account users`;
        ALTER TABLE people SET OWNER TO `%2$s`;
        SHOW CATALOGS LIKE '%1$s';
        SHOW SCHEMAS IN %1$s;
        SHOW VOLUMES IN db;
        SHOW FUNCTIONS IN %1$s.db;
        DESCRIBE CATALOG EXTENDED %1$s;
        DESCRIBE SCHEMA EXTENDED db;
        DESCRIBE VOLUME docs;
        DESCRIBE FUNCTION EXTENDED only_eu;
        SHOW GRANTS ON people;
        SHOW GRANTS ON METASTORE;
        """.formatted(catalog, email)).statusCode(200).extract();
    List<Map<String, Object>> r = results.path("results");
    assertThat(rows(r, 19)).containsExactly(List.of(catalog));
    assertThat(rows(r, 20)).contains(List.of("db"));
    assertThat(rows(r, 21)).containsExactly(List.of("db", "docs"));
    assertThat(rows(r, 22)).containsExactlyInAnyOrder(List.of(catalog + ".db.only_eu"), List.of(catalog + ".db.hide"));
    assertThat(rows(r, 23)).contains(List.of("Comment", "every form"), List.of("Tags", "(owner_team=core)"));
    assertThat(rows(r, 24)).contains(List.of("Properties", "(team=core)"), List.of("Tags", "(tier=gold)"));
    assertThat(rows(r, 25).get(0)).contains("docs", "(kind=pdf)");
    assertThat(rows(r, 26)).contains(List.of("Input:    (r STRING)"), List.of("Returns:  boolean"));
    assertThat(rows(r, 27)).contains(List.of("account users", "SELECT", "TABLE", catalog + ".db.people"),
        List.of("account users", "USE CATALOG", "CATALOG", catalog));

    // A grant to `account users` reaches every principal; the inline filter and mask are in force.
    Identities.as(TestIssuer.jwt(email)).get(Api.BASE + "/tables/" + catalog + ".db.people").then().statusCode(200)
        .body("owner", equalTo(email))
        .body("row_filter.function_name", equalTo(catalog + ".db.only_eu"))
        .body("columns[2].mask.function_name", equalTo(catalog + ".db.hide"));
    var reader = policies(catalog + ".db.people", email);
    assertThat(reader.<String>path("row_filter")).isEqualTo("(r = 'EU')");
    assertThat(reader.<String>path("column_masks.phone")).isEqualTo("'****'");
  }

  @SuppressWarnings("unchecked")
  private static List<List<String>> rows(List<Map<String, Object>> results, int index) {
    return (List<List<String>>) results.get(index).get("rows");
  }

  @Test
  void misspeltSecurableKindIsASyntaxError() {
    sql("GRANT SELECT ON TABEL main.sales.t TO analysts").statusCode(400)
        .body("message", containsString("near 'TABEL': expected one of CATALOG"))
        .body("details[0].metadata.column", equalTo("17"));
  }

  @Test
  void badRequestsAreFourHundreds() {
    Api.json().body("{}").post(SQL).then().statusCode(400).body("message", containsString("'statement'"));
    Api.json().body(Map.of("statement", "-- only a comment")).post(SQL).then().statusCode(400);
    Api.json().body(Map.of("statement", 42)).post(SQL).then().statusCode(400);
    io.restassured.RestAssured.given().body(Map.of("statement", "SHOW CATALOGS")).contentType("application/json")
        .post(SQL).then().statusCode(401);
  }
}
