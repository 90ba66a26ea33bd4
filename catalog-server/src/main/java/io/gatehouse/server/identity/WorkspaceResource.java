package io.gatehouse.server.identity;

import io.gatehouse.server.identity.WorkspaceApi.AssignPermissions;
import io.gatehouse.server.identity.WorkspaceApi.CreateWorkspace;
import io.gatehouse.server.identity.WorkspaceApi.PermissionAssignment;
import io.gatehouse.server.identity.WorkspaceApi.PermissionAssignments;
import io.gatehouse.server.identity.WorkspaceApi.UpdateWorkspace;
import io.gatehouse.server.identity.WorkspaceApi.WorkspaceInfo;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Workspaces and who is assigned to them, in the shape of the Databricks account API; metastore
 * admins (the account's admins here) only. The account id in the path is {@code
 * gatehouse.account-id}.
 */
@Path("/api/2.0/accounts/{account_id}/workspaces")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Workspaces")
public class WorkspaceResource {
  private final WorkspaceService service;

  WorkspaceResource(WorkspaceService service) {
    this.service = service;
  }

  @POST
  public WorkspaceInfo create(@PathParam("account_id") String account, CreateWorkspace request) {
    return service.create(account, request);
  }

  @GET
  public List<WorkspaceInfo> list(@PathParam("account_id") String account) {
    return service.list(account);
  }

  @GET
  @Path("{workspace_id}")
  public WorkspaceInfo get(@PathParam("account_id") String account, @PathParam("workspace_id") String workspace) {
    return service.get(account, workspace);
  }

  @PATCH
  @Path("{workspace_id}")
  public WorkspaceInfo update(@PathParam("account_id") String account, @PathParam("workspace_id") String workspace,
      UpdateWorkspace request) {
    return service.update(account, workspace, request);
  }

  @DELETE
  @Path("{workspace_id}")
  public Map<String, Object> delete(@PathParam("account_id") String account, @PathParam("workspace_id") String workspace) {
    service.delete(account, workspace);
    return Map.of();
  }

  @GET
  @Path("{workspace_id}/permissionassignments")
  public PermissionAssignments assignments(@PathParam("account_id") String account,
      @PathParam("workspace_id") String workspace) {
    return new PermissionAssignments(service.assignments(account, workspace));
  }

  @PUT
  @Path("{workspace_id}/permissionassignments/principals/{principal_id}")
  public PermissionAssignment assign(@PathParam("account_id") String account, @PathParam("workspace_id") String workspace,
      @PathParam("principal_id") String principal, AssignPermissions request) {
    return service.assign(account, workspace, principal, request);
  }

  @DELETE
  @Path("{workspace_id}/permissionassignments/principals/{principal_id}")
  public Map<String, Object> unassign(@PathParam("account_id") String account, @PathParam("workspace_id") String workspace,
      @PathParam("principal_id") String principal) {
    service.unassign(account, workspace, principal);
    return Map.of();
  }
}
