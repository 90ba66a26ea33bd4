package io.gatehouse.server.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Wire shapes of the Databricks account API's workspaces and workspace permission assignments. */
public final class WorkspaceApi {
  private WorkspaceApi() {}

  /** Create: the name, and optionally the deployment name (the first label of the workspace's host). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateWorkspace(String workspaceName, String deploymentName) {}

  /** Update: the fields given; a status other than RUNNING stops every request in the workspace. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdateWorkspace(String workspaceName, String deploymentName, String workspaceStatus) {}

  /** Times in epoch milliseconds. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WorkspaceInfo(
      String accountId, long workspaceId, String workspaceName, String deploymentName, String workspaceStatus,
      long creationTime) {}

  /** PUT of an assignment: USER or ADMIN. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record AssignPermissions(List<String> permissions) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PrincipalOutput(
      String principalId, String displayName, String userName, String groupName, String servicePrincipalName) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PermissionAssignment(PrincipalOutput principal, List<String> permissions) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PermissionAssignments(List<PermissionAssignment> permissionAssignments) {}
}
