package io.gatehouse.server.identity;

import io.gatehouse.policy.Subject;
import io.gatehouse.server.audit.Actor;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditLog;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import java.util.HashSet;
import java.util.Set;

/**
 * The seam through which every part of the server learns who made the current request: the
 * caller that {@link AuthenticationFilter} verified, and its effective groups, read once per
 * request.
 */
@RequestScoped
public class CallerContext implements Actor {
  private final CurrentVertxRequest request;
  private final Memberships memberships;
  private final GroupCache groupCache;
  private final BootstrapConfig bootstrap;
  private final AuditLog audit;
  private final Workspaces workspaces;
  private Caller caller;
  private Set<String> groups;
  /** The caller as decisions see it, built once per request (and again when the caller changes). */
  private Subject subject;
  private String actingPrincipal;
  private String requestId;
  private String sourceAddress;

  CallerContext(CurrentVertxRequest request, Memberships memberships, GroupCache groupCache, BootstrapConfig bootstrap,
      AuditLog audit, Workspaces workspaces) {
    this.request = request;
    this.workspaces = workspaces;
    this.audit = audit;
    this.memberships = memberships;
    this.groupCache = groupCache;
    this.bootstrap = bootstrap;
  }

  public Caller caller() {
    if (caller == null) {
      caller = request.getCurrent() == null ? null : request.getCurrent().get(AuthenticationFilter.CALLER);
      if (caller == null) {
        throw new GatehouseException(ErrorCode.UNAUTHENTICATED, "Authentication required.");
      }
    }
    return caller;
  }

  /**
   * For calls that arrive outside HTTP (gRPC): the verified caller, the call's id and the peer's
   * address.
   */
  public void enter(Caller verified, String callId, String peer) {
    this.caller = verified;
    this.groups = null;
    this.subject = null;
    this.requestId = callId;
    this.sourceAddress = peer;
  }

  /**
   * From here on the request is made for {@code endUser}, by the current caller: decisions are
   * the end user's, and audit records name both.
   */
  public void actFor(Caller endUser) {
    this.actingPrincipal = name();
    this.caller = endUser;
    this.groups = null;
    this.subject = null;
  }

  /** The principal acting for the caller (an engine's service principal), or null. */
  @Override
  public String actingPrincipal() {
    return actingPrincipal;
  }

  public Principal principal() {
    return caller().principal();
  }

  /** The name recorded as owner, created_by and updated_by. */
  @Override
  public String name() {
    return principal().name();
  }

  /** Groups the caller belongs to, directly or through nested groups, plus asserted ones. */
  public Set<String> groups() {
    if (groups == null) {
      Set<String> all = new HashSet<>(groupCache.get(principal().id(), memberships::effectiveGroupNames));
      all.addAll(caller().assertedGroups());
      groups = Set.copyOf(all);
    }
    return groups;
  }

  /**
   * Whether {@link #groups} answers without reading the database: they were read for this
   * request, or for the same principal within the cache's lifetime. For event loops, which may
   * not block: when false, the caller moves to a worker thread first.
   */
  public boolean groupsAtHand() {
    if (groups == null) {
      Set<String> cached = groupCache.peek(principal().id());
      if (cached == null) {
        return false;
      }
      Set<String> all = new HashSet<>(cached);
      all.addAll(caller().assertedGroups());
      groups = Set.copyOf(all);
    }
    return true;
  }

  /**
   * Groups from SCIM provisioning only, direct and nested, without the groups a token asserts:
   * what SCIM passthrough maps to data roles.
   */
  public Set<String> provisionedGroups() {
    return groupCache.get(principal().id(), memberships::effectiveGroupNames);
  }

  /** The id of the current request, as in the X-Request-Id response header. */
  @Override
  public String requestId() {
    if (requestId != null) {
      return requestId;
    }
    Object id = request.getCurrent() == null ? null : request.getCurrent().get(io.gatehouse.server.common.RequestIds.MDC_KEY);
    return id == null ? null : id.toString();
  }

  /** The address the request came from: the client behind a trusted proxy, else the socket's peer. */
  @Override
  public String sourceAddress() {
    if (sourceAddress != null) {
      return sourceAddress;
    }
    var current = request.getCurrent();
    return current == null ? null : io.gatehouse.server.common.RequestIds.clientAddress(current);
  }

  /** The workspace the request acts in (the default one until a workspace is decided). */
  public long workspace() {
    Long workspace = caller().workspace();
    return workspace == null ? WorkspaceSettings.DEFAULT_WORKSPACE : workspace;
  }

  /**
   * Who decisions are made for: the caller's name, effective groups, whether it is a metastore
   * admin, and its workspace. Built on first use; a request makes several decisions.
   */
  public Subject subject() {
    if (subject == null) {
      subject = new Subject(name(), groups(), isAdmin(), workspace());
    }
    return subject;
  }

  /** Metastore admins: members of the admin group, directly or through nested groups. */
  public boolean isAdmin() {
    return groups().stream().anyMatch(g -> g.equalsIgnoreCase(bootstrap.adminGroup()));
  }

  /**
   * Refuses the request unless the caller is a metastore admin or administers the workspace the
   * request acts in (an ADMIN assignment); a refusal is audited.
   */
  public void requireWorkspaceAdmin(String action) {
    if (isAdmin() || workspaces.administers(workspace(), principal().id(), groups())) {
      return;
    }
    audit.record(AuditEvent.byCaller(this, "ADMIN_ONLY", "WORKSPACE", Long.toString(workspace()), AuditEvent.Result.DENIED,
        () -> "only metastore admins and admins of the workspace may " + action));
    throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Only metastore admins (group '" + bootstrap.adminGroup()
        + "') and admins of workspace " + workspace() + " may " + action + ".");
  }

  /** Refuses the request unless the caller is a metastore admin; a refusal is audited. */
  @Override
  public void requireAdmin(String action) {
    if (!isAdmin()) {
      audit.record(AuditEvent.byCaller(this, "ADMIN_ONLY", "METASTORE", null, AuditEvent.Result.DENIED,
          () -> "only metastore admins may " + action));
      throw new GatehouseException(
          ErrorCode.PERMISSION_DENIED, "Only metastore admins (group '" + bootstrap.adminGroup() + "') may " + action + ".");
    }
  }
}
