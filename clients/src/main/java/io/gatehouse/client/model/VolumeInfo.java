package io.gatehouse.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A volume as the Unity Catalog API returns it ({@code volume_type} MANAGED or EXTERNAL). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
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
    String volumeType,
    String storageLocation,
    String fullName) {}
