package io.gatehouse.server.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.server.store.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs translated filters on a real PostgreSQL and checks that they select exactly the users that
 * {@link ScimFilter#matches} selects in memory: LIKE escaping, NULLs under {@code not}, dateTime
 * offsets and value filters must agree between the two.
 */
class ScimFilterSqlOnPostgresTest {
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final List<ObjectNode> USERS =
      List.of(
          ScimJson.user(),
          ScimJson.json(
              """
              {'id': 'A1B2', 'userName': '50%_off', 'active': false,
               'meta': {'created': '2012-02-01T10:00:00Z'},
               'emails': [{'value': 'sale@shop.example', 'type': 'work'}],
               'groups': [{'value': 'g1'}]}
              """),
          ScimJson.json(
              """
              {'id': 'c3', 'userName': '50xyoff', 'displayName': 'Fifty', 'loginCount': 7,
               'meta': {'created': '2011-05-13T06:42:34+02:00'},
               'emails': [{'value': 'Fifty@Example.com', 'type': 'home', 'primary': true}],
               'groups': [{'value': 'g1'}, {'value': 'g2'}]}
              """),
          ScimJson.json(
              """
              {'id': 'd4', 'userName': 'under_score\\\\back', 'displayName': '', 'active': true,
               'meta': {'created': '2009-12-31T23:59:59.999Z'}}
              """));

  private static String schema;
  private static Connection connection;

  // The test JVM's one PostgreSQL (the cluster the Quarkus tests use), in a schema of its own.
  @BeforeAll
  static void startPostgresWithUsers() throws Exception {
    String url = EmbeddedDatabase.start(Path.of("target/test-data")).jdbcUrl();
    connection = DriverManager.getConnection(url);
    schema = "scim_filter_" + Long.toString(System.nanoTime(), 36);
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE SCHEMA " + schema);
      ddl.execute("SET search_path TO " + schema);
      ddl.execute(
          "CREATE TABLE scim_users (id text PRIMARY KEY, user_name text, display_name text,"
              + " active boolean, created_at timestamptz, login_count integer, employee_number text,"
              + " scim jsonb NOT NULL)");
      ddl.execute("CREATE TABLE memberships (user_id text, group_id text)");
    }
    for (ObjectNode user : USERS) {
      insert(user);
    }
  }

  @AfterAll
  static void dropSchema() throws Exception {
    if (connection != null) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("DROP SCHEMA " + schema + " CASCADE");
      }
      connection.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "userName eq \"BJENSEN@example.com\"",
        "userName co \"0%_\"",
        "userName co \"_\"",
        "userName co \"%\"",
        "userName sw \"50\"",
        "userName ew \"\\\\back\"",
        "userName gt \"m\"",
        "id eq \"a1b2\"",
        "id eq \"A1B2\"",
        "displayName pr",
        "displayName eq null",
        "displayName ne \"fifty\"",
        "active eq true",
        "active ne true",
        "active eq false",
        "not (active eq true)",
        "active pr",
        "loginCount gt 10",
        "loginCount le 7",
        "not (loginCount gt 10)",
        "meta.created gt \"2011-05-13T04:42:34Z\"",
        "meta.created ge \"2011-05-13T04:42:34Z\"",
        "meta.created lt \"2010-01-01T01:00:00+01:00\"",
        "emails co \"EXAMPLE.com\"",
        "emails pr",
        "emails[type eq \"work\" and value co \"shop\"]",
        "emails[type eq \"home\" and value co \"@example.com\"]",
        "emails.type eq \"home\" and emails.value co \"@example.com\"",
        "emails[primary eq true]",
        "emails.primary eq true",
        "not (emails co \"shop\")",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"",
        "displayName sw \"b\" or loginCount ge 40",
        "groups.value eq \"G1\" and not (userName sw \"50x\")",
        "not (not (displayName co \"i\") or active eq false)",
      })
  void postgresSelectsTheSameUsersAsInMemoryMatching(String text) throws SQLException {
    ScimFilter filter = ScimFilter.parse(text);
    Set<String> inMemory = new TreeSet<>();
    for (ObjectNode user : USERS) {
      if (filter.matches(user)) {
        inMemory.add(user.get("id").textValue());
      }
    }

    assertThat(select(ScimFilterSql.toSql(filter, ScimFilterSqlTest.USERS))).isEqualTo(inMemory);
  }

  private static Set<String> select(SqlFragment where) throws SQLException {
    Set<String> ids = new TreeSet<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT p.id FROM scim_users p WHERE " + where.sql())) {
      for (int i = 0; i < where.params().size(); i++) {
        query.setObject(i + 1, where.params().get(i));
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  private static void insert(ObjectNode user) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO scim_users VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
      insert.setString(1, user.get("id").textValue());
      insert.setString(2, text(user.get("userName")));
      insert.setString(3, text(user.get("displayName")));
      insert.setObject(4, user.hasNonNull("active") ? user.get("active").booleanValue() : null);
      insert.setTimestamp(5, Timestamp.from(OffsetDateTime.parse(user.at("/meta/created").textValue()).toInstant()));
      insert.setObject(6, user.hasNonNull("loginCount") ? user.get("loginCount").intValue() : null);
      insert.setString(7, text(user.path(ENTERPRISE).get("employeeNumber")));
      insert.setString(8, user.toString());
      insert.executeUpdate();
    }
    for (JsonNode group : user.path("groups")) {
      try (PreparedStatement membership = connection.prepareStatement("INSERT INTO memberships VALUES (?, ?)")) {
        membership.setString(1, user.get("id").textValue());
        membership.setString(2, group.get("value").textValue());
        membership.executeUpdate();
      }
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.textValue();
  }
}
