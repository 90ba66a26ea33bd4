package io.gatehouse.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A registered model as the Unity Catalog API returns it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
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
