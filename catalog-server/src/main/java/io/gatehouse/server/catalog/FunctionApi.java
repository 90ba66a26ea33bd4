package io.gatehouse.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.server.catalog.TableApi.ColumnTypeName;
import io.gatehouse.server.catalog.TableApi.DependencyList;
import java.util.List;

/** Wire shapes of the Unity Catalog 2.1 function endpoints. */
public final class FunctionApi {
  private FunctionApi() {}

  public enum RoutineBody { SQL, EXTERNAL }

  public enum ParameterStyle { S }

  public enum SqlDataAccess { CONTAINS_SQL, READS_SQL_DATA, NO_SQL }

  public enum SecurityType { DEFINER }

  public enum ParameterMode { IN }

  public enum ParameterType { PARAM, COLUMN }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FunctionParameterInfo(
      String name,
      String typeText,
      String typeJson,
      ColumnTypeName typeName,
      Integer typePrecision,
      Integer typeScale,
      String typeIntervalType,
      Integer position,
      ParameterMode parameterMode,
      ParameterType parameterType,
      String parameterDefault,
      String comment) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FunctionParameterInfos(List<FunctionParameterInfo> parameters) {}

  /** Everything about a function except where it lives and who owns it: stored as one document. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CreateFunction(
      String name,
      String catalogName,
      String schemaName,
      FunctionParameterInfos inputParams,
      ColumnTypeName dataType,
      String fullDataType,
      FunctionParameterInfos returnParams,
      RoutineBody routineBody,
      String routineDefinition,
      DependencyList routineDependencies,
      ParameterStyle parameterStyle,
      Boolean isDeterministic,
      SqlDataAccess sqlDataAccess,
      Boolean isNullCall,
      SecurityType securityType,
      String specificName,
      String comment,
      String properties,
      String externalLanguage) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateFunctionRequest(CreateFunction functionInfo) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FunctionInfo(
      String name,
      String catalogName,
      String schemaName,
      FunctionParameterInfos inputParams,
      ColumnTypeName dataType,
      String fullDataType,
      FunctionParameterInfos returnParams,
      RoutineBody routineBody,
      String routineDefinition,
      DependencyList routineDependencies,
      ParameterStyle parameterStyle,
      Boolean isDeterministic,
      SqlDataAccess sqlDataAccess,
      Boolean isNullCall,
      SecurityType securityType,
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

  /** Databricks' function update: ownership (Unity Catalog OSS has no function update). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdateFunction(String owner) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListFunctionsResponse(List<FunctionInfo> functions, String nextPageToken) {}
}
