package io.gatehouse.server.credentials;

import io.gatehouse.credentials.CredentialRequestException;
import io.gatehouse.credentials.CredentialRequestException.Reason;
import io.gatehouse.credentials.RoleSource;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.InstanceProfileEntity;
import io.gatehouse.server.identity.PrincipalRoles;
import io.gatehouse.server.identity.PrincipalRoles.HeldRole;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The data role of a SCIM_PASSTHROUGH storage credential for the caller: among the instance
 * profiles it holds through SCIM {@code roles} (its own or its groups', nested; read at every
 * request, so a removal counts at once), those whose IAM role the credential serves (its role ARN
 * and its {@code data_role_arns}, compared exactly). One such role is the answer; several need
 * the request to name one ({@code role_arn}); none is refused, unless {@code group-roles-fallback}
 * is on and one of the caller's groups is in the configured group-to-role map, which then decides
 * as before instance profiles existed. The role is assumed through the meta instance profile when
 * one is registered.
 */
@ApplicationScoped
class ScimRoleChoice {
  private final CallerContext caller;
  private final PrincipalRoles roles;
  private final CredentialsConfig config;

  ScimRoleChoice(CallerContext caller, PrincipalRoles roles, CredentialsConfig config) {
    this.caller = caller;
    this.roles = roles;
    this.config = config;
  }

  RoleSource choose(StorageCredentialEntity credential, String requestedRole) {
    Set<String> groups = caller.provisionedGroups();
    List<HeldRole> held = roles.held(caller.principal().id(), groups);
    Set<String> serves = new LinkedHashSet<>();
    serves.add(credential.roleArn);
    serves.addAll(credential.dataRoleArns());
    boolean fallback = config.groupRolesFallback() && mapped(groups, config.groupRoles());
    String chosen = pick(caller.name(), held, serves, requestedRole, fallback, config.groupRolesFallback());
    if (chosen == null) {
      return new RoleSource.ScimGroups(groups, credential.roleArn, credential.externalId);
    }
    InstanceProfileEntity meta = InstanceProfileEntity.findMeta();
    return new RoleSource.ScimRole(chosen, meta == null ? null : meta.iamRoleArn);
  }

  /**
   * The role to assume, or null for the group-to-role map ({@code fallback}: allowed and one of
   * the caller's groups is mapped). Throws NOT_PERMITTED (403) when the caller holds no role the
   * credential serves, or not the one it named; INVALID (400) when it holds several and named none.
   */
  static String pick(String principal, List<HeldRole> held, Set<String> serves, String requestedRole, boolean fallback,
      boolean fallbackEnabled) {
    Map<String, List<String>> applicable = new TreeMap<>(); // role ARN -> instance profiles (and through whom)
    for (HeldRole role : held) {
      if (serves.contains(role.roleArn())) {
        applicable.computeIfAbsent(role.roleArn(), r -> new ArrayList<>())
            .add(role.instanceProfileArn() + " via " + role.through());
      }
    }
    if (requestedRole != null) {
      if (!applicable.containsKey(requestedRole)) {
        throw new CredentialRequestException(Reason.NOT_PERMITTED, "principal '" + principal
            + "' holds no instance profile of role '" + Validation.printable(requestedRole)
            + "' that this credential serves" + holdings(applicable, serves, held));
      }
      return requestedRole;
    }
    if (applicable.size() == 1) {
      return applicable.keySet().iterator().next();
    }
    if (applicable.size() > 1) {
      throw new CredentialRequestException(Reason.INVALID, "principal '" + principal + "' holds several data roles"
          + " this credential serves; name one in the request's role_arn: " + applicable);
    }
    if (fallback) {
      return null;
    }
    throw new CredentialRequestException(Reason.NOT_PERMITTED, "principal '" + principal
        + "' holds no instance profile (a SCIM role of its own or of one of its groups) whose IAM role this credential"
        + " serves" + holdings(applicable, serves, held)
        + (fallbackEnabled ? "; and none of the principal's groups is mapped to a data role (gatehouse.credentials.group-roles)"
            : ""));
  }

  private static boolean mapped(Set<String> groups, Map<String, String> groupRoles) {
    Set<String> keys = new java.util.HashSet<>();
    groupRoles.keySet().forEach(k -> keys.add(k.toLowerCase(Locale.ROOT)));
    return groups.stream().anyMatch(g -> keys.contains(g.toLowerCase(Locale.ROOT)));
  }

  private static String holdings(Map<String, List<String>> applicable, Set<String> serves, List<HeldRole> held) {
    if (!applicable.isEmpty()) {
      return "; it holds " + applicable.keySet();
    }
    return "; the credential serves " + serves + ", the principal holds "
        + (held.isEmpty() ? "no instance profile" : held.stream().map(HeldRole::roleArn).distinct().sorted().toList());
  }
}
