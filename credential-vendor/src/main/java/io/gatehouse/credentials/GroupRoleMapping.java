package io.gatehouse.credentials;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SCIM passthrough: the groups a principal belongs to (as SCIM provisioned them) select the data
 * role whose credentials it gets, like a meta instance profile that holds several data roles.
 * Group names match case-insensitively.
 *
 * <p>When the principal's groups lead to one role, that is the role. When they lead to several,
 * the storage credential's own role wins if it is one of them; otherwise the choice is ambiguous
 * and refused rather than made arbitrarily.
 */
public final class GroupRoleMapping {
  private final Map<String, String> roleByGroup = new HashMap<>();

  public GroupRoleMapping(Map<String, String> groupToRoleArn) {
    groupToRoleArn.forEach((group, role) -> roleByGroup.put(group.toLowerCase(Locale.ROOT), role));
  }

  public boolean isEmpty() {
    return roleByGroup.isEmpty();
  }

  /** The role for a principal in {@code groups}; {@code preferredRoleArn} breaks ties (may be null). */
  public String select(Set<String> groups, String preferredRoleArn) {
    Map<String, Set<String>> groupsByRole = new TreeMap<>();
    for (String group : groups) {
      String role = roleByGroup.get(group.toLowerCase(Locale.ROOT));
      if (role != null) {
        groupsByRole.computeIfAbsent(role, r -> new TreeSet<>()).add(group);
      }
    }
    if (groupsByRole.isEmpty()) {
      throw new CredentialRequestException(CredentialRequestException.Reason.NOT_PERMITTED,
          "none of the principal's groups is mapped to a data role");
    }
    if (groupsByRole.size() == 1) {
      return groupsByRole.keySet().iterator().next();
    }
    if (preferredRoleArn != null && groupsByRole.containsKey(preferredRoleArn)) {
      return preferredRoleArn;
    }
    throw new CredentialRequestException(CredentialRequestException.Reason.INVALID,
        "the principal's groups map to several data roles " + groupsByRole
            + " and the storage credential's role is none of them");
  }
}
