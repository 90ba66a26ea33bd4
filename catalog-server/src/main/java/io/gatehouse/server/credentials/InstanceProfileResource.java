package io.gatehouse.server.credentials;

import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.credentials.InstanceProfileApi.AddInstanceProfile;
import io.gatehouse.server.credentials.InstanceProfileApi.EditInstanceProfile;
import io.gatehouse.server.credentials.InstanceProfileApi.InstanceProfiles;
import io.gatehouse.server.credentials.InstanceProfileApi.RemoveInstanceProfile;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Databricks instance-profiles API: the IAM roles SCIM may assign, for metastore admins. */
@Path("/api/2.0/instance-profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Instance profiles")
public class InstanceProfileResource {
  private final InstanceProfileService service;

  InstanceProfileResource(InstanceProfileService service) {
    this.service = service;
  }

  @POST
  @Path("add")
  @Performs(Operation.ADD_INSTANCE_PROFILE)
  public Map<String, Object> add(AddInstanceProfile request) {
    service.add(request);
    return Map.of();
  }

  @POST
  @Path("edit")
  @Performs(Operation.EDIT_INSTANCE_PROFILE)
  public Map<String, Object> edit(EditInstanceProfile request) {
    service.edit(request);
    return Map.of();
  }

  @POST
  @Path("remove")
  @Performs(Operation.REMOVE_INSTANCE_PROFILE)
  public Map<String, Object> remove(RemoveInstanceProfile request) {
    service.remove(Validation.required("body", request).instanceProfileArn());
    return Map.of();
  }

  @GET
  @Path("list")
  @Performs(Operation.LIST_INSTANCE_PROFILES)
  public InstanceProfiles list() {
    return new InstanceProfiles(service.list());
  }
}
