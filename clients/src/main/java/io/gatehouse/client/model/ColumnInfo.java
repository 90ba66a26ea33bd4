package io.gatehouse.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** A column of a table; {@code name} and {@code type_name} are required when creating, the server fills in {@code type_text} of simple types. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ColumnInfo(
    String name,
    String typeText,
    String typeJson,
    String typeName,
    Integer typePrecision,
    Integer typeScale,
    String typeIntervalType,
    Integer position,
    String comment,
    Boolean nullable,
    Integer partitionIndex,
    Map<String, String> tags,
    ColumnMask mask) {

  /** A column to create: the server fills in {@code type_text} for simple types. */
  public static ColumnInfo of(String name, String typeName) {
    return new ColumnInfo(name, null, null, typeName, null, null, null, null, null, null, null, null, null);
  }

  /** A column to create with its type as Spark writes it ({@code decimal(10,2)}, {@code array<string>}). */
  public static ColumnInfo of(String name, String typeName, String typeText) {
    return new ColumnInfo(name, typeText, null, typeName, null, null, null, null, null, null, null, null, null);
  }
}
