package io.gatehouse.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** The body of a table creation: EXTERNAL tables need {@code storage_location} and {@code data_source_format}, views {@code view_definition}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateTable(
    String name,
    String catalogName,
    String schemaName,
    String tableType,
    String dataSourceFormat,
    List<ColumnInfo> columns,
    String storageLocation,
    String comment,
    Map<String, String> properties,
    String viewDefinition,
    /** A view's {@code view_dependencies}: {@code {"dependencies": [{"table": {"table_full_name": ...}}]}}. */
    Map<String, Object> viewDependencies) {

  public CreateTable(String name, String catalogName, String schemaName, String tableType, String dataSourceFormat,
      List<ColumnInfo> columns, String storageLocation, String comment, Map<String, String> properties,
      String viewDefinition) {
    this(name, catalogName, schemaName, tableType, dataSourceFormat, columns, storageLocation, comment, properties,
        viewDefinition, null);
  }

  /** A view over {@code tables} (full names), owned by its creator. */
  public static CreateTable view(String name, String catalogName, String schemaName, List<ColumnInfo> columns,
      String comment, Map<String, String> properties, String viewDefinition, List<String> tables) {
    List<Object> dependencies = tables.stream()
        .<Object>map(t -> Map.of("table", Map.of("table_full_name", t))).toList();
    return new CreateTable(name, catalogName, schemaName, "VIEW", null, columns, null, comment, properties,
        viewDefinition, Map.of("dependencies", dependencies));
  }
}
