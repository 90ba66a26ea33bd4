package io.gatehouse.server.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who may create and use personal access tokens, in the shape of the Databricks permissions API
 * for {@code authorization/tokens}: CAN_USE for users, service principals and groups; the admin
 * group holds CAN_MANAGE and always may. The all-users group ({@code gatehouse.bootstrap.all-users-group},
 * "account users"; "users" as Databricks names it is taken for it too) stands for everyone, and
 * holds CAN_USE until an admin replaces the list. PATCH adds entries, PUT replaces them. Metastore
 * admins only; audited (UPDATE_TOKEN_PERMISSIONS); in effect at once on every replica.
 */
@Path("/api/2.0/permissions/authorization/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Token permissions")
public class TokenPermissionsResource {
  static final String CAN_USE = "CAN_USE";
  static final String CAN_MANAGE = "CAN_MANAGE";

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AccessControlRequest(String userName, String groupName, String servicePrincipalName, String permissionLevel) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PermissionsRequest(List<AccessControlRequest> accessControlList) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Permission(String permissionLevel, boolean inherited) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AccessControl(String userName, String groupName, String servicePrincipalName, List<Permission> allPermissions) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ObjectPermissions(String objectId, String objectType, List<AccessControl> accessControlList) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PermissionLevel(String permissionLevel, String description) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PermissionLevels(List<PermissionLevel> permissionLevels) {}

  private final CallerContext caller;
  private final WorkspaceSettings settings;
  private final AuditTrail audit;
  private final AgroalDataSource dataSource;
  private final BootstrapConfig bootstrap;

  TokenPermissionsResource(CallerContext caller, WorkspaceSettings settings, AuditTrail audit, AgroalDataSource dataSource,
      BootstrapConfig bootstrap) {
    this.caller = caller;
    this.settings = settings;
    this.audit = audit;
    this.dataSource = dataSource;
    this.bootstrap = bootstrap;
  }

  @GET
  public ObjectPermissions get() {
    caller.requireWorkspaceAdmin("read the token permissions");
    return QuarkusTransaction.requiringNew().call(this::read);
  }

  @GET
  @Path("permissionLevels")
  public PermissionLevels levels() {
    caller.requireWorkspaceAdmin("read the token permission levels");
    return new PermissionLevels(List.of(
        new PermissionLevel(CAN_USE, "May create and use personal access tokens."),
        new PermissionLevel(CAN_MANAGE, "Held by the admin group: manages tokens and their permissions.")));
  }

  @PATCH
  public ObjectPermissions add(PermissionsRequest request) {
    return change(request, false);
  }

  @PUT
  public ObjectPermissions replace(PermissionsRequest request) {
    return change(request, true);
  }

  private ObjectPermissions change(PermissionsRequest request, boolean replace) {
    caller.requireWorkspaceAdmin("change the token permissions");
    Validation.required("body", request);
    List<AccessControlRequest> entries = Validation.required("access_control_list", request.accessControlList());
    Set<Grantee> grantees = new LinkedHashSet<>();
    for (AccessControlRequest entry : entries) {
      Grantee grantee = grantee(Validation.required("access_control_list[]", entry));
      if (grantee != null) {
        grantees.add(grantee);
      }
    }
    ObjectPermissions after = QuarkusTransaction.requiringNew().call(() -> {
      write(grantees, replace);
      List<String> names = grantees.stream().map(Grantee::name).toList();
      audit.record("UPDATE_TOKEN_PERMISSIONS", "TOKENS", "authorization/tokens", AuditEvent.Result.SUCCEEDED,
          () -> (replace ? "set" : "added") + " CAN_USE: " + String.join(", ", names));
      return read();
    });
    settings.reload();
    return after;
  }

  /** A principal that may be given CAN_USE; id null for every user. */
  private record Grantee(UUID id, String name) {}

  /** The entry's principal, or null for the admin group's CAN_MANAGE, which it always holds. */
  private Grantee grantee(AccessControlRequest entry) {
    int named = (entry.userName() == null ? 0 : 1) + (entry.groupName() == null ? 0 : 1)
        + (entry.servicePrincipalName() == null ? 0 : 1);
    if (named != 1) {
      throw GatehouseException.invalid(
          "Each access_control_list entry names exactly one of user_name, group_name and service_principal_name.");
    }
    String level = entry.permissionLevel();
    boolean adminGroup = entry.groupName() != null && entry.groupName().equalsIgnoreCase(bootstrap.adminGroup());
    if (adminGroup && (CAN_MANAGE.equals(level) || CAN_USE.equals(level))) {
      return null;
    }
    if (!CAN_USE.equals(level)) {
      throw GatehouseException.invalid("Field 'permission_level' must be CAN_USE for tokens (CAN_MANAGE belongs to the group '"
          + bootstrap.adminGroup() + "').");
    }
    if (entry.groupName() != null
        && (entry.groupName().equalsIgnoreCase(bootstrap.allUsersGroup()) || entry.groupName().equals("users"))) {
      return new Grantee(null, bootstrap.allUsersGroup());
    }
    Principal.Type type = entry.userName() != null ? Principal.Type.USER
        : entry.groupName() != null ? Principal.Type.GROUP : Principal.Type.SERVICE_PRINCIPAL;
    String name = entry.userName() != null ? entry.userName()
        : entry.groupName() != null ? entry.groupName() : entry.servicePrincipalName();
    Validation.required("principal", name, 255);
    PrincipalEntity principal = PrincipalEntity.findByName(type, name);
    if (principal == null) {
      throw GatehouseException.invalid(
          "Principal '" + Validation.printable(name) + "' (" + type.name().toLowerCase(java.util.Locale.ROOT) + ") does not exist.");
    }
    return new Grantee(principal.id, principal.name);
  }

  private void write(Set<Grantee> grantees, boolean replace) {
    try (Connection c = dataSource.getConnection()) {
      if (replace) {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM token_permissions WHERE workspace_id = ?")) {
          s.setLong(1, caller.workspace());
          s.executeUpdate();
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO token_permissions (workspace_id, principal_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
        for (Grantee grantee : grantees) {
          s.setLong(1, caller.workspace());
          s.setObject(2, grantee.id());
          s.addBatch();
        }
        s.executeBatch();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the token permissions", e);
    }
  }

  private ObjectPermissions read() {
    List<AccessControl> list = new ArrayList<>();
    list.add(new AccessControl(null, bootstrap.adminGroup(), null, List.of(new Permission(CAN_MANAGE, false))));
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT p.kind, p.name FROM token_permissions t LEFT JOIN principals p ON p.id = t.principal_id"
                + " WHERE t.workspace_id = ? ORDER BY t.principal_id IS NOT NULL, p.kind, p.name")) {
      s.setLong(1, caller.workspace());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String kind = rs.getString(1);
          String name = rs.getString(2);
          List<Permission> canUse = List.of(new Permission(CAN_USE, false));
          list.add(kind == null ? new AccessControl(null, bootstrap.allUsersGroup(), null, canUse)
              : kind.equals("USER") ? new AccessControl(name, null, null, canUse)
              : kind.equals("GROUP") ? new AccessControl(null, name, null, canUse)
              : new AccessControl(null, null, name, canUse));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the token permissions", e);
    }
    return new ObjectPermissions("authorization/tokens", "tokens", list);
  }
}
