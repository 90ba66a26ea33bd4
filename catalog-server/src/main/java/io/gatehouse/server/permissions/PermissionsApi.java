package io.gatehouse.server.permissions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Wire shapes of the Unity Catalog permissions API and of Gatehouse's explain and who-can. */
public final class PermissionsApi {
  private PermissionsApi() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PrivilegeAssignment(String principal, List<String> privileges) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PermissionsList(List<PrivilegeAssignment> privilegeAssignments) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PermissionsChange(String principal, List<String> add, List<String> remove) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdatePermissions(List<PermissionsChange> changes) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EffectivePrivilege(String privilege, String inheritedFromType, String inheritedFromName, Boolean deny) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record EffectiveAssignment(String principal, List<EffectivePrivilege> privileges) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record EffectivePermissionsList(List<EffectiveAssignment> privilegeAssignments) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  /**
   * {@code decidedBy} names the GRANT or DENY policy that decided ({@code policy no_pii on catalog
   * main}), or is null when grants, denies, ownership or the admin right did.
   */
  public record Explanation(
      String principal, String privilege, String securableType, String fullName, boolean allowed, String reason,
      List<String> basis, String decidedBy) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Holder(String principal, String via) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record WhoCan(
      String privilege, String securableType, String fullName, List<Holder> principals, List<Holder> denied) {}

  /**
   * What engines apply when {@code principal} reads {@code fullName}: null filter, no masks when
   * none. {@code decidedBy} names, for the filter ({@code row_filter}) and each masked column, the
   * policy it comes from ({@code pii_mask on catalog main}) or the table's own filter or mask.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record DataPolicies(String fullName, String principal, long policyVersion, String rowFilter,
      java.util.Map<String, String> columnMasks, java.util.Map<String, String> decidedBy) {}

  /**
   * The caller's own access to an object: {@code browseOnly} when only BROWSE shows it (its
   * grants to others, data policies and data are then not the caller's to read), and for the
   * object and each container above it (top first) whether the caller may manage it. {@code
   * groups} are the caller's groups as these decisions counted them: direct, nested, and those
   * its token asserts (sorted).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CallerAccess(String principal, List<String> groups, String securableType, String fullName,
      long policyVersion, boolean browseOnly, boolean manage, List<LevelAccess> levels) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record LevelAccess(String securableType, String fullName, boolean manage) {}
}
