package io.gatehouse.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code function_info} of a function creation. {@link #sql} builds the common case: a SQL
 * function of named, typed parameters returning a scalar.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateFunction(
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
    String externalLanguage) {

  /** A parameter or return type: Unity Catalog's {@code type_name} and Spark's {@code type_text}. */
  public record Type(String typeName, String typeText) {}

  /** A named parameter of a SQL function. */
  public record Parameter(String name, Type type) {}

  /** A deterministic SQL function {@code catalog.schema.name(parameters) RETURNS returns RETURN body}. */
  public static CreateFunction sql(
      String catalog, String schema, String name, List<Parameter> parameters, Type returns, String body, String comment) {
    List<FunctionParameterInfo> params = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      params.add(new FunctionParameterInfo(p.name(), p.type().typeText(), null, p.type().typeName(), null, null, null, i,
          "IN", "PARAM", null, null));
    }
    return new CreateFunction(name, catalog, schema, new FunctionParameterInfos(params), returns.typeName(),
        returns.typeText(), null, "SQL", body, "S", true, "CONTAINS_SQL", false, "DEFINER", name, comment, null, null);
  }
}
