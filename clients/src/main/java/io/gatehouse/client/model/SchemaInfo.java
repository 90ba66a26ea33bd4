package io.gatehouse.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** A schema as the Unity Catalog API returns it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchemaInfo(
    String name,
    String catalogName,
    String comment,
    Map<String, String> properties,
    String fullName,
    String owner,
    Long createdAt,
    String createdBy,
    Long updatedAt,
    String updatedBy,
    String schemaId,
    String storageRoot,
    String storageLocation) {}
