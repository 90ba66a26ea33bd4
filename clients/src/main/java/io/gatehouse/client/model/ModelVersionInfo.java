package io.gatehouse.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A model version ({@code status} PENDING_REGISTRATION, READY or FAILED_REGISTRATION). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelVersionInfo(
    String modelName,
    String catalogName,
    String schemaName,
    Long version,
    String source,
    String runId,
    String status,
    String storageLocation,
    String comment,
    Long createdAt,
    String createdBy,
    Long updatedAt,
    String updatedBy,
    String id) {}
