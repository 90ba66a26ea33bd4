package io.gatehouse.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** Wire shapes of the Unity Catalog 2.1 table endpoints. */
public final class TableApi {
  private TableApi() {}

  public enum TableType { MANAGED, EXTERNAL, STREAMING_TABLE, MATERIALIZED_VIEW, METRIC_VIEW, VIEW }

  public enum DataSourceFormat { DELTA, CSV, JSON, AVRO, PARQUET, ORC, TEXT, ICEBERG }

  public enum ColumnTypeName {
    BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DATE, TIMESTAMP, TIMESTAMP_NTZ, STRING, BINARY,
    DECIMAL, INTERVAL, ARRAY, STRUCT, MAP, VARIANT, CHAR, NULL, USER_DEFINED_TYPE, TABLE_TYPE
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ColumnInfo(
      String name,
      String typeText,
      String typeJson,
      ColumnTypeName typeName,
      Integer typePrecision,
      Integer typeScale,
      String typeIntervalType,
      Integer position,
      String comment,
      Boolean nullable,
      Integer partitionIndex) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TableDependency(String tableFullName) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FunctionDependency(String functionFullName) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Dependency(TableDependency table, FunctionDependency function) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DependencyList(List<Dependency> dependencies) {}

  /** Columns and properties are written as stored: the documents are kept in wire form. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TableInfo(
      String name,
      String catalogName,
      String schemaName,
      TableType tableType,
      DataSourceFormat dataSourceFormat,
      @JsonRawValue String columns,
      String storageLocation,
      String comment,
      @JsonRawValue String properties,
      String owner,
      Long createdAt,
      String createdBy,
      Long updatedAt,
      String updatedBy,
      String tableId,
      String viewDefinition,
      DependencyList viewDependencies,
      String fullName,
      /** Databricks' row_filter: {"function_name", "input_column_names"}; absent without one. */
      @JsonRawValue String rowFilter,
      /** Governance tags set with SQL's SET TAGS; absent when there are none. */
      @JsonRawValue String tags) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateTable(
      String name,
      String catalogName,
      String schemaName,
      TableType tableType,
      DataSourceFormat dataSourceFormat,
      List<ColumnInfo> columns,
      String storageLocation,
      String comment,
      Map<String, String> properties,
      String viewDefinition,
      DependencyList viewDependencies) {}

  /** Databricks' table update: ownership (Unity Catalog OSS has no table update). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdateTable(String owner) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListTablesResponse(List<TableInfo> tables, String nextPageToken) {}
}
