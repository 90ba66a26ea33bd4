package io.gatehouse.server.permissions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.BindingType;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.SecurableResolver;
import io.gatehouse.server.catalog.SecurableResolver.Resolved;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.Workspaces;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Workspace bindings of catalogs, external locations and storage credentials, in the shape of
 * the Unity Catalog bindings API, and the older catalog-only workspace-bindings API. Bindings
 * matter while the securable is isolated ({@code isolation_mode}); they move the policy version,
 * so every replica decides with them at once. Metastore admins read and change them from any
 * workspace (so that an isolated catalog can always be bound again); owners and managers only
 * where the securable is reached read-write.
 */
@Path("/api/2.1/unity-catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Workspace bindings")
public class WorkspaceBindingsResource {
  private static final Set<SecurableType> BINDABLE =
      Set.of(SecurableType.CATALOG, SecurableType.EXTERNAL_LOCATION, SecurableType.STORAGE_CREDENTIAL);
  private static final int MOST_CHANGES = 1_000;

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WorkspaceBinding(Long workspaceId, String bindingType) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdateBindings(List<WorkspaceBinding> add, List<WorkspaceBinding> remove) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Bindings(List<WorkspaceBinding> bindings) {}

  /** The older API: the ids of the workspaces bound (read-write) to a catalog. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdateCatalogWorkspaces(List<Long> assignWorkspaces, List<Long> unassignWorkspaces) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CatalogWorkspaces(List<Long> workspaces) {}

  private final SecurableResolver resolver;
  private final Authorizer authorizer;
  private final CallerContext caller;
  private final Workspaces workspaces;
  private final AuditTrail trail;

  WorkspaceBindingsResource(SecurableResolver resolver, Authorizer authorizer, CallerContext caller, Workspaces workspaces,
      AuditTrail trail) {
    this.resolver = resolver;
    this.authorizer = authorizer;
    this.caller = caller;
    this.workspaces = workspaces;
    this.trail = trail;
  }

  @GET
  @Path("bindings/{securable_type}/{securable_name}")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Performs(Operation.GET_WORKSPACE_BINDINGS)
  public Bindings get(@PathParam("securable_type") String type, @PathParam("securable_name") String name) {
    Resolved r = bindable(type, name, Operation.GET_WORKSPACE_BINDINGS);
    return new Bindings(read(r));
  }

  @PATCH
  @Path("bindings/{securable_type}/{securable_name}")
  @Transactional
  @Performs(Operation.UPDATE_WORKSPACE_BINDINGS)
  public Bindings update(@PathParam("securable_type") String type, @PathParam("securable_name") String name,
      UpdateBindings request) {
    Validation.required("body", request);
    Resolved r = bindable(type, name, Operation.UPDATE_WORKSPACE_BINDINGS);
    Map<Long, BindingType> add = new LinkedHashMap<>();
    for (WorkspaceBinding b : list("add", request.add())) {
      add.put(workspace("add", b), bindingType(b.bindingType()));
    }
    List<Long> remove = new ArrayList<>();
    for (WorkspaceBinding b : list("remove", request.remove())) {
      remove.add(workspace("remove", b));
    }
    change(r, add, remove);
    return new Bindings(read(r));
  }

  @GET
  @Path("workspace-bindings/catalogs/{name}")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Performs(Operation.GET_WORKSPACE_BINDINGS)
  public CatalogWorkspaces getCatalog(@PathParam("name") String name) {
    Resolved r = bindable("catalog", name, Operation.GET_WORKSPACE_BINDINGS);
    return new CatalogWorkspaces(read(r).stream().map(WorkspaceBinding::workspaceId).toList());
  }

  @PATCH
  @Path("workspace-bindings/catalogs/{name}")
  @Transactional
  @Performs(Operation.UPDATE_WORKSPACE_BINDINGS)
  public CatalogWorkspaces updateCatalog(@PathParam("name") String name, UpdateCatalogWorkspaces request) {
    Validation.required("body", request);
    Resolved r = bindable("catalog", name, Operation.UPDATE_WORKSPACE_BINDINGS);
    Map<Long, BindingType> add = new LinkedHashMap<>();
    for (Long id : list("assign_workspaces", request.assignWorkspaces())) {
      add.put(existing("assign_workspaces", id), BindingType.BINDING_TYPE_READ_WRITE);
    }
    List<Long> remove = new ArrayList<>();
    for (Long id : list("unassign_workspaces", request.unassignWorkspaces())) {
      remove.add(existing("unassign_workspaces", id));
    }
    change(r, add, remove);
    return new CatalogWorkspaces(read(r).stream().map(WorkspaceBinding::workspaceId).toList());
  }

  /** The securable, if bindable and the caller may read or change its bindings; refusals are audited. */
  private Resolved bindable(String type, String name, Operation op) {
    SecurableType t;
    try {
      t = SecurableType.fromApiName(Validation.required("securable_type", type, 64));
    } catch (IllegalArgumentException e) {
      t = null;
    }
    if (t == null || !BINDABLE.contains(t)) {
      throw GatehouseException.invalid("Bindings are set on catalog, external_location and storage_credential securables.");
    }
    Resolved r = resolver.resolve(t.apiName(), name);
    if (caller.isAdmin()) {
      authorizer.allowed(op, r.target(), "metastore admin (bindings are managed from any workspace)");
    } else {
      authorizer.require(op, r.target());
    }
    return r;
  }

