package io.gatehouse.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.client.model.EffectiveAssignment;
import io.gatehouse.client.model.PermissionsChange;
import io.gatehouse.client.model.PrivilegeAssignment;
import java.util.List;
import java.util.Map;

/**
 * Grants: {@code /api/2.1/unity-catalog/permissions} and {@code effective-permissions}.
 * Privileges are named as in SQL or the API: {@code SELECT}, {@code USE CATALOG} or {@code USE_CATALOG}.
 */
public final class PermissionsApi {
  private final RestTransport rest;

  PermissionsApi(RestTransport rest) {
    this.rest = rest;
  }

  private static String path(String base, SecurableType type, String fullName) {
    return GatehouseClient.UC + "/" + base + "/" + type.apiName() + "/" + RestTransport.segment(fullName);
  }

  /** The grants on the object: all of them for those who may manage it, else the caller's and its groups'. */
  public List<PrivilegeAssignment> get(SecurableType type, String fullName) {
    return get(type, fullName, null);
  }

  /** The grants on the object to {@code principal} alone (null: every principal). */
  public List<PrivilegeAssignment> get(SecurableType type, String fullName, String principal) {
    return rest.get(path("permissions", type, fullName), RestTransport.query("principal", principal), Assignments.class)
        .assignments();
  }

  /** Applies every change in one transaction; answers the grants on the object afterwards. */
  public List<PrivilegeAssignment> update(SecurableType type, String fullName, List<PermissionsChange> changes) {
    return rest.patch(path("permissions", type, fullName), Map.of("changes", changes), Assignments.class).assignments();
  }

  public List<PrivilegeAssignment> grant(SecurableType type, String fullName, String principal, List<String> privileges) {
    return update(type, fullName, List.of(new PermissionsChange(principal, privileges, null)));
  }

  public List<PrivilegeAssignment> revoke(SecurableType type, String fullName, String principal, List<String> privileges) {
    return update(type, fullName, List.of(new PermissionsChange(principal, null, privileges)));
  }

  /** The privileges in force, inherited ones with where they come from (null principal: everyone). */
  public List<EffectiveAssignment> effective(SecurableType type, String fullName, String principal) {
    return rest.get(path("effective-permissions", type, fullName), RestTransport.query("principal", principal),
        EffectiveAssignments.class).assignments();
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Assignments(List<PrivilegeAssignment> privilegeAssignments) {
    List<PrivilegeAssignment> assignments() {
      return privilegeAssignments == null ? List.of() : privilegeAssignments;
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record EffectiveAssignments(List<EffectiveAssignment> privilegeAssignments) {
    List<EffectiveAssignment> assignments() {
      return privilegeAssignments == null ? List.of() : privilegeAssignments;
    }
  }
}
