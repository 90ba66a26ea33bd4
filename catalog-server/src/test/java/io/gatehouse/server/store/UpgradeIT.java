package io.gatehouse.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A database written by the previous release (the dump {@code upgrade/v0.1.0.sql}, made by
 * {@code scripts/make-upgrade-dump} from tag v0.1.0) is restored into a fresh PostgreSQL and the
 * current packaged server is started on it, once: Flyway applies the newer migrations, everything
 * the release wrote reads back, its token still authenticates, grants, DENY, row filter and masks
 * decide as the release decided ({@code v0.1.0-answers.tsv}), its audit trail is intact and still
 * append-only, its lineage graph answers, and new writes work.
 */
class UpgradeIT {
  private static final String RELEASE = "v0.1.0";
  private static final String ADMIN = "gat_upgrade-admin-0123456789abcdefghijklmnopqrstuvwxyz";
  private static final String UC = "/api/2.1/unity-catalog";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PackagedServers.Replica server;

  @Test
  void databaseOfThePreviousReleaseMigratesAndKeepsWorking() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "upgrade-" + RELEASE + "-");
    String dump = resource("upgrade/" + RELEASE + ".sql");
    String spToken = header(dump, "service principal token");
    String spApp = header(dump, "service principal application id");

    try (EmbeddedPostgres pg = PackagedServers.postgres(dir, PackagedServers.freePort())) {
      try (Connection c = pg.getPostgresDatabase().getConnection()) {
        c.createStatement().execute("CREATE ROLE gatehouse_owner LOGIN; CREATE ROLE gatehouse_app LOGIN");
        c.createStatement().execute("CREATE DATABASE gatehouse OWNER gatehouse_owner");
      }
      // Without zonky's ?user=postgres: it would override the user of every connection.
      String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/gatehouse";
      // The release's schema and data, restored as the schema's owner (the dump has no owners).
      try (Connection c = DriverManager.getConnection(url, "gatehouse_owner", "")) {
        // JDBC runs the SQL; psql meta-commands (the restrict and unrestrict lines of pg_dump) are not SQL.
        c.createStatement().execute(dump.lines().filter(l -> !l.startsWith("\\")).collect(Collectors.joining("\n")));
      }
      List<String> versionsBefore = column(url, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank");
      String auditBefore = auditDigest(url, Long.MAX_VALUE);
      long lastOldAudit = Long.parseLong(column(url, "SELECT max(id) FROM audit_log").get(0));
      assertThat(lastOldAudit).as("the dump holds audit records").isPositive();

      server = PackagedServers.start(dir, "upgraded", Map.of(
          "GATEHOUSE_DB_URL", url,
          "GATEHOUSE_DB_USERNAME", "gatehouse_app",
          "GATEHOUSE_DB_PASSWORD", "trust",
          "GATEHOUSE_DB_OWNER_USERNAME", "gatehouse_owner",
          "GATEHOUSE_DB_OWNER_PASSWORD", "trust",
          "GATEHOUSE_BOOTSTRAP_ADMIN_TOKEN", ADMIN));
      try {
        // Flyway: the release's history kept, every newer migration applied.
        List<String> versionsAfter = column(url, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL AND success ORDER BY installed_rank");
        assertThat(versionsAfter).startsWith(versionsBefore.toArray(String[]::new));
        assertThat(versionsAfter).containsAll(currentMigrations());
        assertThat(versionsAfter.size()).as("newer migrations applied").isGreaterThan(versionsBefore.size());

        objectsReadBack(spApp);
        decisionsAreTheRelease(spToken, spApp);
        auditTrailKept(url, auditBefore, lastOldAudit);
        lineageAnswers();
        newWritesWork(spToken, url, lastOldAudit);
      } finally {
        PackagedServers.stop(server);
      }
    }
  }

  private void objectsReadBack(String spApp) throws Exception {
    JsonNode sales = get(UC + "/catalogs/sales");
    assertThat(sales.path("comment").asText()).isEqualTo("Sales data");
    assertThat(sales.path("owner").asText()).isEqualTo("admin");
    JsonNode schema = get(UC + "/schemas/sales.orders");
    assertThat(schema.path("comment").asText()).isEqualTo("Orders");
    assertThat(schema.path("properties").path("team").asText()).isEqualTo("sales-eng");

    JsonNode orders = get(UC + "/tables/sales.orders.orders");
    assertThat(orders.path("table_type").asText()).isEqualTo("MANAGED");
    assertThat(orders.path("comment").asText()).isEqualTo("every order");
    assertThat(orders.path("properties").path("quality").asText()).isEqualTo("gold");
    assertThat(orders.path("row_filter").path("function_name").asText()).isEqualTo("sales.orders.region_filter");
    assertThat(orders.toString()).contains("\"sensitivity\"", "\"high\"", "\"domain\"");
    JsonNode ssn = column(orders, "ssn");
    assertThat(ssn.path("mask").path("function_name").asText()).isEqualTo("sales.orders.ssn_mask");
    assertThat(column(orders, "id").path("comment").asText()).isEqualTo("order id");
    assertThat(column(orders, "amount").toString()).contains("finance");

    JsonNode raw = get(UC + "/tables/sales.orders.raw_events");
    assertThat(raw.path("table_type").asText()).isEqualTo("EXTERNAL");
    assertThat(raw.path("owner").asText()).isEqualTo("data-eng");
    assertThat(raw.path("data_source_format").asText()).isEqualTo("PARQUET");
    assertThat(raw.path("storage_location").asText()).startsWith("s3://gatehouse-upgrade/raw/events");
    JsonNode view = get(UC + "/tables/sales.orders.emea_orders");
    assertThat(view.path("table_type").asText()).isEqualTo("VIEW");
    assertThat(view.path("view_definition").asText()).contains("region = 'EMEA'");

    assertThat(get(UC + "/volumes/sales.orders.files").path("comment").asText()).isEqualTo("attachments");
    assertThat(get(UC + "/functions/sales.orders.ssn_mask").path("comment").asText()).isEqualTo("masks social security numbers");
    assertThat(get(UC + "/models/sales.orders.churn").path("comment").asText()).isEqualTo("who leaves");
    assertThat(get(UC + "/models/sales.orders.churn/versions/1").path("run_id").asText()).isEqualTo("r1");
    assertThat(get(UC + "/credentials/upgrade_cred").path("aws_iam_role").path("role_arn").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/gatehouse-upgrade");
    JsonNode location = get(UC + "/external-locations/raw_bucket");
    assertThat(location.path("url").asText()).isEqualTo("s3://gatehouse-upgrade/raw");
    assertThat(location.path("credential_name").asText()).isEqualTo("upgrade_cred");
    assertThat(get("/api/2.1/tag-policies/sensitivity").toString()).contains("high", "low");
    assertThat(sql("SHOW POLICIES ON SCHEMA sales.orders").toString()).contains("mask_amounts");

    // Principals: nested groups and the service principal.
    assertThat(members("staff")).containsExactlyInAnyOrder("analysts", "contractors");
    assertThat(members("analysts")).containsExactly("Alice");
    assertThat(members("contractors")).containsExactly("etl-bot");
    assertThat(get("/api/2.0/scim/v2/ServicePrincipals?filter=" + enc("applicationId eq \"" + spApp + "\"")).path("totalResults").asInt())
        .isEqualTo(1);

    // The workspace, its assignment and the catalog bound to it.
    JsonNode workspaces = get("/api/2.0/accounts/gatehouse/workspaces");
    String workspaceId = null;
    for (JsonNode w : workspaces) {
      if (w.path("workspace_name").asText().equals("analytics")) {
        workspaceId = w.path("workspace_id").asText();
      }
    }
    assertThat(workspaceId).as("workspace analytics").isNotNull();
    assertThat(get(UC + "/bindings/catalog/finance").toString())
        .contains(workspaceId).contains("BINDING_TYPE_READ_ONLY");
    assertThat(get("/api/2.0/accounts/gatehouse/workspaces/" + workspaceId + "/permissionassignments").toString())
        .contains("alice@example.com");
  }

  private void decisionsAreTheRelease(String spToken, String spApp) throws Exception {
    // The release's token of the service principal authenticates, and what it decided holds.
    JsonNode me = JSON.readTree(call("GET", "/api/2.0/scim/v2/Me", null, spToken, 200));
    assertThat(me.path("applicationId").asText()).isEqualTo(spApp);
    call("GET", UC + "/tables/sales.orders.raw_events", null, spToken, 200);
    // SELECT through staff (contractors is nested in it), denied on orders to contractors.
    call("GET", UC + "/tables/sales.orders.orders", null, spToken, 403);
    call("GET", UC + "/catalogs/sales", null, "gat_" + "x".repeat(43), 401);

    List<String> lines = resource("upgrade/" + RELEASE + "-answers.tsv").lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSizeGreaterThan(20);
    for (String line : lines) {
      String[] f = line.split("\t", 3);
      JsonNode expected = normalized(JSON.readTree(f[2]));
      String body = f[0].equals("POST") ? JSON.writeValueAsString(Map.of("statement", statementOf(f[2]))) : null;
      JsonNode actual = normalized(JSON.readTree(call(f[0], f[1], body, ADMIN, 200)));
      String mismatch = mismatch(expected, actual, "$");
      assertThat(mismatch).as("%s %s %s%nexpected: %s%nbut was:  %s", f[0], f[1], body == null ? "" : body, expected, actual).isNull();
    }
    // The release's decisions, spelled out (the answers file could be regenerated from a broken state).
    assertThat(explain("alice@example.com", "orders")).isTrue();
    assertThat(explain(spApp, "orders")).as("DENY to a nested group").isFalse();
    assertThat(explain(spApp, "raw_events")).isTrue();
    assertThat(explain("bob@example.com", "raw_events")).as("owner through data-eng").isTrue();
    assertThat(explain("carol@example.com", "orders")).isFalse();
    JsonNode alice = get("/api/gatehouse/v1/authz/data-policies?full_name=sales.orders.orders&principal=alice@example.com");
    assertThat(alice.path("row_filter").asText()).isEqualTo("TRUE");
    assertThat(alice.path("column_masks").path("ssn").asText()).isEqualTo("'***'");
    assertThat(alice.path("column_masks").path("amount").asText()).as("tag policy mask").isEqualTo("NULL");
    JsonNode bob = get("/api/gatehouse/v1/authz/data-policies?full_name=sales.orders.orders&principal=bob@example.com");
    assertThat(bob.path("row_filter").asText()).isEqualTo("(region = 'EMEA')");
    assertThat(bob.path("column_masks").path("ssn").asText()).as("data-eng sees the column").isEqualTo("ssn");
    assertThat(sql("SHOW GRANTS TO `contractors`").toString()).contains("DENY SELECT");
  }

  private void auditTrailKept(String url, String before, long lastOld) throws Exception {
    assertThat(auditDigest(url, lastOld)).as("the release's audit records, unchanged").isEqualTo(before);
    // Through the API too: the release's denial of the service principal's read.
    JsonNode denied = get("/api/gatehouse/v1/audit?action=GET_TABLE");
    boolean found = false;
    for (JsonNode e : denied.path("events")) {
      found |= e.path("id").asLong() <= lastOld && e.path("result").asText().equals("DENIED")
          && e.path("securable_name").asText().equals("sales.orders.orders");
    }
    assertThat(found).as("the release's DENIED GET_TABLE record in %s", denied).isTrue();
    try (Connection app = DriverManager.getConnection(url, "gatehouse_app", "")) {
      assertThat(catchThrowableOfType(SQLException.class,
          () -> app.createStatement().execute("DELETE FROM audit_log WHERE id = 1")).getSQLState()).isEqualTo("42501");
      assertThat(catchThrowableOfType(SQLException.class,
          () -> app.createStatement().execute("UPDATE audit_log SET principal = 'x' WHERE id = 1")).getSQLState()).isEqualTo("42501");
    }
    try (Connection owner = DriverManager.getConnection(url, "gatehouse_owner", "")) {
      // Even the schema's owner is stopped by the append-only triggers the release created.
      assertThat((Throwable) catchThrowableOfType(SQLException.class,
          () -> owner.createStatement().execute("UPDATE audit_log SET principal = 'x' WHERE id = 1"))).isNotNull();
      assertThat((Throwable) catchThrowableOfType(SQLException.class,
          () -> owner.createStatement().execute("DELETE FROM audit_log"))).isNotNull();
    }
    assertThat(auditDigest(url, lastOld)).isEqualTo(before);
  }

  private void lineageAnswers() throws Exception {
    JsonNode graph = get("/api/gatehouse/v1/lineage/graph?job_namespace=etl&job_name=load_orders&direction=BOTH&depth=2");
    assertThat(graph.path("start_found").asBoolean()).isTrue();
    assertThat(graph.toString()).contains("load_orders", "raw/events", "sales.orders.orders");
    assertThat(graph.path("edges").size()).isGreaterThanOrEqualTo(2);
  }

  private void newWritesWork(String spToken, String url, long lastOld) throws Exception {
    sql("CREATE TABLE sales.orders.after_upgrade (id BIGINT) COMMENT 'new';"
        + " GRANT SELECT ON TABLE sales.orders.after_upgrade TO `contractors`;"
        + " ALTER TABLE sales.orders.after_upgrade SET TAGS ('sensitivity' = 'low')");
    assertThat(JSON.readTree(call("GET", UC + "/tables/sales.orders.after_upgrade", null, spToken, 200)).path("comment").asText())
        .isEqualTo("new");
    // A new DENY decides at once, over the release's grants.
    String spApp = JSON.readTree(call("GET", "/api/2.0/scim/v2/Me", null, spToken, 200)).path("applicationId").asText();
    assertThat(explain(spApp, "raw_events")).isTrue();
    sql("DENY SELECT ON TABLE sales.orders.raw_events TO `staff`");
    assertThat(explain(spApp, "raw_events")).as("a new DENY through the nested group").isFalse();
    String event = "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-12-02T10:00:00Z\",\"producer\":\"https://example.com/upgrade\","
        + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
        + "\"run\":{\"runId\":\"0192f0c4-7d8a-7b3e-9a6e-2f1d3c4b5a70\"},\"job\":{\"namespace\":\"etl\",\"name\":\"after_upgrade\"},"
        + "\"inputs\":[{\"namespace\":\"gatehouse\",\"name\":\"sales.orders.orders\"}],"
        + "\"outputs\":[{\"namespace\":\"gatehouse\",\"name\":\"sales.orders.after_upgrade\"}]}";
    call("POST", "/api/v1/lineage", event, ADMIN, 201);
    JsonNode scim = JSON.readTree(call("POST", "/api/2.0/scim/v2/Users",
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"dave@example.com\"}", ADMIN, 201));
    assertThat(scim.path("id").asText()).isNotBlank();
    assertThat(Long.parseLong(column(url, "SELECT count(*) FROM audit_log WHERE id > " + lastOld
        + " AND action = 'CREATE_TABLE'").get(0))).as("new audit records").isPositive();
  }

  // ---- helpers

  private boolean explain(String principal, String table) throws Exception {
    return get("/api/gatehouse/v1/authz/explain?principal=" + enc(principal)
        + "&privilege=SELECT&securable_type=table&full_name=sales.orders." + table).path("allowed").asBoolean();
  }

  private List<String> members(String group) throws Exception {
    JsonNode groups = get("/api/2.0/scim/v2/Groups?filter=" + enc("displayName eq \"" + group + "\""));
    assertThat(groups.path("totalResults").asInt()).as("group %s", group).isEqualTo(1);
    List<String> names = new ArrayList<>();
    for (JsonNode m : groups.path("Resources").get(0).path("members")) {
      names.add(m.path("display").asText());
    }
    return names;
  }

  private static JsonNode column(JsonNode table, String name) {
    for (JsonNode c : table.path("columns")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no column " + name + " in " + table);
  }

  private JsonNode sql(String statement) throws Exception {
    return JSON.readTree(call("POST", "/api/gatehouse/v1/sql", JSON.writeValueAsString(Map.of("statement", statement)), ADMIN, 200));
  }

  private JsonNode get(String path) throws Exception {
    return JSON.readTree(call("GET", path, null, ADMIN, 200));
  }

  private String call(String method, String path, String body, String token, int status) throws Exception {
    var answer = PackagedServers.send(method, server.url(path), body, token);
    assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isEqualTo(status);
    return answer.body();
  }

  /** The answers without what moves with every change (the policy snapshot's version). */
  private static JsonNode normalized(JsonNode node) {
    if (node.isObject()) {
      ((ObjectNode) node).remove("policy_version");
    }
    node.forEach(UpgradeIT::normalized);
    return node;
  }

  /**
   * Where {@code actual} differs from what the release answered, or null: every field the release
   * answered has the same value (fields added since are allowed), arrays element by element.
   */
  private static String mismatch(JsonNode expected, JsonNode actual, String at) {
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return at;
      }
      for (var fields = expected.fields(); fields.hasNext(); ) {
        var field = fields.next();
        String inner = mismatch(field.getValue(), actual.path(field.getKey()), at + "." + field.getKey());
        if (inner != null) {
          return inner;
        }
      }
      return null;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return at;
      }
      for (int i = 0; i < expected.size(); i++) {
        String inner = mismatch(expected.get(i), actual.get(i), at + "[" + i + "]");
        if (inner != null) {
          return inner;
        }
      }
      return null;
    }
    return expected.equals(actual) ? null : at;
  }

  private static String statementOf(String answer) throws Exception {
    return JSON.readTree(answer).path("results").get(0).path("statement").asText();
  }

  /** The digest of every audit record up to {@code lastId}, as the owner reads them. */
  private static String auditDigest(String url, long lastId) throws SQLException {
    return column(url, "SELECT count(*) || ':' || md5(coalesce(string_agg(a::text, '|' ORDER BY id), ''))"
        + " FROM audit_log a WHERE id <= " + lastId).get(0);
  }

  private static List<String> column(String url, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "gatehouse_owner", "");
        ResultSet rows = c.createStatement().executeQuery(query)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  /** The versions of the current release's migrations (target/classes). */
  private static TreeSet<String> currentMigrations() throws Exception {
    try (var files = Files.list(Path.of("target/classes/db/migration"))) {
      TreeSet<String> versions = new TreeSet<>();
      files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .forEach(n -> versions.add(n.substring(1, n.indexOf("__"))));
      assertThat(versions).isNotEmpty();
      return versions;
    }
  }

  private static String header(String dump, String name) {
    Matcher m = Pattern.compile("^-- " + Pattern.quote(name) + ": (\\S+)$", Pattern.MULTILINE).matcher(dump);
    assertThat(m.find()).as("dump header %s", name).isTrue();
    return m.group(1);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A test resource, gunzipped when only its .gz is kept. */
  private static String resource(String name) throws Exception {
    ClassLoader loader = UpgradeIT.class.getClassLoader();
    try (InputStream plain = loader.getResourceAsStream(name)) {
      if (plain != null) {
        return new String(plain.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    try (InputStream gz = loader.getResourceAsStream(name + ".gz")) {
      assertThat(gz).as("test resource %s", name).isNotNull();
      return new String(new GZIPInputStream(gz).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
