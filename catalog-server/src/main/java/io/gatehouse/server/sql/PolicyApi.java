package io.gatehouse.server.sql;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Wire shapes of attribute-based policies, as Databricks' Unity Catalog policies API has them
 * ({@code PolicyInfo}); they are also what {@code abac_policies.definition} stores, less the
 * fields the row holds itself.
 */
public final class PolicyApi {
  private PolicyApi() {}

  public static final String ROW_FILTER = "POLICY_TYPE_ROW_FILTER";
  public static final String COLUMN_MASK = "POLICY_TYPE_COLUMN_MASK";
  /** A privilege granted on every securable the policy's condition matches (Gatehouse's own, beside Databricks' DENY). */
  public static final String GRANT = "POLICY_TYPE_GRANT";
  /** A privilege denied on every securable the policy's condition matches, above every grant (Databricks' ABAC DENY). */
  public static final String DENY = "POLICY_TYPE_DENY";

  /** A MATCH COLUMNS condition and its alias. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MatchColumn(String condition, String alias) {}

  /** A function argument: an alias of MATCH COLUMNS, or a constant as SQL. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FunctionArgument(String alias, String constant) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RowFilterOptions(String functionName, List<FunctionArgument> using) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ColumnMaskOptions(String functionName, String onColumn, List<FunctionArgument> using) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PolicyInfo(
      String id,
      String name,
      String comment,
      String onSecurableType,
      String onSecurableFullname,
      String policyType,
      List<String> toPrincipals,
      List<String> exceptPrincipals,
      String forSecurableType,
      String whenCondition,
      List<MatchColumn> matchColumns,
      RowFilterOptions rowFilter,
      ColumnMaskOptions columnMask,
      List<String> privileges,
      Long createdAt,
      String createdBy,
      Long updatedAt,
      String updatedBy) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Policies(List<PolicyInfo> policies) {}

  /** What {@code abac_policies.definition} holds. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Stored(List<String> toPrincipals, List<String> exceptPrincipals, String whenCondition,
      List<MatchColumn> matchColumns, String onColumn, List<FunctionArgument> using, List<String> privileges,
      String forSecurableType) {}
}
