package io.gatehouse.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A parameter of a function; {@code name}, {@code type_name} and {@code type_text} are required. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionParameterInfo(
    String name,
    String typeText,
    String typeJson,
    String typeName,
    Integer typePrecision,
    Integer typeScale,
    String typeIntervalType,
    Integer position,
    String parameterMode,
    String parameterType,
    String parameterDefault,
    String comment) {}
