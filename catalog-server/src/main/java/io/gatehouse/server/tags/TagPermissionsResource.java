package io.gatehouse.server.tags;

import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.tags.TagPolicyApi.Permissions;
import io.gatehouse.server.tags.TagPolicyApi.UpdatePermissions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who may assign a governed tag (ASSIGN), in the shape of the Unity Catalog permissions API
 * ({@code changes} of {@code add} and {@code remove}); Databricks keeps it in account rule sets,
 * which Gatehouse does not have.
 */
@Path("/api/gatehouse/v1/tag-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tag policies")
public class TagPermissionsResource {
  private final TagPolicyService service;

  TagPermissionsResource(TagPolicyService service) {
    this.service = service;
  }

  @GET
  @Path("{tag_key}/permissions")
  @Performs(Operation.READ_TAG_POLICIES)
  public Permissions permissions(@PathParam("tag_key") String tagKey) {
    return service.permissions(tagKey);
  }

  @PATCH
  @Path("{tag_key}/permissions")
  @Performs(Operation.MANAGE_TAG_POLICIES)
  public Permissions updatePermissions(@PathParam("tag_key") String tagKey, UpdatePermissions request) {
    return service.updatePermissions(tagKey, request);
  }
}
