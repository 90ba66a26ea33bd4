package io.gatehouse.server.permissions;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.Grant;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.authz.PolicyStore;
import io.gatehouse.server.catalog.SecurableResolver.Resolved;
import io.gatehouse.server.catalog.SecurableResolver;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.permissions.PermissionsApi.EffectiveAssignment;
import io.gatehouse.server.permissions.PermissionsApi.EffectivePermissionsList;
import io.gatehouse.server.permissions.PermissionsApi.EffectivePrivilege;
import io.gatehouse.server.permissions.PermissionsApi.PermissionsList;
import io.gatehouse.server.permissions.PermissionsApi.UpdatePermissions;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Unity Catalog's permissions API, and Databricks' effective-permissions view that shows the
 * grants an object inherits and where they come from.
 */
@ActsForEndUsers
@Path("/api/2.1/unity-catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Permissions")
public class PermissionsResource {
  private final SecurableResolver resolver;
  private final PermissionsService permissions;
  private final PolicyStore policies;
  private final Authorizer authorizer;

  PermissionsResource(
      SecurableResolver resolver, PermissionsService permissions, PolicyStore policies, Authorizer authorizer) {
    this.resolver = resolver;
    this.permissions = permissions;
    this.policies = policies;
    this.authorizer = authorizer;
  }

  @GET
  @Path("permissions/{securable_type}/{full_name}")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Performs(Operation.GET_PERMISSIONS)
  public PermissionsList get(
      @PathParam("securable_type") String type,
      @PathParam("full_name") String fullName,
      @QueryParam("principal") String principal) {
    Resolved r = resolver.resolve(type, fullName);
    return new PermissionsList(permissions.get(r.target(), r.id(), principal));
  }

  @PATCH
  @Path("permissions/{securable_type}/{full_name}")
  @Performs(Operation.UPDATE_PERMISSIONS)
  public PermissionsList update(
      @PathParam("securable_type") String type, @PathParam("full_name") String fullName, UpdatePermissions request) {
    Validation.required("body", request);
    Resolved r = resolver.resolve(type, fullName);
    var assignments = permissions.update(r.target(), r.type(), r.id(), request.changes());
    // Committed: this replica decides with the new grants from the next request on.
    policies.refresh();
    return new PermissionsList(assignments);
  }

  @GET
  @Path("effective-permissions/{securable_type}/{full_name}")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Performs(Operation.GET_EFFECTIVE_PERMISSIONS)
  public EffectivePermissionsList effective(
      @PathParam("securable_type") String type,
      @PathParam("full_name") String fullName,
      @QueryParam("principal") String principal) {
    Resolved r = resolver.resolve(type, fullName);
    Target target = r.target();
    authorizer.require(Operation.GET_EFFECTIVE_PERMISSIONS, target);
    // As for the grants themselves: managers see everyone's, others their own and their groups'.
    PolicySnapshot snapshot = authorizer.snapshot();
    Subject subject = authorizer.subject();
    boolean manager = AccessCheck.canManage(snapshot, subject, target).allowed();
    Map<String, List<EffectivePrivilege>> byPrincipal = new LinkedHashMap<>();
    for (Grant g : snapshot.effectiveGrantsOn(target.securable())) {
      if (principal != null && !g.principal().equalsIgnoreCase(principal) || !manager && !subject.is(g.principal())) {
        continue;
      }
      boolean inherited = !g.securable().equals(target.securable());
      String from = inherited ? target.describe(g.securable()) : null;
      byPrincipal.computeIfAbsent(g.principal(), k -> new ArrayList<>()).add(new EffectivePrivilege(
          g.privilege() == Privilege.ALL_PRIVILEGES ? "ALL PRIVILEGES" : g.privilege().sqlName(),
          inherited ? g.securable().type().apiName().toUpperCase(java.util.Locale.ROOT) : null,
          inherited ? from.substring(from.indexOf(' ') + 1) : null,
          g.deny() ? Boolean.TRUE : null));
    }
    List<EffectiveAssignment> result = new ArrayList<>();
    byPrincipal.forEach((p, privileges) -> result.add(new EffectiveAssignment(p, privileges)));
    return new EffectivePermissionsList(result);
  }
}
