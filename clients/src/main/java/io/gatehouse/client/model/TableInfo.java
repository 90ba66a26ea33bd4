package io.gatehouse.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** A table or view as the Unity Catalog API returns it ({@code table_type} MANAGED, EXTERNAL or VIEW). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TableInfo(
    String name,
    String catalogName,
    String schemaName,
    String tableType,
    String dataSourceFormat,
    List<ColumnInfo> columns,
    String storageLocation,
    String comment,
    Map<String, String> properties,
    String owner,
    Long createdAt,
    String createdBy,
    Long updatedAt,
    String updatedBy,
    String tableId,
    String viewDefinition,
    String fullName,
    RowFilter rowFilter,
    Map<String, String> tags) {}
