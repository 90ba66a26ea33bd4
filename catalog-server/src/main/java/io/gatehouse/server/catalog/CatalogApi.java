package io.gatehouse.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** Wire shapes of the Unity Catalog 2.1 catalog and schema endpoints. */
public final class CatalogApi {
  private CatalogApi() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CatalogInfo(
      String name,
      String comment,
      @JsonRawValue String properties,
      String owner,
      Long createdAt,
      String createdBy,
      Long updatedAt,
      String updatedBy,
      String id,
      String storageRoot,
      String storageLocation,
      String isolationMode) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateCatalog(
      String name, String comment, Map<String, String> properties, String storageRoot) {}

  /** Unity Catalog's UpdateCatalog, plus {@code owner} as Databricks accepts it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  /** {@code isolation_mode}: OPEN or ISOLATED (Databricks'), bound through the bindings API. */
  public record UpdateCatalog(
      String comment, Map<String, String> properties, String newName, String owner, String isolationMode) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListCatalogsResponse(List<CatalogInfo> catalogs, String nextPageToken) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SchemaInfo(
      String name,
      String catalogName,
      String comment,
      @JsonRawValue String properties,
      String fullName,
      String owner,
      Long createdAt,
      String createdBy,
      Long updatedAt,
      String updatedBy,
      String schemaId,
      String storageRoot,
      String storageLocation) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateSchema(
      String name,
      String catalogName,
      String comment,
      Map<String, String> properties,
      String storageRoot) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdateSchema(
      String comment, Map<String, String> properties, String newName, String owner) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListSchemasResponse(List<SchemaInfo> schemas, String nextPageToken) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MetastoreSummary(
      String metastoreId, String name, String storageRoot, Long createdAt, String owner) {}
}
