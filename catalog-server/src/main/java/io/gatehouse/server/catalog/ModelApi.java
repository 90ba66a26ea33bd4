package io.gatehouse.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Wire shapes of the Unity Catalog 2.1 registered model and model version endpoints. */
public final class ModelApi {
  private ModelApi() {}

  public enum ModelVersionStatus { MODEL_VERSION_STATUS_UNKNOWN, PENDING_REGISTRATION, FAILED_REGISTRATION, READY }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RegisteredModelInfo(
      String name,
      String catalogName,
      String schemaName,
      String storageLocation,
      String fullName,
      String comment,
      String owner,
      Long createdAt,
      String createdBy,
      Long updatedAt,
      String updatedBy,
      String id) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateRegisteredModel(String name, String catalogName, String schemaName, String comment) {}

  /** Unity Catalog's fields (comment, new_name), and Databricks' owner. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdateRegisteredModel(String comment, String newName, String owner) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListRegisteredModelsResponse(List<RegisteredModelInfo> registeredModels, String nextPageToken) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ModelVersionInfo(
      String modelName,
      String catalogName,
      String schemaName,
      Long version,
      String source,
      String runId,
      ModelVersionStatus status,
      String storageLocation,
      String comment,
      Long createdAt,
      String createdBy,
      Long updatedAt,
      String updatedBy,
      String id) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateModelVersion(
      String modelName, String catalogName, String schemaName, String source, String runId, String comment) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdateModelVersion(String comment) {}

  /**
   * Unity Catalog's fields (full_name, version: the path's, repeated); {@code status} is
   * Gatehouse's addition: READY (the default) or FAILED_REGISTRATION, for a client whose upload failed.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record FinalizeModelVersion(String fullName, Long version, ModelVersionStatus status) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListModelVersionsResponse(List<ModelVersionInfo> modelVersions, String nextPageToken) {}
}
