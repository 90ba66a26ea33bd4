package io.gatehouse.server.tags;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Wire shapes of the Databricks tag policies API (governed tags), and of who may assign them. */
public final class TagPolicyApi {
  private TagPolicyApi() {}

  /** One allowed value, as Databricks spells it ({@code {"name": "..."}}). */
  public record Value(String name) {}

  /**
   * A governed tag: its key, description and allowed values (none: any value). Times in epoch
   * milliseconds, as the Databricks API gives them.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TagPolicy(String id, String tagKey, String description, List<Value> values, Long createTime,
      Long updateTime, String createdBy, String updatedBy) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TagPolicies(List<TagPolicy> tagPolicies, String nextPageToken) {}

  /** Grant or take away ASSIGN on a governed tag, in the shape of the Unity Catalog permissions API. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PermissionsChange(String principal, List<String> add, List<String> remove) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdatePermissions(List<PermissionsChange> changes) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PrivilegeAssignment(String principal, List<String> privileges) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Permissions(List<PrivilegeAssignment> privilegeAssignments) {}
}
