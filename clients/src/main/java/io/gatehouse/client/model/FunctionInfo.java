package io.gatehouse.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A function as the Unity Catalog API returns it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionInfo(
    String name,
    String catalogName,
    String schemaName,
    FunctionParameterInfos inputParams,
    String dataType,
    String fullDataType,
    FunctionParameterInfos returnParams,
    String routineBody,
    String routineDefinition,
    String parameterStyle,
    Boolean isDeterministic,
    String sqlDataAccess,
    Boolean isNullCall,
    String securityType,
    String specificName,
    String comment,
    String properties,
    String fullName,
    String owner,
    Long createdAt,
    String createdBy,
    Long updatedAt,
    String updatedBy,
    String functionId,
    String externalLanguage) {}
