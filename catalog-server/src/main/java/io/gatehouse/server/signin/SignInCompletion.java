package io.gatehouse.server.signin;

import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.identity.AuthenticationException;
import io.gatehouse.server.identity.BootstrapConfig;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.Memberships;
import io.gatehouse.server.identity.Principal;
import io.gatehouse.server.identity.PrincipalEntity;
import io.gatehouse.server.identity.TokenEntity;
import io.gatehouse.server.identity.TokenService;
import io.gatehouse.server.identity.WorkspaceSettings;
import io.gatehouse.server.identity.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every console sign-in method does once the identity provider has vouched for a user:
 * creates an unknown user when automatic creation allows it (joining only existing groups that
 * are not privileged), refuses users who may not sign in, issues the short-lived SIGN_IN token and
 * audits each step. Also where a sign-in may return to and which workspace it is for.
 */
@ApplicationScoped
public class SignInCompletion {
  /** Where a sign-in may return to: a page of the console, never another site. */
  private static final Pattern RETURN_TO = Pattern.compile("/ui/[A-Za-z0-9._~/-]*(\\?[A-Za-z0-9._~=&%+-]*)?");
  static final String DEFAULT_RETURN_TO = "/ui/";

  /** The user an identity provider vouched for, by a method (e.g. "SAML"), and the groups it names. */
  record Vouched(String user, Collection<String> groups, String method, String evidence) {}

  /**
   * Automatic creation of unknown users: off, on for every email domain ({@code domains} empty),
   * or on for some; never joining {@code protectedGroups} (lower case) nor groups that do not exist.
   */
  record Creation(boolean on, Optional<List<String>> domains, Set<String> protectedGroups) {}

  /**
   * What an answered sign-in gives: the user, its token and where to go; or why it was refused.
   * {@code tokenId} and {@code tokenExpires} (null: no expiry) of the SIGN_IN token issued, for what
   * follows a sign-in; {@code redirect}, for a sign-in of the command line, where the browser goes
   * instead of the console (the CLI's loopback address with a one-time code: no token).
   */
  record Outcome(String user, String token, String returnTo, int status, String refusal, String tokenId,
      java.time.Instant tokenExpires, String redirect) {
    static Outcome refused(int status, String why) {
      return new Outcome(null, null, null, status, why, null, null, null);
    }

    Outcome redirectedTo(String url) {
      return new Outcome(user, token, returnTo, status, refusal, tokenId, tokenExpires, url);
    }
  }

  private final TokenService tokens;
  private final Memberships memberships;
  private final AuditTrail audit;
  private final CallerContext request;
  private final Workspaces workspaces;
  private final List<String> privilegedGroups;

  SignInCompletion(TokenService tokens, Memberships memberships, AuditTrail audit, CallerContext request, Workspaces workspaces,
      BootstrapConfig bootstrap,
      @ConfigProperty(name = "gatehouse.grpc.engines-group", defaultValue = "engines") String enginesGroup) {
    this.tokens = tokens;
    this.memberships = memberships;
    this.audit = audit;
    this.request = request;
    this.workspaces = workspaces;
    this.privilegedGroups = List.of(bootstrap.adminGroup(), enginesGroup);
  }

  /** The groups no identity provider makes anyone a member of: the admin and engines groups, and {@code more}. */
  Set<String> protectedGroups(Optional<List<String>> more) {
    List<String> kept = new ArrayList<>(more.orElse(List.of()));
    kept.addAll(privilegedGroups);
    return Set.copyOf(kept.stream().map(g -> g.toLowerCase(Locale.ROOT)).toList());
  }

  /** A page to return to after sign-in, or a refusal for anything but a console page of this server. */
  static String returnTo(String given) {
    if (given == null || given.isEmpty()) {
      return DEFAULT_RETURN_TO;
    }
    if (!RETURN_TO.matcher(given).matches() || given.contains("..") || given.contains("//")) {
      throw GatehouseException.invalid("Parameter 'return_to' must be a page of this server's console (/ui/...).");
    }
    return given;
  }

  /** The workspace a sign-in starting with {@code workspaceId} at {@code host} is for. */
  long workspace(String workspaceId, String host) {
    try {
      Long addressed = workspaces.addressed(workspaceId, host);
      return addressed == null ? WorkspaceSettings.DEFAULT_WORKSPACE : addressed;
    } catch (AuthenticationException e) {
      throw GatehouseException.invalid(e.getMessage().replace(Workspaces.HEADER + " header", "workspace_id parameter"));
    }
  }

