package io.gatehouse.spark;

import static io.gatehouse.spark.SparkWorld.messages;
import static io.gatehouse.spark.SparkWorld.rows;
import static io.gatehouse.spark.SparkWorld.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.client.GatehouseGrpcClient;
import io.gatehouse.client.PermissionDeniedException;
import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.GatehouseServer.Principal;
import io.gatehouse.engines.Lake;
import io.gatehouse.proto.v1.ColumnMask;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's scenario end to end: governed tags made over the REST API in Databricks' shape, tags
 * and policies written in Databricks SQL (a mask policy on the catalog with an exception, a row
 * filter policy by a region tag, a DENY policy), users in nested groups; then what every engine
 * receives for each of them (Spark through the connector, gRPC ResolveTable, the Iceberg REST
 * catalog), before and after tags change, and the moves a governed user might try to escape.
 *
 * <p>Alice is in emea_team, a group inside analysts: the row filter and the DENY policy name
 * analysts. Bob is in hr_leads, a group inside hr_admins, which every mask policy EXCEPTs. Carol
 * is only in `account users`. Mover is a service principal in emea_team that owns a table.
 */
class TagPolicyScenarioTest {
  static final String ICEBERG = "/api/2.1/unity-catalog/iceberg/v1/";
  static final List<String> RAW = List.of("[1,Ann,111-11-1111,ann@x.com,EMEA]", "[2,Bo,222-22-2222,bo@x.com,AMER]",
      "[3,Cy,333-33-3333,cy@x.com,EMEA]", "[4,Di,444-44-4444,di@x.com,APAC]");
  static final List<String> MASKED_SSN = List.of("[1,Ann,***-**-1111,ann@x.com,EMEA]", "[2,Bo,***-**-2222,bo@x.com,AMER]",
      "[3,Cy,***-**-3333,cy@x.com,EMEA]", "[4,Di,***-**-4444,di@x.com,APAC]");

  static Lake lake;
  static GatehouseServer server;
  static String wh;
  static Principal owner;
  static Principal engine;
  static Principal mover;
  static String alice;
  static String bob;
  static String carol;
  static String analysts;
  static String hrAdmins;
  static String pii;
  static String region;
  static String sensitivity;
  static String asOwner;
  static String asAlice;
  static String asBob;
  static String asCarol;

  @BeforeAll
  static void world() {
    lake = Lake.get();
    server = lake.server;
    SparkWorld.session();
    wh = lake.warehouse();
    for (String schema : List.of("sales", "gov", "archive")) {
      server.post("/schemas", "{\"name\":\"" + schema + "\",\"catalog_name\":\"" + wh + "\"}");
    }
    owner = server.principal("abac_owner");
    server.grant("catalog", wh, owner.name(), "USE CATALOG");
    server.grant("schema", wh + ".sales", owner.name(), "USE SCHEMA", "CREATE TABLE", "EXTERNAL USE SCHEMA");
    asOwner = SparkWorld.catalog(wh, owner.token(), null);
    sql("CREATE TABLE " + asOwner + ".sales.customers (id INT, name STRING, ssn STRING, email STRING, region STRING)"
        + " USING iceberg");
    sql("INSERT INTO " + asOwner + ".sales.customers VALUES (1, 'Ann', '111-11-1111', 'ann@x.com', 'EMEA'),"
        + " (2, 'Bo', '222-22-2222', 'bo@x.com', 'AMER'), (3, 'Cy', '333-33-3333', 'cy@x.com', 'EMEA'),"
        + " (4, 'Di', '444-44-4444', 'di@x.com', 'APAC')");
    sql("CREATE TABLE " + asOwner + ".sales.payroll (id INT, salary DOUBLE) USING iceberg");
    sql("INSERT INTO " + asOwner + ".sales.payroll VALUES (1, 100.0)");

    // Users in nested groups; the engine acts for each of them.
    alice = server.user("alice");
    bob = server.user("bob");
    carol = server.user("carol");
    mover = server.principal("abac_mover");
    String emeaTeam = server.group("emea_team", server.scimId("Users", "userName", alice),
        server.scimId("ServicePrincipals", "applicationId", mover.name()));
    analysts = server.group("analysts", server.scimId("Groups", "displayName", emeaTeam));
    String hrLeads = server.group("hr_leads", server.scimId("Users", "userName", bob));
    hrAdmins = server.group("hr_admins", server.scimId("Groups", "displayName", hrLeads));
    engine = server.principal("abac_engine");
    server.join("engines", server.scimId("ServicePrincipals", "applicationId", engine.name()));

    // Governed tags, over the REST API in Databricks' shape (each run has its own keys).
    pii = GatehouseServer.unique("pii");
    region = GatehouseServer.unique("region");
    sensitivity = GatehouseServer.unique("sensitivity");
    tagPolicy(pii, "Personal data", "ssn", "email");
    tagPolicy(region, "Region of the rows", "EMEA", "AMER", "APAC");
    tagPolicy(sensitivity, "How sensitive a table is", "high", "low");

    asAlice = SparkWorld.catalog(wh, engine.token(), alice);
    asBob = SparkWorld.catalog(wh, engine.token(), bob);
    asCarol = SparkWorld.catalog(wh, engine.token(), carol);

    // Before any policy: a reader with SELECT reads the raw rows.
    server.grant("catalog", wh, carol, "USE CATALOG");
    server.grant("schema", wh + ".sales", carol, "USE SCHEMA", "EXTERNAL USE SCHEMA", "SELECT");
    assertThat(spark(asCarol, "customers")).isEqualTo(RAW);
    governance();
  }

