package io.gatehouse.server.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Says at start whether the application's own database role could change the audit trail: a
 * superuser, the owner of {@code audit_log} (who may drop its triggers) or a role allowed to
 * update, delete or truncate it. The embedded store never is; an external database is when the
 * server logs in as the schema's owner (docs/design-store.md).
 */
@ApplicationScoped
public class AuditTrailProtection {
  private static final Logger LOG = Logger.getLogger(AuditTrailProtection.class);

  private final AgroalDataSource dataSource;

  AuditTrailProtection(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  void check(@Observes StartupEvent event) {
    if (!applicationRoleCanChangeTheTrail()) {
      return;
    }
    LOG.warn("The server's database role can change the audit trail (it is a superuser, owns audit_log, or may update,"
        + " delete or truncate it). Run the migrations as the schema's owner (gatehouse.db.owner-username) and log in"
        + " as a role of its own (gatehouse.db.username): see docs/design-store.md.");
  }

  /** Whether the role the connection pool logs in as can change or empty {@code audit_log}. */
  public boolean applicationRoleCanChangeTheTrail() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT r.rolsuper OR pg_has_role(current_user, t.relowner, 'USAGE')"
            + " OR has_table_privilege(t.oid, 'UPDATE') OR has_table_privilege(t.oid, 'DELETE')"
            + " OR has_table_privilege(t.oid, 'TRUNCATE')"
            + " FROM pg_class t, pg_roles r WHERE t.oid = 'audit_log'::regclass AND r.rolname = current_user")) {
      return rs.next() && rs.getBoolean(1);
    } catch (SQLException e) {
      LOG.warn("Could not check the database role's rights on the audit trail", e);
      return true;
    }
  }
}
