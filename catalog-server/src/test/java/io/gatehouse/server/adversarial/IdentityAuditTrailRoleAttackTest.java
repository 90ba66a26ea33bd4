package io.gatehouse.server.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.server.audit.AuditTrailProtection;
import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Whoever gets the server's own database credentials (an injection, a leaked configuration) can
 * add audit records and read them, but cannot change, remove or empty them, nor switch off the
 * triggers that guard them: the schema belongs to another role. Checked on the embedded store
 * with exactly the credentials of the server's connection pool.
 */
@QuarkusTest
class IdentityAuditTrailRoleAttackTest {
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  @Inject
  AuditTrailProtection protection;

  private static Connection asTheServer() throws SQLException {
    Config config = ConfigProvider.getConfig();
    Properties props = new Properties();
    props.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
    config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(p -> props.setProperty("password", p));
    return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), props);
  }

  @Test
  void serverRoleCannotChangeEmptyOrUnprotectTheTrail() throws Exception {
    Api.catalog(); // at least one record exists
    try (Connection c = asTheServer(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(1)).as("the server's role is a superuser").isFalse();
      }
      for (String attack : List.of(
          "UPDATE audit_log SET result = 'ALLOWED'",
          "DELETE FROM audit_log",
          "DELETE FROM audit_log WHERE id < 0",
          "TRUNCATE audit_log",
          "ALTER TABLE audit_log DISABLE TRIGGER ALL",
          "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete",
          "DROP TRIGGER audit_log_no_update_or_delete ON audit_log",
          "DROP TRIGGER audit_log_no_truncate ON audit_log",
          "CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'",
          "ALTER TABLE audit_log RENAME TO audit_log_old",
          "DROP TABLE audit_log",
          "SET session_replication_role = replica",
          "SELECT gatehouse_grant_application_role(current_user)")) {
        assertThatThrownBy(() -> s.execute(attack)).as(attack)
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(attack + ": " + e.getMessage())
                .isEqualTo(INSUFFICIENT_PRIVILEGE));
      }
      // PostgreSQL only warns that nothing was granted.
      s.execute("GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO CURRENT_USER");
      try (ResultSet rs = s.executeQuery("SELECT has_table_privilege('audit_log', 'UPDATE')"
          + " OR has_table_privilege('audit_log', 'DELETE') OR has_table_privilege('audit_log', 'TRUNCATE')")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(1)).as("granted itself a right to change the trail").isFalse();
      }
      assertThat(s.executeUpdate("INSERT INTO audit_log (occurred_at, principal, action, result, detail)"
          + " VALUES (now(), 'role-test', 'ROLE_TEST', 'SUCCEEDED', 'inserted as the server')")).isEqualTo(1);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_log WHERE action = 'ROLE_TEST'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isPositive();
      }
      // Every other table stays the server's to read and write.
      assertThat(s.executeUpdate("UPDATE policy_state SET version = version WHERE id = 1")).isEqualTo(1);
    }
    assertThat(protection.applicationRoleCanChangeTheTrail()).isFalse();
  }

  @Test
  void serverRoleReadsAndWritesEveryOtherTableAndSequence() throws Exception {
    try (Connection c = asTheServer(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT c.relname, c.relkind,"
            + " CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'USAGE') AND has_sequence_privilege(c.oid, 'UPDATE')"
            + " ELSE has_table_privilege(c.oid, 'SELECT') AND has_table_privilege(c.oid, 'INSERT')"
            + " AND has_table_privilege(c.oid, 'UPDATE') AND has_table_privilege(c.oid, 'DELETE') END"
            + " FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'S')"
            + " AND c.relname NOT IN ('audit_log', 'flyway_schema_history')")) {
      int checked = 0;
      while (rs.next()) {
        assertThat(rs.getBoolean(3)).as(rs.getString(1)).isTrue();
        checked++;
      }
      assertThat(checked).isGreaterThan(10);
    }
  }
}
