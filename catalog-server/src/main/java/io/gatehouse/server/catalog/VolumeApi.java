package io.gatehouse.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Wire shapes of the Unity Catalog 2.1 volume endpoints. */
public final class VolumeApi {
  private VolumeApi() {}

  public enum VolumeType { MANAGED, EXTERNAL }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VolumeInfo(
      String catalogName,
      String schemaName,
      String name,
      String comment,
      String owner,
      Long createdAt,
      String createdBy,
      Long updatedAt,
      String updatedBy,
      String volumeId,
      VolumeType volumeType,
      String storageLocation,
      String fullName) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateVolume(
      String catalogName,
      String schemaName,
      String name,
      VolumeType volumeType,
      String comment,
      String storageLocation) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdateVolume(String comment, String newName, String owner) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListVolumesResponse(List<VolumeInfo> volumes, String nextPageToken) {}
}
