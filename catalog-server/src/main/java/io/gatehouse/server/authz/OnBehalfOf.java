package io.gatehouse.server.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.AuthConfig;
import io.gatehouse.server.identity.Caller;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.Principal;
import io.gatehouse.server.identity.PrincipalEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An engine acting on behalf of an end user, for every API that allows it (gRPC's
 * {@code on_behalf_of}, the Iceberg REST catalog's {@code X-Gatehouse-On-Behalf-Of}): the verified
 * caller must be a member of the engines group ({@code gatehouse.grpc.engines-group}); the request
 * then decides as the end user it names, and audit records name both. Naming nobody, or the
 * caller itself, leaves the request the caller's own. An engine may not act for a metastore admin
 * unless {@code gatehouse.engines.may-act-for-admins} allows it: otherwise whoever holds an
 * engine's token would hold the admins' power by naming one of them (as Hadoop's proxy users are
 * limited to the users and groups configured for them). The end user must be one who may act in
 * the engine's workspace: the request stays in that workspace.
 */
@ApplicationScoped
public class OnBehalfOf {
  private final CallerContext caller;
  private final io.gatehouse.server.identity.Workspaces workspaces;
  private final PolicyStore snapshots;
  private final String enginesGroup;
  private final boolean mayActForAdmins;
  /** End users named by engines, by policy version and lower-cased name: read once per version. */
  private final Cache<String, Principal> endUsers;

  OnBehalfOf(CallerContext caller, io.gatehouse.server.identity.Workspaces workspaces, PolicyStore snapshots, AuthConfig auth,
      @ConfigProperty(name = "gatehouse.grpc.engines-group", defaultValue = "engines") String enginesGroup,
      @ConfigProperty(name = "gatehouse.engines.may-act-for-admins", defaultValue = "false") boolean mayActForAdmins) {
    this.caller = caller;
    this.workspaces = workspaces;
    this.mayActForAdmins = mayActForAdmins;
    this.snapshots = snapshots;
    this.enginesGroup = enginesGroup;
    this.endUsers = Caffeine.newBuilder().expireAfterWrite(auth.cacheTtl()).maximumSize(10_000).build();
  }

  /** Whether {@code name} names someone else than {@code verified}: only then is the request made for another. */
  public static boolean namesAnother(Caller verified, String name) {
    return name != null && !name.isBlank() && !name.equalsIgnoreCase(verified.principal().name());
  }

  /**
   * Makes the request the end user's if that needs no I/O: the caller's groups (to find it an
   * engine) and the end user, named at this policy version, at hand. False when something must be
   * read first ({@link #actFor} then does); a caller outside the engines group is refused.
   */
  public boolean actForWithoutIo(Caller verified, String name) {
    if (!namesAnother(verified, name)) {
      return true;
    }
    if (!caller.groupsAtHand()) {
      return false;
    }
    requireEngine(verified);
    Principal endUser = endUsers.getIfPresent(key(snapshots.current().version(), name));
    if (endUser == null) {
      return false;
    }
    caller.actFor(new Caller(endUser, Set.of(), verified.trustedUntil(), verified.workspace()));
    if (!caller.groupsAtHand()) {
      return false;
    }
    refuseAdmin(verified);
    refuseOutsideWorkspace(verified);
    return true;
  }

  /**
   * Makes the request the end user's, reading the directory when needed: refused unless the
   * verified caller (already the request's caller) is in the engines group; the end user must be
   * an active user or service principal (a name of another case finds it, as everywhere).
   * {@code field} is what refusals call the name (the request field or header it came in).
   */
  public void actFor(Caller verified, String field, String name) {
    if (!namesAnother(verified, name)) {
      return;
    }
    requireEngine(verified);
    long version = snapshots.current().version();
    PrincipalEntity endUser = PrincipalEntity.findByName(Validation.principal(field, name));
    if (endUser == null) {
      throw GatehouseException.notFound("Principal '" + Validation.printable(name) + "' does not exist.");
    }
    if (endUser.kind == Principal.Type.GROUP) {
      throw GatehouseException.invalid(field + " names the group '" + endUser.name + "'; name a user or service principal.");
    }
    if (!endUser.active) {
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + endUser.name + "' is deactivated.");
    }
    Principal user = new Principal(endUser.id, endUser.name, endUser.kind);
    // Remembered for the policy version it was read at: creating, renaming, deactivating or
    // deleting a principal moves the version, so a remembered end user is never stale.
    endUsers.put(key(version, name), user);
    caller.actFor(new Caller(user, Set.of(), verified.trustedUntil(), verified.workspace()));
    refuseAdmin(verified);
    refuseOutsideWorkspace(verified);
  }

  /** Refuses a request made for an end user who may not act in the engine's workspace. */
  private void refuseOutsideWorkspace(Caller verified) {
    String refusal = workspaces.refusal(caller.workspace(), caller.principal().id(), Set.of(), caller::groups);
    if (refusal != null) {
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + verified.principal().name()
          + "' may not act on behalf of '" + caller.name() + "': " + refusal);
    }
  }

  /** Refuses a request made for a metastore admin (a member of the admin group, however nested), unless allowed. */
  private void refuseAdmin(Caller verified) {
    if (!mayActForAdmins && caller.isAdmin()) {
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + verified.principal().name()
          + "' may not act on behalf of '" + caller.name() + "', a metastore admin (gatehouse.engines.may-act-for-admins is off).");
    }
  }

  private void requireEngine(Caller verified) {
    if (caller.groups().stream().noneMatch(g -> g.equalsIgnoreCase(enginesGroup))) {
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + verified.principal().name()
          + "' may not act on behalf of other principals: it is not a member of the engines group '"
          + enginesGroup + "'.");
    }
  }

  private static String key(long version, String name) {
    return version + "/" + name.toLowerCase(Locale.ROOT);
  }
}
