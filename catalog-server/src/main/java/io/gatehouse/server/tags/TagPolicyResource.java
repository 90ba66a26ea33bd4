package io.gatehouse.server.tags;

import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.tags.TagPolicyApi.TagPolicies;
import io.gatehouse.server.tags.TagPolicyApi.TagPolicy;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Governed tags in the shape of Databricks' tag policies API; reading them needs only to be
 * signed in, changing them a metastore admin. Who may assign a
 * governed tag is {@link TagPermissionsResource}'s.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tag policies")
@Path("/api/2.1/tag-policies")
public class TagPolicyResource {
  private final TagPolicyService service;

  TagPolicyResource(TagPolicyService service) {
    this.service = service;
  }

  @POST
  @Performs(Operation.MANAGE_TAG_POLICIES)
  public TagPolicy create(TagPolicy request) {
    return service.create(request);
  }

  @GET
  @Performs(Operation.READ_TAG_POLICIES)
  public TagPolicies list() {
    return new TagPolicies(service.list(), null);
  }

  @GET
  @Path("{tag_key}")
  @Performs(Operation.READ_TAG_POLICIES)
  public TagPolicy get(@PathParam("tag_key") String tagKey) {
    return service.get(tagKey);
  }

  @PATCH
  @Path("{tag_key}")
  @Performs(Operation.MANAGE_TAG_POLICIES)
  public TagPolicy update(@PathParam("tag_key") String tagKey, @QueryParam("update_mask") String updateMask,
      TagPolicy request) {
    return service.update(tagKey, updateMask, request);
  }

  @DELETE
  @Path("{tag_key}")
  @Performs(Operation.MANAGE_TAG_POLICIES)
  public Map<String, Object> delete(@PathParam("tag_key") String tagKey) {
    service.delete(tagKey);
    return Map.of();
  }
}
