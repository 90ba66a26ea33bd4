package io.gatehouse.server.network;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Wire shapes of the Databricks IP access lists API. */
public final class IpAccessListApi {
  private IpAccessListApi() {}

  /** Create: label, list_type and ip_addresses; a new list is enabled. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateList(String label, String listType, List<String> ipAddresses) {}

  /** Update (PATCH: the fields given) and replace (PUT: all four). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ChangeList(String label, String listType, List<String> ipAddresses, Boolean enabled) {}

  /** Times in epoch milliseconds; created_by and updated_by name the principal. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IpAccessListInfo(
      String listId,
      String label,
      String listType,
      List<String> ipAddresses,
      int addressCount,
      boolean enabled,
      long createdAt,
      String createdBy,
      long updatedAt,
      String updatedBy) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record OneList(IpAccessListInfo ipAccessList) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Lists(List<IpAccessListInfo> ipAccessLists) {}
}