  private void change(Resolved r, Map<Long, BindingType> add, List<Long> remove) {
    var em = Panache.getEntityManager();
    for (Long w : remove) {
      em.createNativeQuery("DELETE FROM workspace_bindings WHERE securable_id = ?1 AND workspace_id = ?2")
          .setParameter(1, r.id()).setParameter(2, w).executeUpdate();
    }
    add.forEach((w, type) -> em.createNativeQuery("INSERT INTO workspace_bindings (securable_type, securable_id, workspace_id,"
            + " binding_type) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (securable_id, workspace_id)"
            + " DO UPDATE SET binding_type = EXCLUDED.binding_type")
        .setParameter(1, r.type().name()).setParameter(2, r.id()).setParameter(3, w).setParameter(4, type.name())
        .executeUpdate());
    trail.succeeded("UPDATE_WORKSPACE_BINDINGS", r.target(), "add=" + add + ", remove=" + remove);
    // The response waits for this replica's snapshot of the commit (SnapshotAfterWrite).
  }

  private static List<WorkspaceBinding> read(Resolved r) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
            "SELECT workspace_id, binding_type FROM workspace_bindings WHERE securable_id = ?1 ORDER BY workspace_id")
        .setParameter(1, r.id()).getResultList();
    List<WorkspaceBinding> bindings = new ArrayList<>();
    for (Object[] row : rows) {
      bindings.add(new WorkspaceBinding(((Number) row[0]).longValue(), (String) row[1]));
    }
    return bindings;
  }

  private static <T> List<T> list(String field, List<T> given) {
    if (given == null) {
      return List.of();
    }
    if (given.size() > MOST_CHANGES) {
      throw GatehouseException.invalid("Field '" + field + "' lists more than " + MOST_CHANGES + " workspaces.");
    }
    return given;
  }

  private long workspace(String field, WorkspaceBinding b) {
    if (b == null) {
      throw GatehouseException.invalid("Field '" + field + "' holds an empty binding.");
    }
    return existing(field, b.workspaceId());
  }

  private long existing(String field, Long id) {
    if (id == null) {
      throw GatehouseException.invalid("Every binding in '" + field + "' needs a workspace_id.");
    }
    if (workspaces.find(id) == null) {
      throw GatehouseException.notFound("Workspace " + id + " does not exist.");
    }
    return id;
  }

  private static BindingType bindingType(String type) {
    if (type == null) {
      return BindingType.BINDING_TYPE_READ_WRITE;
    }
    try {
      return BindingType.valueOf(type.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("Field 'binding_type' must be BINDING_TYPE_READ_WRITE or BINDING_TYPE_READ_ONLY.");
    }
  }
}
