package io.gatehouse.server.permissions;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.SecurableResolver;
import io.gatehouse.server.catalog.SecurableResolver.Resolved;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.permissions.PermissionsApi.CallerAccess;
import io.gatehouse.server.permissions.PermissionsApi.LevelAccess;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the caller may do with an object it may see, BROWSE included: whether only BROWSE shows
 * it, and whether it may manage the object and each container above it. A client (the console)
 * asks this first and then asks only what the caller may know: grants to others, who-can and
 * the policies of a level for its managers, data policies for those who may use the table.
 * Everything here is about the caller; an object it may not see is refused as its GET is.
 */
@ActsForEndUsers
@Path("/api/gatehouse/v1/authz")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authorization")
public class CallerAccessResource {
  private final SecurableResolver resolver;
  private final Authorizer authorizer;

  CallerAccessResource(SecurableResolver resolver, Authorizer authorizer) {
    this.resolver = resolver;
    this.authorizer = authorizer;
  }

  @GET
  @Path("access")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Performs(Operation.GET_CALLER_ACCESS)
  public CallerAccess access(@QueryParam("securable_type") String type, @QueryParam("full_name") String fullName) {
    Resolved r = resolver.resolve(Validation.required("securable_type", type, 64), Validation.required("full_name", fullName, 1024));
    Target target = r.target();
    authorizer.require(Operation.GET_CALLER_ACCESS, target, true);
    PolicySnapshot snapshot = authorizer.snapshot();
    Subject subject = authorizer.subject();
    boolean browseOnly = !AccessCheck.canSee(snapshot, subject, target, false).allowed();
    List<Target> chain = new ArrayList<>();
    for (Target t = target; t != null; t = t.parent()) {
      chain.add(0, t);
    }
    // The names a container has are the object's own name's prefixes: nothing the caller did not give.
    String[] parts = fullName.split("\\.");
    List<LevelAccess> levels = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      Target level = chain.get(i);
      String name = i == chain.size() - 1 || i >= parts.length ? fullName : String.join(".", java.util.Arrays.copyOf(parts, i + 1));
      levels.add(new LevelAccess(level.securable().type().apiName(), name, AccessCheck.canManage(snapshot, subject, level).allowed()));
    }
    List<String> groups = subject.groups().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    return new CallerAccess(subject.name(), groups, r.type().apiName(), fullName, snapshot.version(), browseOnly,
        levels.get(levels.size() - 1).manage(), levels);
  }
}
