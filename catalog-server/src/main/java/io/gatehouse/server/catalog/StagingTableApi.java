package io.gatehouse.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Wire shapes of Unity Catalog's staging-table endpoint. */
public final class StagingTableApi {
  private StagingTableApi() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateStagingTable(String name, String catalogName, String schemaName) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StagingTableInfo(
      String name, String catalogName, String schemaName, String id, String stagingLocation) {}
}