  static void tagPolicy(String key, String description, String... values) {
    StringBuilder list = new StringBuilder();
    for (String v : values) {
      list.append(list.isEmpty() ? "" : ",").append("{\"name\":\"").append(v).append("\"}");
    }
    HttpResponse<String> created = server.call("POST", "/api/2.1/tag-policies", "{\"tag_key\":\"" + key
        + "\",\"description\":\"" + description + "\",\"values\":[" + list + "]}", server.adminToken);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
  }

  /** The scenario's SQL, as a Databricks user writes it, run as the admin in {@code wh}. */
  static void governance() {
    server.sql(wh, "gov", """
        GRANT USE CATALOG ON CATALOG %1$s TO `account users`;
        GRANT USE SCHEMA, EXTERNAL USE SCHEMA, SELECT ON SCHEMA %1$s.sales TO `account users`;
        GRANT MODIFY ON TABLE %1$s.sales.customers TO `%6$s`;

        CREATE FUNCTION %1$s.gov.mask_ssn(ssn STRING) RETURN '***-**-' || right(ssn, 4);
        create function `%1$s`.`gov`.`mask_email`(email STRING) return regexp_replace(email, '^[^@]+', '***');
        CREATE FUNCTION %1$s.gov.emea_only(r STRING) RETURN r = 'EMEA';

        ALTER TABLE %1$s.sales.customers ALTER COLUMN ssn SET TAGS ('%2$s' = 'ssn');
        ALTER TABLE `%1$s`.`sales`.`customers` ALTER COLUMN region SET TAGS ('geo');
        ALTER TABLE %1$s.sales.customers SET TAGS ('%3$s' = 'EMEA');
        ALTER TABLE %1$s.sales.payroll SET TAGS ('%4$s' = 'high');

        CREATE POLICY mask_ssn
        ON CATALOG %1$s
        COMMENT 'Mask social security numbers'
        COLUMN MASK %1$s.gov.mask_ssn
        TO `account users`
        EXCEPT `%6$s`
        FOR TABLES
        MATCH COLUMNS hasTagValue('%2$s', 'ssn') AS ssn
        ON COLUMN ssn;

        create policy mask_email on catalog `%1$s`
        column mask `%1$s`.gov.mask_email
        to `account users` except %7$s
        for tables
        match columns has_tag_value('%8$s', 'email') email
        on column email;

        CREATE POLICY emea_rows
        ON SCHEMA %1$s.sales
        COMMENT 'Analysts see EMEA rows of regional tables'
        ROW FILTER %1$s.gov.emea_only
        TO `%5$s`
        FOR TABLES
        WHEN hasTagValue('%3$s', 'EMEA')
        MATCH COLUMNS hasTag('geo') AS r
        USING COLUMNS (r);

        CREATE POLICY no_sensitive ON CATALOG %1$s
        COMMENT 'No highly sensitive tables for analysts'
        DENY SELECT TO `%5$s` FOR TABLES WHEN hasTagValue('%4$s', 'high');
        """.formatted(wh, pii, region, sensitivity, analysts, hrAdmins, hrAdmins.toUpperCase(), pii.toUpperCase()));
  }

  // --- What each engine receives -----------------------------------------------------------

