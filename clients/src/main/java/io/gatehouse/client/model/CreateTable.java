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
    String viewDefinition) {}
