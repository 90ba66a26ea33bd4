package io.gatehouse.server.identity;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.WorkspaceApi.AssignPermissions;
import io.gatehouse.server.identity.WorkspaceApi.CreateWorkspace;
import io.gatehouse.server.identity.WorkspaceApi.PermissionAssignment;
import io.gatehouse.server.identity.WorkspaceApi.PrincipalOutput;
import io.gatehouse.server.identity.WorkspaceApi.UpdateWorkspace;
import io.gatehouse.server.identity.WorkspaceApi.WorkspaceInfo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates, changes and deletes workspaces and their permission assignments: metastore admins
 * only, each change audited in its transaction and in force on every replica once it commits
 * (V28's triggers notify them). The default workspace can be renamed but not deleted or stopped.
 */
@ApplicationScoped
public class WorkspaceService {
  /** A DNS label that starts with a letter: never an IP address's first number. */
  private static final Pattern DEPLOYMENT = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Set<String> STATUSES =
      Set.of("RUNNING", "PROVISIONING", "FAILED", "BANNED", "CANCELLING", "NOT_PROVISIONED");
  private static final Set<String> PERMISSIONS = Set.of("USER", "ADMIN");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AgroalDataSource dataSource;
  private final CallerContext caller;
  private final AuditTrail audit;
  private final WorkspaceSettings settings;
  private final String accountId;

  WorkspaceService(AgroalDataSource dataSource, CallerContext caller, AuditTrail audit, WorkspaceSettings settings,
      @ConfigProperty(name = "gatehouse.account-id", defaultValue = "gatehouse") String accountId) {
    this.dataSource = dataSource;
    this.caller = caller;
    this.audit = audit;
    this.settings = settings;
    this.accountId = accountId;
  }

  public WorkspaceInfo create(String account, CreateWorkspace request) {
    guard(account, "create workspaces");
    Validation.required("body", request);
    String name = Validation.required("workspace_name", request.workspaceName(), 255);
    String deployment = deployment(request.deploymentName());
    // Databricks' workspace ids are 16-digit numbers; never 0, the default workspace.
    long id = 1_000_000_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000_000_000L;
    write("CREATE_WORKSPACE", Long.toString(id), "name=" + name + ", deployment=" + deployment, c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO workspaces (workspace_id, workspace_name, deployment_name,"
          + " workspace_status, created_at, created_by) VALUES (?, ?, ?, 'RUNNING', ?, ?)")) {
        s.setLong(1, id);
        s.setString(2, name);
        s.setString(3, deployment);
        s.setTimestamp(4, Timestamp.from(Instant.now()));
        s.setString(5, caller.name());
        s.executeUpdate();
      }
      // Every user may use tokens there until an admin says otherwise, as in the default workspace.
      try (PreparedStatement s = c.prepareStatement("INSERT INTO token_permissions (workspace_id, principal_id) VALUES (?, NULL)")) {
        s.setLong(1, id);
        s.executeUpdate();
      }
    });
    return read(id);
  }

  public List<WorkspaceInfo> list(String account) {
    guard(account, "list workspaces");
    return query(c -> {
      List<WorkspaceInfo> all = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY workspace_id"); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          all.add(info(rs));
        }
      }
      return all;
    });
  }

  public WorkspaceInfo get(String account, String workspace) {
    guard(account, "read workspaces");
    return read(id(workspace));
  }

  public WorkspaceInfo update(String account, String workspace, UpdateWorkspace request) {
    guard(account, "change workspaces");
    Validation.required("body", request);
    long id = id(workspace);
    read(id);
    String name = request.workspaceName() == null ? null : Validation.required("workspace_name", request.workspaceName(), 255);
    String deployment = deployment(request.deploymentName());
    String status = request.workspaceStatus() == null ? null : request.workspaceStatus().toUpperCase(Locale.ROOT);
    if (status != null && !STATUSES.contains(status)) {
      throw GatehouseException.invalid("Field 'workspace_status' must be one of " + new java.util.TreeSet<>(STATUSES) + ".");
    }
    if (id == WorkspaceSettings.DEFAULT_WORKSPACE && (status != null && !status.equals("RUNNING") || deployment != null)) {
      throw GatehouseException.invalid("The default workspace always runs and is reached without a deployment name.");
    }
    write("UPDATE_WORKSPACE", Long.toString(id), "name=" + name + ", deployment=" + deployment + ", status=" + status, c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE workspaces SET workspace_name = coalesce(?, workspace_name),"
          + " deployment_name = coalesce(?, deployment_name), workspace_status = coalesce(?, workspace_status)"
          + " WHERE workspace_id = ?")) {
        s.setString(1, name);
        s.setString(2, deployment);
        s.setString(3, status);
        s.setLong(4, id);
        s.executeUpdate();
      }
    });
    return read(id);
  }

  /** Deletes a workspace with its assignments, its tokens and its bindings. */
  public void delete(String account, String workspace) {
    guard(account, "delete workspaces");
    long id = id(workspace);
    if (id == WorkspaceSettings.DEFAULT_WORKSPACE) {
      throw GatehouseException.invalid("The default workspace cannot be deleted.");
    }
    read(id);
    write("DELETE_WORKSPACE", Long.toString(id), null, c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM workspaces WHERE workspace_id = ?")) {
        s.setLong(1, id);
        s.executeUpdate();
      }
    });
  }

  public List<PermissionAssignment> assignments(String account, String workspace) {
    guard(account, "read workspace assignments");
    long id = id(workspace);
    read(id);
    return query(c -> {
      List<PermissionAssignment> all = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT p.id::text, p.kind, p.name, p.display_name, a.permission"
          + " FROM workspace_assignments a JOIN principals p ON p.id = a.principal_id WHERE a.workspace_id = ? ORDER BY p.name")) {
        s.setLong(1, id);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            all.add(new PermissionAssignment(output(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                List.of(rs.getString(5))));
          }
        }
      }
      return all;
    });
  }

  public PermissionAssignment assign(String account, String workspace, String principalId, AssignPermissions request) {
    guard(account, "assign principals to workspaces");
    long id = id(workspace);
    read(id);
    Validation.required("body", request);
    List<String> asked = Validation.required("permissions", request.permissions());
    if (asked.size() != 1 || asked.get(0) == null || !PERMISSIONS.contains(asked.get(0).toUpperCase(Locale.ROOT))) {
      throw GatehouseException.invalid("Field 'permissions' must be [\"USER\"] or [\"ADMIN\"].");
    }
    String permission = asked.get(0).toUpperCase(Locale.ROOT);
    PrincipalEntity p = principal(principalId);
    write("ASSIGN_WORKSPACE_PERMISSION", Long.toString(id), "principal=" + p.name + ", permission=" + permission, c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO workspace_assignments (workspace_id, principal_id, permission)"
          + " VALUES (?, ?, ?) ON CONFLICT (workspace_id, principal_id) DO UPDATE SET permission = EXCLUDED.permission")) {
        s.setLong(1, id);
        s.setObject(2, p.id);
        s.setString(3, permission);
        s.executeUpdate();
      }
    });
    return new PermissionAssignment(output(p.id.toString(), p.kind.name(), p.name, p.displayName), List.of(permission));
  }

  public void unassign(String account, String workspace, String principalId) {
    guard(account, "remove principals from workspaces");
    long id = id(workspace);
    read(id);
    PrincipalEntity p = principal(principalId);
    write("UNASSIGN_WORKSPACE_PERMISSION", Long.toString(id), "principal=" + p.name, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM workspace_assignments WHERE workspace_id = ? AND principal_id = ?")) {
        s.setLong(1, id);
        s.setObject(2, p.id);
        if (s.executeUpdate() == 0) {
          throw GatehouseException.notFound("Principal '" + p.name + "' is not assigned to workspace " + id + ".");
        }
      }
    });
  }

  private void guard(String account, String action) {
    caller.requireAdmin(action);
    if (account == null || !account.equals(accountId)) {
      throw GatehouseException.notFound("Account '" + Validation.printable(String.valueOf(account))
          + "' does not exist here; this server's account id is set by gatehouse.account-id.");
    }
  }

  private static long id(String workspace) {
    try {
      return Long.parseLong(workspace);
    } catch (NumberFormatException e) {
      throw GatehouseException.invalid("The workspace id must be a number.");
    }
  }

  private static String deployment(String name) {
    if (name == null) {
      return null;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (!DEPLOYMENT.matcher(lower).matches()) {
      throw GatehouseException.invalid(
          "Field 'deployment_name' must be a DNS label that starts with a letter (letters, digits and '-', at most 63).");
    }
    return lower;
  }

  private static PrincipalEntity principal(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("The principal id must be the principal's id (as SCIM shows it).");
    }
    PrincipalEntity p = QuarkusTransaction.requiringNew().call(() -> PrincipalEntity.findById(uuid));
    if (p == null) {
      throw GatehouseException.notFound("Principal " + uuid + " does not exist.");
    }
    return p;
  }

  private static PrincipalOutput output(String id, String kind, String name, String displayName) {
    return switch (kind) {
      case "GROUP" -> new PrincipalOutput(id, displayName == null ? name : displayName, null, name, null);
      case "SERVICE_PRINCIPAL" -> new PrincipalOutput(id, displayName == null ? name : displayName, null, null, name);
      default -> new PrincipalOutput(id, displayName == null ? name : displayName, name, null, null);
    };
  }

  private static final String SELECT =
      "SELECT workspace_id, workspace_name, deployment_name, workspace_status, created_at FROM workspaces";

  private WorkspaceInfo read(long id) {
    WorkspaceInfo info = query(c -> {
      try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE workspace_id = ?")) {
        s.setLong(1, id);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? info(rs) : null;
        }
      }
    });
    if (info == null) {
      throw GatehouseException.notFound("Workspace " + id + " does not exist.");
    }
    return info;
  }

  private WorkspaceInfo info(ResultSet rs) throws SQLException {
    return new WorkspaceInfo(accountId, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getTimestamp(5).toInstant().toEpochMilli());
  }

  private interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  private interface Change {
    void apply(Connection c) throws SQLException;
  }

  private <T> T query(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new IllegalStateException("workspace query failed", e);
    }
  }

  /** One change and its audit record in one transaction; then every replica reads the workspaces again. */
  private void write(String action, String name, String detail, Change change) {
    try {
      QuarkusTransaction.requiringNew().run(() -> {
        try (Connection c = dataSource.getConnection()) {
          change.apply(c);
          audit.record(action, "WORKSPACE", name, AuditEvent.Result.SUCCEEDED, () -> detail);
        } catch (SQLException e) {
          if ("23505".equals(e.getSQLState())) {
            throw new GatehouseException(ErrorCode.ALREADY_EXISTS,
                "A workspace with this name or deployment name exists already.");
          }
          throw new IllegalStateException("workspace change failed", e);
        }
      });
    } finally {
      settings.reload();
    }
  }
}