  /**
   * Signs in the user an identity provider vouched for: a token for an active user, a user created
   * first when {@code creation} allows. Runs in the caller's transaction.
   */
  Outcome complete(Vouched who, long workspace, String returnTo, Creation creation, Duration lifetime, String comment) {
    String name = who.user();
    PrincipalEntity user = PrincipalEntity.findByName(name);
    if (user == null) {
      if (!creation.on()) {
        record(name, "SIGN_IN", name, AuditEvent.Result.DENIED, () -> who.method() + ": unknown user; automatic creation is off");
        return Outcome.refused(403, "You signed in as '" + name + "', who has no user in Gatehouse, and automatic user"
            + " creation is off. Ask an administrator to add you.");
      }
      if (!covered(name, creation.domains())) {
        record(name, "SIGN_IN", name, AuditEvent.Result.DENIED,
            () -> who.method() + ": unknown user outside the domains of automatic creation");
        return Outcome.refused(403, "You signed in as '" + name + "', who has no user in Gatehouse, and automatic user"
            + " creation does not cover that domain. Ask an administrator to add you.");
      }
      user = create(name, who, creation.protectedGroups());
    }
    if (user.kind != Principal.Type.USER || !user.active) {
      String why = user.kind != Principal.Type.USER ? "it is a " + user.kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
          : "it is deactivated";
      record(user.name, "SIGN_IN", user.name, AuditEvent.Result.DENIED, () -> who.method() + ": refused: " + why);
      return Outcome.refused(403, "'" + user.name + "' may not sign in: " + why + ".");
    }
    UUID userId = user.id;
    String signedIn = user.name;
    String outside = workspaces.refusal(workspace, userId, Set.of(), () -> memberships.effectiveGroupNames(userId));
    if (outside != null) {
      record(signedIn, "SIGN_IN", signedIn, AuditEvent.Result.DENIED, () -> who.method() + ": refused: " + outside);
      return Outcome.refused(403, "'" + signedIn + "' may not sign in here: " + outside);
    }
    var issued = tokens.issue(user, user.id, TokenEntity.Kind.SIGN_IN, lifetime.toSeconds(), comment, workspace);
    record(signedIn, "SIGN_IN", signedIn, AuditEvent.Result.SUCCEEDED, () -> who.method() + ", " + who.evidence());
    Long expiry = issued.tokenInfo().expiryTime();
    return new Outcome(signedIn, issued.tokenValue(), returnTo, 200, null, issued.tokenInfo().tokenId(),
        expiry == null || expiry < 0 ? null : java.time.Instant.ofEpochMilli(expiry), null);
  }

  /** Ends the console sign-in whose SIGN_IN token the {@code Authorization} header carries; other credentials stay. */
  void signOut(String authorization) {
    String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).trim() : null;
    tokens.signOut(presented, request.principal().id());
  }

  /** Records a sign-in refused before any user was known (a response or ID token not accepted). */
  void refused(String principal, String detail) {
    record(principal, "SIGN_IN", principal, AuditEvent.Result.DENIED, () -> detail);
  }

  /** Whether automatic creation covers {@code name}'s email domain. */
  private static boolean covered(String name, Optional<List<String>> domains) {
    if (domains.isEmpty()) {
      return true;
    }
    int at = name.lastIndexOf('@');
    String domain = at < 0 ? "" : name.substring(at + 1);
    return domains.get().stream().anyMatch(d -> d.equalsIgnoreCase(domain));
  }

  /** A user for a first sign-in, in the groups vouched for that exist and are not protected. */
  private PrincipalEntity create(String name, Vouched who, Set<String> protectedGroups) {
    PrincipalEntity user = PrincipalEntity.create(Principal.Type.USER, name);
    user.displayName = name;
    user.persistAndFlush();
    List<String> joined = new ArrayList<>();
    for (String group : who.groups()) {
      if (protectedGroups.contains(group.toLowerCase(Locale.ROOT))) {
        continue;
      }
      PrincipalEntity g = PrincipalEntity.findByName(Principal.Type.GROUP, group);
      if (g != null && memberships.add(g.id, user)) {
        joined.add(g.name);
      }
    }
    record(name, "CREATE_PRINCIPAL", name, AuditEvent.Result.SUCCEEDED,
        () -> "created at first " + who.method() + " sign-in" + (joined.isEmpty() ? "" : "; groups " + String.join(", ", joined)));
    return user;
  }

  /** An audit record of a sign-in step, by the principal it names (no caller is signed in yet). */
  private void record(String principal, String action, String name, AuditEvent.Result result, Supplier<String> detail) {
    audit.recordFor(principal, request.requestId(), request.sourceAddress(), action, name == null ? "METASTORE" : "PRINCIPAL", name,
        result, detail);
  }
}
