package io.gatehouse.server.grpc;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.proto.v1.CredentialOperation;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.TableMetadata;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.BootstrapConfig;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.Memberships;
import io.gatehouse.server.identity.Principal;
import io.gatehouse.server.identity.PrincipalEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The decision for a table read beneath a view (ResolveTable's {@code through_view}), ownership
 * chaining as Databricks Unity Catalog has it: the reader needs SELECT on the view (and USE on its
 * containers), not on the table; the table is read with the <em>view owner's</em> right, so the
 * owner must hold SELECT on it (and USE on its containers) when the query runs; the row filter and
 * masks of the table stay the reader's. The table must be one the view names among its
 * dependencies, so a view lends its owner's right to the tables it reads and to no other. Only an
 * engine of the engines group acting for the reader may ask: it is the one that applies the view's
 * definition (a user's own token would get the whole table's files).
 */
@ApplicationScoped
public class ViewReads {
  private final Authorizer authorizer;
  private final CallerContext caller;
  private final TableRows rows;
  private final Memberships memberships;
  private final BootstrapConfig bootstrap;

  ViewReads(Authorizer authorizer, CallerContext caller, TableRows rows, Memberships memberships, BootstrapConfig bootstrap) {
    this.authorizer = authorizer;
    this.caller = caller;
    this.rows = rows;
    this.memberships = memberships;
    this.bootstrap = bootstrap;
  }

  /** The view named by {@code through_view}, in the request's snapshot. */
  static Target view(PolicySnapshot snapshot, ResolveTableRequest request) {
    if (request.getCredentials() == CredentialOperation.READ_WRITE) {
      throw GatehouseException.invalid("A table is written directly, never through a view.");
    }
    FullName name = FullName.ofObject(Validation.required("through_view", request.getThroughView(), 1024));
    Target view = snapshot.catalog().byName(SecurableType.TABLE, name.toString());
    if (view == null) {
      throw GatehouseException.notFound("View '" + name + "' does not exist.");
    }
    return view;
  }

  /**
   * Blocking (on a worker), after the reader's SELECT on the view was decided: the view is a
   * view that names the table, the table is no view, and the view's owner may read it now.
   * Audited on the table either way.
   */
  void requireOwnerMayRead(PolicySnapshot snapshot, Target view, Target table, TableMetadata tableRow) {
    if (caller.actingPrincipal() == null) {
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + caller.name() + "' may read tables"
          + " through a view only by an engine of the engines group acting for it.");
    }
    String viewName = view.names().get(view.names().size() - 1);
    List<String> dependencies = rows.viewDependencies(view); // the view's row, read once
    if (dependencies == null) {
      throw GatehouseException.invalid("'" + viewName + "' is no view.");
    }
    if ("VIEW".equals(tableRow.getTableType())) {
      throw GatehouseException.invalid("'" + tableRow.getFullName() + "' is a view: views over views are not served.");
    }
    String tableName = tableRow.getFullName();
    if (dependencies.stream().noneMatch(d -> d.equalsIgnoreCase(tableName))) {
      String reason = "view " + viewName + " does not name table " + tableRow.getFullName() + " among its dependencies";
      authorizer.denied(Operation.RESOLVE_TABLE, table, reason);
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Refused: the " + reason + ".");
    }
    Subject owner = owner(view.owner());
    Decision use = owner == null ? null : AccessCheck.canUseParents(snapshot, owner, table);
    Decision decision = owner == null ? null
        : use.allowed() ? AccessCheck.has(snapshot, owner, Privilege.SELECT, table) : use;
    if (decision == null || !decision.allowed()) {
      String reason = "the owner '" + view.owner() + "' of view " + viewName + " may not read table "
          + tableRow.getFullName() + (decision == null ? " (no active principal of that name)" : ": " + decision.reason());
      authorizer.denied(Operation.RESOLVE_TABLE, table, reason);
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Refused: " + reason + ".");
    }
    authorizer.allowed(Operation.RESOLVE_TABLE, table, "through view " + viewName + ", as its owner " + view.owner()
        + " may read it");
  }

  /**
   * The owner as a subject of decisions: a user or service principal with its groups, or a group
   * with the groups above it; null for a name no active principal has (the view reads nothing).
   */
  private Subject owner(String name) {
    PrincipalEntity principal = name == null ? null : PrincipalEntity.findByName(name);
    if (principal == null || !principal.active) {
      return null;
    }
    Set<String> groups = new HashSet<>(memberships.effectiveGroupNames(principal.id));
    if (principal.kind == Principal.Type.GROUP) {
      groups.add(principal.name);
    }
    boolean admin = groups.stream().anyMatch(g -> g.equalsIgnoreCase(bootstrap.adminGroup()));
    return new Subject(principal.name, groups, admin, caller.workspace());
  }
}