  static List<String> spark(String catalog, String table) {
    return rows("SELECT * FROM " + catalog + ".sales." + table + " ORDER BY id");
  }

  static String sparkRefusal(String catalog, String table) {
    try {
      sql("SELECT * FROM " + catalog + ".sales." + table);
      return null;
    } catch (Exception e) {
      return messages(e);
    }
  }

  /** gRPC ResolveTable by the engine for {@code user}: the row filter ("" for none) and the masks. */
  record Resolved(String rowFilter, Map<String, String> masks) {}

  static Resolved resolve(String user, String table) {
    try (GatehouseGrpcClient grpc = GatehouseGrpcClient.builder("127.0.0.1", server.grpcPort).token(engine.token()).build()) {
      ResolveTableResponse r = grpc.resolveTable(ResolveTableRequest.newBuilder().setFullName(wh + ".sales." + table)
          .setOnBehalfOf(user).build());
      Map<String, String> masks = new TreeMap<>();
      for (ColumnMask m : r.getColumnMasksList()) {
        masks.put(m.getColumn(), m.getExpression());
      }
      return new Resolved(r.getRowFilter(), masks);
    }
  }

  /** ResolveTable's refusal for {@code user}: its message, or null when allowed. */
  static String resolveRefusal(String user, String table) {
    try {
      resolve(user, table);
      return null;
    } catch (PermissionDeniedException e) {
      return e.getMessage();
    }
  }

  /** The Iceberg REST catalog's load of {@code table}, by the engine for {@code user}, or by {@code token} alone. */
  static HttpResponse<String> icebergLoad(String table, String token, String user) {
    return server.call("GET", ICEBERG + wh + "/namespaces/sales/tables/" + table, null, token,
        user == null ? Map.of() : Map.of("X-Gatehouse-On-Behalf-Of", user));
  }

