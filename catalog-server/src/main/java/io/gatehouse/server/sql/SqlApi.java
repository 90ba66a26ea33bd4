package io.gatehouse.server.sql;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Wire shapes of {@code POST /api/gatehouse/v1/sql}, after Databricks' statement execution API. */
public final class SqlApi {
  private SqlApi() {}

  /** A script of one or more statements, with the catalog and schema that unqualified names use. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ExecuteRequest(String statement, String catalog, String schema) {}

  /** One column of a result. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Column(String name, String typeName) {}

  /**
   * What one statement returned: rows under columns for queries (SHOW, DESCRIBE), a status line
   * for the rest.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StatementResult(
      String statement, int line, String status, List<Column> columns, List<List<String>> rows) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ExecuteResponse(String status, List<StatementResult> results) {}
}
