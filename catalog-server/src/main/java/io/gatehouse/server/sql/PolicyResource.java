package io.gatehouse.server.sql;

import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.sql.PolicyApi.Policies;
import io.gatehouse.server.sql.PolicyApi.PolicyInfo;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Attribute-based policies over REST, in the shape of Databricks' Unity Catalog policies API;
 * the same rules as the SQL statements ({@link AttributePolicyService}).
 */
@Path("/api/2.1/unity-catalog/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
public class PolicyResource {
  private final AttributePolicyService policies;

  PolicyResource(AttributePolicyService policies) {
    this.policies = policies;
  }

  /** Creates a policy; {@code or_replace=true} replaces one of the same name on the same securable. */
  @POST
  @Transactional
  @Performs(Operation.MANAGE_POLICY)
  public PolicyInfo create(PolicyInfo policy, @QueryParam("or_replace") boolean orReplace) {
    return policies.create(policy, orReplace);
  }

  @GET
  @Path("{on_securable_type}/{on_securable_fullname}")
  @Performs(Operation.READ_POLICIES)
  public Policies list(@PathParam("on_securable_type") String type, @PathParam("on_securable_fullname") String fullName) {
    return new Policies(policies.list(type, fullName));
  }

  @GET
  @Path("{on_securable_type}/{on_securable_fullname}/{name}")
  @Performs(Operation.READ_POLICIES)
  public PolicyInfo get(@PathParam("on_securable_type") String type, @PathParam("on_securable_fullname") String fullName,
      @PathParam("name") String name) {
    return policies.get(type, fullName, name);
  }

  @DELETE
  @Path("{on_securable_type}/{on_securable_fullname}/{name}")
  @Transactional
  @Performs(Operation.MANAGE_POLICY)
  public Map<String, Object> delete(@PathParam("on_securable_type") String type,
      @PathParam("on_securable_fullname") String fullName, @PathParam("name") String name) {
    policies.drop(type, fullName, name);
    return Map.of();
  }
}