  /** The {@code read-restrictions} object of an Iceberg load answer. */
  static String restrictions(HttpResponse<String> load) {
    assertThat(load.statusCode()).as(load.body()).isEqualTo(200);
    String body = load.body();
    int at = body.indexOf("\"read-restrictions\"");
    assertThat(at).as("read-restrictions in %s", body).isNotNegative();
    int depth = 0;
    int start = body.indexOf('{', at);
    for (int i = start; i < body.length(); i++) {
      char c = body.charAt(i);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth == 0) {
        return body.substring(start, i + 1);
      }
    }
    throw new IllegalStateException(body);
  }

  static HttpResponse<String> sqlAs(Principal who, String statement) {
    StringBuilder json = new StringBuilder("{\"statement\":\"");
    for (char c : statement.toCharArray()) {
      json.append(c == '"' ? "\\\"" : c == '\n' ? "\\n" : String.valueOf(c));
    }
    return server.call("POST", "/api/gatehouse/v1/sql", json.append("\"}").toString(), who.token());
  }

  // --- The scenario ------------------------------------------------------------------------

  @Test
  void theScenarioThroughEveryEngineBeforeAndAfterTagsChange() {
    // Alice (emea_team in analysts): EMEA rows, SSNs masked, payroll denied.
    List<String> aliceRows = List.of("[1,Ann,***-**-1111,ann@x.com,EMEA]", "[3,Cy,***-**-3333,cy@x.com,EMEA]");
    assertThat(spark(asAlice, "customers")).isEqualTo(aliceRows);
    assertThat(sparkRefusal(asAlice, "payroll")).contains("Gatehouse refused").contains("no_sensitive");
    Resolved a = resolve(alice, "customers");
    assertThat(a.rowFilter()).isEqualTo("(`region` = 'EMEA')");
    assertThat(a.masks()).containsOnlyKeys("ssn");
    assertThat(resolveRefusal(alice, "payroll")).contains("denied by policy no_sensitive");
    String aliceIceberg = restrictions(icebergLoad("customers", engine.token(), alice));
    assertThat(aliceIceberg).contains("required-row-filter").contains("emea_only").contains("mask_ssn")
        .doesNotContain("mask_email");
    assertThat(icebergLoad("payroll", engine.token(), alice).statusCode()).isEqualTo(403);

    // Carol (account users only): every row, SSNs masked; payroll readable.
    assertThat(spark(asCarol, "customers")).isEqualTo(MASKED_SSN);
    assertThat(spark(asCarol, "payroll")).containsExactly("[1,100.0]");
    assertThat(resolve(carol, "customers")).isEqualTo(new Resolved("", a.masks()));
    assertThat(restrictions(icebergLoad("customers", engine.token(), carol))).doesNotContain("required-row-filter")
        .contains("mask_ssn");

    // Bob (hr_leads in hr_admins, the EXCEPT group): everything raw.
    assertThat(spark(asBob, "customers")).isEqualTo(RAW);
    assertThat(resolve(bob, "customers")).isEqualTo(new Resolved("", Map.of()));
    assertThat(restrictions(icebergLoad("customers", engine.token(), bob))).isEqualTo("{}");

    // An unmodified Iceberg client (the owner's own token) is refused the masked table's files.
    assertThat(icebergLoad("customers", owner.token(), null).statusCode()).isEqualTo(403);

    // New rows written by bob (MODIFY, through the engine) are governed like the old ones.
    sql("INSERT INTO " + asBob + ".sales.customers VALUES (5, 'Ed', '555-55-5555', 'ed@x.com', 'EMEA')");
    assertThat(spark(asAlice, "customers")).containsExactly(aliceRows.get(0), aliceRows.get(1),
        "[5,Ed,***-**-5555,ed@x.com,EMEA]");
    assertThat(resolve(carol, "customers").masks()).containsOnlyKeys("ssn");

    // A PII tag on another column: masked at once, for everyone but hr_admins.
    server.sql(wh, "sales", "SET TAG ON COLUMN customers.email `" + pii + "` = `email`");
    assertThat(spark(asAlice, "customers")).containsExactly("[1,Ann,***-**-1111,***@x.com,EMEA]",
        "[3,Cy,***-**-3333,***@x.com,EMEA]", "[5,Ed,***-**-5555,***@x.com,EMEA]");
    assertThat(spark(asCarol, "customers")).hasSize(5).allMatch(r -> r.contains("***@x.com"));
    assertThat(spark(asBob, "customers")).contains(RAW.get(0));
    assertThat(resolve(carol, "customers").masks()).containsOnlyKeys("ssn", "email");
    assertThat(restrictions(icebergLoad("customers", engine.token(), carol))).contains("mask_email");

    // The region tag removed: the row filter goes at once; the masks stay.
    server.sql(wh, "sales", "ALTER TABLE " + wh + ".sales.customers UNSET TAGS ('" + region.toUpperCase() + "')");
    assertThat(spark(asAlice, "customers")).hasSize(5).allMatch(r -> r.contains("***-**-"));
    assertThat(resolve(alice, "customers").rowFilter()).isEmpty();
    assertThat(restrictions(icebergLoad("customers", engine.token(), alice))).doesNotContain("required-row-filter");

    // A new table, tagged later: denied to analysts and masked for the others at once.
    sql("CREATE TABLE " + asOwner + ".sales.contracts (id INT, ssn STRING) USING iceberg");
    sql("INSERT INTO " + asOwner + ".sales.contracts VALUES (1, '999-99-9999')");
    assertThat(spark(asAlice, "contracts")).containsExactly("[1,999-99-9999]");
    server.sql(wh, "sales", "ALTER TABLE contracts SET TAGS ('" + sensitivity + "' = 'high');"
        + " ALTER TABLE contracts ALTER COLUMN ssn SET TAGS ('" + pii + "' = 'ssn')");
    assertThat(sparkRefusal(asAlice, "contracts")).contains("Gatehouse refused");
    assertThat(resolveRefusal(alice, "contracts")).contains("denied by policy no_sensitive");
    assertThat(icebergLoad("contracts", engine.token(), alice).statusCode()).isEqualTo(403);
    assertThat(spark(asCarol, "contracts")).containsExactly("[1,***-**-9999]");
    assertThat(spark(asBob, "contracts")).containsExactly("[1,999-99-9999]");
    // Untagged again: alice reads it (masked: the PII tag stays).
    server.sql(wh, "sales", "ALTER TABLE contracts UNSET TAGS ('" + sensitivity + "')");
    assertThat(spark(asAlice, "contracts")).containsExactly("[1,***-**-9999]");
  }

  /**
   * Mover (emea_team in analysts) owns a regional table with PII: the row filter and the SSN mask
   * apply to it. Moving the table out of the filter's schema, or unsetting the governed tags
   * without ASSIGN, would lift them for it: refused, through every door, and the engines still
   * give it the filter and the mask.
   */
  @Test
  void aGovernedOwnerCannotMoveOrUntagItsTableOutOfItsPolicies() {
    sql("CREATE TABLE " + asOwner + ".sales.leads (id INT, ssn STRING, region STRING) USING iceberg");
    sql("INSERT INTO " + asOwner + ".sales.leads VALUES (1, '111-11-1111', 'EMEA'), (2, '222-22-2222', 'AMER')");
    server.sql(wh, "sales", """
        ALTER TABLE leads ALTER COLUMN ssn SET TAGS ('%1$s' = 'ssn');
        ALTER TABLE leads ALTER COLUMN region SET TAGS ('geo');
        ALTER TABLE leads SET TAGS ('%2$s' = 'EMEA');
        ALTER TABLE leads OWNER TO `%3$s`;
        GRANT USE SCHEMA, CREATE TABLE, EXTERNAL USE SCHEMA ON SCHEMA %4$s.archive TO `%3$s`;
        """.formatted(pii, region, mover.name(), wh));
    String asMover = SparkWorld.catalog(wh, engine.token(), mover.name());
    List<String> governed = List.of("[1,***-**-1111,EMEA]");
    assertThat(spark(asMover, "leads")).isEqualTo(governed);

    // Moving it to another schema: through the Iceberg REST catalog, by its own token and by the engine for it.
    String move = "{\"source\":{\"namespace\":[\"sales\"],\"name\":\"leads\"},"
        + "\"destination\":{\"namespace\":[\"archive\"],\"name\":\"leads\"}}";
    HttpResponse<String> own = server.call("POST", ICEBERG + wh + "/tables/rename", move, mover.token());
    assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
    assertThat(own.body()).contains("emea_rows").contains("mask_ssn");
    HttpResponse<String> onBehalf = server.call("POST", ICEBERG + wh + "/tables/rename", move, engine.token(),
        Map.of("X-Gatehouse-On-Behalf-Of", mover.name()));
    assertThat(onBehalf.statusCode()).as(onBehalf.body()).isEqualTo(403);
    assertThatThrownBy(() -> sql("ALTER TABLE " + asMover + ".sales.leads RENAME TO archive.leads"))
        .satisfies(e -> assertThat(messages(e)).contains("within its schema"));
    // SQL moves nothing across schemas; a rename in place keeps the table under its policies.
    assertThat(sqlAs(mover, "ALTER TABLE " + wh + ".sales.leads RENAME TO " + wh + ".archive.leads").statusCode())
        .isEqualTo(400);
    assertThat(sqlAs(mover, "ALTER TABLE " + wh + ".sales.leads RENAME TO leads2").statusCode()).isEqualTo(200);
    assertThat(spark(asMover, "leads2")).isEqualTo(governed);

    // Unsetting or changing the governed tags without ASSIGN, in any spelling of the key.
    for (String statement : List.of(
        "ALTER TABLE " + wh + ".sales.leads2 UNSET TAGS ('" + region + "')",
        "ALTER TABLE `" + wh + "`.`sales`.`leads2` UNSET TAGS ('" + region.toUpperCase() + "')",
        "ALTER TABLE " + wh + ".sales.leads2 SET TAGS ('" + region + "' = 'AMER')",
        "ALTER TABLE " + wh + ".sales.leads2 ALTER COLUMN ssn UNSET TAGS ('" + pii.toUpperCase() + "')",
        "alter table " + wh + ".sales.leads2 alter column ssn set tags ('" + pii + "' = 'email')")) {
      HttpResponse<String> refused = sqlAs(mover, statement);
      assertThat(refused.statusCode()).as(statement + ": " + refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("ASSIGN");
    }
    assertThat(spark(asMover, "leads2")).isEqualTo(governed);
    Resolved r = resolve(mover.name(), "leads2");
    assertThat(r.rowFilter()).isNotEmpty();
    assertThat(r.masks()).containsOnlyKeys("ssn");

    // A metastore admin may move it: out of the schema's row filter, still under the catalog's mask.
    HttpResponse<String> byAdmin = server.call("POST", ICEBERG + wh + "/tables/rename",
        move.replace("\"leads\"}", "\"leads2\"}"), server.adminToken);
    assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(204);
    assertThat(rows("SELECT * FROM " + asMover + ".archive.leads2 ORDER BY id"))
        .containsExactly("[1,***-**-1111,EMEA]", "[2,***-**-2222,AMER]");
  }
}
